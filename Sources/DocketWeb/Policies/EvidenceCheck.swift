import DocketCore
import DocketStore
import Fluent
import Foundation

/// Evidence files are stored beside the chain, not in it; their SHA-256 is in it, in the event
/// that added each one. A full verification reads every file and compares: a file changed,
/// swapped or removed behind Docket's back is named with the event that recorded it.
enum EvidenceCheck {
    static func verify(on db: any Database) async throws {
        var recorded: [UUID: (seq: Int64, sha256: String)] = [:]
        // An erased case's files were deleted with its keys, as its erasure on the chain records.
        let erased = Set(try await EventRecord.query(on: db).filter(\.$kind == CaseEvent.contentErasedKind).all().map(\.caseId))
        for row in try await EventRecord.query(on: db).filter(\.$kind == CaseEvent.evidenceAddedKind).all() where !erased.contains(row.caseId) {
            guard case .evidenceAdded(let added) = try CaseEvent.decode(kind: row.kind, payload: row.payload) else { continue }
            recorded[added.item.id] = (row.id!, added.item.sha256)
        }
        let stored = try await EvidenceFile.query(on: db).field(\.$id).all().compactMap(\.id)
        for id in stored {
            guard let file = try await EvidenceFile.find(id, on: db) else { continue }
            guard let event = recorded.removeValue(forKey: id) else {
                throw AuditVerifier.Failure(
                    chain: "evidence file", seq: 0,
                    detail: " \(id.uuidString.lowercased()): no event on the chain added it; it was put in the database behind Docket's back")
            }
            if EvidenceUpload.sha256(file.data) != event.sha256 {
                throw AuditVerifier.Failure(
                    chain: "event", seq: event.seq,
                    detail:
                        " (evidence_added): the evidence file it added, \(id.uuidString.lowercased()), no longer matches the SHA-256 it recorded; the file was altered"
                )
            }
        }
        if let (id, event) = recorded.min(by: { $0.value.seq < $1.value.seq }) {
            throw AuditVerifier.Failure(
                chain: "event", seq: event.seq,
                detail: " (evidence_added): the evidence file it added, \(id.uuidString.lowercased()), is missing; it was removed")
        }
    }
}
