import Foundation

/// A quarter's transparency report: what came in, what happened to it, how long it took, with
/// every small number suppressed so that nobody can be identified from it.
public struct TransparencyReport: Codable, Sendable, Equatable {
    public struct Cell: Codable, Sendable, Equatable {
        public var label: String
        /// The figure as published: a number, or "fewer than N".
        public var value: String
    }

    public struct Section: Codable, Sendable, Equatable {
        public var title: String
        /// How the figures were computed, in words.
        public var method: String
        public var cells: [Cell]
    }

    public var period: String
    public var from: Day
    public var to: Day
    public var threshold: Int
    public var sections: [Section]
    /// The log the report was computed from: anyone can recompute it from these events.
    public var eventsThroughSeq: Int64
    public var eventChainHead: String

    /// `2026-Q3` → 1 July to 30 September 2026.
    public static func quarter(_ text: String) -> (Day, Day)? {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].count == 2, parts[1].first == "Q",
            let q = Int(parts[1].dropFirst()), (1...4).contains(q),
            let start = Day(year: year, month: (q - 1) * 3 + 1, day: 1),
            let next = q == 4 ? Day(year: year + 1, month: 1, day: 1) : Day(year: year, month: q * 3 + 1, day: 1)
        else { return nil }
        return (start, next.adding(days: -1))
    }

    /// Small-number suppression for a group of counts that add up to a published total.
    ///
    /// A count from 1 to threshold−1 is shown as "fewer than threshold". If only one count in the
    /// group is suppressed, it could be recovered by subtracting the others from the total, so
    /// the next smallest count is withheld as well and shown as "not shown" (it is not small, so
    /// "fewer than" would be untrue). A suppressed total suppresses its whole group. Zero is
    /// shown: it identifies nobody.
    public static func suppress(_ counts: [(String, Int)], total: Int?, threshold: Int) -> [Cell] {
        let small = { (n: Int) in n > 0 && n < threshold }
        var hidden = Set(counts.indices.filter { small(counts[$0].1) })
        if let total, small(total) { hidden = Set(counts.indices.filter { counts[$0].1 > 0 }) }
        var withheld: Set<Int> = []
        if hidden.count == 1, total != nil,
            let next = counts.indices.filter({ !hidden.contains($0) && counts[$0].1 > 0 }).min(by: { counts[$0].1 < counts[$1].1 })
        {
            withheld.insert(next)
        }
        return counts.indices.map { i in
            Cell(label: counts[i].0, value: hidden.contains(i) ? "fewer than \(threshold)" : withheld.contains(i) ? "not shown" : String(counts[i].1))
        }
    }

    public static func build(
        period: String, from: Day, to: Day, cases: [OversightCase], calendar: WorkingCalendar, threshold: Int = 5, eventsThroughSeq: Int64, head: String
    ) -> TransparencyReport {
        build(period: period, from: from, to: to, cases: cases[...], calendar: calendar, threshold: threshold, eventsThroughSeq: eventsThroughSeq, head: head)
    }

    public static func build(
        period: String, from: Day, to: Day, cases all: OversightCases, calendar: WorkingCalendar, threshold: Int = 5, eventsThroughSeq: Int64, head: String
    ) -> TransparencyReport {
        // The period as instants, so a million cases are compared, not converted to days.
        let start = calendar.start(of: from), end = calendar.start(of: to.adding(days: 1))
        func inPeriod(_ d: Date?) -> Bool { d.map { $0 >= start && $0 < end } ?? false }
        let received = all.matching { inPeriod($0.receivedAt) }
        func total(_ label: String, _ n: Int) -> [Cell] { suppress([(label, n)], total: nil, threshold: threshold) }
        func grouped<K: Hashable>(_ items: [OversightCase], _ key: (OversightCase) -> K, _ labels: [(K, String)]) -> [Cell] {
            let counts = Dictionary(grouping: items, by: key).mapValues(\.count)
            return suppress(labels.map { ($0.1, counts[$0.0] ?? 0) }, total: items.count, threshold: threshold)
        }
        var seen: Set<String> = []
        for i in all.indices where !seen.contains(all[i].category) { seen.insert(all[i].category) }
        let categories = seen.sorted()
        var sections: [Section] = []
        sections.append(
            Section(
                title: "Complaints received", method: "Complaints whose complaint_filed event falls in the period.",
                cells: total("Complaints received", received.count)))
        sections.append(
            Section(
                title: "Received, by kind of complaint", method: "The same complaints, by the category chosen at filing.",
                cells: grouped(received, \.category, categories.map { ($0, $0.replacingOccurrences(of: "_", with: " ")) })))
        sections.append(
            Section(
                title: "Received, by source", method: "How the complainant stood to the conduct, as they stated it.",
                cells: grouped(received, \.relation, [(.directlyAffected, "Directly affected"), (.witness, "Witnesses"), (.thirdParty, "Third parties")])))
        let triaged = all.matching { inPeriod($0.triagedAt) }
        let triageCounts = [
            ("Dismissed at triage", triaged.filter(\.dismissedAtTriage).count),
            ("Resolved informally", triaged.filter { $0.stage == .resolved }.count),
            ("Investigated", triaged.filter { !$0.dismissedAtTriage && $0.stage != .resolved }.count),
        ]
        sections.append(
            Section(
                title: "Triage", method: "Complaints whose triage ended in the period (investigation opened, dismissed or resolved).",
                cells: suppress(triageCounts, total: triaged.count, threshold: threshold)))
        let decided = all.matching { inPeriod($0.decidedAt) }
        let allegations = decided.reduce(0) { $0 + $1.allegations }, upheld = decided.reduce(0) { $0 + $1.upheld }
        sections.append(
            Section(
                title: "Decisions", method: "Panel decisions issued in the period, and the allegations they answered.",
                cells: total("Cases decided", decided.count)
                    + suppress([("Allegations upheld", upheld), ("Allegations not upheld", allegations - upheld)], total: allegations, threshold: threshold)))
        let sanctionCounts = SanctionKind.allCases.map { kind in (kind.title, decided.filter { $0.sanction == kind }.count) }
        sections.append(
            Section(
                title: "Sanctions", method: "The sanction standing after any appeal, for cases decided in the period.",
                cells: suppress(sanctionCounts + [("No sanction", decided.filter { $0.sanction == nil }.count)], total: decided.count, threshold: threshold)))
        func median(_ values: [Double]) -> String {
            values.count < threshold ? "fewer than \(threshold) cases" : String(format: "%.0f days", Statistics.quantile(values, 0.5)!)
        }
        sections.append(
            Section(
                title: "Timeliness",
                method: "Median calendar days from receipt, over the cases that reached each step in the period; not shown for fewer than \(threshold) cases.",
                cells: [
                    Cell(label: "To the end of triage", value: median(triaged.map { $0.triagedAt!.timeIntervalSince($0.receivedAt) / 86_400 })),
                    Cell(label: "To decision", value: median(decided.map { $0.decidedAt!.timeIntervalSince($0.receivedAt) / 86_400 })),
                ]))
        let suspended = all.matching { inPeriod($0.suspension?.imposedAt) }
        sections.append(
            Section(
                title: "Interim suspensions", method: "Interim suspensions imposed in the period.",
                cells: total("Interim suspensions imposed", suspended.count)))
        let appealsInPeriod = all.matching { $0.appealOutcome != nil && inPeriod($0.appealDecidedAt) }.map { ($0.appealDecidedAt!, $0.appealOutcome!) }
        sections.append(
            Section(
                title: "Appeals", method: "Appeal decisions issued in the period, by result.",
                cells: total("Appeals decided", appealsInPeriod.count)
                    + suppress(
                        [
                            ("Dismissed (decision stands)", appealsInPeriod.filter { $0.1 == .dismissed }.count),
                            ("Varied", appealsInPeriod.filter { $0.1 == .varied }.count),
                            ("Allowed (decision set aside)", appealsInPeriod.filter { $0.1 == .allowed }.count),
                        ],
                        total: appealsInPeriod.count, threshold: threshold)))
        return TransparencyReport(
            period: period, from: from, to: to, threshold: threshold, sections: sections,
            eventsThroughSeq: eventsThroughSeq, eventChainHead: head)
    }

    public var csv: String {
        CSVText.lines([["section", "figure", "value"]] + sections.flatMap { s in s.cells.map { [s.title, $0.label, $0.value] } })
    }
}
