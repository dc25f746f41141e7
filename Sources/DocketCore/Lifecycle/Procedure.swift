import Foundation

/// The organisation's settings that the procedure depends on.
public struct ProcedurePolicy: Codable, Sendable, Equatable {
    /// The shortest response window a notice may give. Nobody can serve a shorter one.
    public var minimumResponseWorkingDays: Int
    /// The longest response window a notice may give, so that a case cannot be parked by a notice.
    public var maximumResponseWorkingDays: Int
    public var appealWindowWorkingDays: Int
    /// How many working days ahead the parties must be told of a hearing.
    public var hearingNoticeWorkingDays: Int
    public var panelSize: Int
    public var appealPanelSize: Int
    /// How far ahead the review date of an interim suspension may be set.
    public var maximumSuspensionWorkingDays: Int
    /// Target and maximum for each stage, keyed by `CaseStage.rawValue`.
    public var stageLimits: [String: StageLimit]
    /// How far back the retaliation watch looks, in months.
    public var retaliationWindowMonths: Int = 12
    /// How long closed cases' personal data is kept, by how they ended.
    public var retention: RetentionSchedule = .init()

    public init(
        minimumResponseWorkingDays: Int = 10, maximumResponseWorkingDays: Int = 60, appealWindowWorkingDays: Int = 10,
        hearingNoticeWorkingDays: Int = 10, panelSize: Int = 3, appealPanelSize: Int = 3, maximumSuspensionWorkingDays: Int = 30,
        stageLimits: [String: StageLimit] = StageLimit.defaults
    ) {
        self.minimumResponseWorkingDays = minimumResponseWorkingDays
        self.maximumResponseWorkingDays = maximumResponseWorkingDays
        self.appealWindowWorkingDays = appealWindowWorkingDays
        self.hearingNoticeWorkingDays = hearingNoticeWorkingDays
        self.panelSize = panelSize
        self.appealPanelSize = appealPanelSize
        self.maximumSuspensionWorkingDays = maximumSuspensionWorkingDays
        self.stageLimits = stageLimits
    }

    public func limit(for stage: CaseStage) -> StageLimit? { stageLimits[stage.rawValue] }

    private enum CodingKeys: String, CodingKey {
        case minimumResponseWorkingDays, maximumResponseWorkingDays, appealWindowWorkingDays, hearingNoticeWorkingDays, panelSize, appealPanelSize,
            maximumSuspensionWorkingDays, stageLimits, retention, retaliationWindowMonths
    }

