import Foundation

/// The oversight projection again, as plain numbers: one fixed-size row per case with every
/// moment as seconds and every group (kind, caseworker, panel member, complainant) as a small
/// code. The per-group figures — timeliness, outcomes, who complains — are computed over these
/// rows, which hold nothing to count references to and sit side by side in memory, so a pass
/// over a million cases takes milliseconds. Rows are kept at the same positions as the cases
/// they come from, and replaced when a case changes.
public struct OversightColumns: Sendable {
    struct Row {
        // seconds since 1970; NaN when the moment has not come
        var received, triaged, noticed, decided, appealed: Double
        var allegations, upheld: Int32
        var category, caseworker, complainant: Int32  // caseworker −1 when none
        var panelStart: Int32, panelCount: Int32  // into `panels`
        var dismissed: Bool
        var relation: UInt8
    }

    private(set) var rows: [Row] = []
    private var panels: [Int32] = []
    private var livePanelEntries = 0
    private var categoryCodes: [String: Int32] = [:], categories: [String] = []
    private var personCodes: [PersonID: Int32] = [:], people: [PersonID] = []
    private var complainantCodes: [String: Int32] = [:]

    public init() {}

    public init(_ cases: some Sequence<OversightCase>) {
        for c in cases { set(c, at: rows.count) }
    }

    public var count: Int { rows.count }

    private mutating func person(_ id: PersonID) -> Int32 {
        if let code = personCodes[id] { return code }
        let code = Int32(people.count)
        personCodes[id] = code; people.append(id)
        return code
    }

    /// Drops the rows at `index` and after, to be written again in a new order. Codes and panel
    /// entries stay: they are only ever reached through a row. `OversightSnapshot` calls it with
    /// an index no greater than `count`.
    mutating func removeRows(from index: Int) {
        let from = min(index, rows.count)
        livePanelEntries -= rows[from...].reduce(0) { $0 + Int($1.panelCount) }
        rows.removeSubrange(from...)
    }

    /// Writes the case's row at `index`; `index == count` appends. Only `OversightSnapshot` calls
    /// it, with an index it holds for that very case or with `count`, so the subscript below is
    /// always in range (the property test in OversightSnapshotTests drives every order of commits).
    mutating func set(_ c: OversightCase, at index: Int) {
        let category: Int32
        if let code = categoryCodes[c.category] {
            category = code
        } else {
            category = Int32(categories.count); categoryCodes[c.category] = category; categories.append(c.category)
        }
        let complainant: Int32
        if let code = complainantCodes[c.complainant] {
            complainant = code
        } else {
            complainant = Int32(complainantCodes.count); complainantCodes[c.complainant] = complainant
        }
        // A replaced row's panel is rewritten in place when it fits; otherwise the new one goes at
        // the end and the old entries are left behind, never read, until compacted.
        let old = index < rows.count ? rows[index] : nil
        let panelStart: Int32
        if let old, Int(old.panelCount) >= c.panel.count {
            panelStart = old.panelStart
            for (k, m) in c.panel.enumerated() { panels[Int(old.panelStart) + k] = person(m) }
        } else {
            panelStart = Int32(panels.count)
            for m in c.panel { panels.append(person(m)) }
        }
        func seconds(_ d: Date?) -> Double { d?.timeIntervalSince1970 ?? .nan }
        let caseworker = c.caseworker.map { person($0) } ?? -1
        let row = Row(
            received: c.receivedAt.timeIntervalSince1970, triaged: seconds(c.triagedAt), noticed: seconds(c.noticeAt),
            decided: seconds(c.decidedAt), appealed: seconds(c.appealDecidedAt),
            allegations: Int32(c.allegations), upheld: Int32(c.upheld), category: category,
            caseworker: caseworker, complainant: complainant, panelStart: panelStart,
            panelCount: Int32(c.panel.count), dismissed: c.dismissedAtTriage,
            relation: c.relation.code)
        if index == rows.count { rows.append(row) } else { rows[index] = row }
        livePanelEntries += c.panel.count - Int(old?.panelCount ?? 0)
        if panels.count > 2 * livePanelEntries + 4096 { compactPanels() }
    }

    /// Keeps only the panel entries some row points at: a long-running process rewrites rows
    /// many times, and the entries they leave behind must not grow without end.
    private mutating func compactPanels() {
        var fresh: [Int32] = []
        fresh.reserveCapacity(rows.count)
        for i in rows.indices {
            let start = fresh.count
            for k in 0..<Int(rows[i].panelCount) { fresh.append(panels[Int(rows[i].panelStart) + k]) }
            rows[i].panelStart = Int32(start)
        }
        panels = fresh
    }

