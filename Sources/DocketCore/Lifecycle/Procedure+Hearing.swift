import Foundation

extension Procedure {
    /// A panel drawn by rule from people with no part in the case so far.
    ///
    /// Passes when enough panel members remain after leaving out the parties, anyone who declared a
    /// conflict, and whoever triaged or investigated the case. It exists because the person who built
    /// a case must not be the one who judges it.
    func appointPanel(_ file: CaseFile, pool: [Candidate], seed: UInt64, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireAppointingAuthority(file, actor, toDo: "appoint a panel")
        try requireStage(file, [.reported], toDo: "appoint a panel")
        let draw = try Allocator.draw(
            purpose: "panel", count: policy.panelSize, pool: pool,
            exclusions: panelExclusions(file), seed: seed)
        return [.panelAppointed(draw)]
    }

    func panelExclusions(_ file: CaseFile) -> [PersonID: String] {
        var ex = exclusionsForHandlers(file)
        for person in file.investigators where ex[person] == nil { ex[person] = "investigated the case" }
        if let t = file.triagedBy, ex[t] == nil { ex[t] = "triaged the case" }
        for p in file.formerPanelists where ex[p] == nil { ex[p] = "sat on a panel whose decision was vetoed" }
        for p in file.objectedOut where ex[p] == nil { ex[p] = "removed from the panel after an upheld objection" }
        return ex
    }

    func requirePanelMember(_ file: CaseFile, _ panel: CaseFile.Panel?, _ actor: Actor, toDo what: String) throws(DueProcessError) {
        try requireNotParty(file, actor)
        guard let panel, panel.members.contains(actor.id) else {
            throw .notPermitted("not_on_panel", "Only a member of the panel appointed to case \(file.reference) can \(what).")
        }
        if file.isConflicted(actor.id) {
            throw .notPermitted("conflicted", "You declared a conflict on case \(file.reference), so you cannot \(what).")
        }
    }

    /// The hearing is recorded once it has taken place: who attended, and what happened.
    ///
    /// Passes for a member of the panel, once a hearing the parties were told of has begun, with
    /// notes, and attendees who are the parties, the case team or the panel. It exists because a
    /// hearing nobody was told of is no hearing.
    func recordHearing(_ file: CaseFile, notes: String, attendees: [PersonID], by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        try requirePanelMember(file, file.panel, actor, toDo: "record the hearing")
        try requireStage(file, [.hearing], toDo: "record a hearing")
        guard let hearing = file.hearing else {
            throw .notAllowed("hearing_not_scheduled", "No hearing of case \(file.reference) has been scheduled, so none can be recorded; schedule it first.")
        }
        guard now >= hearing.startsAt else {
            throw .notAllowed(
                "hearing_not_begun", "The hearing of case \(file.reference) is set for \(Spoken.time(hearing.startsAt)); it can be recorded once it has begun.")
        }
        if file.hearingHeldAt != nil { throw .notAllowed("hearing_recorded", "The hearing of case \(file.reference) has already been recorded.") }
        if file.objections.contains(where: { $0.upheld == nil }) {
            throw .notAllowed(
                "objection_pending", "An objection to a member of the panel waits for the appointing authority; it is answered before the hearing is held.")
        }
        try requireReasons(notes, "The record of the hearing", field: "notes")
        let allowed = file.parties.union(file.panel?.members ?? []).union([file.caseworkerId].compactMap { $0 })
        if let stranger = attendees.first(where: { !allowed.contains($0) }) {
            throw .invalid("unknown_attendee", "\(stranger.uuidString.lowercased()) is neither a party, the caseworker nor a member of the panel.")
        }
        var seen: Set<PersonID> = []
        return [.hearingHeld(.init(notes, attendees: attendees.filter { seen.insert($0).inserted }))]
    }

