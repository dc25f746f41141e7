import Crypto
import DocketCore
import Fluent
import Foundation
import SQLKit

/// The keys that seal people's words live beside the chain, in `subject_keys`, so that erasure
/// can destroy them. Whoever holds the database could destroy one too, and the words it sealed
/// would read "[erased]" with every hash intact. A full verification therefore also checks, for
/// every key a sealed value on the chain names:
/// - that it is still held, unless the chain says why it went: the case's `content_erased`
///   (for a key first used before it), or an approved erasure of the person whose key it is
///   (their own acts, their account stream, and the keys the decision lists);
/// - that a key still held opens the first value it sealed, so a key swapped for another is
///   caught as well.
public enum SealKeyCheck {
    /// Where a key was first used: the event, its case and one value it sealed.
    struct FirstUse { var seq: Int64; var caseId: UUID; var kind: String; var actor: UUID?; var sealed: [UInt8] }

    public static func verify(on db: any Database, pageSize: Int = 5_000) async throws {
        let sql = db as! any SQLDatabase
        var named: [UUID: FirstUse] = [:]
        // Each erased case, at the position of its erasure; each person erased on request.
        var erasedCases: [UUID: Int64] = [:]
        var erasedPeople: Set<UUID> = []
        var destroyed: Set<UUID> = []
        var after: Int64 = 0
        while true {
            let rows = try await sql.raw(
                """
                SELECT seq, case_id, kind, actor_id, payload FROM events
                WHERE seq > \(bind: after) AND (payload LIKE '%"sealed:v1:%' OR kind IN ('content_erased', 'erasure_decided'))
                ORDER BY seq LIMIT \(unsafeRaw: String(pageSize))
                """
            ).all()
            if rows.isEmpty { break }
            for row in rows {
                let seq = try row.decode(column: "seq", as: Int64.self)
                let caseId = try row.decode(column: "case_id", as: UUID.self)
                let kind = try row.decode(column: "kind", as: String.self)
                let payload = try row.decode(column: "payload", as: String.self)
                let actor = try row.decode(column: "actor_id", as: UUID?.self)
                after = seq
                if kind == CaseEvent.contentErasedKind, erasedCases[caseId] == nil { erasedCases[caseId] = seq }
                if kind == RecordEvent.Kind.erasureDecided.rawValue,
                    let d = try? DocketJSON.decoder.decode(RecordEvent.ErasureDecision.self, from: Data(payload.utf8)), d.approved
                {
                    // The decision's stream is the person's own.
                    erasedPeople.insert(caseId)
                    destroyed.formUnion(d.keys ?? [])
                }
                for (id, value) in sealedValues(in: payload) where named[id] == nil {
                    named[id] = FirstUse(seq: seq, caseId: caseId, kind: kind, actor: actor, sealed: value)
                }
            }
        }
        var held: [UUID: String] = [:]
        for row in try await sql.raw("SELECT id, key FROM subject_keys").all() {
            held[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "key", as: String.self)
        }
        // The earliest event first, so that the report names where the damage starts.
        for (id, use) in named.sorted(by: { $0.value.seq < $1.value.seq }) {
            let label = " (\(use.kind), case \(use.caseId.uuidString.lowercased()))"
            let keyId = id.uuidString.lowercased()
            guard let stored = held[id] else {
                // A case's keys go with its erasure; a key first used after it is not excused.
                if let erasure = erasedCases[use.caseId], use.seq < erasure { continue }
                // A person's keys go with their erasure: the key that sealed their own act, the
                // keys of their account stream, and those the decision names.
                if destroyed.contains(id) || erasedPeople.contains(use.caseId) || use.actor.map(erasedPeople.contains) == true { continue }
                throw AuditVerifier.Failure(
                    chain: "event", seq: use.seq,
                    detail: label
                        + ": the key that sealed its words, \(keyId), is missing, and no erasure on the chain destroyed it; it was deleted behind Docket's back, erasing those words unseen"
                )
            }
            guard opens(use.sealed, keyId: keyId, with: stored) else {
                throw AuditVerifier.Failure(
                    chain: "event", seq: use.seq,
                    detail: label + ": the key that sealed its words, \(keyId), no longer opens them; the key was replaced behind Docket's back")
            }
        }
    }

    /// Each sealed value in a stored payload, in the personal fields only (where `Sealing`
    /// puts them): its key id and its base64 box.
    static func sealedValues(in payload: String) -> [(UUID, [UInt8])] {
        var found: [(UUID, [UInt8])] = []
        _ = Sealing.transform(payload) { field, raw in
            guard let field, Sealing.fields.contains(field), raw.starts(with: Sealing.prefix) else { return nil }
            let rest = raw[Sealing.prefix.count...]
            guard rest.count > 37, rest[rest.startIndex + 36] == 58,
                let id = UUID(uuidString: String(decoding: rest.prefix(36), as: UTF8.self))
            else { return nil }
            found.append((id, Array(rest.dropFirst(37))))
            return nil
        }
        return found
    }

    static func opens(_ box: [UInt8], keyId: String, with stored: String) -> Bool {
        guard let raw = Data(base64Encoded: stored) else { return false }
        return Sealing.open(box, keyId: Array(keyId.utf8), with: SymmetricKey(data: raw)) != nil
    }
}
