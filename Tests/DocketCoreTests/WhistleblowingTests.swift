import DocketCore
import Foundation
import Testing

/// Protected disclosures, identity custody and the retaliation watch, rule by rule.
@Suite("Whistleblowers")
struct WhistleblowingTests {
    static let custodian = Actor(id: UUID(), roles: [.reviewer])
    static let handler = Actor(id: UUID(), roles: [.reviewer])

    /// A protected disclosure about an office-holder, allocated: a reviewer handles it, another holds the identity.
    static func disclosure() throws -> World {
        var w = World()
        try w.run(.file(w.complaint(respondentIsOfficial: true).protected(disclosure: true, identity: false)), by: w.complainant)
        let reviewers = [handler, custodian].map { Candidate(id: $0.id, openCases: 0) }
        try w.run(.allocateCaseworker(pool: [Candidate(id: handler.id, openCases: 0)], seed: 1, custodians: reviewers), by: w.reviewer)
        return w
    }

    @Test func a_protected_disclosure_goes_to_the_independent_reviewers() throws {
        var w = World()
        // Even about an ordinary member, on whom the standard route would otherwise take it.
        try w.run(.file(w.complaint(respondentIsOfficial: false).protected(disclosure: true, identity: false)), by: w.complainant)
        #expect(w.file?.route == .independent)
        #expect(w.file?.protectedDisclosure == true && w.file?.identityProtected == true)
        #expect(w.file?.access(for: w.governance).isEmpty == true, "the governance committee does not see it")
        #expect(w.refusal(.allocateCaseworker(pool: w.caseworkerPool, seed: 1), by: w.governance) != nil)
    }

    @Test func the_team_never_sees_a_protected_identity() throws {
        let w = try Self.disclosure()
        let f = try #require(w.file)
        #expect(f.custodian == Self.custodian.id, "the custodian is drawn by the recorded rule, never the handler")
        #expect(f.caseworkerId == Self.handler.id)
        let team = f.access(for: Self.handler)
        let shownToTeam = f.disclosure(to: team, viewer: Self.handler.id)
        #expect(shownToTeam.complainant == "Identity protected")
        #expect(!shownToTeam.knowsComplainant)
        // Another reviewer who is not the custodian: protected too.
        let other = Actor(id: UUID(), roles: [.reviewer])
        #expect(f.disclosure(to: f.access(for: other), viewer: other.id).complainant == "Identity protected")
        // Without saying who is looking, nobody is the custodian.
        #expect(f.disclosure(to: team).complainant == "Identity protected")
        // The custodian and the complainant know.
        #expect(f.disclosure(to: f.access(for: Self.custodian), viewer: Self.custodian.id).complainant == "Alice Example")
        #expect(f.disclosure(to: f.access(for: w.complainant), viewer: w.complainant.id).complainant == "Alice Example")
    }

    @Test func a_reveal_needs_reasons_and_the_custodians_decision_after_the_complainant_is_told() throws {
        var w = try Self.disclosure()
        // Nobody but the team asks; with reasons; the custodian does not ask themselves.
        #expect(w.refusal(.requestReveal(reasons: " "), by: Self.handler)?.code == "reasons_required")
        #expect(w.refusal(.requestReveal(reasons: "Need to know."), by: Self.custodian)?.code == "custodian_knows")
        #expect(w.refusal(.requestReveal(reasons: "Need to know."), by: w.respondent) != nil)
        try w.run(.requestReveal(reasons: "Whether the complainant attended the meeting bears on the minutes."), by: Self.handler)
        // The complainant is told at once, and may withdraw.
        let told = w.procedure.notices(for: w.events.last!, in: w.file!)
        #expect(told.contains { $0.recipientId == w.complainant.id && $0.body.contains("withdraw") })
        // Only the custodian decides; not the handler, and not before the complainant had time.
        #expect(w.refusal(.decideReveal(number: 1, reveal: true, reasons: "Yes."), by: Self.handler)?.code == "custodian_only")
        #expect(w.refusal(.decideReveal(number: 1, reveal: true, reasons: ""), by: Self.custodian)?.code == "reasons_required")
        #expect(w.refusal(.decideReveal(number: 1, reveal: true, reasons: "Needed."), by: Self.custodian)?.code == "complainant_may_withdraw")
        w.advance(workingDays: Procedure.revealNoticeWorkingDays)
        try w.run(
            .decideReveal(number: 1, reveal: true, reasons: "The minutes cannot be weighed otherwise; the complainant did not object."), by: Self.custodian)
        let f = try #require(w.file)
        #expect(f.identityRevealed)
        #expect(f.disclosure(to: f.access(for: Self.handler), viewer: Self.handler.id).complainant == "Alice Example")
    }