    /// Settings saved before a field existed read as that field's default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ProcedurePolicy()
        minimumResponseWorkingDays = try c.decodeIfPresent(Int.self, forKey: .minimumResponseWorkingDays) ?? d.minimumResponseWorkingDays
        maximumResponseWorkingDays = try c.decodeIfPresent(Int.self, forKey: .maximumResponseWorkingDays) ?? d.maximumResponseWorkingDays
        appealWindowWorkingDays = try c.decodeIfPresent(Int.self, forKey: .appealWindowWorkingDays) ?? d.appealWindowWorkingDays
        hearingNoticeWorkingDays = try c.decodeIfPresent(Int.self, forKey: .hearingNoticeWorkingDays) ?? d.hearingNoticeWorkingDays
        panelSize = try c.decodeIfPresent(Int.self, forKey: .panelSize) ?? d.panelSize
        appealPanelSize = try c.decodeIfPresent(Int.self, forKey: .appealPanelSize) ?? d.appealPanelSize
        maximumSuspensionWorkingDays = try c.decodeIfPresent(Int.self, forKey: .maximumSuspensionWorkingDays) ?? d.maximumSuspensionWorkingDays
        stageLimits = try c.decodeIfPresent([String: StageLimit].self, forKey: .stageLimits) ?? d.stageLimits
        retention = try c.decodeIfPresent(RetentionSchedule.self, forKey: .retention) ?? d.retention
        retaliationWindowMonths = min(max(try c.decodeIfPresent(Int.self, forKey: .retaliationWindowMonths) ?? d.retaliationWindowMonths, 1), 60)
        self = bounded()
    }

    /// The ranges a setting may take. Saving checks them and says which is out; reading clamps
    /// to them, so that no stored value can make a deadline fall past the year 9999 or a
    /// working-day count run for ever.
    public enum Bounds {
        public static let minimumResponse = 5...60
        public static let maximumResponse = 5...250
        public static let appealWindow = 1...60
        public static let hearingNotice = 1...60
        public static let panelSize = 1...9
        public static let suspension = 1...250
        public static let stageTarget = 1...250
        public static let stageMaximum = 1...500
    }

    /// The same policy with every value inside its bounds.
    public func bounded() -> ProcedurePolicy {
        func clamp(_ v: Int, _ r: ClosedRange<Int>) -> Int { min(max(v, r.lowerBound), r.upperBound) }
        var p = self
        p.minimumResponseWorkingDays = clamp(minimumResponseWorkingDays, Bounds.minimumResponse)
        p.maximumResponseWorkingDays = max(p.minimumResponseWorkingDays, clamp(maximumResponseWorkingDays, Bounds.maximumResponse))
        p.appealWindowWorkingDays = clamp(appealWindowWorkingDays, Bounds.appealWindow)
        p.hearingNoticeWorkingDays = clamp(hearingNoticeWorkingDays, Bounds.hearingNotice)
        p.panelSize = clamp(panelSize, Bounds.panelSize)
        p.appealPanelSize = clamp(appealPanelSize, Bounds.panelSize)
        p.maximumSuspensionWorkingDays = clamp(maximumSuspensionWorkingDays, Bounds.suspension)
        p.stageLimits = stageLimits.mapValues { l in
            let t = clamp(l.target, Bounds.stageTarget)
            return StageLimit(target: t, maximum: max(t, clamp(l.maximum, Bounds.stageMaximum)))
        }
        return p
    }
}

/// The rules of one organisation: its rulebook, its calendar, its time limits. `decide` is the only
/// way a case changes, and everything it needs to judge a command is here or in the command.
public struct Procedure: Sendable, Equatable {
    public var rulebook: Rulebook
    public var calendar: WorkingCalendar
    public var policy: ProcedurePolicy

    public init(rulebook: Rulebook, calendar: WorkingCalendar = .init(), policy: ProcedurePolicy = .init()) {
        self.rulebook = rulebook
        self.calendar = calendar
        self.policy = policy.bounded()
    }

