import Foundation

/// `docket redact --roster ROSTER.csv --public PUBLIC.csv [--map MAP.json] [--pseudonyms P.json]
///  [--format text|markdown|html] [--keep-unknown] [--membership-pattern LDDDDDDD] < IN > OUT`
///
/// Reads standard input in pieces and writes the redacted document to standard output as it
/// goes; the map is written as a JSON array as entries arrive. Progress goes to standard error
/// when that is a terminal.
public enum RedactCommandLine {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    static let usage =
        "usage: docket redact --roster ROSTER.csv --public PUBLIC.csv [--map MAP.json] [--pseudonyms PSEUDONYMS.json] [--format text|markdown|html] [--keep-unknown] [--membership-pattern LDDDDDDD] < IN > OUT"

    public static func run(_ arguments: [String]) throws {
        var options: [String: String] = [:]
        var flags: Set<String> = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--keep-unknown": flags.insert(a); i += 1
            case "--roster", "--public", "--map", "--format", "--pseudonyms", "--membership-pattern":
                guard i + 1 < arguments.count else { throw Failure(description: "\(a) needs a value\n\(usage)") }
                options[a] = arguments[i + 1]; i += 2
            default: throw Failure(description: "unknown option \(a)\n\(usage)")
            }
        }
        guard let rosterPath = options["--roster"], let publicPath = options["--public"] else {
            throw Failure(description: "--roster and --public are required\n\(usage)")
        }
        guard let format = DocumentFormat(rawValue: options["--format"] ?? "text") else {
            throw Failure(description: "--format must be text, markdown or html")
        }
        // A pattern with no letter or digit place would match no membership number, and numbers
        // would go out unredacted without a word: it is refused.
        let membershipPattern = options["--membership-pattern"] ?? "LDDDDDDD"
        guard membershipPattern.contains("D") || membershipPattern.contains("L") else {
            throw Failure(
                description:
                    "--membership-pattern '\(membershipPattern)' has no L (a letter) or D (a digit), so it would match no membership number; the default is LDDDDDDD"
            )
        }
        let roster = try Lists.roster(csv: try read(rosterPath), file: rosterPath)
        let publicList = try Lists.publicList(csv: try read(publicPath), file: publicPath)
        var pseudonyms = Pseudonyms()
        if let path = options["--pseudonyms"], FileManager.default.fileExists(atPath: path) {
            guard let table = try? JSONDecoder().decode([String: String].self, from: Data(try read(path).utf8)) else {
                throw Failure(description: "\(path): not a pseudonym table written by docket redact")
            }
            pseudonyms = Pseudonyms(labels: table)
        }
        let redactor = Redactor(
            roster: roster, publicList: publicList,
            options: .init(
                keepUnknown: flags.contains("--keep-unknown"),
                membershipPattern: membershipPattern),
            pseudonyms: pseudonyms)
        redactor.recordsOriginals = false
        let mapFile = try options["--map"].map { path -> FileHandle in
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                throw Failure(description: "\(path): cannot write the map")
            }
            return h
        }
        let stream = RedactionStream(redactor: redactor, format: format)
        let stdout = FileHandle.standardOutput, stdin = FileHandle.standardInput
        let showProgress = isatty(2) == 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var first = true, total = 0, unknown = 0
        var mapBuffer: [UInt8] = Array("[".utf8)
        mapBuffer.reserveCapacity(1 << 17)
        let entry: (MapEntry) -> Void = { e in
            if e.kind == .unknownName { unknown += 1 }
            guard mapFile != nil else { return }
            mapBuffer.append(contentsOf: first ? [0x0A] : [0x2C, 0x0A])
            e.writeJSON(into: &mapBuffer)
            first = false
        }
        let started = Date()
        while true {
            let chunk = stdin.readData(ofLength: 1 << 20)
            total += chunk.count
            stream.feed(Array(chunk), final: chunk.isEmpty, output: { stdout.write(Data($0)) }, entry: entry)
            if let mapFile, mapBuffer.count > 1 << 16 { mapFile.write(Data(mapBuffer)); mapBuffer.removeAll(keepingCapacity: true) }
            if showProgress {
                let mb = Double(total) / 1_048_576
                FileHandle.standardError.write(Data(String(format: "\rredacting: %.1f MB, %.1f s", mb, Date().timeIntervalSince(started)).utf8))
            }
            if chunk.isEmpty { break }
        }
        if let mapFile {
            mapBuffer.append(contentsOf: Array("\n]\n".utf8))
            mapFile.write(Data(mapBuffer))
            try mapFile.close()
        }
        if let path = options["--pseudonyms"] {
            let data = try encoder.encode(redactor.pseudonyms.labels)
            guard FileManager.default.createFile(atPath: path, contents: data) else { throw Failure(description: "\(path): cannot write") }
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        if unknown > 0 {
            FileHandle.standardError.write(Data("\(unknown) name(s) on no list were redacted as unknown; review them in the map (kind unknown_name).\n".utf8))
        }
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "\(path): cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw Failure(description: "\(path): not UTF-8 text") }
        return text
    }
}

extension MapEntry {
    /// The entry as JSON with its keys sorted, as `JSONEncoder` with `.sortedKeys` would write
    /// it, straight into a buffer: the map of a large document has hundreds of thousands of
    /// entries, and an encoder per entry cost half of `docket redact --map`'s time.
    func writeJSON(into out: inout [UInt8]) {
        func number(_ n: Int) { out.append(contentsOf: Array(String(n).utf8)) }
        func string(_ s: String) {
            out.append(0x22)
            // Labels, kinds and ids rarely need escaping: then they are copied whole.
            if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                out.append(contentsOf: s.utf8)
                out.append(0x22)
                return
            }
            for b in s.utf8 {
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0..<0x20: out.append(contentsOf: Array(String(format: "\\u%04x", b).utf8))
                default: out.append(b)
                }
            }
            out.append(0x22)
        }
        out.append(contentsOf: Self.keys[0])
        number(end)
        out.append(contentsOf: Self.keys[1])
        string(kind.rawValue)
        if let memberId {
            out.append(contentsOf: Self.keys[2])
            string(memberId)
        }
        out.append(contentsOf: Self.keys[3])
        string(replacement)
        out.append(contentsOf: Self.keys[4])
        number(start)
        out.append(0x7D)
    }

    private static let keys: [[UInt8]] = [#"{"end":"#, #","kind":"#, #","member_id":"#, #","replacement":"#, #","start":"#].map { Array($0.utf8) }
}
