import DocketCore
import Fluent
import Foundation

/// Reads the oversight projection. On SQLite the rows are read straight from the file (a million
/// cases in a fraction of a second); on PostgreSQL through Fluent.
public enum OversightFacts {
    /// Cases received from `from` to `to` (milliseconds, inclusive); all cases when both are nil.
    public static func load(on db: any Database, sqlite path: String?, receivedFrom from: Int64? = nil, to: Int64? = nil) async throws -> [OversightCase] {
        if let path { return try read(sqlite: path, receivedFrom: from, to: to) }
        let query = CaseFacts.query(on: db)
        if let from { query.filter(\.$receivedAt >= from) }
        if let to { query.filter(\.$receivedAt <= to) }
        return try await query.all().map { r in
            try CaseFacts.oversightCase(
                id: r.id!, reference: r.reference, category: r.category, stage: r.stage, route: r.route, caseworker: r.caseworkerId,
                panel: r.panel, complainant: r.complainant, relation: r.relation, receivedAt: r.receivedAt, triagedAt: r.triagedAt,
                dismissedAtTriage: r.dismissedAtTriage, noticeAt: r.noticeAt, decidedAt: r.decidedAt, appealDecidedAt: r.appealDecidedAt,
                appealOutcome: r.appealOutcome, allegations: r.allegations, upheld: r.upheld, sanction: r.sanction,
                suspendedAt: r.suspendedAt, suspensionReview: r.suspensionReview, suspensionLiftedAt: r.suspensionLiftedAt,
                hearingHeld: r.hearingHeld, lastActivity: r.lastActivity)
        }
    }

    /// The SQLite path. Blocking: callers run it off the event loop.
    public static func read(sqlite path: String, receivedFrom from: Int64?, to: Int64?) throws -> [OversightCase] {
        let file = try SQLiteFile(path: path)
        let rows = try file.prepare("SELECT \(CaseFacts.columns.joined(separator: ", ")) FROM case_facts WHERE received_at BETWEEN ?1 AND ?2")
        rows.bind(1, from ?? .min)
        rows.bind(2, to ?? .max)
        var out: [OversightCase] = []
        // Category and complainant values repeat; one String each instead of one per row.
        var strings: [Int: [(String)]] = [:]
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
                out.append(try CaseFacts.oversightCase(
                    id: id, reference: rows.string(1), category: interned(2), stage: rows.string(3), route: rows.string(4),
                    caseworker: rows.uuid(5), panel: rows.string(6), complainant: interned(7), relation: rows.string(8),
                    receivedAt: rows.int64(9), triagedAt: rows.optionalInt64(10), dismissedAtTriage: rows.int64(11) != 0,
                    noticeAt: rows.optionalInt64(12), decidedAt: rows.optionalInt64(13), appealDecidedAt: rows.optionalInt64(14),
                    appealOutcome: rows.optionalString(15), allegations: Int(rows.int64(16)), upheld: Int(rows.int64(17)),
                    sanction: rows.optionalString(18), suspendedAt: rows.optionalInt64(19), suspensionReview: rows.optionalString(20),
                    suspensionLiftedAt: rows.optionalInt64(21), hearingHeld: rows.int64(22) != 0, lastActivity: rows.int64(23)))
            }
        }
        return out
    }
}
