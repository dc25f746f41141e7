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
    /// `sealedFor`: a person whose key seals the events' words (reasons that name them), so that
    /// erasing the person erases those words too.
    public static func append(
        stream: UUID, events: [RecordEvent], actorId: UUID?,
        at now: Date, sealedFor person: UUID? = nil, on tx: any Database
    ) async throws {
        try await Chain.lock("events", on: tx)
        var head = try await Chain.head("events", on: tx)
        let at = Instant.truncate(now)
        let sealer = try await person.asyncMap { try await SubjectKey.forWriting(case: $0, person: $0, at: now, on: tx) }
        for e in events {
            var payload = String(decoding: try DocketJSON.encoder.encode(e.payload), as: UTF8.self)
            if let (id, key) = sealer { payload = Sealing.seal(payload, keyId: id, key: key) }
            head = try await Chain.append(after: head, stream: stream, kind: e.kind.rawValue, payload: payload, actorId: actorId, at: at, on: tx)
        }
        try await Chain.setHead("events", seq: head.seq, hash: head.hash, on: tx)
    }
}

extension Optional {
    func asyncMap<T>(_ f: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let w = self else { return nil }
        return try await f(w)
    }
}
