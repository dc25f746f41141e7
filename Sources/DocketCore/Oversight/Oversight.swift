import Crypto
import Foundation

/// What oversight needs to know about one case, read off its file. It is kept as a projection
/// (one row per case, rewritten with every event) so that oversight never replays the log.
public struct OversightCase: Sendable, Equatable {
    /// An interim suspension as oversight sees it: when, until when, and whether it was lifted.
    public struct Suspended: Sendable, Equatable {
        public var imposedAt: Date
        public var reviewDate: Day
        public var liftedAt: Date?
        public init(imposedAt: Date, reviewDate: Day, liftedAt: Date?) {
            self.imposedAt = imposedAt; self.reviewDate = reviewDate; self.liftedAt = liftedAt
        }
        /// The same rule as the case file's: in force until the end of its review date unless lifted.
        public func isActive(at now: Date, calendar: WorkingCalendar) -> Bool {
            liftedAt == nil && calendar.day(of: now) <= reviewDate
        }
    }

    public var id: CaseID
    public var reference: String
    public var category: String
    public var stage: CaseStage
    public var route: CaseRoute
    public var caseworker: PersonID?
    public var panel: [PersonID]
    public var complainant: String
    public var relation: ComplainantRelation
    public var receivedAt: Date
    public var triagedAt: Date?
    public var dismissedAtTriage: Bool
    public var noticeAt: Date?
    public var decidedAt: Date?
    public var appealDecidedAt: Date?
    public var appealOutcome: AppealOutcome?
    public var allegations: Int
    public var upheld: Int
    public var sanction: SanctionKind?
    public var suspension: Suspended?
    public var hearingHeld: Bool
    /// When anything last happened on the case.
    public var lastActivity: Date

    /// Every field, as stored in the projection.
    public init(
        id: CaseID, reference: String, category: String, stage: CaseStage, route: CaseRoute, caseworker: PersonID?,
        panel: [PersonID], complainant: String, relation: ComplainantRelation, receivedAt: Date, triagedAt: Date?,
        dismissedAtTriage: Bool, noticeAt: Date?, decidedAt: Date?, appealDecidedAt: Date?, appealOutcome: AppealOutcome?,
        allegations: Int, upheld: Int, sanction: SanctionKind?, suspension: Suspended?, hearingHeld: Bool, lastActivity: Date
    ) {
        self.id = id; self.reference = reference; self.category = category; self.stage = stage; self.route = route
        self.caseworker = caseworker; self.panel = panel; self.complainant = complainant; self.relation = relation
        self.receivedAt = receivedAt; self.triagedAt = triagedAt; self.dismissedAtTriage = dismissedAtTriage
        self.noticeAt = noticeAt; self.decidedAt = decidedAt; self.appealDecidedAt = appealDecidedAt
        self.appealOutcome = appealOutcome; self.allegations = allegations; self.upheld = upheld; self.sanction = sanction
        self.suspension = suspension; self.hearingHeld = hearingHeld; self.lastActivity = lastActivity
    }

    /// For building histories with known answers in tests.
    init(
        reference: String, category: String, caseworker: PersonID?, complainant: String, relation: ComplainantRelation = .directlyAffected,
        receivedAt: Date, triagedAt: Date? = nil, dismissed: Bool = false, decidedAt: Date? = nil, allegations: Int = 0, upheld: Int = 0
    ) {
        self.init(
            id: UUID(), reference: reference, category: category, stage: dismissed ? .dismissed : .decided, route: .standard,
            caseworker: caseworker, panel: [], complainant: complainant, relation: relation, receivedAt: receivedAt,
            triagedAt: triagedAt, dismissedAtTriage: dismissed, noticeAt: nil, decidedAt: decidedAt, appealDecidedAt: nil,
            appealOutcome: nil, allegations: allegations, upheld: upheld, sanction: nil, suspension: nil,
            hearingHeld: decidedAt != nil, lastActivity: decidedAt ?? triagedAt ?? receivedAt)
    }

    /// Who complained, as the figures count repeat complainants: a member by their id; anyone
    /// else by a digest of their name, so that the figures hold no name to erase, and a key that
    /// survives the case's erasure unchanged.
    public static func complainantKey(_ f: CaseFile) -> String {
        if let kept = f.erasedComplainantKey { return kept }
        if let id = f.complainantId { return id.uuidString.lowercased() }
        return nonMemberKey(f.complainantName)
    }

