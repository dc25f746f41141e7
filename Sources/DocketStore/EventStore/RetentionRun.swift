import DocketCore
import Fluent
import Foundation
import SQLKit

/// The retention schedule applied: every ended case whose period has run out on a day is erased
/// (its keys destroyed, its files deleted, the erasure recorded on its stream), unless a legal
/// hold stands on it. Which case goes, and why, is the core's verdict; this only finds the
/// candidates and carries the verdict out.
public enum RetentionRun {
    public struct Entry: Sendable, Equatable {
        public var reference: String
        public var retentionClass: RetentionClass
        public var due: Day
        /// The hold's reasons, for a case kept by a legal hold.
        public var hold: String?
    }

    public struct Report: Sendable {
        public var day: Day
        public var dryRun: Bool
        public var erased: [Entry] = []
        public var held: [Entry] = []
        /// What reclaiming the space said: nil when nothing was erased (or a dry run).
        public var vacuum: String?
    }

    /// Runs retention as of `day`. `sqlite`: the database file, vacuumed after an erasure so that
    /// what was erased is gone from the file and not only unreadable.
    public static func run(
        on day: Day, dryRun: Bool, store: CaseStore, at now: Date, on db: any Database, sqlite: String?,
        progress: ((Int, Int) -> Void)? = nil
    ) async throws -> Report {
        let procedure = store.procedure
        let schedule = procedure.policy.retention
        var report = Report(day: day, dryRun: dryRun)
        // No case closed after the shortest period before `day` can be due: those are not read.
        let shortest = RetentionClass.allCases.map { schedule.months(for: $0) }.min() ?? 1
        let cutoff = Instant.millis(procedure.calendar.start(of: day.adding(months: -shortest).adding(days: 1)))
        let rows = try await (db as! any SQLDatabase).raw(
            """
            SELECT id FROM cases WHERE stage IN ('dismissed', 'resolved', 'closed') AND erased_at IS NULL
            AND stage_entered_at < \(bind: cutoff) ORDER BY stage_entered_at, id
            """
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
        for (n, id) in rows.enumerated() {
            progress?(n, rows.count)
            guard let file = try await store.load(id, on: db) else { continue }
            switch schedule.verdict(for: file, on: day, calendar: procedure.calendar) {
            case .erase(let c, let due):
                if !dryRun {
                    do {
                        _ = try await store.erase(id, by: .commandLine, at: now, on: db) { current in
                            try procedure.retentionErasure(of: current, on: day)
                        }
                    } catch is DueProcessError {
                        continue  // erased or held since it was read (another process's run, a hold just placed)
                    }
                }
                report.erased.append(Entry(reference: file.reference, retentionClass: c, due: due))
            case .held(let reasons, let due, let c):
                report.held.append(Entry(reference: file.reference, retentionClass: c, due: due, hold: reasons))
            case .open, .keep, .erased: continue
            }
        }
        progress?(rows.count, rows.count)
        if !dryRun, !report.erased.isEmpty { report.vacuum = try await reclaim(on: db, sqlite: sqlite) }
        return report
    }

    /// Makes erased bytes leave the database's files. SQLite: the search index is merged, the file
    /// rebuilt (`VACUUM`), and the write-ahead log folded in and emptied. PostgreSQL keeps dead
    /// rows until they are vacuumed; the tables that held the keys and files are vacuumed now.
    public static func reclaim(on db: any Database, sqlite: String?) async throws -> String {
        let sql = db as! any SQLDatabase
        guard let sqlite else {
            try await sql.raw("VACUUM subject_keys").run()
            try await sql.raw("VACUUM evidence_files").run()
            try await sql.raw("VACUUM notifications").run()
            return "PostgreSQL: subject_keys, evidence_files and notifications vacuumed"
        }
        let before = (try? FileManager.default.attributesOfItem(atPath: sqlite)[.size] as? Int) ?? 0
        try await sql.raw("INSERT INTO case_search(case_search) VALUES('optimize')").run()
        try await sql.raw("VACUUM").run()
        let checkpoint = try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").first()
        let busy = (try? checkpoint?.decode(column: "busy", as: Int.self)) ?? 0
        let after = (try? FileManager.default.attributesOfItem(atPath: sqlite)[.size] as? Int) ?? 0
        return "SQLite file vacuumed (\(before) to \(after) bytes)"
            + (busy == 0 ? "; write-ahead log emptied" : "; the write-ahead log is still in use by a reader and is emptied at its next checkpoint")
    }
}
