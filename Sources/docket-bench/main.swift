import DocketBench
import DocketRedact
import Foundation

// `swift run -c release docket-bench history [--cases N] [--years Y] [--members M] [--runs R] [--db PATH] [--reuse]`
//
// A generated history of N cases (default 1,000,000) in SQLite, then the time of `audit verify`,
// the quarterly report and every oversight page over HTTP. See docs/benchmarks.md.
if CommandLine.arguments.dropFirst().first == "history" {
    do {
        try await HistoryBenchmark.run(arguments: CommandLine.arguments)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("docket-bench history: \(error)\n".utf8))
        exit(1)
    }
}

// `swift run -c release docket-bench [redact] [--members N] [--megabytes M] [--runs R]`
//
// Redaction throughput on one core: a generated roster of private members (default 50,000),
// a public list, and a generated report of about M MB (default 40) mixing ordinary prose with
// members' names, aliases, handles, officials, e-mail addresses, phone numbers, postcodes and
// membership numbers. Prints MB/s for each run and the median, and the peak resident memory
// after a small and a large document, to show memory follows the roster, not the document.

struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let args = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
    return v
}
let members = option("--members", 50_000)
let megabytes = option("--megabytes", 40)
let runs = option("--runs", 5)

var rng = Generator(state: 2026)
let firsts = [
    "Aisha", "Ben", "Chloé", "Daniel", "Efua", "Farid", "Grace", "Hamza", "Isla", "Jacob", "Kemi", "Liam", "Maya", "Noah",
    "Olu", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zara", "Miriam", "David",
    "Fatima", "Kwame", "Siobhan", "Tomasz", "Leah", "Arjun", "Nadia", "Owen", "Ruth", "Declan", "Amara", "Josef",
]
let syllables = [
    "ab", "ber", "cor", "dal", "ers", "fin", "gar", "hol", "ing", "jon", "kel", "lin", "mor", "nes", "ord", "per",
    "quin", "ros", "sten", "tor", "ul", "van", "wick", "yard", "zel", "ston", "ley", "ham", "ford", "by",
]
func surname(_ n: Int) -> String {
    var n = n, s = ""
    repeat { s += syllables[n % syllables.count]; n /= syllables.count } while n > 0
    return s.prefix(1).uppercased() + s.dropFirst() + "s"
}

var roster: [PrivatePerson] = []
roster.reserveCapacity(members)
for i in 0..<members {
    let name = "\(firsts[i % firsts.count]) \(surname(i / firsts.count + 7))"
    let aliases = i % 3 == 0 ? ["@member\(i)"] : []
    roster.append(PrivatePerson(memberId: "M\(i)", fullName: name, aliases: aliases))
}
let officials = (0..<200).map { PublicPerson(name: "\(firsts[$0 % firsts.count]) Official\(surname($0))") }

let prose = [
    "the", "branch", "committee", "met", "on", "Tuesday", "and", "considered", "the", "complaint", "that", "was",
    "raised", "after", "a", "meeting", "in", "which", "several", "members", "said", "they", "felt", "intimidated", "by",
    "comments", "made", "about", "their", "background", "The", "panel", "heard", "evidence", "from", "witnesses", "who",
    "described", "what", "happened", "in", "detail", "and", "noted", "that", "the", "rulebook", "requires", "respect",
]

@MainActor func document(bytes: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes + 200)
    var words = 0
    while out.count < bytes {
        let r = Int(rng.next() % 100)
        let piece: String
        switch r {
        case 0..<6: piece = roster[Int(rng.next() % UInt64(roster.count))].fullName
        case 6: piece = "@member\(Int(rng.next() % UInt64(members / 3)) * 3)"
        case 7: piece = officials[Int(rng.next() % 200)].name
        case 8: piece = "member\(rng.next() % 99999)@example.org"
        case 9: piece = "07700 \(100_000 + Int(rng.next() % 899_999))"
        default: piece = prose[Int(rng.next() % UInt64(prose.count))]
        }
        out.append(contentsOf: piece.utf8)
        words += 1
        out.append(words % 14 == 0 ? 0x0A : 0x20)
    }
    return out
}

func peakResidentKB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return -1 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

@MainActor func redact(_ input: [UInt8]) -> (seconds: Double, outBytes: Int, entries: Int) {
    let redactor = Redactor(roster: roster, publicList: officials)
    let stream = RedactionStream(redactor: redactor, format: .text)
    var outBytes = 0, entries = 0
    let start = DispatchTime.now().uptimeNanoseconds
    var i = 0
    let piece = 1 << 20
    while i < input.count {
        stream.feed(Array(input[i..<min(i + piece, input.count)]), final: false, output: { outBytes += $0.count }, entry: { _ in entries += 1 })
        i += piece
    }
    stream.feed([], final: true, output: { outBytes += $0.count }, entry: { _ in entries += 1 })
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, outBytes, entries)
}

