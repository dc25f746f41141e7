import Fluent
import Foundation

/// One full verification of both chains: when it ran, how far it got, and its verdict. The audit
/// page checks only what was added since the last full run that passed, so it answers at once
/// however long the record; a full run can be started from the page or with `docket audit verify`.
public final class AuditRun: Model, @unchecked Sendable {
    public static let schema = "audit_runs"

    // managed
    @ID(key: .id) public var id: UUID?

    // references
    @OptionalField(key: "started_by") public var startedBy: UUID?

    // data
    @Field(key: "started_at") public var startedAt: Int64
    @OptionalField(key: "finished_at") public var finishedAt: Int64?
    /// Entries verified so far; while running, updated as it goes.
    @Field(key: "events_verified") public var eventsVerified: Int64
    @Field(key: "accesses_verified") public var accessesVerified: Int64
    @OptionalField(key: "passed") public var passed: Bool?
    @OptionalField(key: "detail") public var detail: String?
    // the checkpoint a later check may start from (set when it passed)
    @OptionalField(key: "event_seq") public var eventSeq: Int64?
    @OptionalField(key: "event_hash") public var eventHash: String?
    @OptionalField(key: "access_seq") public var accessSeq: Int64?
    @OptionalField(key: "access_hash") public var accessHash: String?

    public init() {}
    public init(startedBy: UUID?, at: Int64) {
        self.startedBy = startedBy; startedAt = at; eventsVerified = 0; accessesVerified = 0
    }

    public var checkpoint: AuditVerifier.Checkpoint? {
        guard passed == true, let eventSeq, let eventHash, let accessSeq, let accessHash else { return nil }
        return .init(eventSeq: eventSeq, eventHash: eventHash, accessSeq: accessSeq, accessHash: accessHash)
    }

    public func finish(_ result: Result<AuditVerifier.Report, any Error>, at: Int64) {
        finishedAt = max(at, startedAt)
        switch result {
        case .success(let r):
            passed = true; eventsVerified = r.events; accessesVerified = r.accesses
            eventSeq = r.through.eventSeq; eventHash = r.through.eventHash; accessSeq = r.through.accessSeq; accessHash = r.through.accessHash
        case .failure(let error):
            passed = false; detail = "\(error)"
        }
    }

    /// The latest run that finished and passed, or nil.
    public static func lastPassed(on db: any Database) async throws -> AuditRun? {
        try await AuditRun.query(on: db).filter(\.$passed == true).sort(\.$startedAt, .descending).first()
    }
}
