import DocketCore
import Fluent
import Foundation

/// Every read of a case file is recorded, chained like the events, so that "who looked at this?"
/// always has an answer.
public enum AccessLog {
    public static func record(caseId: CaseID, actorId: PersonID?, purpose: String, at now: Date, on db: any Database) async throws {
        let at = Instant.truncate(now)
        try await db.transaction { tx in
            try await Chain.lock("access", on: tx)
            let head = try await Chain.head("access", on: tx)
            let seq = head.seq + 1
            let fields = HashChain.accessFields(seq: seq, caseId: caseId, actorId: actorId, occurredAt: at, purpose: purpose)
            let row = AccessRecord()
            row.id = seq; row.caseId = caseId; row.actorId = actorId; row.occurredAt = Instant.millis(at); row.purpose = purpose
            row.prevHash = head.hash
            row.hash = HashChain.hash(previous: head.hash, fields: fields)
            try await row.create(on: tx)
            try await Chain.setHead("access", seq: seq, hash: row.hash, on: tx)
        }
    }

    public static func entries(forCase caseId: CaseID, on db: any Database) async throws -> [AccessRecord] {
        try await AccessRecord.query(on: db).filter(\.$caseId == caseId).sort(\.$id).all()
    }
}
