import Foundation

/// Protected disclosures, identity custody and the retaliation watch.
///
/// - A complaint marked as a protected disclosure (wrongdoing by staff or office-holders,
///   misuse of the complaints process included) goes to the independent reviewers, always, and
///   runs on the EU Whistleblowing Directive's limits: acknowledged within 7 days, feedback
///   within 3 months.
/// - A protected discloser's identity, and that of any complainant who asks, is held by a
///   custodian: an independent reviewer drawn by the recorded rule when the case is allocated,
///   never its handler. The case team sees "identity protected". A member of the team may ask the
///   custodian to reveal it, with reasons; the complainant is told at once and may withdraw; the
///   custodian decides, with reasons, no sooner than `revealNoticeWorkingDays` later.
/// - The respondent is told who complained, unless the identity is protected; then they are told
///   it is withheld, and the custodian's recorded reason.
/// - A complaint, an allocation or an interim suspension is flagged to the independent reviewers
///   when its respondent, in the last `retaliationWindowMonths`, complained about the complainant,
///   the person suspending or the office-holders handling the case, or made a protected
///   disclosure. While a flag is open, an interim suspension needs a reviewer's concurrence.
extension Procedure {
    /// Working days between a request to reveal an identity and the earliest decision to reveal
    /// it: the complainant is told, and may withdraw.
    public static let revealNoticeWorkingDays = 5
    /// The Directive's limits for a protected disclosure.
    public static let acknowledgeDays = 7
    public static let feedbackMonths = 3

    func drawCustodian(_ f: CaseFile, pool: [Candidate], handler: PersonID?, seed: UInt64) throws(DueProcessError) -> CaseEvent? {
        guard f.identityProtected, f.custodian == nil else { return nil }
        var exclusions = exclusionsForHandlers(f)
        if let handler { exclusions[handler] = "handles the case" }
        for former in f.investigators where exclusions[former] == nil { exclusions[former] = "held the case" }
        let draw = try Allocator.draw(purpose: "custodian", count: 1, pool: pool, exclusions: exclusions, seed: seed &+ 0x9E37_79B9)
        return .custodianDrawn(draw)
    }

    func recordWithholding(_ f: CaseFile, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        guard f.identityProtected, !f.identityRevealed else { throw .notAllowed("identity_not_protected", "This complainant's identity is not protected.") }
        guard actor.id == f.custodian else {
            throw .notPermitted("custodian_only", "Only the custodian of the complainant's identity records why it is withheld.")
        }
        try needReasons(reasons, "why the identity is withheld")
        return [.identityWithheld(.init(reasons))]
    }

    func requestReveal(_ f: CaseFile, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        let access = f.access(for: actor)
        guard !access.isEmpty, !access.contains(where: \.isParty) else {
            throw .notPermitted("case_team_only", "Only the case team asks for a protected identity.")
        }
        guard actor.id != f.custodian else { throw .notAllowed("custodian_knows", "You hold this identity; you decide requests to reveal it.") }
        guard f.identityProtected, !f.identityRevealed else { throw .notAllowed("identity_not_protected", "The complainant's identity is not protected.") }
        guard f.custodian != nil else { throw .notAllowed("no_custodian", "No custodian has been drawn yet; one is drawn when the case is allocated.") }
        guard !f.stage.isTerminal else { throw .notAllowed("case_ended", "The case has ended.") }
        guard !f.reveals.contains(where: { $0.revealed == nil }) else {
            throw .notAllowed("reveal_pending", "A request to reveal the identity is already waiting for the custodian.")
        }
        try needReasons(reasons, "why the case team needs to know who complained")
        return [.revealRequested(.init(number: f.reveals.count + 1, reasons: reasons))]
    }

