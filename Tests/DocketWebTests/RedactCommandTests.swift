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
}