    @Test func the_notice_names_the_complainant_or_gives_the_custodians_reason() throws {
        // Not protected: the notice names who complained.
        var plain = World()
        try plain.noticeServed()
        let named = plain.procedure.notices(for: plain.events.last!, in: plain.file!).first { $0.recipientId == plain.respondent.id }
        #expect(named?.body.contains("The complaint was made by Alice Example.") == true, "\(named?.body ?? "no notice")")
        #expect(named?.body.contains("Retaliating against anyone") == true)
        #expect(plain.file!.disclosure(to: [.respondent], viewer: plain.respondent.id).complainant == "Alice Example")

        // Protected: no notice until the custodian records why, and then it gives that reason.
        var w = World()
        try w.run(.file(w.complaint().protected(disclosure: false, identity: true)), by: w.complainant)
        #expect(w.file?.route == .standard)
        #expect(w.refusal(.allocateCaseworker(pool: w.caseworkerPool, seed: 1), by: w.governance)?.code == "no_custodians")
        try w.run(
            .allocateCaseworker(pool: w.caseworkerPool, seed: 1, custodians: [Candidate(id: Self.custodian.id, openCases: 0)]), by: w.governance)
        try w.run(.openInvestigation(reasons: "Prima facie breach of 2.1"), by: w.caseworker)
        try w.run(.addAllegation(clauseId: "2.1", conductDate: w.today.adding(days: -20), basis: "Messages of 3 February"), by: w.caseworker)
        #expect(w.refusal(.serveNotice(windowWorkingDays: 10, disclosedEvidence: []), by: w.caseworker)?.code == "withholding_reason_missing")
        #expect(w.refusal(.recordWithholding(reasons: "Fear of reprisal."), by: w.caseworker)?.code == "custodian_only")
        try w.run(.recordWithholding(reasons: "The complainant fears reprisal at work."), by: Self.custodian)
        try w.run(.serveNotice(windowWorkingDays: 10, disclosedEvidence: []), by: w.caseworker)
        let withheld = w.procedure.notices(for: w.events.last!, in: w.file!).first { $0.recipientId == w.respondent.id }
        #expect(withheld?.body.contains("Who complained is withheld") == true)
        #expect(withheld?.body.contains("The complainant fears reprisal at work.") == true)
        #expect(withheld?.body.contains("Alice Example") == false)
        #expect(w.file!.disclosure(to: [.respondent], viewer: w.respondent.id).complainant?.contains("Alice") == false)
    }

    /// The respondent's earlier complaint, about `about`, received `daysAgo` days before now.
    static func prior(_ w: World, about: PersonID, daysAgo: Int, disclosure: Bool = false) throws -> CaseFile {
        var p = World()
        p.now = w.now.addingTimeInterval(Double(-daysAgo) * 86_400)
        let c = Complaint(
            caseId: UUID(), reference: "DK-2025-0099", complainantId: w.respondent.id, complainantName: "Rory Respondent",
            relation: .directlyAffected, respondentId: about, respondentIsOfficial: disclosure, category: "bullying",
            summary: "An earlier complaint.", conductDate: nil
        ).protected(disclosure: disclosure, identity: false)
        try p.run(.file(c), by: w.respondent)
        return p.file!
    }