    func decideReveal(_ f: CaseFile, number: Int, reveal: Bool, reasons: String, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        guard actor.id == f.custodian else {
            throw .notPermitted("custodian_only", "Only the custodian of the complainant's identity decides whether to reveal it.")
        }
        guard let r = f.reveals.first(where: { $0.number == number }), r.revealed == nil else {
            throw .notAllowed("no_such_request", "There is no request \(number) waiting for a decision.")
        }
        try needReasons(reasons, "the reasons for the decision")
        if reveal {
            let earliest = calendar.adding(workingDays: Self.revealNoticeWorkingDays, to: calendar.day(of: r.at))
            guard calendar.day(of: now) >= earliest else {
                throw .notAllowed(
                    "complainant_may_withdraw",
                    "The complainant was told of this request and may withdraw until \(earliest); the identity can be revealed from then.")
            }
        }
        return [.revealDecided(.init(number: number, reveal: reveal, reasons: reasons))]
    }

    func decideRetaliationFlag(_ f: CaseFile, number: Int, confirmed: Bool, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        guard actor.has(.reviewer), f.access(for: actor).contains(.reviewer) else {
            throw .notPermitted("reviewer_only", "Only an independent reviewer decides a retaliation flag.")
        }
        guard let flag = f.retaliationFlags.first(where: { $0.number == number }), flag.confirmed == nil else {
            throw .notAllowed("no_open_flag", "There is no open retaliation flag \(number) on this case.")
        }
        try needReasons(reasons, "the reasons for the decision")
        return [.retaliationFlagDecided(.init(number: number, confirmed: confirmed, reasons: reasons))]
    }

    func concurInSuspension(_ f: CaseFile, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        guard actor.has(.reviewer), f.access(for: actor).contains(.reviewer) else {
            throw .notPermitted("reviewer_only", "Only an independent reviewer concurs in a suspension under a retaliation flag.")
        }
        guard f.hasOpenRetaliationFlag else { throw .notAllowed("no_open_flag", "No retaliation flag is open on this case; no concurrence is needed.") }
        guard f.suspensionConcurrence == nil else { throw .notAllowed("already_concurred", "A reviewer has already concurred.") }
        try needReasons(reasons, "why a suspension is justified despite the flag")
        return [.suspensionConcurred(.init(reasons))]
    }

    func needReasons(_ text: String, _ what: String) throws(DueProcessError) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DueProcessError.invalid("reasons_required", "Give \(what).").on("reasons")
        }
    }

    /// The flags a step raises: `file`'s respondent complained, in the window, about one of
    /// `people` (the complainant, whoever suspends, the office-holders handling the case), or
    /// made a protected disclosure. `prior` are the cases the respondent complained in.
    public func retaliationFlags(for f: CaseFile, trigger: String, people: Set<PersonID>, prior: [CaseFile], at now: Date) -> [CaseEvent] {
        guard let respondent = f.respondentId else { return [] }
        let since = calendar.start(of: calendar.day(of: now).adding(months: -policy.retaliationWindowMonths))
        var out: [CaseEvent] = []
        var number = f.retaliationFlags.count
        for p in prior.sorted(by: { $0.receivedAt < $1.receivedAt }) where p.id != f.id && p.complainantId == respondent && p.receivedAt >= since {
            let basis: String
            if p.protectedDisclosure {
                basis = "the respondent made a protected disclosure"
            } else if let about = p.respondentId, people.contains(about) {
                basis = "the respondent complained about someone acting in this case"
            } else {
                continue
            }
            guard !f.retaliationFlags.contains(where: { $0.priorCase == p.id && $0.trigger == trigger }) else { continue }
            number += 1
            // Whose earlier complaint it was is itself protected while that identity is: only its
            // custodian is shown the link.
            let custodian = p.identityProtected && !p.identityRevealed ? p.custodian ?? Actor.commandLine.id : nil
            out.append(
                .retaliationFlagged(
                    .init(number: number, trigger: trigger, priorCase: p.id, priorReference: p.reference, basis: basis, priorCustodian: custodian)))
        }
        return out
    }
}

extension Procedure {
    /// What both parties are told: retaliation is itself a breach, and under which clause.
    public func retaliationWarning(on day: Day) -> String {
        let clause = rulebook.version(inForceOn: day)?.clauses.first { $0.category == "retaliation" }
        let cite = clause.map { "clause \($0.id) (\($0.title)) of the rulebook" } ?? "the rulebook"
        return "Retaliating against anyone for complaining, giving evidence or raising a concern is itself a breach of \(cite), and is dealt with as one."
    }

