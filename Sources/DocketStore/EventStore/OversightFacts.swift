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
                guard let id = rows.uuid(0) else { continue }
                out.append(
                    try CaseFacts.oversightCase(
                        id: id, reference: rows.string(1), category: interned(2), stage: interned(3), route: interned(4),
                        caseworker: rows.uuid(5), panel: rows.string(6), complainant: interned(7), relation: interned(8),
                        receivedAt: rows.int64(9), triagedAt: rows.optionalInt64(10), dismissedAtTriage: rows.int64(11) != 0,
                        noticeAt: rows.optionalInt64(12), decidedAt: rows.optionalInt64(13), appealDecidedAt: rows.optionalInt64(14),
                        appealOutcome: rows.optionalString(15), allegations: Int(rows.int64(16)), upheld: Int(rows.int64(17)),
                        sanction: rows.optionalString(18), suspendedAt: rows.optionalInt64(19), suspensionReview: rows.optionalString(20),
                        suspensionLiftedAt: rows.optionalInt64(21), hearingHeld: rows.int64(22) != 0, lastActivity: rows.int64(23)))
                through = max(through, rows.int64(24))
            }
        }
        return Batch(cases: out, through: through)
    }
}
