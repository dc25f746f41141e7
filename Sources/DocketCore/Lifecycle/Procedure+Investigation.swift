import Foundation

extension Procedure {
    /// Every allegation cites a clause in force on the date of the conduct, within its time bar.
    ///
    /// Passes when the rulebook version in force on the conduct date has the clause, the conduct is
    /// not in the future, and no more than the clause's time bar has passed since. It exists because
    /// inquiries found charges built on stretched readings of rules, and rules applied retrospectively.
    func addAllegation(_ file: CaseFile, clauseId: String, conductDate: Day, basis: String, by actor: Actor, at now: Date) throws(DueProcessError)
        -> [CaseEvent]
    {
        try requireCaseworker(file, actor, toDo: "frame allegations")
        try requireStage(file, [.investigation], toDo: "add an allegation")
        let (clause, version) = try framed(clauseId: clauseId, conductDate: conductDate, basis: basis, at: now)
        // Numbers are never reused: a withdrawn allegation keeps its number on the record.
        let number = ((file.allegations.map(\.number) + file.withdrawnAllegations.map(\.allegation.number)).max() ?? 0) + 1
        return [
            .allegationAdded(
                .init(
                    number: number, clauseId: clause.id, rulebookVersion: version.version,
                    conductDate: conductDate, basis: basis))
        ]
    }

    /// The checks every framed allegation passes: a clause of the rulebook in force on the date of
    /// the conduct, a factual basis, a date not in the future and within the clause's time bar.
    func framed(clauseId: String, conductDate: Day, basis: String, at now: Date) throws(DueProcessError) -> (Clause, RulebookVersion) {
        if clauseId.isBlank { throw DueProcessError.invalid("clause_required", "Every allegation must cite a clause of the rulebook.").on("clauseId") }
        if basis.isBlank { throw DueProcessError.invalid("basis_required", "Every allegation must state its factual basis.").on("basis") }
        let today = calendar.day(of: now)
        if conductDate > today {
            throw DueProcessError.invalid("conduct_in_future", "The date of the conduct (\(conductDate)) is in the future.").on("conductDate")
        }
        guard let version = rulebook.version(inForceOn: conductDate) else {
            throw DueProcessError.invalid("no_rulebook_in_force", "No version of the rulebook was in force on \(conductDate), the date of the conduct.")
                .on("conductDate")
        }
        guard let clause = version.clause(clauseId) else {
            throw .invalid(
                "clause_not_in_force",
                "Clause \(clauseId) was not in the rulebook in force on \(conductDate) (version \(version.version)).")
        }
        let elapsed = today.daysSinceEpoch - conductDate.daysSinceEpoch
        if elapsed > clause.timeBarDays {
            throw .notAllowed(
                "time_barred",
                "A charge under clause \(clause.id) must be brought within \(clause.timeBarDays) days of the conduct; \(conductDate) was \(elapsed) days ago.")
        }
        return (clause, version)
    }

    /// Allegations can be put right until the respondent is told of them; after notice, a change
    /// would be a different charge from the one they are answering. Each change has its reasons
    /// on the record.
    func mayChangeAllegation(_ file: CaseFile, _ number: Int, reasons: String, by actor: Actor, toDo what: String) throws(DueProcessError) {
        try requireCaseworker(file, actor, toDo: what)
        try requireStage(file, [.investigation], toDo: what)
        guard file.allegations.contains(where: { $0.number == number }) else {
            throw DueProcessError.invalid(
                "no_such_allegation",
                "This case has no allegation \(number) to change; its allegations are \(file.allegations.map { String($0.number) }.joined(separator: ", "))."
            ).on("number")
        }
        if reasons.isBlank {
            throw DueProcessError.invalid("reasons_required", "Say why the allegation is changed; the reasons go on the record.").on("reasons")
        }
    }

    func correctAllegation(
        _ file: CaseFile, _ number: Int, clauseId: String, conductDate: Day, basis: String, reasons: String, by actor: Actor, at now: Date
    ) throws(DueProcessError) -> [CaseEvent] {
        try mayChangeAllegation(file, number, reasons: reasons, by: actor, toDo: "correct an allegation")
        let (clause, version) = try framed(clauseId: clauseId, conductDate: conductDate, basis: basis, at: now)
        return [
            .allegationCorrected(
                .init(number: number, clauseId: clause.id, rulebookVersion: version.version, conductDate: conductDate, basis: basis, reasons: reasons))
        ]
    }

    func withdrawAllegation(_ file: CaseFile, _ number: Int, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try mayChangeAllegation(file, number, reasons: reasons, by: actor, toDo: "withdraw an allegation")
        return [.allegationWithdrawn(.init(number: number, reasons: reasons))]
    }

