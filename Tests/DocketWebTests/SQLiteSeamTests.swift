import DocketCore
import DocketStore
import Fluent
import Foundation
import SQLKit
import Testing

@testable import DocketWeb

/// `SQLiteFile` reaches SQLite through `VaporCSQLite`, a module of sqlite-nio that is not one of
/// its products, so that the fast readers and Fluent's driver use one copy of SQLite and share
/// its locks. These tests fail loudly if that stops being true, and check that each fast reader
/// agrees with the plain path through Fluent. They run on their own SQLite file, whatever
/// database the rest of the suite uses.
@Suite("The one seam to SQLite outside Fluent")
struct SQLiteSeamTests {
    static func sqliteFile() -> DocketConfig.DatabaseKind {
        .sqlite(path: NSTemporaryDirectory() + "docket-seam-\(UUID().uuidString).sqlite")
    }

    @Test func no_other_file_imports_the_module() throws {
        let root = LiveServer.packageRoot.appendingPathComponent("Sources")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 50)
        let importers = try files.filter { try String(contentsOf: $0, encoding: .utf8).contains("import VaporCSQLite") }.map(\.lastPathComponent)
        #expect(importers == ["SQLiteFile.swift"])
    }

    @Test func the_seam_and_the_driver_run_one_copy_of_sqlite_and_share_its_locks() async throws {
        let kind = Self.sqliteFile()
        guard case .sqlite(let path) = kind else { return }
        try await TestApp.run(on: kind, keep: false) { (t: TestApp) async throws in
            let sql = t.app.db as! any SQLDatabase
            // The same build of SQLite: its source id names the exact check-in it was built from.
            let driver = try #require(try await sql.raw("SELECT sqlite_source_id() AS id").first()?.decode(column: "id", as: String.self))
            #expect(SQLiteFile.sourceID == driver)

            // While Fluent's connection holds the write lock, the seam's connection cannot write;
            // two copies of SQLite would each keep locks the other does not see, and both would write.
            let refused = try await t.app.db.transaction { tx -> Bool in
                try await (tx as! any SQLDatabase).raw("INSERT INTO settings (key, value) VALUES ('seam-a', 'held')").run()
                let file = try SQLiteFile(path: path, readOnly: false, busyMilliseconds: 200)
                do { try file.execute("INSERT INTO settings (key, value) VALUES ('seam-b', 'while held')") } catch {
                    return "\(error)".contains("locked") || "\(error)".contains("busy")
                }
                return false
            }
            #expect(refused, "the seam wrote while the driver held the write lock")
            // Once the driver commits, the seam writes, and the driver reads what it wrote.
            try SQLiteFile(path: path, readOnly: false, busyMilliseconds: 200).execute("INSERT INTO settings (key, value) VALUES ('seam-b', 'after')")
            #expect(try await Setting.find("seam-b", on: t.app.db)?.value == "after")
            #expect(try await Setting.find("seam-a", on: t.app.db)?.value == "held")
        }
    }

    @Test func each_fast_reader_agrees_with_the_plain_path() async throws {
        let kind = Self.sqliteFile()
        guard case .sqlite(let path) = kind else { return }
        try await TestApp.run(on: kind, keep: false) { (t: TestApp) async throws in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 40, seed: 5)

            // The oversight projection: every row, and the rows written after a midpoint.
            let head = try #require(try await ChainHead.find("events", on: t.app.db)).seq
            for after in [Int64(0), head / 2, head] {
                let fast = try OversightFacts.read(sqlite: path, after: after)
                let plain = try await OversightFacts.written(after: after, on: t.app.db)
                #expect(fast.through == plain.through)
                #expect(fast.cases.count == plain.cases.count)
                #expect(fast.cases.sorted { $0.id.uuidString < $1.id.uuidString } == plain.cases.sorted { $0.id.uuidString < $1.id.uuidString })
                if after == 0 { #expect(fast.cases.count == 40) }
            }

            // The verifier: the same report from the file reader and from the SQL walk, whole and
            // from a checkpoint.
            let whole = try AuditVerifier.verify(sqlite: path)
            #expect(whole == (try await AuditVerifier.verify(on: t.app.db)))
            #expect(whole.events == head)
            let half = AuditVerifier.Checkpoint(
                eventSeq: head / 2, eventHash: try #require(try await EventRecord.find(head / 2, on: t.app.db)).hash, accessSeq: 0,
                accessHash: HashChain.genesis)
            #expect(try AuditVerifier.verify(sqlite: path, after: half) == (try await AuditVerifier.verify(on: t.app.db, after: half)))
        }
    }

    /// The oversight columns are described once, in `CaseFacts.Column`: the model's fields, the
    /// table the migrations made, the fast reader's positions and the bulk writer's parameters
    /// all follow it.
    @Test func the_oversight_columns_are_described_once() async throws {
        let kind = Self.sqliteFile()
        try await TestApp.run(on: kind, keep: false) { (t: TestApp) async throws in
            #expect(CaseFacts.columns.first == "id" && CaseFacts.columns.last == "written_seq")
            #expect(CaseFacts.Column.caseworkerId.name == "caseworker_id" && CaseFacts.Column.dismissedAtTriage.name == "dismissed_at_triage")
            #expect(Set(CaseFacts.columns) == Set(CaseFacts.keys.map(\.description)))
            #expect(CaseFacts.columns.count == CaseFacts.keys.count)
            let table = try await (t.app.db as! any SQLDatabase).raw("SELECT name FROM pragma_table_info('case_facts')").all()
                .map { try $0.decode(column: "name", as: String.self) }
            #expect(Set(table) == Set(CaseFacts.columns))
        }
    }
}
