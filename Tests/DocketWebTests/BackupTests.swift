import DocketCore
import DocketStore
import Foundation
import Testing

@testable import DocketWeb

/// `docket backup` and `docket restore`, run as an operator runs them: as commands beside a real
/// `docket serve` that members are filing complaints through.
@Suite("Backups", .serialized)
struct BackupTests {
    @Test func a_backup_taken_during_concurrent_filings_restores_and_verifies() async throws {
        final class Seed: @unchecked Sendable { var filers: [TestApp.User] = [] }
        let seed = Seed()
        try await LiveServer.run(prepare: { t in
            try await t.installRulebook()
            for i in 1...4 { seed.filers.append(try await t.user("Filer \(i)", [.member], number: "B000000\(i)")) }
            _ = try await t.user("Rory Respondent", [.member], number: "B0000009")
        }) { server in
            let dir = NSTemporaryDirectory() + "docket-backup-\(UUID().uuidString)/"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            guard case .sqlite = server.kind else {
                // On PostgreSQL the commands say what to use instead, and change nothing.
                let r = try await LiveServer.command(["backup", "--out", dir + "copy.sqlite"], on: server.kind)
                #expect(r.status != 0)
                #expect(r.err.contains("pg_dump"), "\(r.err)")
                #expect(!FileManager.default.fileExists(atPath: dir + "copy.sqlite"))
                return
            }
            // Members file while the backup is taken.
            let filing = Task { () -> Int in
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for filer in seed.filers {
                        group.addTask {
                            var ok = 0
                            for n in 1...12 {
                                let r = try await LiveClient(server).api(
                                    .POST, "/api/v1/cases", token: filer.token,
                                    json: [
                                        "respondent_membership_number": "B0000009", "relation": "witness", "category": "bullying",
                                        "summary": "Filing \(n) by \(filer.person.displayName)",
                                    ])
                                if r.status == .created { ok += 1 }
                            }
                            return ok
                        }
                    }
                    return try await group.reduce(0, +)
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            let backup = try await LiveServer.command(["backup", "--out", dir + "copy.sqlite"], on: server.kind)
            let filed = try await filing.value
            #expect(filed == 48)
            #expect(backup.status == 0, "\(backup.err)")
            #expect(backup.out.contains("every chain verified"), "\(backup.out)")
            #expect(!FileManager.default.fileExists(atPath: dir + "copy.sqlite.partial"))

            // A second backup to the same name is refused, and the first is untouched.
            let before = try Data(contentsOf: URL(fileURLWithPath: dir + "copy.sqlite"))
            let again = try await LiveServer.command(["backup", "--out", dir + "copy.sqlite"], on: server.kind)
            #expect(again.status != 0)
            #expect(again.err.contains("already exists"), "\(again.err)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "copy.sqlite")) == before)

            // Restored into a new database, it verifies and holds a whole prefix of the filings.
            let target = DocketConfig.DatabaseKind.sqlite(path: dir + "restored.sqlite")
            let restore = try await LiveServer.command(["restore", dir + "copy.sqlite"], on: target)
            #expect(restore.status == 0, "\(restore.err)")
            let verify = try await LiveServer.command(["audit", "verify"], on: target)
            #expect(verify.status == 0, "\(verify.err)")
            let report = try AuditVerifier.verify(sqlite: dir + "restored.sqlite")
            let copied = try AuditVerifier.verify(sqlite: dir + "copy.sqlite")
            // The restore itself is one more event on the restored chain.
            #expect(report.events == copied.events + 1)
            let file = try SQLiteFile(path: dir + "restored.sqlite")
            let cases = try file.prepare("SELECT COUNT(*) FROM cases")
            _ = try cases.step()
            let casesRestored = cases.int64(0)
            let kinds = try file.prepare("SELECT COUNT(*) FROM events WHERE kind = 'complaint_filed'")
            _ = try kinds.step()
            // Every case in the copy has its filing on the chain, and its list row: nothing half-written.
            #expect(casesRestored == kinds.int64(0))
            #expect(casesRestored <= 48)

            // The live record says a backup was taken, and verifies.
            let live = try await LiveServer.command(["audit", "verify"], on: server.kind)
            #expect(live.status == 0, "\(live.err)")
            if case .sqlite(let path) = server.kind {
                let taken = try SQLiteFile(path: path).prepare("SELECT COUNT(*) FROM events WHERE kind = 'backup_taken'")
                _ = try taken.step()
                #expect(taken.int64(0) == 1)
            }

            // A database that holds data is not replaced without --force.
            let refused = try await LiveServer.command(["restore", dir + "copy.sqlite"], on: target)
            #expect(refused.status != 0)
            #expect(refused.err.contains("--force"), "\(refused.err)")
            #expect(try AuditVerifier.verify(sqlite: dir + "restored.sqlite").events == report.events)
            let forced = try await LiveServer.command(["restore", dir + "copy.sqlite", "--force"], on: target)
            #expect(forced.status == 0, "\(forced.err)")
            #expect(try AuditVerifier.verify(sqlite: dir + "restored.sqlite").events == copied.events + 1)

            // A file that is not a verifying backup is refused, and nothing changes.
            FileManager.default.createFile(atPath: dir + "junk.sqlite", contents: Data("not a database".utf8))
            let junk = try await LiveServer.command(["restore", dir + "junk.sqlite", "--force"], on: target)
            #expect(junk.status != 0)
            #expect(junk.err.contains("nothing was changed"), "\(junk.err)")
            #expect(try AuditVerifier.verify(sqlite: dir + "restored.sqlite").events == copied.events + 1)
        }
    }
}
