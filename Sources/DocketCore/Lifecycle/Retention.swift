import Foundation

/// How a case ended, as the retention schedule keys it.
public enum RetentionClass: String, Codable, CaseIterable, Sendable {
    case dismissed
    case resolvedInformally = "resolved_informally"
    case notUpheld = "not_upheld"
    case upheld
    case expelled

    public var title: String {
        switch self {
        case .dismissed: "Dismissed at triage"
        case .resolvedInformally: "Resolved informally"
        case .notUpheld: "Not upheld"
        case .upheld: "Upheld (no sanction, or a sanction short of expulsion)"
        case .expelled: "Upheld, with expulsion"
        }
    }

    /// The class of a case that has ended, or nil while it is open. An appeal that allowed the
    /// respondent's appeal leaves nothing upheld.
    public static func of(_ f: CaseFile) -> RetentionClass? {
        switch f.stage {
        case .dismissed: return .dismissed
        case .resolved: return .resolvedInformally
        case .closed:
            guard let decision = f.decision, decision.findings.contains(where: { $0.finding == .upheld }),
                f.appealDecision?.outcome != .allowed
            else { return .notUpheld }
            return decision.sanction == .expulsion ? .expelled : .upheld
        default: return nil
        }
    }
}

/// How long a closed case's personal data is kept, by how it ended, in months after closure. After
/// that, the keys that sealed it are destroyed; the oversight figures, which hold no personal
/// data, are kept for ever.
public struct RetentionSchedule: Codable, Sendable, Equatable {
    public var months: [String: Int]

    public static let defaults: [RetentionClass: Int] = [
        .dismissed: 12, .resolvedInformally: 12, .notUpheld: 36, .upheld: 72, .expelled: 120,
    ]
    /// From one month to thirty years.
    public static let bounds = 1...360

    public init(months: [RetentionClass: Int] = RetentionSchedule.defaults) {
        self.months = Dictionary(uniqueKeysWithValues: months.map { ($0.key.rawValue, $0.value) })
    }

    public func months(for c: RetentionClass) -> Int {
        min(max(months[c.rawValue] ?? Self.defaults[c]!, Self.bounds.lowerBound), Self.bounds.upperBound)
    }

    /// What retention does with one case on `day`.
    public enum Verdict: Equatable, Sendable {
        case open
        case keep(until: Day, RetentionClass)
        case held(reasons: String, due: Day, RetentionClass)
        case erase(RetentionClass, due: Day)
        case erased
    }

    public func verdict(for f: CaseFile, on day: Day, calendar: WorkingCalendar) -> Verdict {
        if f.erasedAt != nil { return .erased }
        guard let c = RetentionClass.of(f) else { return .open }
        let closed = calendar.day(of: f.clock.enteredAt)
        let due = closed.adding(months: months(for: c))
        if day < due { return .keep(until: due, c) }
        if let hold = f.legalHold { return .held(reasons: hold, due: due, c) }
        return .erase(c, due: due)
    }

    /// The rule a retention erasure cites, as recorded on the chain.
    public func rule(_ c: RetentionClass) -> String { "\(c.rawValue): \(months(for: c)) months after closure" }
}

extension Day {
    /// The same day of the month `months` later, or the month's last day if it has fewer days.
    public func adding(months: Int) -> Day {
        let c = civil
        let total = c.year * 12 + (c.month - 1) + months
        let (y, m) = (total / 12, total % 12 + 1)
        var d = c.day
        while Day(year: y, month: m, day: d) == nil { d -= 1 }
        return Day(year: y, month: m, day: d)!
    }
}

extension Procedure {
    /// The erasure of `f` by the retention schedule on `day`, or why not: only a case whose
    /// period has run out, with no legal hold, and not already erased.
    public func retentionErasure(of f: CaseFile, on day: Day) throws(DueProcessError) -> CaseEvent {
        switch policy.retention.verdict(for: f, on: day, calendar: calendar) {
        case .open: throw .notAllowed("still_open", "Only a case that has ended is erased by the retention schedule.")
        case .erased: throw .notAllowed("already_erased", "This case's personal data has already been erased.")
        case .keep(let until, _): throw .notAllowed("kept", "The retention schedule keeps this case until \(until).")
        case .held(let reasons, _, _): throw .notAllowed("legal_hold", "A legal hold stops this case's erasure: \(reasons)")
        case .erase(let c, _):
            return .contentErased(.init(basis: "retention", rule: policy.retention.rule(c), complainantKey: OversightCase.complainantKey(f)))
        }
    }

    /// A legal hold placed or lifted, with reasons, by governance or an independent reviewer.
    public func legalHold(_ f: CaseFile, place: Bool, reasons: String, by actor: Actor) throws(DueProcessError) -> CaseEvent {
        guard actor.has(.governance) || actor.has(.reviewer) || actor.id == Actor.commandLine.id else {
            throw .notPermitted("legal_hold_role", "Only the governance committee or an independent reviewer places or lifts a legal hold.")
        }
        let words = reasons.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !words.isEmpty else {
            throw DueProcessError.invalid("reasons_required", "Give the reasons for the legal hold: who asked for it, and why.").on("reasons")
        }
        guard f.erasedAt == nil else { throw .notAllowed("already_erased", "This case's personal data has already been erased.") }
        if place {
            guard f.legalHold == nil else { throw .notAllowed("held", "A legal hold already stands on this case.") }
            return .legalHoldPlaced(.init(words))
        }
        guard f.legalHold != nil else { throw .notAllowed("not_held", "No legal hold stands on this case.") }
        return .legalHoldLifted(.init(words))
    }
}

extension Actor {
    /// The server's command line and its scheduled jobs (retention): recorded as the actor of
    /// what they do, with no roles, so nothing a person does can pass for it.
    public static let commandLine = Actor(id: UUID(uuidString: "C0111A4D-0000-4000-8000-000000000001")!, roles: [])
}