    @Test func a_complaint_against_a_recent_complainant_is_flagged() throws {
        var w = World()
        try w.filed()
        let f = try #require(w.file)
        // The respondent complained about this complainant four months ago.
        let recent = try Self.prior(w, about: w.complainant.id, daysAgo: 120)
        let flags = w.procedure.retaliationFlags(for: f, trigger: "complaint", people: [w.complainant.id], prior: [recent], at: w.now)
        #expect(flags.count == 1)
        guard case .retaliationFlagged(let flag)? = flags.first else { Issue.record("no flag"); return }
        #expect(flag.priorReference == "DK-2025-0099" && flag.trigger == "complaint")
        // Not when it was about someone else, or more than the window ago.
        let unrelated = try Self.prior(w, about: UUID(), daysAgo: 30)
        let old = try Self.prior(w, about: w.complainant.id, daysAgo: 500)
        #expect(w.procedure.retaliationFlags(for: f, trigger: "complaint", people: [w.complainant.id], prior: [unrelated, old], at: w.now).isEmpty)
        // A protected disclosure by the respondent is enough, whoever it was about; and since its
        // discloser is protected, only its custodian is shown which case it was.
        var disclosed = try Self.prior(w, about: UUID(), daysAgo: 60, disclosure: true)
        disclosed.custodian = Self.custodian.id
        let fromDisclosure = w.procedure.retaliationFlags(for: f, trigger: "complaint", people: [w.complainant.id], prior: [disclosed], at: w.now)
        #expect(fromDisclosure.count == 1)
        var branch = w
        for e in fromDisclosure { try branch.append(e, by: .commandLine) }
        let hidden = try #require(branch.file?.retaliationFlags.last)
        #expect(hidden.link(for: Self.custodian.id).contains("DK-2025-0099"))
        #expect(!hidden.link(for: w.reviewer.id).contains("DK-2025-0099"))
        #expect(flags.first.map { if case .retaliationFlagged(let r) = $0 { r.priorCustodian == nil } else { false } } == true)
        // The flag is shown to the independent reviewers only, and decided by one, with reasons.
        for e in flags { try w.append(e, by: .commandLine) }
        let g = try #require(w.file)
        #expect(g.disclosure(to: g.access(for: w.reviewer)).retaliationFlags)
        #expect(!g.disclosure(to: [.caseworker]).retaliationFlags)
        #expect(!g.disclosure(to: [.governance]).retaliationFlags)
        #expect(w.refusal(.decideRetaliationFlag(number: 1, confirmed: true, reasons: "Looks so."), by: w.governance)?.code == "reviewer_only")
        #expect(w.refusal(.decideRetaliationFlag(number: 1, confirmed: true, reasons: ""), by: w.reviewer)?.code == "reasons_required")
        try w.run(.decideRetaliationFlag(number: 1, confirmed: true, reasons: "Filed three weeks after the other, about the same meeting."), by: w.reviewer)
        #expect(w.file?.retaliationFlags.first?.confirmed == true)
    }

    @Test func a_suspension_under_an_open_flag_needs_a_reviewers_concurrence() throws {
        var w = World()
        try w.triage()
        let recent = try Self.prior(w, about: w.governance.id, daysAgo: 90)
        // Suspending, the governance member is one the respondent complained about.
        let flags = w.procedure.retaliationFlags(for: w.file!, trigger: "suspension", people: [w.governance.id], prior: [recent], at: w.now)
        #expect(flags.count == 1)
        for e in flags { try w.append(e, by: .commandLine) }
        let suspend = CaseCommand.imposeInterimSuspension(
            reasons: "Serious allegations.", scope: "Branch meetings", reviewDate: w.procedure.calendar.adding(workingDays: 5, to: w.today))
        #expect(w.refusal(suspend, by: w.governance)?.code == "retaliation_flag_open")
        #expect(w.refusal(.concurInSuspension(reasons: "Justified."), by: w.governance)?.code == "reviewer_only")
        #expect(w.refusal(.concurInSuspension(reasons: ""), by: w.reviewer)?.code == "reasons_required")
        try w.run(.concurInSuspension(reasons: "The allegations stand apart from the earlier complaint; a suspension is justified."), by: w.reviewer)
        try w.run(suspend, by: w.governance)
        #expect(w.file?.suspension != nil)
        // Without a flag, no concurrence is needed or offered.
        var plain = World()
        try plain.triage()
        #expect(plain.refusal(.concurInSuspension(reasons: "Fine."), by: plain.reviewer)?.code == "no_open_flag")
    }
}

extension World {
    /// Appends an event the core decided outside `decide` (a flag the store's watch raised).
    mutating func append(_ event: CaseEvent, by actor: Actor) throws {
        let recorded = RecordedEvent(seq: Int64(events.count + 1), caseId: file!.id, actorId: actor.id, occurredAt: now, event: event)
        events.append(recorded)
        file = procedure.evolve(file, recorded)
    }
}
