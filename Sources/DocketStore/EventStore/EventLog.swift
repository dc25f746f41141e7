import DocketCore
import Fluent
import Foundation

/// Events that belong to no case (publications, for now) go into the same chain, each stream
/// under its own id, so one `audit verify` covers everything Docket records.
public enum EventLog {
    /// The position of the record: the sequence number of its last event.
    public static func position(on db: any Database) async throws -> Int64 {
        try await Chain.head("events", on: db).seq
    }

    /// Appends events to the chain in the caller's transaction, taking the chain lock first.
    public static func append(
        stream: UUID, events: [RecordEvent], actorId: UUID?,
        at now: Date, on tx: any Database
    ) async throws {
        try await Chain.lock("events", on: tx)
        var head = try await Chain.head("events", on: tx)
        let at = Instant.truncate(now)
        for e in events {
            let payload = String(decoding: try DocketJSON.encoder.encode(e.payload), as: UTF8.self)
            head = try await Chain.append(after: head, stream: stream, kind: e.kind.rawValue, payload: payload, actorId: actorId, at: at, on: tx)
        }
        try await Chain.setHead("events", seq: head.seq, hash: head.hash, on: tx)
    }
}