    /// No decision before notice, and a finding with reasons for every allegation.
    ///
    /// Passes when notice was served and the respondent has answered or the window has closed, an oral
    /// hearing that was asked for has been held, and each allegation has exactly one finding with
    /// written reasons. A sanction needs an upheld allegation, must be one the upheld clauses allow, and
    /// a sanction outside the guidance needs its own reasons. It exists because members read of their
    /// suspension in the press, and outcomes differed with no reasons anyone could check.
    func issueDecision(
        _ file: CaseFile, findings: [CaseFile.FindingRecord], sanction: SanctionKind?, sanctionReasons: String?,
        by actor: Actor, at now: Date
    ) throws(DueProcessError) -> [CaseEvent] {
        guard let notice = file.notice else {
            throw .notAllowed("notice_not_served", "No decision can be made before the respondent has been served notice of the allegations.")
        }
        if !file.responseWindowFinished(at: now) {
            throw .notAllowed(
                "response_window_open",
                "No decision can be made while the response window is open: the respondent has until the end of \(formatted(notice.responseDeadline)).")
        }
        try requireStage(file, [.hearing], toDo: "decide the case")
        try requirePanelMember(file, file.panel, actor, toDo: "decide the case")
        try requireChair(file, actor)
        if file.response?.requestsOralHearing == true, file.hearingHeldAt == nil {
            throw .notAllowed("oral_hearing_pending", "The respondent asked for an oral hearing; record the hearing before deciding.")
        }
        if let h = file.hearing, file.hearingHeldAt == nil {
            throw .notAllowed("hearing_pending", "A hearing is set for \(Spoken.time(h.startsAt)); the panel decides after it, not before.")
        }
        if file.hearingOwed, file.hearingHeldAt == nil {
            throw .notAllowed("hearing_adjourned", "The hearing was adjourned; set it again, and hold it, before deciding.")
        }
        let numbers = Set(file.allegations.map(\.number))
        var answered: Set<Int> = []
        for (i, f) in findings.enumerated() {
            guard numbers.contains(f.allegation) else { throw .invalid("unknown_allegation", "There is no allegation \(f.allegation) in this case.") }
            guard answered.insert(f.allegation).inserted else { throw .invalid("duplicate_finding", "Allegation \(f.allegation) has more than one finding.") }
            if f.reasons.isBlank {
                throw DueProcessError.invalid("reasons_required", "A decision needs reasons for allegation \(f.allegation).").on("findings[\(i)][reasons]")
            }
        }
        if let missing = numbers.subtracting(answered).min() {
            throw .invalid("finding_required", "A decision needs a finding, upheld or not upheld, for allegation \(missing).")
        }
        try checkSanction(file, findings: findings, sanction: sanction, reasons: sanctionReasons)
        let ordered = findings.sorted { $0.allegation < $1.allegation }
        let proposal = CaseEvent.DecisionProposed(
            number: file.proposals.count + 1, forAppeal: false, findings: ordered, sanction: sanction,
            sanctionReasons: sanctionReasons?.isBlank == false ? sanctionReasons : nil)
        return [.decisionProposed(proposal)] + issuedIfMajority(file, proposal, concurrences: 1, at: now)
    }

    /// The clauses of the upheld allegations, as they stood in the version each allegation cites.
    public func upheldClauses(_ file: CaseFile, _ findings: [CaseFile.FindingRecord]) -> [Clause] {
        let upheld = Set(findings.filter { $0.finding == .upheld }.map(\.allegation))
        return file.allegations.filter { upheld.contains($0.number) }.compactMap { a in
            rulebook.versions.first { $0.version == a.rulebookVersion }?.clause(a.clauseId)
        }
    }