    /// Notice of allegations, with a response window no shorter than the rules allow.
    ///
    /// Passes for the caseworker during investigation when there is at least one allegation and the
    /// window is at least the configured minimum of working days. It exists because members were
    /// suspended without being told why, or given days to answer what took months to assemble.
    func serveNotice(_ file: CaseFile, windowWorkingDays: Int, evidence: [String], by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        try requireCaseworker(file, actor, toDo: "serve notice")
        try requireStage(file, [.investigation], toDo: "serve notice of allegations")
        if file.allegations.isEmpty {
            throw .notAllowed("no_allegations", "A notice needs at least one allegation citing a clause of the rulebook.")
        }
        // The respondent is told who complained, or that it is withheld and why.
        if file.identityProtected, !file.identityRevealed, file.withheldReason == nil {
            throw .notAllowed(
                "withholding_reason_missing",
                "The complainant's identity is protected: its custodian must first record why it is withheld, which the notice gives the respondent.")
        }
        if windowWorkingDays < policy.minimumResponseWorkingDays {
            throw .invalid(
                "window_too_short",
                "The response window must be at least \(policy.minimumResponseWorkingDays) working days; \(windowWorkingDays) were given.")
        }
        if windowWorkingDays > policy.maximumResponseWorkingDays {
            throw .invalid(
                "window_too_long",
                "The response window can be at most \(policy.maximumResponseWorkingDays) working days; \(windowWorkingDays) were given.")
        }
        // Each item named must be a file of this case's evidence, by id or by name, so that what
        // the notice lists is exactly what the respondent can open.
        var disclosed: [UUID] = []
        for named in evidence.map({ $0.trimmingCharacters(in: .whitespaces) }) where !named.isEmpty {
            let matches = file.evidence.filter { $0.item.id.uuidString.lowercased() == named.lowercased() || $0.item.filename == named }
            guard !matches.isEmpty else {
                let files = file.evidence.map(\.item.filename)
                throw .invalid(
                    "unknown_evidence",
                    files.isEmpty
                        ? "'\(named.prefix(80))' is not evidence in case \(file.reference), which has no evidence files; a notice can disclose only files of the case."
                        : "'\(named.prefix(80))' is not evidence in case \(file.reference); disclose files of the case by name: \(files.joined(separator: ", "))."
                )
            }
            disclosed += matches.map(\.item.id).filter { !disclosed.contains($0) }
        }
        let items = file.evidence.filter { disclosed.contains($0.item.id) }
        let deadline = calendar.deadline(workingDays: windowWorkingDays, from: now)
        return [
            .noticeServed(
                .init(
                    windowWorkingDays: windowWorkingDays, responseDeadline: deadline,
                    disclosedEvidence: items.map(\.item.filename), disclosedEvidenceIds: items.map(\.item.id)))
        ]
    }

    func nameRepresentative(_ file: CaseFile, _ person: PersonID, known: Bool, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        guard actor.id == file.respondentId else {
            throw .notPermitted("respondent_only", "Only the respondent can name their representative.")
        }
        if !known { throw .invalid("representative_unknown", "Your representative needs an account with the organisation first.") }
        if file.stage.isTerminal { throw .notAllowed("case_closed", "Case \(file.reference) is closed.") }
        if person == file.respondentId || person == file.complainantId || person == file.caseworkerId
            || (file.panel?.members.contains(person) ?? false) || (file.appealPanel?.members.contains(person) ?? false)
        {
            throw .invalid("representative_conflict", "A representative cannot be the respondent, the complainant or anyone handling the case.")
        }
        return [.representativeNamed(.init(personId: person))]
    }

    func respond(_ file: CaseFile, text: String, oral: Bool, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        guard actor.id == file.respondentId || actor.id == file.representativeId else {
            throw .notPermitted("respondent_only", "Only the respondent or their representative can respond to the notice.")
        }
        try requireStage(file, [.noticeServed], toDo: "respond to the notice")
        guard let notice = file.notice else { throw .notAllowed("no_notice", "No notice of allegations has been served.") }
        guard now < notice.responseDeadline else {
            throw .notAllowed("window_closed", "The response window closed at the end of \(formatted(notice.responseDeadline)).")
        }
        if file.response != nil { throw .notAllowed("already_responded", "A response has already been submitted.") }
        if text.isBlank { throw DueProcessError.invalid("response_required", "The response is empty.").on("text") }
        return [.responseSubmitted(.init(text: text, requestsOralHearing: oral))]
    }

    func submitReport(_ file: CaseFile, text: String, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        try requireCaseworker(file, actor, toDo: "submit the investigation report")
        try requireStage(file, [.noticeServed], toDo: "submit the investigation report")
        if !file.responseWindowFinished(at: now), let notice = file.notice {
            throw .notAllowed(
                "response_window_open",
                "The respondent has until the end of \(formatted(notice.responseDeadline)) to respond; the report waits for the response or the end of the window."
            )
        }
        if text.isBlank { throw DueProcessError.invalid("report_required", "The investigation report is empty.").on("text") }
        return [.reportSubmitted(.init(text))]
    }
}