let indexStart = DispatchTime.now().uptimeNanoseconds
_ = Redactor(roster: roster, publicList: officials)
let indexSeconds = Double(DispatchTime.now().uptimeNanoseconds - indexStart) / 1e9
print("roster: \(members) private members, \(officials.count) officials; building the index took \(String(format: "%.3f", indexSeconds)) s")

let small = document(bytes: 4 << 20)
let afterSmallDoc = peakResidentKB()
_ = redact(small)
let afterSmall = peakResidentKB()
print(
    "4 MB report (~850 pages): \(String(format: "%.3f", redact(small).seconds)) s; peak resident \(afterSmall / 1024) MB (document held: \(afterSmallDoc / 1024) MB)"
)

let large = document(bytes: megabytes << 20)
var rates: [Double] = []
var last = (seconds: 0.0, outBytes: 0, entries: 0)
for run in 1...runs {
    last = redact(large)
    let rate = Double(large.count) / 1_048_576 / last.seconds
    rates.append(rate)
    print("run \(run): \(megabytes) MB in \(String(format: "%.3f", last.seconds)) s = \(String(format: "%.1f", rate)) MB/s, \(last.entries) replacements")
}
rates.sort()
print("median: \(String(format: "%.1f", rates[rates.count / 2])) MB/s on one core")
print("peak resident after the \(megabytes) MB runs: \(peakResidentKB() / 1024) MB (the generated document itself takes \(large.count >> 20) MB)")

// What users run: `docket redact` itself, end to end (reading standard input, writing the
// document and, with --map, the JSON map to files), with and without the map, on the same
// document and lists written to files.
let docket = args.firstIndex(of: "--docket").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } ?? ".build/release/docket"
if FileManager.default.isExecutableFile(atPath: docket) {
    let dir = NSTemporaryDirectory() + "docket-bench-redact/"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let rosterCSV =
        "member_id,full_name,aliases\n" + roster.map { "\($0.memberId),\($0.fullName),\($0.aliases.joined(separator: "|"))" }.joined(separator: "\n")
    let publicCSV = "name,aliases\n" + officials.map(\.name).joined(separator: "\n")
    FileManager.default.createFile(atPath: dir + "roster.csv", contents: Data(rosterCSV.utf8))
    FileManager.default.createFile(atPath: dir + "public.csv", contents: Data(publicCSV.utf8))
    FileManager.default.createFile(atPath: dir + "in.txt", contents: Data(large))
    for withMap in [false, true] {
        var seconds: [Double] = []
        for _ in 1...runs {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: docket)
            p.arguments = ["redact", "--roster", dir + "roster.csv", "--public", dir + "public.csv"] + (withMap ? ["--map", dir + "map.json"] : [])
            p.standardInput = FileHandle(forReadingAtPath: dir + "in.txt")
            FileManager.default.createFile(atPath: dir + "out.txt", contents: nil)
            p.standardOutput = FileHandle(forWritingAtPath: dir + "out.txt")
            p.standardError = FileHandle.nullDevice
            // Waited for as a shell waits: Foundation's `waitUntilExit` polls a run loop every
            // 50 ms on Linux, which added up to 0.05 s to each run.
            let exited = DispatchSemaphore(value: 0)
            p.terminationHandler = { _ in exited.signal() }
            let start = DispatchTime.now().uptimeNanoseconds
            try p.run()
            exited.wait()
            guard p.terminationStatus == 0 else { print("docket redact exited \(p.terminationStatus)"); exit(1) }
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        seconds.sort()
        let median = seconds[seconds.count / 2]
        let mapBytes = (try? FileManager.default.attributesOfItem(atPath: dir + "map.json")[.size] as? Int) ?? 0
        print(
            "docket redact\(withMap ? " --map" : ""), end to end: \(megabytes) MB in a median \(String(format: "%.2f", median)) s = \(String(format: "%.1f", Double(large.count) / 1_048_576 / median)) MB/s"
                + (withMap ? " (map \(mapBytes >> 20) MB)" : ""))
    }
    // `--keep` leaves the files for a profiler: `perf record docket redact … < in.txt`.
    if args.contains("--keep") { print("files kept in \(dir)") } else { try? FileManager.default.removeItem(atPath: dir) }
} else {
    print("(\(docket) not built: `swift build -c release --product docket` to time the command end to end)")
}
