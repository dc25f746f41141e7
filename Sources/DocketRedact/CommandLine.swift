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
        // The shipped word lists are indexed on a second core while the roster is read.
        Thread { _ = NameIndex.wordClasses }.start()
        let rosterRead = Lists.readRoster(csv: try read(rosterPath), file: rosterPath)
        let roster = rosterRead.members
        // A member id twice is looked for on a second core while the names are indexed; any
        // problem with the roster is reported before a word is read.
        let rosterProblem = Joinable<ListError?>()
        Thread { rosterProblem.finish(rosterRead.firstProblem(file: rosterPath)) }.start()
        // The other files are read meanwhile; a problem with them is reported after the roster's.
        let lists = Result { () throws -> ([PublicPerson], Pseudonyms) in
            let publicList = try Lists.publicList(csv: try read(publicPath), file: publicPath)
            var pseudonyms = Pseudonyms()
            if let path = options["--pseudonyms"], FileManager.default.fileExists(atPath: path) {
                guard let table = try? JSONDecoder().decode([String: String].self, from: Data(try read(path).utf8)) else {
                    throw Failure(description: "\(path): not a pseudonym table written by docket redact")
                }
                pseudonyms = Pseudonyms(labels: table)
            }
            return (publicList, pseudonyms)
        }
        let built = Result { () throws -> Redactor in
            let (publicList, pseudonyms) = try lists.get()
            return Redactor(
                roster: roster, publicList: publicList,
                options: .init(keepUnknown: flags.contains("--keep-unknown"), membershipPattern: membershipPattern),
                pseudonyms: pseudonyms)
        }
        if let problem = rosterProblem.join() { throw problem }
        let redactor = try built.get()
        redactor.recordsOriginals = false
        let mapFile = try options["--map"].map { path -> FileHandle in
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                throw Failure(description: "\(path): cannot write the map")
            }
            return h
        }
        let stdout = FileHandle.standardOutput
        let showProgress = isatty(2) == 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var first = true, unknown = 0
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
        // Each piece's output and map entries are written as soon as it is done.
        func wrote(_ total: Int) {
            if let mapFile, mapBuffer.count > 1 << 16 { mapFile.write(Data(mapBuffer)); mapBuffer.removeAll(keepingCapacity: true) }
            if showProgress {
                let mb = Double(total) / 1_048_576
                FileHandle.standardError.write(Data(String(format: "\rredacting: %.1f MB, %.1f s", mb, Date().timeIntervalSince(started)).utf8))
            }
        }
        if format == .html {
            let stream = RedactionStream(redactor: redactor, format: format)
            var total = 0
            while true {
                let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20)
                total += chunk.count
                stream.feed(Array(chunk), final: chunk.isEmpty, output: { stdout.write(Data($0)) }, entry: entry)
                wrote(total)
                if chunk.isEmpty { break }
            }
        } else {
            // Text and Markdown on two cores: a second thread reads the next piece and analyses it
            // (`Redactor.prepare`, then the listed name at each word) while this one finds what to
            // replace in the piece before and writes it. The names are looked up in blocks of words
            // that either thread takes, so whichever is free helps. Pseudonyms and remembered
            // surnames are given here, in the document's order.
            let pieces = PieceQueue()
            let ahead = Redactor(sharingListsOf: redactor)
            let reader = Thread { [ahead = UncheckedSendable(ahead)] in
                var carry: [UInt8] = []
                var total = 0
                while true {
                    let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20)
                    total += chunk.count
                    carry.append(contentsOf: chunk)
                    let cut = chunk.isEmpty ? carry.count : RedactionStream.safeCut(carry, format: format)
                    if cut > 0 {
                        let piece = Array(carry[0..<cut])
                        carry.removeFirst(cut)
                        let prepared = piece.withUnsafeBufferPointer { ahead.value.prepare($0) }
                        let job = PieceQueue.Piece(bytes: piece, analysis: prepared, total: total)
                        pieces.put(job)
                        job.help(ahead.value)
                    }
                    if chunk.isEmpty { break }
                }
                pieces.put(nil)
            }
            reader.stackSize = 1 << 23
            reader.start()
            let helper = Redactor(sharingListsOf: redactor)
            var scalarBase = 0
            var out: [UInt8] = []
            while let piece = pieces.take() {
                piece.help(helper)
                let analysis = piece.finished()
                out.removeAll(keepingCapacity: true)
                piece.bytes.withUnsafeBufferPointer { p in
                    redactor.redactText(p, scalarBase: scalarBase, out: &out, analysis: analysis, entry: entry)
                }
                scalarBase += analysis.scalars
                stdout.write(Data(out))
                wrote(piece.total)
            }
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

    /// Pieces of the input, handed from the reading thread to the writing one; at most two wait,
    /// so memory stays at a few pieces however large the input.
    final class PieceQueue: @unchecked Sendable {
        /// A piece, prepared, whose names are looked up in blocks by whichever thread is free.
        final class Piece: @unchecked Sendable {
            let bytes: [UInt8]
            /// Read by both threads, written by neither.
            private let analysis: Redactor.Analysis
            let total: Int
            private let names: UnsafeMutableBufferPointer<UInt64>
            private let condition = NSCondition()
            private var next = 0
            private var unfinished: Int
            static let block = 4096

            init(bytes: [UInt8], analysis: Redactor.Analysis, total: Int) {
                self.bytes = bytes
                self.analysis = analysis
                self.total = total
                names = .allocate(capacity: analysis.tokens.count)
                unfinished = (analysis.tokens.count + Self.block - 1) / Self.block
            }

            deinit { names.deallocate() }

            /// Takes blocks of words not yet taken and looks up their names, until none is left.
            func help(_ redactor: Redactor) {
                while true {
                    condition.lock()
                    let start = next
                    next = min(next + Self.block, analysis.tokens.count)
                    let end = next
                    condition.unlock()
                    if start >= end { return }
                    bytes.withUnsafeBufferPointer { redactor.names($0, of: analysis, words: start..<end, into: names) }
                    condition.lock()
                    unfinished -= 1
                    condition.broadcast()
                    condition.unlock()
                }
            }

            /// The whole analysis, once every block is done (waiting for one another thread holds).
            func finished() -> Redactor.Analysis {
                condition.lock()
                while unfinished > 0 { condition.wait() }
                condition.unlock()
                var whole = analysis
                whole.names = Array(names)
                return whole
            }
        }
        private let condition = NSCondition()
        private var waiting: [Piece?] = []

        /// Hands over a piece; nil marks the end of the input.
        func put(_ piece: Piece?) {
            condition.lock()
            while waiting.count >= 2 { condition.wait() }
            waiting.append(piece)
            condition.broadcast()
            condition.unlock()
        }

        /// The next piece, waiting for it; nil at the end of the input.
        func take() -> Piece? {
            condition.lock()
            while waiting.isEmpty { condition.wait() }
            let piece = waiting.removeFirst()
            condition.broadcast()
            condition.unlock()
            return piece
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
        func number(_ n: Int) {
            // Offsets are never negative; digits are written straight, with no string made.
            guard n > 0 else { out.append(contentsOf: Array(String(n).utf8)); return }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { d in
                var n = n, k = d.count
                while n > 0 {
                    k -= 1
                    d[k] = UInt8(0x30 + n % 10)
                    n /= 10
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: d[k...]))
            }
        }
        func string(_ s: String) {
            out.append(0x22)
            // Labels, kinds and ids rarely need escaping: then they are copied whole.
            var s = s
            let plain = s.withUTF8 { b in
                for c in b where c < 0x20 || c == 0x22 || c == 0x5C { return false }
                out.append(contentsOf: b)
                return true
            }
            if plain {
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
