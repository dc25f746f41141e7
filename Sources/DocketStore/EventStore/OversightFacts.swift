import DocketCore
import Fluent
import Foundation

/// Reads the oversight projection: the rows written after a given chain position (all of them
/// from 0). On SQLite the rows are read straight from the file; on PostgreSQL through Fluent.
public enum OversightFacts {
    public struct Batch: Sendable {
        public var cases: [OversightCase]
        /// The highest `written_seq` among them (or `after` if there were none).
        public var through: Int64
    }

    /// Through Fluent (PostgreSQL).
    public static func written(after: Int64, on db: any Database) async throws -> Batch {
        let rows = try await CaseFacts.query(on: db).filter(\.$writtenSeq > after).all()
        return Batch(cases: try rows.map { try $0.oversightCase() }, through: rows.map(\.writtenSeq).max() ?? after)
    }

    /// The SQLite path. Blocking: callers run it off the event loop.
    public static func read(sqlite path: String, after: Int64) throws -> Batch {
        let file = try SQLiteFile(path: path)
        let rows = try file.prepare("SELECT \(CaseFacts.columns.joined(separator: ", ")) FROM case_facts WHERE written_seq > ?1")
        rows.bind(1, after)
        var out: [OversightCase] = []
        var through = after
        // Category and complainant values repeat; one String each instead of one per row.
        var strings: [Int: [String]] = [:]
        func interned(_ i: Int32) -> String {
            let b = rows.bytes(i)
            var h = Hasher()
            h.combine(bytes: b)
            let key = h.finalize()
            if let found = strings[key]?.first(where: { $0.utf8.elementsEqual(b) }) { return found }
            let s = String(decoding: b, as: UTF8.self)
            strings[key, default: []].append(s)
            return s
        }
        try file.reading {
            while try rows.step() {
                typealias C = CaseFacts.Column
                guard let id = rows.uuid(C.id.rawValue) else { continue }
                out.append(
                    try CaseFacts.oversightCase(
                        id: id, reference: rows.string(C.reference.rawValue), category: interned(C.category.rawValue),
                        stage: interned(C.stage.rawValue), route: interned(C.route.rawValue), caseworker: rows.uuid(C.caseworkerId.rawValue),
                        panel: rows.string(C.panel.rawValue), complainant: interned(C.complainant.rawValue), relation: interned(C.relation.rawValue),
                        receivedAt: rows.int64(C.receivedAt.rawValue), triagedAt: rows.optionalInt64(C.triagedAt.rawValue),
                        dismissedAtTriage: rows.int64(C.dismissedAtTriage.rawValue) != 0, noticeAt: rows.optionalInt64(C.noticeAt.rawValue),
                        decidedAt: rows.optionalInt64(C.decidedAt.rawValue), appealDecidedAt: rows.optionalInt64(C.appealDecidedAt.rawValue),
                        appealOutcome: rows.optionalString(C.appealOutcome.rawValue), allegations: Int(rows.int64(C.allegations.rawValue)),
                        upheld: Int(rows.int64(C.upheld.rawValue)), sanction: rows.optionalString(C.sanction.rawValue),
                        suspendedAt: rows.optionalInt64(C.suspendedAt.rawValue), suspensionReview: rows.optionalString(C.suspensionReview.rawValue),
                        suspensionLiftedAt: rows.optionalInt64(C.suspensionLiftedAt.rawValue), hearingHeld: rows.int64(C.hearingHeld.rawValue) != 0,
                        lastActivity: rows.int64(C.lastActivity.rawValue)))
                through = max(through, rows.int64(C.writtenSeq.rawValue))
            }
        }
        return Batch(cases: out, through: through)
    }
}