    /// Timeliness and outcomes per group, for the cases at `range`. See `Oversight.figures`.
    public func figures(_ range: Range<Int>, by g: Oversight.Grouping, names: [PersonID: String]) -> (
        timeliness: [Oversight.Timeliness], outcomes: [Oversight.Rate]
    ) {
        let groups = g == .category ? categories.count : people.count
        var durations = [[[Double]]](repeating: [[], [], [], []], count: groups)  // group → measure → days
        var dismissed = [(Int, Int)](repeating: (0, 0), count: groups), upheld = dismissed
        var allDismissed = (0, 0), allUpheld = (0, 0)
        rows.withUnsafeBufferPointer { rows in
            panels.withUnsafeBufferPointer { panels in
                for i in range {
                    let r = rows[i]
                    let days = (
                        (r.triaged - r.received) / 86_400, (r.noticed - r.received) / 86_400,
                        (r.decided - r.received) / 86_400, (r.appealed - r.received) / 86_400
                    )
                    let d = r.dismissed ? 1 : 0
                    let wasTriaged = !r.triaged.isNaN
                    if wasTriaged { allDismissed.0 += d; allDismissed.1 += 1 }
                    if r.allegations > 0 { allUpheld.0 += Int(r.upheld); allUpheld.1 += Int(r.allegations) }
                    func count(_ group: Int32) {
                        let k = Int(group)
                        if !days.0.isNaN { durations[k][0].append(days.0); dismissed[k].0 += d; dismissed[k].1 += 1 }
                        if !days.1.isNaN { durations[k][1].append(days.1) }
                        if !days.2.isNaN { durations[k][2].append(days.2) }
                        if !days.3.isNaN { durations[k][3].append(days.3) }
                        if r.allegations > 0 { upheld[k].0 += Int(r.upheld); upheld[k].1 += Int(r.allegations) }
                    }
                    switch g {
                    case .category: count(r.category)
                    case .caseworker: if r.caseworker >= 0 { count(r.caseworker) }
                    case .panel: for p in 0..<Int(r.panelCount) { count(panels[Int(r.panelStart) + p]) }
                    }
                }
            }
        }
        let label: (Int) -> String = g == .category ? { categories[$0] } : { names[people[$0]] ?? people[$0].uuidString }
        let key: (Int) -> String = g == .category ? { categories[$0] } : { people[$0].uuidString.lowercased() }
        let order = (0..<groups).map { (label($0), $0) }.sorted { $0.0 < $1.0 }
        var timeliness: [Oversight.Timeliness] = []
        for (m, (measure, _)) in Oversight.measures.enumerated() {
            for (group, i) in order where !durations[i][m].isEmpty {
                let count = durations[i][m].count
                let median = Statistics.quantile(selecting: &durations[i][m], 0.5)!
                let p90 = Statistics.quantile(selecting: &durations[i][m], 0.9)!
                timeliness.append(.init(group: group, key: key(i), measure: measure, count: count, median: median, p90: p90))
            }
        }
        func rates(_ measure: String, _ counts: [(Int, Int)], _ all: (Int, Int)) -> [Oversight.Rate] {
            order.compactMap { group, i in
                let v = counts[i]
                guard v.1 > 0 else { return nil }
                let z = Statistics.zAgainstRest(v.0, v.1, restK: all.0 - v.0, restN: all.1 - v.1)
                let ci = Statistics.wilson(v.0, v.1)
                return .init(
                    group: group, key: key(i), measure: measure, successes: v.0, total: v.1, low: ci.low, high: ci.high, z: z,
                    outlier: v.1 >= Oversight.outlierMinimum && abs(z) >= Oversight.outlierZ)
            }
        }
        return (timeliness, rates("dismissed at triage", dismissed, allDismissed) + rates("allegations upheld", upheld, allUpheld))
    }

    /// Who files complaints, for the cases at `range`. See `Oversight.complainants`.
    public func complainants(_ range: Range<Int>) -> Oversight.Complainants {
        var counts = [Int](repeating: 0, count: complainantCodes.count)
        var relations = [Int](repeating: 0, count: ComplainantRelation.allCases.count)
        rows.withUnsafeBufferPointer { rows in
            for i in range { counts[Int(rows[i].complainant)] += 1; relations[Int(rows[i].relation)] += 1 }
        }
        let filed = counts.filter { $0 > 0 }
        let total = Double(max(1, range.count))
        let sorted = filed.sorted(by: >)
        func top(_ k: Int) -> Double { Double(sorted.prefix(k).reduce(0, +)) / total }
        // Σ(count/total)² as one exact integer sum, so the order of complainants cannot change it.
        let hhi = Double(filed.reduce(0) { $0 + $1 * $1 }) / (total * total)
        var byRelation: [ComplainantRelation: Int] = [:]
        for r in ComplainantRelation.allCases where relations[Int(r.code)] > 0 { byRelation[r] = relations[Int(r.code)] }
        return .init(
            complaints: range.count, distinctComplainants: filed.count, top1: top(1), top5: top(5), top10: top(10),
            concentration: hhi, byRelation: byRelation)
    }
}