    /// What the notice says of who complained: their name, or that it is withheld and why.
    public func whoComplained(_ f: CaseFile) -> String {
        if f.identityProtected, !f.identityRevealed {
            return
                "Who complained is withheld: the complainant's identity is protected. The custodian's recorded reason: \(f.withheldReason ?? "none recorded")."
        }
        return "The complaint was made by \(f.complainantName)."
    }
}

/// How protected disclosures and retaliation flags are handled: for the oversight page and, with
/// small numbers suppressed, the public report.
public struct WhistleblowingFigures: Codable, Sendable, Equatable {
    public var disclosures = 0
    public var acknowledgedInTime = 0
    public var acknowledgedLate = 0
    /// Not yet acknowledged, and past the 7 days.
    public var acknowledgementOverdue = 0
    public var feedbackInTime = 0
    public var feedbackLate = 0
    /// No feedback yet, and past the 3 months.
    public var feedbackOverdue = 0
    public var flagsRaised = 0
    public var flagsConfirmed = 0
    public var flagsDismissed = 0
    public var flagsOpen = 0

    public init() {}

    /// The figures of `files`: disclosures among them by their receipt, flags by when raised;
    /// `received` limits both to a period.
    public static func of(_ files: [CaseFile], at now: Date, calendar: WorkingCalendar, received: Range<Date>? = nil) -> WhistleblowingFigures {
        var w = WhistleblowingFigures()
        for f in files {
            if f.protectedDisclosure, received?.contains(f.receivedAt) ?? true {
                w.disclosures += 1
                let ackDue = f.receivedAt.addingTimeInterval(Double(Procedure.acknowledgeDays) * 86_400)
                if let a = f.acknowledgedAt {
                    if a <= ackDue { w.acknowledgedInTime += 1 } else { w.acknowledgedLate += 1 }
                } else if now > ackDue {
                    w.acknowledgementOverdue += 1
                }
                let start = calendar.day(of: f.acknowledgedAt ?? f.receivedAt)
                let feedbackDue = calendar.start(of: start.adding(months: Procedure.feedbackMonths).adding(days: 1))
                if let fb = f.feedbackAt {
                    if fb < feedbackDue { w.feedbackInTime += 1 } else { w.feedbackLate += 1 }
                } else if now >= feedbackDue {
                    w.feedbackOverdue += 1
                }
            }
            for flag in f.retaliationFlags where received?.contains(flag.at) ?? true {
                w.flagsRaised += 1
                switch flag.confirmed {
                case true?: w.flagsConfirmed += 1
                case false?: w.flagsDismissed += 1
                case nil: w.flagsOpen += 1
                }
            }
        }
        return w
    }

    /// The public report's sections, each small number suppressed.
    public func sections(threshold: Int) -> [TransparencyReport.Section] {
        func s(_ counts: [(String, Int)], total: Int?, threshold: Int) -> [TransparencyReport.Cell] {
            TransparencyReport.suppress(counts, total: total, threshold: threshold)
        }
        return [
            .init(
                title: "Protected disclosures",
                method:
                    "Complaints marked as protected disclosures received in the period, and how the Directive's limits were kept: acknowledged within 7 days, feedback within 3 months.",
                cells: s([("Protected disclosures received", disclosures)], total: nil, threshold: threshold)
                    + s(
                        [
                            ("Acknowledged within 7 days", acknowledgedInTime), ("Acknowledged late", acknowledgedLate),
                            ("Not yet acknowledged, overdue", acknowledgementOverdue),
                        ],
                        total: nil, threshold: threshold)
                    + s(
                        [("Feedback within 3 months", feedbackInTime), ("Feedback late", feedbackLate), ("No feedback yet, overdue", feedbackOverdue)],
                        total: nil,
                        threshold: threshold)),
            .init(
                title: "Retaliation flags",
                method:
                    "Flags raised in the period when a respondent had recently complained about someone acting against them, or made a protected disclosure; and how the independent reviewers decided them.",
                cells: s(
                    [("Flags raised", flagsRaised), ("Confirmed", flagsConfirmed), ("Dismissed", flagsDismissed), ("Open", flagsOpen)], total: flagsRaised,
                    threshold: threshold)),
        ]
    }
}
