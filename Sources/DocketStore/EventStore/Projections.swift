import DocketCore
import Fluent
import Foundation
import SQLKit

/// The oversight projections (and who stands where in each case), written with every command and
/// rebuilt from the log on demand.
public enum Projections {
    /// Rewrites one case's oversight row and, if it has any, its interference entries.
    static func writeOversight(_ file: CaseFile, isNew: Bool, seq: Int64, on tx: any Database) async throws {
        let facts = (isNew ? nil : try await CaseFacts.find(file.id, on: tx)) ?? CaseFacts()
        let exists = facts.id != nil
        facts.update(from: OversightCase(file), seq: seq)
        if exists { try await facts.update(on: tx) } else { try await facts.create(on: tx) }
        // Entries are only ever added to a file, so a file without any has nothing to rewrite.
        if !file.interference.isEmpty {
            try await InterferenceEntry.query(on: tx).filter(\.$caseId == file.id).delete()
            for record in file.interference { try await InterferenceEntry(record, in: file).create(on: tx) }
        }
        if !file.programmeReviews.isEmpty {
            try await ProgrammeReviewEntry.query(on: tx).filter(\.$caseId == file.id).delete()
            for review in file.programmeReviews { try await ProgrammeReviewEntry(review, in: file).create(on: tx) }
        }
    }

    /// Rebuilds the oversight projections by replaying the log: every case when `all`, otherwise
    /// only cases that have no oversight row yet (a database from before the projection existed).
    /// Each batch is one transaction. Returns the number of cases rebuilt.
    @discardableResult
    public static func rebuild(
        all: Bool, procedure: Procedure, on db: any Database, batch: Int = 500,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> Int {
        let sql = db as! any SQLDatabase
        if all {
            try await db.transaction { tx in
                try await InterferenceEntry.query(on: tx).delete()
                try await ProgrammeReviewEntry.query(on: tx).delete()
                try await CaseFacts.query(on: tx).delete()
            }
        }
        let missing = try await sql.raw("SELECT id FROM cases WHERE id NOT IN (SELECT id FROM case_facts)")
            .all().map { try $0.decode(column: "id", as: UUID.self) }
        var done = 0
        for start in stride(from: 0, to: missing.count, by: batch) {
            let ids = Array(missing[start..<min(start + batch, missing.count)])
            try await db.transaction { tx in
                try await Chain.lock("events", on: tx)
                let seq = try await Chain.head("events", on: tx).seq
                let rows = try await EventRecord.query(on: tx).filter(\.$caseId ~~ ids).sort(\.$id).all()
                let keys = try await SubjectKey.ring(for: ids, on: tx)
                let events = Dictionary(grouping: rows, by: \.caseId)
                for id in ids {
                    guard let file = procedure.replay(try (events[id] ?? []).map { try $0.recorded(keys: keys) }) else { continue }
                    try await writeOversight(file, isNew: true, seq: seq, on: tx)
                    // Who stands where, with each person's own deadline.
                    try await CaseMembership.query(on: tx).filter(\.$caseId == id).delete()
                    for row in CaseMembership.rows(for: file, procedure: procedure) { try await row.create(on: tx) }
                }
            }
            done += ids.count
            progress?(done, missing.count)
        }
        if all || done > 0 {
            // Readers that keep a copy must start again: rows went, and came back with old positions.
            try await db.transaction { tx in
                try await Setting.query(on: tx).filter(\.$id == CaseFacts.generationKey).delete()
                try await Setting(key: CaseFacts.generationKey, value: UUID().uuidString).create(on: tx)
            }
        }
        return done
    }
}