    public static func nonMemberKey(_ name: String) -> String {
        let digest = SHA256.hash(data: Data(name.lowercased().utf8))
        return "non-member:" + digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    public init(_ f: CaseFile) {
        self.init(
            id: f.id, reference: f.reference, category: f.category, stage: f.stage, route: f.route,
            caseworker: f.triagedBy ?? f.caseworkerId, panel: f.panel?.members ?? [],
            complainant: Self.complainantKey(f),
            relation: f.relation, receivedAt: f.receivedAt, triagedAt: f.triagedAt, dismissedAtTriage: f.stage == .dismissed,
            noticeAt: f.notice?.servedAt, decidedAt: f.decision?.at ?? f.vetoedDecisions.first?.at,
            appealDecidedAt: f.appealDecision?.at, appealOutcome: f.appealDecision?.outcome,
            allegations: f.decision?.findings.count ?? 0,
            upheld: f.decision?.findings.filter { $0.finding == .upheld }.count ?? 0,
            sanction: f.appealDecision.map { $0.sanction } ?? f.decision?.sanction,
            suspension: f.suspension.map { Suspended(imposedAt: $0.imposedAt, reviewDate: $0.reviewDate, liftedAt: $0.liftedAt) },
            hearingHeld: f.hearingHeldAt != nil || f.decision != nil,
            lastActivity: f.lastActivityAt ?? f.receivedAt)
    }
}

/// A run of cases: all of them, or a period's, cut from the list kept in order of receipt
/// without copying it.
public typealias OversightCases = ArraySlice<OversightCase>

extension ArraySlice where Element == OversightCase {
    /// The cases for which `test` holds. It reads each case where it lies: iterating would copy
    /// every case, and with it count references to its strings, a million times a page.
    public func matching(_ test: (borrowing OversightCase) -> Bool) -> [OversightCase] {
        var out: [OversightCase] = []
        for i in indices where test(self[i]) { out.append(self[i]) }
        return out
    }
}

/// Oversight figures over a set of cases: delay, outcomes, complainants and suspensions.
public enum Oversight {
    public enum Grouping: String, CaseIterable, Sendable { case category, caseworker, panel }

    public struct Timeliness: Sendable, Equatable {
        public var group: String
        /// What identifies the group: the kind as stored, or the person's id.
        public var key: String
        public var measure: String
        public var count: Int
        public var median: Double
        public var p90: Double
    }

    public static let measures: [(String, @Sendable (OversightCase) -> Date?)] = [
        ("to triage", { $0.triagedAt }), ("to notice", { $0.noticeAt }),
        ("to decision", { $0.decidedAt }), ("to appeal outcome", { $0.appealDecidedAt }),
    ]

    /// Days from receipt to each milestone, median and 90th percentile, per group.
    public static func timeliness(_ cases: OversightCases, by g: Grouping, names: [PersonID: String] = [:]) -> [Timeliness] {
        figures(cases, by: g, names: names).timeliness
    }

    /// Everything the oversight page shows per group, computed over the cases' rows in
    /// `OversightColumns` (one pass; quantiles by selection).
    public static func figures(_ cases: OversightCases, by g: Grouping, names: [PersonID: String] = [:]) -> (timeliness: [Timeliness], outcomes: [Rate]) {
        let columns = OversightColumns(cases)
        return columns.figures(0..<columns.count, by: g, names: names)
    }

    public struct Rate: Sendable, Equatable {
        public var group: String
        public var key: String
        public var measure: String
        public var successes: Int
        public var total: Int
        public var share: Double { total == 0 ? 0 : Double(successes) / Double(total) }
        public var low: Double
        public var high: Double
        public var z: Double
        /// Differs from the rest by more than chance explains: |z| ≥ 3 with at least 10 in the group.
        public var outlier: Bool
    }

    /// The outlier rule. Each group is compared with all the others by a two-proportion z-test;
    /// |z| ≥ 3 (two-sided p ≈ 0.003) is flagged, and only for groups of ten or more. The strict
    /// threshold keeps false alarms rare when twenty groups are compared at once (about one in
    /// 17 pages would show a false flag by chance), and the minimum size stops one or two cases
    /// from making a caseworker look extreme. A flag asks a question; it is not a finding.
    public static let outlierZ = 3.0
    public static let outlierMinimum = 10

