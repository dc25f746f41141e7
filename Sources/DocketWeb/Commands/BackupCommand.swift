import Crypto
import DocketCore
import DocketStore
import Foundation
import SQLKit
import Vapor

/// `docket backup --out FILE`: a consistent copy of the SQLite database, taken while `serve` runs,
/// with SQLite's online backup API. The copy's chains are verified before it is called a backup,
/// and the taking of it is recorded on the chain: a whole copy of the record is the largest
/// disclosure an operator can make, and the auditors are told of each.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "out", help: "the file to write; it must not exist")
        var out: String?
    }

    var help: String { "A verified copy of the database while it is in use: `docket backup --out FILE` (SQLite; PostgreSQL: see the README)." }

    /// The stream of operations on the record as a whole (backups, restores).
    static let operationsStream = UUID(uuidString: "5E771465-0000-4000-8000-000000000003")!

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application, console = context.console
        guard let live = app.docket.sqlitePath else { throw CommandFailure(DatabaseCopy.postgresAdvice) }
        guard let out = signature.out, !out.isEmpty else { throw CommandFailure("say where to write the copy: `docket backup --out FILE`") }
        guard !FileManager.default.fileExists(atPath: out) else {
            throw CommandFailure("\(out) already exists; a backup never overwrites a file. Choose a new name, or move the old copy away first.")
        }
        let partial = out + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        console.output("Copying \(live)…".consoleText(.info))
        let started = Date()
        let copy: RecordEvent.Copy
        do {
            copy = try await NIOThreadPool.singleton.runIfActive {
                var lastTenth = -1
                try SQLiteFile(path: live).backup(to: partial, pagesPerStep: 1024) { remaining, total in
                    let tenth = total == 0 ? 10 : Int((total - remaining) * 10 / total)
                    if tenth != lastTenth { lastTenth = tenth; console.output("  \(tenth * 10)% of \(total) pages copied".consoleText(.info)) }
                }
                return try DatabaseCopy.verify(partial)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw CommandFailure("the backup failed and nothing was kept: \(error)")
        }
        try FileManager.default.moveItem(atPath: partial, toPath: out)
        try await app.db.transaction { tx in
            try await AccountActs.record(
                .backupTaken(copy), about: nil, stream: Self.operationsStream, by: nil, at: app.docket.clock(),
                org: app.docket.config.organisationName, on: tx)
        }
        console.output(
            "Backup written to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(copy.bytes) bytes, \(copy.events) events and \(copy.accesses) access-log entries, every chain verified. SHA-256 \(copy.sha256)."
                .consoleText(.success))
        console.output("It holds every member's personal data: keep it encrypted, off this server, and test a restore of it (README, Backups).")
    }
}

/// `docket restore FILE [--force]`: puts a backup in place of the database. It refuses a file
/// whose chains do not verify, and a database that holds anything unless `--force` is given. The
/// restore is recorded on the restored chain; anything recorded after the backup was taken is
/// gone, and a signed checkpoint from after it no longer verifies, which is how auditors see it.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "a copy written by `docket backup`")
        var file: String
        @Flag(name: "force", help: "replace a database that already holds data")
        var force: Bool
    }

    var help: String { "Puts a verified backup in place of the database: `docket restore FILE [--force]` (stop `docket serve` first)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application, console = context.console
        guard let live = app.docket.sqlitePath else { throw CommandFailure(DatabaseCopy.postgresAdvice) }
        let file = signature.file
        guard FileManager.default.fileExists(atPath: file) else { throw CommandFailure("\(file) does not exist") }
        let copy: RecordEvent.Copy
        do { copy = try await NIOThreadPool.singleton.runIfActive { try DatabaseCopy.verify(file) } } catch {
            throw CommandFailure("\(file) is not a backup that verifies, and nothing was changed: \(error)")
        }
        let sql = app.db as! any SQLDatabase
        let held =
            try await sql.raw("SELECT (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM people) AS n").first()?.decode(column: "n", as: Int.self) ?? 0
        if held > 0, !signature.force {
            throw CommandFailure(
                "\(live) already holds data (\(held) events and people); restoring would replace it. Nothing was changed. Give --force to replace it, after taking a backup of it."
            )
        }
        try await NIOThreadPool.singleton.runIfActive { try SQLiteFile(path: file).backup(to: live) }
        // Fluent's connections see the new file from their next statement.
        let restored = try await NIOThreadPool.singleton.runIfActive { try DatabaseCopy.verify(live) }
        guard restored.events == copy.events, restored.accesses == copy.accesses else {
            throw CommandFailure("the restored database does not match the backup (\(restored.events) events against \(copy.events)); restore again")
        }
        try await app.db.transaction { tx in
            try await AccountActs.record(
                .databaseRestored(copy), about: nil, stream: BackupCommand.operationsStream, by: nil, at: app.docket.clock(),
                org: app.docket.config.organisationName, on: tx)
        }
        console.output(
            "Restored \(file) to \(live): \(copy.events) events and \(copy.accesses) access-log entries, every chain verified. The restore is recorded on the chain."
                .consoleText(.success))
        if held > 0 {
            console.output("Anything recorded after this backup was taken is gone; signed checkpoints from after it will no longer verify.")
        }
    }
}

enum DatabaseCopy {
    static let postgresAdvice =
        "this database is PostgreSQL: back it up with pg_dump (or continuous archiving for point-in-time recovery) and restore with pg_restore; the README's Backups section says how"

    /// Verifies the chains of the SQLite file at `path` and describes it.
    static func verify(_ path: String) throws -> RecordEvent.Copy {
        let report = try AuditVerifier.verify(sqlite: path)
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += Int64(chunk.count)
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return RecordEvent.Copy(sha256: digest, bytes: bytes, events: report.events, accesses: report.accesses)
    }
}
