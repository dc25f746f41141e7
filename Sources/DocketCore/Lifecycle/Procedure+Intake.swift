import Foundation

extension Procedure {
    func file(_ c: Complaint, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        if let id = c.complainantId, id != actor.id {
            throw .notPermitted("file_for_yourself", "A member files a complaint in their own name.")
        }
        if c.complainantName.isBlank { throw .invalid("complainant_name_required", "Say who is making the complaint.") }
        if c.summary.isBlank { throw .invalid("summary_required", "Say what happened.") }
        if c.category.isBlank { throw .invalid("category_required", "Choose what kind of complaint this is.") }
        let categories = rulebook.categories
        if !categories.contains(c.category) {
            let shown = c.category.count > 40 ? String(c.category.prefix(40)) + "…" : c.category
            throw .invalid(
                "unknown_category",
                categories.isEmpty
                    ? "No rulebook is installed yet, so no complaint can be filed."
                    : "'\(shown)' is not a kind of complaint in the rulebook; use one of: \(categories.sorted().joined(separator: ", ")).")
        }
        if c.respondentId == nil, (c.respondentNamed ?? "").isBlank {
            throw .invalid("respondent_required", "Say who the complaint is about.")
        }
        if let r = c.respondentId, c.complainantId == r {
            throw .invalid("complaint_about_self", "A complaint cannot be made about yourself.")
        }
        if let d = c.conductDate, d > calendar.day(of: now) {
            throw .invalid("conduct_in_future", "The date of the conduct (\(d)) is in the future.")
        }
        return [.complaintFiled(c)]
    }

    /// A complaint whose words named nobody exactly is matched to a person by the independent
    /// reviewers, before anyone else sees it.
    ///
    /// Passes for an independent reviewer who is not a party and has no declared conflict, while the
    /// complaint waits for a caseworker and the respondent is not yet identified, naming someone
    /// other than the complainant. It exists because the complaint form must never tell anyone
    /// whether a person is a member (membership of a party or union is special-category data), so
    /// complaints are filed as written and matched afterwards by people outside the ordinary route.
    func identifyRespondent(_ file: CaseFile, _ person: PersonID, official: Bool, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try mayIdentifyRespondent(file, by: actor)
        if person == file.complainantId { throw .invalid("complaint_about_self", "A complaint cannot be about the person who made it.") }
        if person == actor.id { throw .notPermitted("complaint_about_you", "This complaint is about you, so you cannot handle it.") }
        return [.respondentIdentified(.init(personId: person, official: official))]
    }

    /// Who may identify a respondent, and when: checked before the register is searched, so that
    /// nobody else can use the step to ask whether someone is on it.
    public func mayIdentifyRespondent(_ file: CaseFile, by actor: Actor) throws(DueProcessError) {
        try requireNotParty(file, actor)
        guard actor.has(.reviewer) else {
            throw .notPermitted("reviewer_only", "Only an independent reviewer can identify who a complaint is about.")
        }
        if file.isConflicted(actor.id) {
            throw .notPermitted("conflicted", "You declared a conflict on case \(file.reference), so you cannot identify its respondent.")
        }
        try requireStage(file, [.received], toDo: "identify who a complaint is about")
        if file.respondentId != nil {
            throw .notAllowed("respondent_identified", "The person complaint \(file.reference) is about has already been identified.")
        }
    }

    func allocateCaseworker(_ file: CaseFile, pool: [Candidate], seed: UInt64, custodians: [Candidate] = [], by actor: Actor) throws(DueProcessError)
        -> [CaseEvent]
    {
        try requireAppointingAuthority(file, actor, toDo: "allocate a caseworker")
        if file.respondentId == nil {
            throw .notAllowed(
                "respondent_not_identified",
                "Identify who complaint \(file.reference) is about before a caseworker is drawn.")
        }
        let open: Set<CaseStage> = [.received, .triage, .investigation, .noticeServed, .reported]
        try requireStage(file, open, toDo: "allocate a caseworker")
        if file.stage != .received, file.caseworkerId != nil {
            throw .notAllowed("caseworker_in_place", "Case \(file.reference) already has a caseworker; one is drawn again only after a recusal.")
        }
        var exclusions = exclusionsForHandlers(file)
        for former in file.investigators where exclusions[former] == nil { exclusions[former] = "held the case before and stepped down" }
        let draw = try Allocator.draw(purpose: "caseworker", count: 1, pool: pool, exclusions: exclusions, seed: seed)
        // A protected identity gets its custodian now: an independent reviewer who does not handle the case.
        let reviewers = custodians.isEmpty && file.route == .independent ? pool : custodians
        if file.identityProtected, file.custodian == nil, reviewers.isEmpty {
            throw .notAllowed(
                "no_custodians", "The complainant's identity is protected: a custodian is drawn from the independent reviewers, and none was offered.")
        }
        if let custody = try drawCustodian(file, pool: reviewers, handler: draw.chosen.first, seed: seed) { return [.caseworkerAllocated(draw), custody] }
        return [.caseworkerAllocated(draw)]
    }

    /// Parties and the conflicted are left out of every draw, with the reason recorded.
    func exclusionsForHandlers(_ file: CaseFile) -> [PersonID: String] {
        var ex: [PersonID: String] = [:]
        for (person, reason) in file.conflicts { ex[person] = "declared a conflict: \(reason)" }
        if let c = file.complainantId { ex[c] = "complainant" }
        if let r = file.respondentId { ex[r] = "respondent" }
        if let r = file.representativeId { ex[r] = "representative of the respondent" }
        return ex
    }

    /// Dismissal at triage needs reasons, and the complainant is told them.
    ///
    /// Passes for the allocated caseworker at triage with non-blank reasons. It exists because
    /// complaints were "put to one side" with no record of why.
    func dismiss(_ file: CaseFile, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireCaseworker(file, actor, toDo: "dismiss the complaint")
        try requireStage(file, [.triage], toDo: "dismiss a complaint")
        try requireReasons(reasons, "Dismissing a complaint")
        return [.complaintDismissed(.init(reasons))]
    }

    /// Informal resolution needs the consent of both complainant and respondent.
    func resolveInformally(_ file: CaseFile, summary: String, complainant: Bool, respondent: Bool, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireCaseworker(file, actor, toDo: "resolve the complaint informally")
        try requireStage(file, [.triage], toDo: "resolve a complaint informally")
        guard complainant, respondent else {
            throw .notAllowed("consent_required", "Informal resolution needs the consent of both the complainant and the respondent.")
        }
        try requireReasons(summary, "An informal resolution", field: "summary")
        return [.resolvedInformally(.init(summary))]
    }

    func openInvestigation(_ file: CaseFile, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireCaseworker(file, actor, toDo: "open an investigation")
        try requireStage(file, [.triage], toDo: "open an investigation")
        try requireReasons(reasons, "Opening an investigation")
        return [.investigationOpened(.init(reasons))]
    }
}
