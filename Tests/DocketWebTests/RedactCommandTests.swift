import DocketRedact
import Foundation
import Testing

/// `docket redact` as a user runs it: files in, standard input to standard output, exit codes.
@Suite("docket redact on the command line")
struct RedactCommandTests {
    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/docket").standardized
    }

    func run(_ arguments: [String], input: String) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["redact"] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin; process.standardOutput = stdout; process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func files(_ roster: String, _ officials: String) throws -> (URL, URL, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("redact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try roster.write(to: dir.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        try officials.write(to: dir.appendingPathComponent("public.csv"), atomically: true, encoding: .utf8)
        return (dir.appendingPathComponent("roster.csv"), dir.appendingPathComponent("public.csv"), dir)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: RedactCommandTests.binary.path)))
    func it_redacts_standard_input_and_writes_the_map() throws {
        let (roster, officials, dir) = try files("member_id,full_name,aliases\nM1,Alice Example,@alice_ex\n", "name,aliases\nGrace Hussain,\n")
        let map = dir.appendingPathComponent("map.json")
        let r = try run(
            ["--roster", roster.path, "--public", officials.path, "--map", map.path, "--format", "html"],
            input: "<p title=\"Alice Example\">@alice_ex met Grace Hussain</p>")
        #expect(r.status == 0)
        #expect(r.out == "<p title=\"Member A\">Member A met Grace Hussain</p>")
        let entries = try JSONSerialization.jsonObject(with: Data(contentsOf: map)) as? [[String: Any]]
        #expect(entries?.count == 2)
        #expect(entries?.first?["start"] as? Int == 10)
        #expect(entries?.first?["member_id"] as? String == "M1")
        #expect(entries?.first?["kind"] as? String == "member")
        #expect(Set(entries?.first?.keys.map { $0 } ?? []) == ["start", "end", "replacement", "kind", "member_id"])
        #expect(!(try String(contentsOf: map, encoding: .utf8)).contains("Alice"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: RedactCommandTests.binary.path)))
    func a_malformed_roster_is_named_with_its_line_and_nothing_is_written() throws {
        let (roster, officials, _) = try files("member_id,full_name,aliases\nM1,Alice Example,\nM2,,\n", "")
        let r = try run(["--roster", roster.path, "--public", officials.path], input: "Alice Example")
        #expect(r.status == 1)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("roster.csv, line 3: full_name is empty"))
        // A problem with the roster is named before one with the other files (the roster is
        // checked on a second core while they are read).
        let (twice, _, _) = try files("M1,Alice Example,\nM2,Bob Example,\nM1,Carol Example,\n", "")
        let both = try run(["--roster", twice.path, "--public", "/nonexistent/public.csv"], input: "Alice Example")
        #expect(both.status == 1)
        #expect(both.out.isEmpty)
        #expect(both.err.contains("roster.csv, line 3: member_id M1 is also on line 1"), "\(both.err)")
        let (good, _, _) = try files("M1,Alice Example,\n", "")
        let publicOnly = try run(["--roster", good.path, "--public", "/nonexistent/public.csv"], input: "Alice Example")
        #expect(publicOnly.status == 1)
        #expect(publicOnly.out.isEmpty)
        #expect(publicOnly.err.contains("/nonexistent/public.csv: cannot read the file"), "\(publicOnly.err)")
        let missing = try run(["--public", officials.path], input: "")
        #expect(missing.status == 1)
        #expect(missing.err.contains("--roster and --public are required"))
        // A membership pattern that could match no number is refused, not obeyed in silence.
        for pattern in ["", "X"] {
            let odd = try run(["--roster", roster.path, "--public", officials.path, "--membership-pattern", pattern], input: "A1234567")
            #expect(odd.status == 1)
            #expect(odd.out.isEmpty)
            #expect(odd.err.contains("has no L (a letter) or D (a digit)"), "\(odd.err)")
        }
    }

    /// The command reads names ahead on another thread; what a word is read as in passing still
    /// counts in the document's order, as in process (`RedactorTests.passingExamples`).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: RedactCommandTests.binary.path)))
    func names_read_in_passing_count_as_in_process() throws {
        let examples: [(roster: String, keepUnknown: Bool, text: String, redacted: String)] = [
            ("X,Sunil Kumar,Sunny\nY,Sunny Patel,\n", false, "Sunny Patels complaint", "Member B complaint"),
            (
                "M1,Tom Rayner,\nM2,Tom Rayner Smith,\n", false, "Tom Rayner Smiths report was read. Later, Rayner agreed.",
                "Member B report was read. Later, Member A agreed."
            ),
            ("M1,Alice Smith,\nM2,Jane Alice,\n", true, "Tom J. Alice Smith said. Smith left.", "Tom Member B Member A said. Member A left."),
            ("M1,Tom Rayner,\nM2,Alice Smith,\n", false, "Tom J. Rayner  Alice Smith", "Member B  Member A"),
        ]
        for example in examples {
            let (roster, officials, _) = try files(example.roster, "name,aliases\n")
            let r = try run(["--roster", roster.path, "--public", officials.path] + (example.keepUnknown ? ["--keep-unknown"] : []), input: example.text)
            #expect(r.status == 0)
            #expect(r.out == example.redacted, "\(example.text)")
        }
    }

    /// `docket redact` reads the next piece of its input on a second core while it writes the one
    /// before. Its output and map must be exactly what reading the pieces one after the other
    /// gives: the same pseudonyms in the same order, a surname alone recognised pieces after its
    /// full name, and offsets in Unicode scalars across pieces full of accents and curly quotes.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: RedactCommandTests.binary.path)))
    func a_document_of_many_pieces_is_redacted_as_if_read_in_one_go() throws {
        let given = ["Tom", "Élodie", "Sarah", "Keir", "Priya", "Wen", "Chloé", "Siobhan", "Noah", "Grace"]
        let family = ["Rayner", "Durand", "Okonkwo", "Jones", "Patel", "Li", "Dubois", "O'Brien", "Hill", "Whitfield"]
        var roster = "member_id,full_name,aliases\n"
        var people: [PrivatePerson] = []
        // Over 10,000 members and 256 KB: the roster is read, and its names indexed, in two halves.
        for i in 0..<12_000 {
            let name = "\(given[i % 10]) \(family[(i / 10) % 10])\(i >= 100 ? "-\(i / 100)" : "")"
            roster += "M\(i),\(name),@m\(i)\n"
            people.append(PrivatePerson(memberId: "M\(i)", fullName: name, aliases: ["@m\(i)"]))
        }
        let officials = "name,aliases\nMarcus Whitfield,\n"
        let (rosterFile, officialsFile, dir) = try files(roster, officials)
        // About 3 MB: three pieces of 1 MB and a tail. Every line mixes listed members, surnames
        // alone, people on no list, personal data and text outside ASCII.
        var lines: [String] = []
        var n = 0
        var bytes = 0
        while bytes < 3_200_000 {
            let a = people[(n * 7) % 2_000], b = people[(n * 13 + 5) % people.count]
            let surname = a.fullName.split(separator: " ").last.map(String.init) ?? ""
            let line: String
            switch n % 6 {
            case 0: line = "“\(a.fullName)” wrote to \(b.fullName) on 3 May; Dr Hill and Sarah Okafor were copied (line \(n))."
            case 1: line = "Later \(surname) said that @m\(n % 12_000) had phoned 07700 900\(String(format: "%03d", n % 1000)) — café at noon."
            case 2: line = "However Okafor said \(b.fullName)s complaint was sent to ref\(n)@example.org, not to Marcus Whitfield."
            case 3: line = "Mr Whitfield and T. Rayner met Élodie Durand’s panel; \(surname.uppercased()) replied."
            case 4: line = "Ms \(surname) and \(a.fullName) — A1234\(String(format: "%03d", n % 1000)) — discussed the Charity Commission report."
            default: line = "Nothing personal here: the committee met on Tuesday, n° \(n), and agreed the minutes."
            }
            lines.append(line)
            bytes += line.utf8.count + 1
            n += 1
        }
        let document = lines.joined(separator: "\n") + "\n"
        let input = dir.appendingPathComponent("in.txt"), output = dir.appendingPathComponent("out.txt")
        let map = dir.appendingPathComponent("map.json")
        try document.write(to: input, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["redact", "--roster", rosterFile.path, "--public", officialsFile.path, "--map", map.path]
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        // The same document read piece after piece by one thread, as the command reads it
        // (standard input from a file arrives in pieces of 1 MB).
        let redactor = Redactor(roster: people, publicList: [PublicPerson(name: "Marcus Whitfield")])
        redactor.recordsOriginals = false
        let stream = RedactionStream(redactor: redactor, format: .text)
        var expected: [UInt8] = []
        var entries: [MapEntry] = []
        let all = Array(document.utf8)
        var at = 0
        while at < all.count {
            let end = min(at + (1 << 20), all.count)
            stream.feed(Array(all[at..<end]), final: false, output: { expected.append(contentsOf: $0) }, entry: { entries.append($0) })
            at = end
        }
        stream.feed([], final: true, output: { expected.append(contentsOf: $0) }, entry: { entries.append($0) })

        let written = try Data(contentsOf: output)
        #expect(written.count == expected.count)
        let firstByte = zip(written, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstByte == nil, "the command's output differs from reading the pieces in turn at byte \(firstByte ?? -1)")
        let decoded = try JSONDecoder().decode([MapEntry].self, from: Data(contentsOf: map))
        #expect(decoded.count == entries.count)
        // The first entry that differs, if any, named alone (a whole map in a failure is unreadable).
        let firstDifference = zip(decoded, entries).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(
            firstDifference == nil,
            "map entry \(firstDifference?.offset ?? -1): the command wrote \(String(describing: firstDifference?.element.0)), reading the pieces in turn gives \(String(describing: firstDifference?.element.1))"
        )
        // And it did its work: members, surnames alone in later pieces, and personal data.
        let text = String(decoding: written, as: UTF8.self)
        #expect(entries.count > 50_000)
        #expect(!text.contains("Rayner") && !text.contains("@example.org") && !text.contains("07700"))
        #expect(text.contains("Marcus Whitfield") && text.contains("Charity Commission"))
        #expect(Set(entries.map(\.kind)).isSuperset(of: [.member, .unknownName, .email, .phone, .membershipNumber]))
    }
}
