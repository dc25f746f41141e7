import Foundation

extension Procedure {
    /// The hearing is set with notice the parties can act on.
    ///
    /// Passes for the appointing authority or the chair of the panel, while the panel sits and has
    /// not heard the case, for a date at least `hearingNoticeWorkingDays` working days away and a
    /// place or a video link. The parties are told in the same transaction, with the panel by
    /// name, so that the respondent can object to a member in time. It exists because respondents
    /// learnt who judged them, and when, too late to say anything about either.
    func scheduleHearing(
        _ file: CaseFile, startsAt: Date, place: String, link: String?, names: [PersonID: String], by actor: Actor, at now: Date
    ) throws(DueProcessError) -> [CaseEvent] {
        try requireNotParty(file, actor)
        if file.chair != actor.id || file.isConflicted(actor.id) {
            try requireAppointingAuthority(file, actor, toDo: "schedule the hearing")
        }
        try requireStage(file, [.hearing], toDo: "schedule the hearing")
        guard let panel = file.panel, !panel.members.isEmpty else {
            throw .notAllowed("no_panel", "Case \(file.reference) has no panel to hear it.")
        }
        if file.hearingHeldAt != nil { throw .notAllowed("hearing_recorded", "The hearing of case \(file.reference) has already taken place.") }
        if file.openProposal != nil || file.decision != nil {
            throw .notAllowed("decision_under_way", "The panel is already deciding case \(file.reference).")
        }
        let earliest = calendar.adding(workingDays: policy.hearingNoticeWorkingDays, to: calendar.day(of: now))
        guard calendar.day(of: startsAt) >= earliest else {
            throw .invalid(
                "hearing_notice_too_short",
                "The parties must be told at least \(policy.hearingNoticeWorkingDays) working days ahead: the earliest day for the hearing is \(earliest)."
            ).on("startsAt")
        }
        guard calendar.isWorkingDay(calendar.day(of: startsAt)) else {
            throw DueProcessError.invalid(
                "hearing_not_working_day", "\(Spoken.day(calendar.day(of: startsAt))) is not a working day; choose a working day for the hearing."
            ).on("startsAt")
        }
        let place = place.trimmingCharacters(in: .whitespacesAndNewlines)
        let link = link?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if place.isEmpty, link == nil { throw DueProcessError.invalid("place_required", "Give the place of the hearing or its video link.").on("place") }
        if (place + (link ?? "")).unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalid("place_one_line", "The place and the video link must each be on one line.")
        }
        if let link, !(link.hasPrefix("https://") || link.hasPrefix("http://")) || link.contains(where: \.isWhitespace) {
            throw DueProcessError.invalid("link_invalid", "The video link must be a web address beginning https://.").on("link")
        }
        return [.hearingScheduled(.init(startsAt: Instant.truncate(startsAt), place: place, link: link, panel: seats(panel.members, names)))]
    }

    func seats(_ members: [PersonID], _ names: [PersonID: String]) -> [CaseEvent.Seat] {
        members.map { .init(personId: $0, name: names[$0]?.nilIfEmpty ?? "A panel member") }
    }

    /// Before the hearing, the respondent may say why a member of the panel should not sit.
    ///
    /// Passes for the respondent or their representative, with reasons, about a member of the
    /// sitting panel, before the hearing has begun and before the panel is deciding, once for
    /// each member until it is decided. It exists because panels were found to include people
    /// who had made up their minds, and the respondent had no way to say so.
    func objectToPanelMember(_ file: CaseFile, _ member: PersonID, reasons: String, by actor: Actor, at now: Date) throws(DueProcessError)
        -> [CaseEvent]
    {
        let access = file.access(for: actor)
        guard access.contains(.respondent) || access.contains(.representative) else {
            throw .notPermitted("respondent_only", "Only the respondent or their representative can object to a member of the panel.")
        }
        try requireStage(file, [.hearing], toDo: "object to a member of the panel")
        try requireBeforeHearing(file, at: now, toDo: "object to a member of the panel")
        guard file.panel?.members.contains(member) == true else {
            throw .invalid("not_on_panel", "That person does not sit on the panel of case \(file.reference).")
        }
        if file.objections.contains(where: { $0.member == member && $0.upheld == nil }) {
            throw .notAllowed("objection_pending", "An objection to that member is already waiting for a decision.")
        }
        try requireReasons(reasons, "An objection")
        return [.panelObjectionLodged(.init(number: file.objections.count + 1, member: member, reasons: reasons))]
    }

    func requireBeforeHearing(_ file: CaseFile, at now: Date, toDo what: String) throws(DueProcessError) {
        if file.hearingHeldAt != nil || file.hearing.map({ now >= $0.startsAt }) == true {
            throw .notAllowed("hearing_begun", "The hearing of case \(file.reference) has begun; it is too late to \(what).")
        }
        if file.openProposal != nil || file.decision != nil {
            throw .notAllowed("decision_under_way", "The panel is already deciding case \(file.reference); it is too late to \(what).")
        }
    }

    /// The appointing authority answers an objection with reasons; an upheld one is met by a new
    /// recorded draw, which leaves out the member objected to and everyone already sitting.
    func decideObjection(
        _ file: CaseFile, _ number: Int, upheld: Bool, reasons: String, pool: [Candidate], seed: UInt64, names: [PersonID: String],
        by actor: Actor
    ) throws(DueProcessError) -> [CaseEvent] {
        try requireAppointingAuthority(file, actor, toDo: "decide an objection to a panel member")
        if file.panel?.members.contains(actor.id) == true {
            throw .notPermitted("on_the_panel", "You sit on the panel of case \(file.reference), so you cannot judge an objection to it.")
        }
        try requireStage(file, [.hearing], toDo: "decide an objection")
        if file.hearingHeldAt != nil { throw .notAllowed("hearing_recorded", "The hearing of case \(file.reference) has been held.") }
        guard let objection = file.objections.first(where: { $0.number == number }) else {
            throw .invalid("unknown_objection", "There is no objection \(number) on case \(file.reference).")
        }
        if objection.upheld != nil { throw .notAllowed("objection_decided", "Objection \(number) has already been decided.") }
        if upheld, file.panel?.members.contains(objection.member) != true {
            throw .notAllowed("objection_moot", "The member objected to no longer sits on the panel; there is nobody to replace.")
        }
        try requireReasons(reasons, "A decision on an objection")
        var members = file.panel?.members ?? []
        var draw: Draw?
        if upheld {
            var ex = panelExclusions(file)
            for m in members where ex[m] == nil { ex[m] = "already sits on the panel" }
            ex[objection.member] = "objected to by the respondent; the objection was upheld"
            let d = try Allocator.draw(purpose: "replacement panel member", count: 1, pool: pool, exclusions: ex, seed: seed)
            if let i = members.firstIndex(of: objection.member), let chosen = d.chosen.first { members[i] = chosen }
            draw = d
        }
        return [.panelObjectionDecided(.init(number: number, upheld: upheld, reasons: reasons, replacement: draw, panel: seats(members, names)))]
    }

    /// Either party may ask for the hearing to be put off, with reasons, before it begins.
    func requestAdjournment(_ file: CaseFile, reasons: String, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        let access = file.access(for: actor)
        guard let side = [CaseAccess.respondent, .representative, .complainant].first(where: access.contains) else {
            throw .notPermitted("party_only", "Only a party to case \(file.reference) can ask for the hearing to be adjourned.")
        }
        try requireStage(file, [.hearing], toDo: "ask for an adjournment")
        guard file.hearing != nil else { throw .notAllowed("hearing_not_scheduled", "No hearing of case \(file.reference) has been scheduled.") }
        try requireBeforeHearing(file, at: now, toDo: "ask for an adjournment")
        if file.adjournments.contains(where: { $0.granted == nil && $0.requestedAs == side }) {
            throw .notAllowed("adjournment_pending", "Your request to adjourn the hearing is already waiting for the panel's decision.")
        }
        try requireReasons(reasons, "A request to adjourn")
        return [.adjournmentRequested(.init(number: file.adjournments.count + 1, requestedAs: side, reasons: reasons))]
    }

    /// The panel answers a request to adjourn, by its chair, with reasons; granted, the hearing
    /// must be set again with notice.
    func decideAdjournment(_ file: CaseFile, _ number: Int, granted: Bool, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requirePanelMember(file, file.panel, actor, toDo: "decide a request to adjourn")
        guard file.chair == actor.id else {
            throw .notPermitted("chair_only", "The chair of the panel answers a request to adjourn, for the panel.")
        }
        try requireStage(file, [.hearing], toDo: "decide a request to adjourn")
        guard let request = file.adjournments.first(where: { $0.number == number }) else {
            throw .invalid("unknown_adjournment", "There is no request to adjourn numbered \(number) on case \(file.reference).")
        }
        if request.granted != nil { throw .notAllowed("adjournment_decided", "Request \(number) has already been decided.") }
        if file.hearing == nil || file.hearingHeldAt != nil {
            throw .notAllowed("no_hearing_to_adjourn", "There is no hearing waiting to be held on case \(file.reference).")
        }
        try requireReasons(reasons, "A decision on a request to adjourn")
        return [.adjournmentDecided(.init(number: number, granted: granted, reasons: reasons))]
    }

    /// Only the chair proposes the decision, and not while the panel's make-up is in question.
    func requireChair(_ file: CaseFile, _ actor: Actor) throws(DueProcessError) {
        guard file.chair == actor.id else {
            throw .notPermitted(
                "chair_only", "The chair of the panel proposes the decision on case \(file.reference); the other members concur or dissent.")
        }
        if file.openProposal != nil {
            throw .notAllowed("proposal_open", "A proposed decision on case \(file.reference) is waiting for the panel's votes.")
        }
        if file.objections.contains(where: { $0.upheld == nil }) {
            throw .notAllowed(
                "objection_pending", "An objection to a member of the panel is waiting for a decision; the panel cannot decide until it is answered.")
        }
    }

    /// A panel decides by majority, and the record keeps every vote.
    ///
    /// Passes for a member of the deciding panel other than the chair, once for each proposal,
    /// with reasons for concurring or dissenting. The vote that makes a majority issues the
    /// decision in the same transaction; once a majority cannot be reached the proposal falls and
    /// the chair proposes again. It exists because a single member issued a panel's decision.
    func vote(_ file: CaseFile, concurs: Bool, reasons: String, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        try requireStage(file, [.hearing, .appeal], toDo: "vote on a proposed decision")
        try requirePanelMember(file, file.decidingPanel, actor, toDo: "vote on the decision")
        guard let proposal = file.openProposal else {
            throw .notAllowed("no_proposal", "The chair has not proposed a decision on case \(file.reference).")
        }
        if proposal.by == actor.id { throw .notAllowed("proposer_cannot_vote", "The chair's proposal already counts as the chair's concurrence.") }
        if proposal.votes.contains(where: { $0.member == actor.id }) {
            throw .notAllowed("already_voted", "You have already voted on this proposal.")
        }
        try requireReasons(reasons, concurs ? "A concurrence" : "A dissent")
        let members = Set(file.decidingPanel?.members ?? [])
        let concurrences = (members.contains(proposal.by) ? 1 : 0) + proposal.votes.filter { $0.concurs && members.contains($0.member) }.count
        let vote = CaseEvent.decisionVoted(.init(number: proposal.number, concurs: concurs, reasons: reasons))
        let draft = CaseEvent.DecisionProposed(
            number: proposal.number, forAppeal: proposal.forAppeal, findings: proposal.findings, sanction: proposal.sanction,
            sanctionReasons: proposal.sanctionReasons, appealOutcome: proposal.appealOutcome, appealReasons: proposal.appealReasons)
        return [vote] + issuedIfMajority(file, draft, concurrences: concurrences + (concurs ? 1 : 0), at: now)
    }

    /// A majority of the sitting panel.
    public func majority(of file: CaseFile) -> Int { (file.decidingPanel?.members.count ?? 1) / 2 + 1 }

    func issuedIfMajority(_ file: CaseFile, _ p: CaseEvent.DecisionProposed, concurrences: Int, at now: Date) -> [CaseEvent] {
        guard concurrences >= majority(of: file) else { return [] }
        if p.forAppeal {
            return [.appealDecided(.init(outcome: p.appealOutcome ?? .dismissed, reasons: p.appealReasons ?? "", sanction: p.sanction))]
        }
        let appealDeadline = calendar.deadline(workingDays: policy.appealWindowWorkingDays, from: now)
        return [
            .decisionIssued(
                .init(findings: p.findings ?? [], sanction: p.sanction, sanctionReasons: p.sanctionReasons, appealDeadline: appealDeadline))
        ]
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
