import Foundation

/// Which past decisions a review programme takes in. Every condition left empty matches all.
public struct ReviewRule: Codable, Sendable, Equatable {
    public var decidedFrom: Day?
    public var decidedTo: Day?
    public var category: String?
    /// `upheld` (at least one allegation upheld) or `not_upheld` (none).
    public var outcome: String?
    /// A caseworker or panel member whose cases are to be looked at again.
    public var official: PersonID?
    public var sanction: SanctionKind?

    public init(
        decidedFrom: Day? = nil, decidedTo: Day? = nil, category: String? = nil, outcome: String? = nil,
        official: PersonID? = nil, sanction: SanctionKind? = nil
    ) {
        self.decidedFrom = decidedFrom; self.decidedTo = decidedTo; self.category = category
        self.outcome = outcome; self.official = official; self.sanction = sanction
    }

    /// Whether a decided case falls under the rule.
    public func matches(_ f: CaseFile, calendar: WorkingCalendar) -> Bool {
        guard let d = f.decision else { return false }
        let day = calendar.day(of: d.at)
        if let from = decidedFrom, day < from { return false }
        if let to = decidedTo, day > to { return false }
        if let category, f.category != category { return false }
        let upheld = d.findings.contains { $0.finding == .upheld }
        if outcome == "upheld", !upheld { return false }
        if outcome == "not_upheld", upheld { return false }
        if let official,
            !(f.investigators.contains(official) || f.panel?.members.contains(official) == true
                || f.appealPanel?.members.contains(official) == true)
        {
            return false
        }
        if let sanction, f.effectiveSanction != sanction { return false }
        return true
    }
}

public enum ReviewConclusion: String, Codable, CaseIterable, Sendable {
    case stands, varied
    case setAside = "set_aside"
}

extension CaseFile {
    /// The sanction in force now: after any appeal, and after any programme review.
    public var effectiveSanction: SanctionKind? {
        if let last = programmeReviews.last(where: { $0.conclusion != nil }), last.conclusion != .stands { return last.sanction }
        if let a = appealDecision { return a.sanction }
        return decision?.sanction
    }

    /// Everyone who had a part in the original decision: none of them may review it.
    public var handledBy: Set<PersonID> {
        var s = Set(investigators)
        if let t = triagedBy { s.insert(t) }
        s.formUnion(panel?.members ?? [])
        s.formUnion(appealPanel?.members ?? [])
        s.formUnion(formerPanelists)
        return s
    }
}

extension Procedure {
    /// A past decision opened for review under a programme, assigned by rule.
    ///
    /// Passes for an independent reviewer on a decided or closed case, with a reviewer drawn from
    /// the pool leaving out the parties, the conflicted and everyone who had a part in the
    /// original. It exists because past suspensions and expulsions were never looked at again.
    func openProgrammeReview(_ file: CaseFile, programme: UUID, pool: [Candidate], seed: UInt64, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireNotParty(file, actor)
        guard actor.has(.reviewer) else { throw .notPermitted("reviewer_only", "Only an independent reviewer can open a review programme.") }
        guard file.decision != nil else { throw .notAllowed("nothing_to_review", "Case \(file.reference) has no decision to review.") }
        if file.programmeReviews.contains(where: { $0.programme == programme }) {
            throw .notAllowed("already_in_programme", "Case \(file.reference) is already in this programme.")
        }
        var exclusions = exclusionsForHandlers(file)
        for p in file.handledBy where exclusions[p] == nil { exclusions[p] = "had a part in the original decision" }
        let draw = try Allocator.draw(purpose: "programme reviewer", count: 1, pool: pool, exclusions: exclusions, seed: seed)
        return [.programmeReviewOpened(.init(programme: programme, draw: draw))]
    }

    /// The programme reviewer concludes: the decision stands, is varied, or is set aside, with reasons.
    func concludeProgrammeReview(_ file: CaseFile, conclusion: ReviewConclusion, reasons: String, sanction: SanctionKind?, by actor: Actor)
        throws(DueProcessError) -> [CaseEvent]
    {
        try requireNotParty(file, actor)
        guard let open = file.programmeReviews.last(where: { $0.conclusion == nil }), open.reviewer == actor.id else {
            throw .notPermitted("not_programme_reviewer", "Only the reviewer drawn for this case's programme review can conclude it.")
        }
        try requireReasons(reasons, "A review conclusion")
        var newSanction: SanctionKind? = file.effectiveSanction
        switch conclusion {
        case .stands: break
        case .setAside: newSanction = nil
        case .varied:
            guard let sanction, sanction != file.effectiveSanction else {
                throw .invalid("variation_required", "A varied decision must state the new sanction.")
            }
            try checkSanction(file, findings: file.decision?.findings ?? [], sanction: sanction, reasons: reasons)
            newSanction = sanction
        }
        return [.programmeReviewConcluded(.init(programme: open.programme, conclusion: conclusion, reasons: reasons, sanction: newSanction))]
    }
}

/// The rules of opening a review programme, as a pure decider: the record of the programme
/// itself. Each case it takes in is opened by `Procedure.decide(.openProgrammeReview)`.
public enum ProgrammeDesk {
    /// Who may open a programme, and whether the title and rule make sense; checked before any
    /// case is opened, so a refused programme opens nothing.
    public static func check(title: String, rule: ReviewRule, by actor: Actor) throws(DueProcessError) {
        guard actor.has(.reviewer) else { throw .notPermitted("reviewer_only", "Only an independent reviewer can open a review programme.") }
        guard !title.isBlank else { throw .invalid("title_required", "Give the programme a title.") }
        try TextLimit.name.check(title, "The title")
        if let from = rule.decidedFrom, let to = rule.decidedTo, from > to {
            throw .invalid("period_reversed", "The period starts on \(from), after it ends on \(to); swap the dates.")
        }
        if let outcome = rule.outcome, !["upheld", "not_upheld"].contains(outcome) {
            throw .invalid("bad_outcome", "The outcome must be upheld or not upheld.")
        }
    }

    public static func mayOpen(_ actor: Actor) -> Bool { actor.has(.reviewer) }

    /// The programme's event, once its cases have been opened (`opened`) or refused (`skipped`).
    public static func decide(title: String, rule: ReviewRule, opened: Int, skipped: Int, by actor: Actor) throws(DueProcessError) -> [RecordEvent] {
        try check(title: title, rule: rule, by: actor)
        return [.reviewProgrammeCreated(.init(title: title, rule: rule, opened: opened, skipped: skipped))]
    }
}
