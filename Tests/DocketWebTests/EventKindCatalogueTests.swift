import DocketCore
import Foundation
import Testing

@testable import DocketWeb

/// Event kinds are named in the core only: the layers outside it use the catalogues
/// (`CaseEvent.kind`, `RecordEvent.Kind`), so a kind cannot be misspelt or drift.
@Suite("The catalogue of event kinds")
struct EventKindCatalogueTests {
    @Test func no_layer_outside_the_core_spells_an_event_kind() throws {
        let root = LiveServer.packageRoot
        let coding = try String(contentsOf: root.appendingPathComponent("Sources/DocketCore/Lifecycle/CaseEvent+Coding.swift"), encoding: .utf8)
        var kinds = Set(RecordEvent.Kind.allCases.map(\.rawValue))
        for line in coding.split(separator: "\n") where line.contains("case .") && line.contains(": \"") {
            if let q = line.split(separator: "\"").dropFirst().first { kinds.insert(String(q)) }
        }
        #expect(kinds.count >= 50, "\(kinds.count) kinds found")
        var offenders: [String] = []
        for target in ["Sources/DocketWeb", "Sources/DocketStore"] {
            let dir = root.appendingPathComponent(target)
            let files =
                FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            for file in files {
                // A column may share a kind's name (case_facts.hearing_held); a column is no kind.
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                    .filter { !$0.contains("Field(key:") && !$0.contains(".field(") && !$0.contains("\"written_seq\"") }
                for line in lines {
                    for kind in kinds where line.contains("\"\(kind)\"") { offenders.append("\(file.lastPathComponent): \(kind)") }
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    /// Paths are built in `SiteURL` only: no controller, view model, policy or middleware spells
    /// one (the OpenAPI document describes the API's paths, and is checked against the routes).
    @Test func no_layer_spells_a_path_but_site_url() throws {
        let root = LiveServer.packageRoot.appendingPathComponent("Sources/DocketWeb")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
            .filter {
                $0.pathExtension == "swift" && !["SiteURL.swift", "OpenAPIDocument.swift"].contains($0.lastPathComponent)
            } ?? []
        #expect(files.count > 30)
        var offenders: [String] = []
        for file in files {
            for (n, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.range(of: #""/[a-z]"#, options: .regularExpression) != nil && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                offenders.append("\(file.lastPathComponent):\(n + 1)")
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    /// Benchmarks and history generation live in `DocketBench`, which only `docket-bench`
    /// imports: the application neither ships nor calls them.
    @Test func nothing_of_the_benchmarks_ships_in_the_application() throws {
        let root = LiveServer.packageRoot.appendingPathComponent("Sources")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        var offenders: [String] = []
        for file in files where !file.path.contains("/Sources/DocketBench/") {
            let text = try String(contentsOf: file, encoding: .utf8)
            if text.contains("import DocketBench"), !file.path.contains("/Sources/docket-bench/") { offenders.append(file.lastPathComponent) }
            for name in ["HistoryWriter", "HistoryBenchmark", "MemoryWorld"] where text.contains(name) && !file.path.contains("/Sources/docket-bench/") {
                offenders.append("\(file.lastPathComponent): \(name)")
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
        let manifest = try String(contentsOf: LiveServer.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let docket = try #require(manifest.range(of: #"name: "docket",\s*dependencies: \[[^\]]*\]"#, options: .regularExpression))
        #expect(manifest[docket].contains("DocketWeb") && !manifest[docket].contains("DocketBench"))
    }

    /// Migrations live in `DocketStore/Migrations` only, each in its own numbered file.
    @Test func migrations_live_only_in_the_migrations_folder() throws {
        let root = LiveServer.packageRoot.appendingPathComponent("Sources")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        var outside: [String] = []
        for file in files where !file.path.contains("/Sources/DocketStore/Migrations/") {
            let text = try String(contentsOf: file, encoding: .utf8)
            if text.range(of: #":\s*(Async)?Migration\b"#, options: .regularExpression) != nil { outside.append(file.lastPathComponent) }
        }
        #expect(outside.isEmpty, "\(outside)")
    }
}