    /// Accepts a command and returns the events it causes, or refuses it with the reason.
    public func decide(_ command: CaseCommand, on state: CaseFile?, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        try checkLengths(command)
        if case .file(let complaint, let evidence) = command {
            guard state == nil else { throw .notAllowed("already_filed", "This case has already been filed.") }
            let filed = try file(complaint, by: actor, at: now)
            for item in evidence { try checkEvidence(item) }
            return filed + evidence.map { .evidenceAdded(.init(item: $0, addedAs: "complainant")) }
        }
        guard let file = state else { throw DueProcessError.notFound }
        switch command {
        case .file: throw .notAllowed("already_filed", "This case has already been filed.")  // answered above; kept for the switch
        case .addEvidence(let item): return try addEvidence(file, item, by: actor)
        case .reviewDecision(let verdict, let reasons): return try reviewDecision(file, verdict: verdict, reasons: reasons, by: actor)
        case .identifyRespondent(let person, let official): return try identifyRespondent(file, person, official: official, by: actor)
        case .allocateCaseworker(let pool, let seed, let custodians):
            return try allocateCaseworker(file, pool: pool, seed: seed, custodians: custodians, by: actor)
        case .dismiss(let reasons): return try dismiss(file, reasons: reasons, by: actor)
        case .resolveInformally(let summary, let c, let r): return try resolveInformally(file, summary: summary, complainant: c, respondent: r, by: actor)
        case .openInvestigation(let reasons): return try openInvestigation(file, reasons: reasons, by: actor)
        case .addAllegation(let clause, let date, let basis):
            return try addAllegation(file, clauseId: clause, conductDate: date, basis: basis, by: actor, at: now)
        case .correctAllegation(let number, let clause, let date, let basis, let reasons):
            return try correctAllegation(file, number, clauseId: clause, conductDate: date, basis: basis, reasons: reasons, by: actor, at: now)
        case .withdrawAllegation(let number, let reasons):
            return try withdrawAllegation(file, number, reasons: reasons, by: actor)
        case .serveNotice(let days, let evidence): return try serveNotice(file, windowWorkingDays: days, evidence: evidence, by: actor, at: now)
        case .nameRepresentative(let person, let known): return try nameRepresentative(file, person, known: known, by: actor)
        case .respond(let text, let oral): return try respond(file, text: text, oral: oral, by: actor, at: now)
        case .submitReport(let text): return try submitReport(file, text: text, by: actor, at: now)
        case .appointPanel(let pool, let seed): return try appointPanel(file, pool: pool, seed: seed, by: actor)
        case .scheduleHearing(let startsAt, let place, let link, let names):
            return try scheduleHearing(file, startsAt: startsAt, place: place, link: link, names: names, by: actor, at: now)
        case .objectToPanelMember(let member, let reasons): return try objectToPanelMember(file, member, reasons: reasons, by: actor, at: now)
        case .decideObjection(let number, let upheld, let reasons, let pool, let seed, let names):
            return try decideObjection(file, number, upheld: upheld, reasons: reasons, pool: pool, seed: seed, names: names, by: actor)
        case .requestAdjournment(let reasons): return try requestAdjournment(file, reasons: reasons, by: actor, at: now)
        case .decideAdjournment(let number, let granted, let reasons):
            return try decideAdjournment(file, number, granted: granted, reasons: reasons, by: actor)
        case .recordHearing(let notes, let attendees): return try recordHearing(file, notes: notes, attendees: attendees, by: actor, at: now)
        case .vote(let concurs, let reasons): return try vote(file, concurs: concurs, reasons: reasons, by: actor, at: now)
        case .postMessage(let thread, let text, let attachments, let asks, let answering):
            return try postMessage(file, thread: thread, text: text, attachments: attachments, asks: asks, answering: answering, by: actor)
        case .discloseMessage(let number, let reasons): return try discloseMessage(file, number, reasons: reasons, by: actor)
        case .decide(let findings, let sanction, let reasons):
            return try issueDecision(file, findings: findings, sanction: sanction, sanctionReasons: reasons, by: actor, at: now)
        case .appeal(let grounds): return try appeal(file, grounds: grounds, by: actor, at: now)
        case .appointAppealPanel(let pool, let seed): return try appointAppealPanel(file, pool: pool, seed: seed, by: actor)
        case .decideAppeal(let outcome, let reasons, let sanction):
            return try decideAppeal(file, outcome: outcome, reasons: reasons, sanction: sanction, by: actor, at: now)
        case .close(let reasons): return try close(file, reasons: reasons, by: actor, at: now)
        case .declareConflict(let reason): return try declareConflict(file, reason: reason, by: actor)
        case .addNote(let text): return try addNote(file, text: text, by: actor)
        case .recordInterference(let from, let summary): return try recordInterference(file, from: from, summary: summary, by: actor)
        case .openProgrammeReview(let programme, let pool, let seed):
            return try openProgrammeReview(file, programme: programme, pool: pool, seed: seed, by: actor)
        case .concludeProgrammeReview(let conclusion, let reasons, let sanction):
            return try concludeProgrammeReview(file, conclusion: conclusion, reasons: reasons, sanction: sanction, by: actor)
        case .pauseClock(let reason): return try pauseClock(file, reason: reason, by: actor)
        case .resumeClock(let reason): return try resumeClock(file, reason: reason, by: actor)
        case .imposeInterimSuspension(let reasons, let scope, let review):
            return try imposeSuspension(file, reasons: reasons, scope: scope, reviewDate: review, by: actor, at: now)
        case .renewInterimSuspension(let reasons, let review): return try renewSuspension(file, reasons: reasons, reviewDate: review, by: actor, at: now)
        case .liftInterimSuspension(let reasons): return try liftSuspension(file, reasons: reasons, by: actor, at: now)
        case .recordWithholding(let reasons): return try recordWithholding(file, reasons: reasons, by: actor)
        case .requestReveal(let reasons): return try requestReveal(file, reasons: reasons, by: actor)
        case .decideReveal(let number, let reveal, let reasons):
            return try decideReveal(file, number: number, reveal: reveal, reasons: reasons, by: actor, at: now)
        case .decideRetaliationFlag(let number, let confirmed, let reasons):
            return try decideRetaliationFlag(file, number: number, confirmed: confirmed, reasons: reasons, by: actor)
        case .concurInSuspension(let reasons): return try concurInSuspension(file, reasons: reasons, by: actor)
        }
    }