    /// Share of complaints dismissed at triage, and share of allegations upheld, per group.
    public static func outcomes(_ cases: OversightCases, by g: Grouping, names: [PersonID: String] = [:]) -> [Rate] {
        figures(cases, by: g, names: names).outcomes
    }

    // The same, for a plain array (tests build their histories as arrays).
    public static func timeliness(_ cases: [OversightCase], by g: Grouping, names: [PersonID: String] = [:]) -> [Timeliness] {
        timeliness(cases[...], by: g, names: names)
    }
    public static func outcomes(_ cases: [OversightCase], by g: Grouping, names: [PersonID: String] = [:]) -> [Rate] {
        outcomes(cases[...], by: g, names: names)
    }
    public static func complainants(_ cases: [OversightCase]) -> Complainants { complainants(cases[...]) }
    public static func idle(_ cases: [OversightCase], days: Int, at now: Date) -> [OversightCase] { idle(cases[...], days: days, at: now) }
    public static func suspensions(_ cases: [OversightCase], at now: Date, calendar: WorkingCalendar) -> (rows: [SuspensionRow], daysWithoutHearing: Int) {
        suspensions(cases[...], at: now, calendar: calendar)
    }

    public struct Complainants: Sendable, Equatable {
        public var complaints: Int
        public var distinctComplainants: Int
        public var top1: Double
        public var top5: Double
        public var top10: Double
        /// Herfindahl–Hirschman index of complainants' shares, 0…1: 1/N when everyone files one.
        public var concentration: Double
        public var byRelation: [ComplainantRelation: Int]
    }

    /// Who files complaints. Reported only; nothing here is ever used to dismiss a complaint.
    public static func complainants(_ cases: OversightCases) -> Complainants {
        let columns = OversightColumns(cases)
        return columns.complainants(0..<columns.count)
    }

    /// Open cases on which nothing has happened for longer than `days`, longest idle first:
    /// wherever they sit, whatever their stage limit says.
    /// The cases a per-group figure counts: those of one kind, one caseworker or one panel member.
    public static func members(of key: String, by g: Grouping, in cases: OversightCases) -> [OversightCase] {
        switch g {
        case .category: return cases.matching { $0.category == key }
        case .caseworker:
            guard let id = UUID(uuidString: key) else { return [] }
            return cases.matching { $0.caseworker == id }
        case .panel:
            guard let id = UUID(uuidString: key) else { return [] }
            return cases.matching { $0.panel.contains(id) }
        }
    }

    public static func idle(_ cases: OversightCases, days: Int, at now: Date) -> [OversightCase] {
        cases.matching { !$0.stage.isTerminal && now.timeIntervalSince($0.lastActivity) > Double(days) * 86_400 }
            .sorted { $0.lastActivity < $1.lastActivity }
    }

    public struct SuspensionRow: Sendable, Equatable {
        public var id: CaseID
        public var route: CaseRoute
        public var reference: String
        public var imposed: Date
        public var daysElapsed: Int
        public var reviewDate: Day
        public var active: Bool
        public var hearingHeld: Bool
    }

    /// Every suspension, with days elapsed and whether a hearing has happened, and the total
    /// member-days spent suspended without a hearing.
    public static func suspensions(_ cases: OversightCases, at now: Date, calendar: WorkingCalendar) -> (rows: [SuspensionRow], daysWithoutHearing: Int) {
        var rows: [SuspensionRow] = []
        var total = 0
        for c in cases.matching({ $0.suspension != nil }) {
            guard let s = c.suspension else { continue }
            let lapse = calendar.start(of: s.reviewDate.adding(days: 1))
            let end = min(now, s.liftedAt ?? lapse, c.decidedAt ?? now)
            let days = max(0, Int(end.timeIntervalSince(s.imposedAt) / 86_400))
            let active = s.isActive(at: now, calendar: calendar)
            rows.append(
                SuspensionRow(
                    id: c.id, route: c.route, reference: c.reference, imposed: s.imposedAt,
                    daysElapsed: Int(min(now, s.liftedAt ?? lapse).timeIntervalSince(s.imposedAt) / 86_400),
                    reviewDate: s.reviewDate, active: active, hearingHeld: c.hearingHeld))
            total += days
        }
        return (rows.sorted { $0.imposed > $1.imposed }, total)
    }
}