    func checkSanction(_ file: CaseFile, findings: [CaseFile.FindingRecord], sanction: SanctionKind?, reasons: String?) throws(DueProcessError) {
        guard let sanction else { return }
        let clauses = upheldClauses(file, findings)
        if clauses.isEmpty {
            throw .notAllowed("sanction_without_upheld", "A sanction can only follow an upheld allegation; none is upheld.")
        }
        let allowed = Set(clauses.flatMap(\.allowedSanctions))
        guard allowed.contains(sanction) else {
            let list = allowed.sorted().map(\.rawValue).joined(separator: ", ")
            throw .invalid(
                "sanction_not_allowed",
                "The upheld clauses (\(clauses.map(\.id).joined(separator: ", "))) allow \(list); they do not allow \(sanction.rawValue).")
        }
        let guidance = Set(clauses.flatMap(\.guidanceSanctions))
        if !guidance.contains(sanction), (reasons ?? "").isBlank {
            throw .invalid(
                "departure_needs_reasons",
                "\(sanction.title) departs from the guidance for these clauses; give reasons for the departure.")
        }
    }

    func appeal(_ file: CaseFile, grounds: String, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        guard actor.id == file.respondentId || actor.id == file.representativeId else {
            throw .notPermitted("respondent_only", "Only the respondent or their representative can appeal.")
        }
        try requireStage(file, [.decided], toDo: "appeal")
        guard let decision = file.decision else { throw .notAllowed("no_decision", "There is no decision to appeal.") }
        guard now < decision.appealDeadline else {
            throw .notAllowed("appeal_window_closed", "The appeal window closed at the end of \(formatted(decision.appealDeadline)).")
        }
        if grounds.isBlank { throw DueProcessError.invalid("grounds_required", "An appeal needs its grounds.").on("grounds") }
        return [.appealLodged(.init(grounds))]
    }

    /// An appeal goes to a panel that shares no member with the first.
    func appointAppealPanel(_ file: CaseFile, pool: [Candidate], seed: UInt64, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireAppointingAuthority(file, actor, toDo: "appoint an appeal panel")
        try requireStage(file, [.appeal], toDo: "appoint an appeal panel")
        var ex = panelExclusions(file)
        for m in file.panel?.members ?? [] where ex[m] == nil { ex[m] = "sat on the first panel" }
        let draw = try Allocator.draw(purpose: "appeal panel", count: policy.appealPanelSize, pool: pool, exclusions: ex, seed: seed)
        return [.appealPanelAppointed(draw)]
    }

    func decideAppeal(_ file: CaseFile, outcome: AppealOutcome, reasons: String, sanction: SanctionKind?, by actor: Actor, at now: Date)
        throws(DueProcessError)
        -> [CaseEvent]
    {
        try requireStage(file, [.appeal], toDo: "decide an appeal")
        try requirePanelMember(file, file.appealPanel, actor, toDo: "decide the appeal")
        try requireChair(file, actor)
        try requireReasons(reasons, "An appeal decision")
        let original = file.decision
        var newSanction: SanctionKind?
        switch outcome {
        case .dismissed: newSanction = original?.sanction
        case .allowed: newSanction = nil
        case .varied:
            guard let sanction, sanction != original?.sanction else {
                throw .invalid("variation_required", "A varied decision must state the new sanction.")
            }
            try checkSanction(file, findings: original?.findings ?? [], sanction: sanction, reasons: reasons)
            newSanction = sanction
        }
        let proposal = CaseEvent.DecisionProposed(
            number: file.proposals.count + 1, forAppeal: true, findings: nil, sanction: newSanction, sanctionReasons: nil,
            appealOutcome: outcome, appealReasons: reasons)
        return [.decisionProposed(proposal)] + issuedIfMajority(file, proposal, concurrences: 1, at: now)
    }

    /// Closure needs reasons and waits for the appeal window; the parties are told.
    func close(_ file: CaseFile, reasons: String, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        try requireNotParty(file, actor)
        guard holdsTheCase(file, actor) else {
            throw .notPermitted("cannot_close", "Only the caseworker or the appointing authority can close case \(file.reference).")
        }
        try requireStage(file, [.decided], toDo: "close the case")
        if let d = file.decision, now < d.appealDeadline {
            throw .notAllowed("appeal_window_open", "The appeal window is open until the end of \(formatted(d.appealDeadline)).")
        }
        try requireReasons(reasons, "Closing a case")
        return [.caseClosed(.init(reasons))]
    }
}