    /// Folds a list of events into a case file, from nothing. A list that does not begin with
    /// the filing is not a case, and gives none.
    public func replay(_ events: [RecordedEvent]) -> CaseFile? {
        guard case .complaintFiled = events.first?.event else { return nil }
        return events.reduce(nil) { evolve($0, $1) }
    }
}

// MARK: - Guards shared by every command

extension Procedure {
    /// A party to a case never handles it.
    ///
    /// Passes when the actor is neither complainant, respondent nor representative. It exists because
    /// inquiries found staff dealing with complaints about themselves and their allies.
    func requireNotParty(_ file: CaseFile, _ actor: Actor) throws(DueProcessError) {
        if file.parties.contains(actor.id) {
            throw .notPermitted(
                "party_cannot_handle",
                "You are a party to case \(file.reference), so you cannot act on it as staff.")
        }
    }

    func requireStage(_ file: CaseFile, _ allowed: Set<CaseStage>, toDo what: String) throws(DueProcessError) {
        guard allowed.contains(file.stage) else {
            let names = allowed.map(\.title).sorted().joined(separator: " or ")
            throw .notAllowed("wrong_stage", "You can \(what) only at the \(names) stage; case \(file.reference) is at \(file.stage.title).")
        }
    }

    func requireCaseworker(_ file: CaseFile, _ actor: Actor, toDo what: String) throws(DueProcessError) {
        try requireNotParty(file, actor)
        guard file.caseworkerId == actor.id else {
            throw .notPermitted("not_caseworker", "Only the caseworker allocated to case \(file.reference) can \(what).")
        }
    }

    /// Governance appoints on the standard route; the independent reviewers do on the independent one,
    /// so nobody the respondent works with chooses who judges them.
    func requireAppointingAuthority(_ file: CaseFile, _ actor: Actor, toDo what: String) throws(DueProcessError) {
        try requireNotParty(file, actor)
        let role: Role = file.route == .independent ? .reviewer : .governance
        guard actor.has(role) else {
            throw .notPermitted(
                "not_appointing_authority",
                "Only the \(role.title.lowercased()) can \(what) on case \(file.reference).")
        }
        if file.isConflicted(actor.id) {
            throw .notPermitted("conflicted", "You declared a conflict on case \(file.reference), so you cannot \(what).")
        }
    }

    /// The caseworker, or the appointing authority of the case's route.
    func holdsTheCase(_ file: CaseFile, _ actor: Actor) -> Bool {
        file.caseworkerId == actor.id || (actor.has(.governance) && file.route == .standard) || (actor.has(.reviewer) && file.route == .independent)
    }

    func requireReasons(_ text: String, _ what: String, field: String = "reasons") throws(DueProcessError) {
        if text.isBlank { throw DueProcessError.invalid("reasons_required", "\(what) needs written reasons.").on(field) }
    }

    func formatted(_ date: Date) -> String { calendar.day(of: date.addingTimeInterval(-1)).description }
}
