import Crypto
import DocketCore
import Fluent
import Foundation

/// One row of the append-only event log. Nothing updates or deletes these rows.
public final class EventRecord: Model, @unchecked Sendable {
    public static let schema = "events"

    // managed: the position in the chain, assigned under the chain lock
    @ID(custom: "seq", generatedBy: .user) public var id: Int64?

    // references
    @Field(key: "case_id") public var caseId: UUID
    @OptionalField(key: "actor_id") public var actorId: UUID?

    // data
    @Field(key: "kind") public var kind: String
    /// Milliseconds since 1970, the precision the hash covers.
    @Field(key: "occurred_at") public var occurredAt: Int64
    @Field(key: "payload") public var payload: String

    // constraints: the chain
    @Field(key: "prev_hash") public var prevHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    /// The event, its sealed words opened with `keys` (or "[erased]" where a key is gone).
    public func recorded(keys: [UUID: SymmetricKey] = [:]) throws -> RecordedEvent {
        RecordedEvent(
            seq: id!, caseId: caseId, actorId: actorId, occurredAt: Instant.date(millis: occurredAt),
            event: try CaseEvent.decode(kind: kind, payload: Sealing.isSealed(payload) ? Sealing.unseal(payload, keys: keys) : payload))
    }

    /// The events of one case, in order; none when the id is not a case's (a publication's or a
    /// statement's stream shares the log, and must not be read as a case).
    public static func forCase(_ caseId: UUID, on db: any Database) async throws -> [RecordedEvent] {
        let rows = try await EventRecord.query(on: db).filter(\.$caseId == caseId).sort(\.$id).all()
        guard rows.first?.kind == CaseEvent.complaintFiledKind else { return [] }
        return try await opened(rows, on: db)
    }

    /// The case's events after `seq`, in order: what a copy of the case made at `seq` lacks.
    public static func forCase(_ caseId: UUID, after seq: Int64, on db: any Database) async throws -> [RecordedEvent] {
        try await opened(EventRecord.query(on: db).filter(\.$caseId == caseId).filter(\.$id > seq).sort(\.$id).all(), on: db)
    }

    /// Rows as events, with the keys of their cases fetched only if anything is sealed.
    public static func opened(_ rows: [EventRecord], on db: any Database) async throws -> [RecordedEvent] {
        let sealed = rows.contains { Sealing.isSealed($0.payload) }
        let keys = sealed ? try await SubjectKey.ring(for: Array(Set(rows.map(\.caseId))), on: db) : [:]
        return try rows.map { try $0.recorded(keys: keys) }
    }
}

/// One row of the access log: who opened which case file, when, and through what.
public final class AccessRecord: Model, @unchecked Sendable {
    public static let schema = "access_log"

    // managed
    @ID(custom: "seq", generatedBy: .user) public var id: Int64?

    // references
    @Field(key: "case_id") public var caseId: UUID
    @OptionalField(key: "actor_id") public var actorId: UUID?

    // data
    @Field(key: "occurred_at") public var occurredAt: Int64
    @Field(key: "purpose") public var purpose: String

    // constraints: the chain
    @Field(key: "prev_hash") public var prevHash: String
    @Field(key: "hash") public var hash: String

    public init() {}
}

/// The last entry of each chain, so that entries cut from the end are noticed too.
public final class ChainHead: Model, @unchecked Sendable {
    public static let schema = "chain_heads"

    @ID(custom: "chain", generatedBy: .user) public var id: String?
    @Field(key: "seq") public var seq: Int64
    @Field(key: "hash") public var hash: String

    public init() {}
    public init(chain: String) { id = chain; seq = 0; hash = HashChain.genesis }
}
