import Foundation

/// The oversight projection as one process holds it: every case in order of receipt, and the
/// same cases as numeric columns at the same positions.
///
/// `merge` brings it up to date with the rows written since it last looked. Those rows arrive in
/// the order their transactions committed, which under concurrent filing is not the order of
/// receipt: a complaint received first may commit second. Whatever the order, and however the
/// batches are cut, the snapshot after `merge` is exactly the one a fresh `init` over every row
/// would build. Cases received at the same instant are ordered by id, so "exactly" is well defined.
public struct OversightSnapshot: Sendable {
    public private(set) var cases: [OversightCase] = []
    public private(set) var columns = OversightColumns()
    private var index: [CaseID: Int] = [:]

    public init() {}

    /// The snapshot of these rows, in any order; a case given twice keeps its last row.
    public init(_ rows: [OversightCase]) {
        merge(rows)
    }

    public var count: Int { cases.count }

    /// Receipt first, then id: a total order, so that any two builds agree position by position.
    public static func precedes(_ a: OversightCase, _ b: OversightCase) -> Bool {
        if a.receivedAt != b.receivedAt { return a.receivedAt < b.receivedAt }
        return a.id.uuidString < b.id.uuidString
    }

    /// Folds in rows written since the last merge: new cases wherever their receipt puts them,
    /// changed cases in place.
    public mutating func merge(_ batch: [OversightCase]) {
        var latest: [CaseID: OversightCase] = [:]
        for c in batch { latest[c.id] = c }
        var fresh: [OversightCase] = []
        var earliestMoved = cases.count  // the first position whose row must be written again
        for c in latest.values {
            if let i = index[c.id] {
                if cases[i].receivedAt == c.receivedAt {
                    cases[i] = c
                    columns.set(c, at: i)
                } else {
                    // Receipt never changes in practice; if a row says otherwise, it moves.
                    fresh.append(c)
                    earliestMoved = min(earliestMoved, i)
                }
            } else {
                fresh.append(c)
            }
        }
        guard !fresh.isEmpty else { return }
        fresh.sort(by: Self.precedes)
        let moving = Set(fresh.map(\.id))
        // Everything before the first new case's place, and before any moved row, stays as it is.
        let firstPlace = cases.partitioningIndex { Self.precedes(fresh[0], $0) }
        let keep = min(firstPlace, earliestMoved)
        var tail = cases[keep...].filter { !moving.contains($0.id) }
        tail = Self.merged(tail, fresh)
        cases.removeSubrange(keep...)
        columns.removeRows(from: keep)
        for c in tail {
            index[c.id] = cases.count
            columns.set(c, at: cases.count)
            cases.append(c)
        }
    }

    /// Two runs, each in order, as one run in order.
    static func merged(_ a: [OversightCase], _ b: [OversightCase]) -> [OversightCase] {
        var out: [OversightCase] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if precedes(b[j], a[i]) { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for a predicate that is false and then
    /// true along the array (binary search).
    public func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
