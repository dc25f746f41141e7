import Foundation

/// Every step a person can take on a case once it is filed, by the name its URL uses (web and
/// API alike). The catalogue the routes, the forms, the OpenAPI document and the authorization
/// test are checked against.
public enum CaseStep: String, CaseIterable, Codable, Sendable {
    case identifyRespondent = "identify-respondent"
    case allocateCaseworker = "allocate-caseworker"
    case dismiss
    case resolve
    case openInvestigation = "open-investigation"
    case allegations
    case correctAllegation = "correct-allegation"
    case withdrawAllegation = "withdraw-allegation"
    case serveNotice = "serve-notice"
    case representative
    case respond
    case report
    case appointPanel = "appoint-panel"
    case scheduleHearing = "schedule-hearing"
    case objectToPanelMember = "object-to-panel-member"
    case decideObjection = "decide-objection"
    case requestAdjournment = "request-adjournment"
    case decideAdjournment = "decide-adjournment"
    case hearing
    case decide
    case vote
    case appeal
    case appointAppealPanel = "appoint-appeal-panel"
    case decideAppeal = "decide-appeal"
    case close
    case declareConflict = "declare-conflict"
    case pauseClock = "pause-clock"
    case resumeClock = "resume-clock"
    case suspend
    case renewSuspension = "renew-suspension"
    case liftSuspension = "lift-suspension"
    case note
    case interference
    case reviewDecision = "review-decision"
    case concludeReview = "conclude-review"
    case evidence
    case message
    case discloseMessage = "disclose-message"
    case withholdIdentity = "withhold-identity"
    case requestReveal = "request-reveal"
    case decideReveal = "decide-reveal"
    case decideFlag = "decide-flag"
    case concurSuspension = "concur-suspension"

    /// The step a command takes; nil for filing and for opening a programme review, which are
    /// not steps on a case page.
    public init?(_ command: CaseCommand) {
        switch command {
        case .file, .openProgrammeReview: return nil
        case .addEvidence: self = .evidence
        case .reviewDecision: self = .reviewDecision
        case .identifyRespondent: self = .identifyRespondent
        case .allocateCaseworker: self = .allocateCaseworker
        case .dismiss: self = .dismiss
        case .resolveInformally: self = .resolve
        case .openInvestigation: self = .openInvestigation
        case .addAllegation: self = .allegations
        case .correctAllegation: self = .correctAllegation
        case .withdrawAllegation: self = .withdrawAllegation
        case .serveNotice: self = .serveNotice
        case .nameRepresentative: self = .representative
        case .respond: self = .respond
        case .submitReport: self = .report
        case .appointPanel: self = .appointPanel
        case .scheduleHearing: self = .scheduleHearing
        case .objectToPanelMember: self = .objectToPanelMember
        case .decideObjection: self = .decideObjection
        case .requestAdjournment: self = .requestAdjournment
        case .decideAdjournment: self = .decideAdjournment
        case .recordHearing: self = .hearing
        case .decide: self = .decide
        case .vote: self = .vote
        case .postMessage: self = .message
        case .discloseMessage: self = .discloseMessage
        case .appeal: self = .appeal
        case .appointAppealPanel: self = .appointAppealPanel
        case .decideAppeal: self = .decideAppeal
        case .close: self = .close
        case .declareConflict: self = .declareConflict
        case .addNote: self = .note
        case .recordInterference: self = .interference
        case .concludeProgrammeReview: self = .concludeReview
        case .pauseClock: self = .pauseClock
        case .resumeClock: self = .resumeClock
        case .imposeInterimSuspension: self = .suspend
        case .renewInterimSuspension: self = .renewSuspension
        case .liftInterimSuspension: self = .liftSuspension
        case .recordWithholding: self = .withholdIdentity
        case .requestReveal: self = .requestReveal
        case .decideReveal: self = .decideReveal
        case .decideRetaliationFlag: self = .decideFlag
        case .concurInSuspension: self = .concurSuspension
        }
    }
}

extension Procedure {
    /// The steps `actor` may take on `file` now: exactly those `decide` accepts with valid input.
    ///
    /// Each step is tried with an input that passes every check of the input itself (reasons
    /// given, dates in range, a draw pool of people with no part in the case), so what decides
    /// the answer is only who is asking, and when: the same guards, in the same code, as the
    /// step itself. Pages and the API show these and nothing else.
    public func availableSteps(_ file: CaseFile, for actor: Actor, at now: Date) -> [CaseStep] {
        CaseStep.allCases.filter { offers($0, in: file, to: actor, at: now) }
    }

    /// Whether `decide` would accept this step from `actor` now with valid input.
    public func offers(_ step: CaseStep, in file: CaseFile, to actor: Actor, at now: Date) -> Bool {
        guard let command = validInput(for: step, in: file, by: actor, at: now) else { return false }
        return (try? decide(command, on: file, by: actor, at: now)) != nil
    }

    /// The threads `actor` may write in now: their own as a party; each party's as the case team.
    public func messageThreads(_ file: CaseFile, for actor: Actor, at now: Date) -> [CaseAccess] {
        [CaseAccess.complainant, .respondent, .representative].filter { thread in
            (try? decide(.postMessage(thread: thread, text: "Given for this step."), on: file, by: actor, at: now)) != nil
        }
    }

    /// People with no part in any case: what a draw's pool holds once the register has been asked
    /// for the eligible. Enough for two panels of the largest size the settings allow.
    static let strangers = (1...(2 * ProcedurePolicy.Bounds.panelSize.upperBound + 2)).map { i in
        Candidate(id: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", i))!, openCases: 0)
    }
    static let stranger = UUID(uuidString: "00000000-0000-4000-8000-999999999999")!

    /// An input for `step` from `actor`: a message goes in a thread they may write in.
    public func validInput(for step: CaseStep, in file: CaseFile, by actor: Actor, at now: Date) -> CaseCommand? {
        if step == .message {
            return messageThreads(file, for: actor, at: now).first.map { .postMessage(thread: $0, text: "Given for this step.") }
        }
        return validInput(for: step, in: file, at: now)
    }

    /// An input for `step` that every check of the input accepts.
    public func validInput(for step: CaseStep, in file: CaseFile, at now: Date) -> CaseCommand? {
        let today = calendar.day(of: now)
        let pool = Self.strangers, stranger = Self.stranger
        let words = "Given for this step."
        switch step {
        case .identifyRespondent: return .identifyRespondent(stranger, official: false)
        case .allocateCaseworker: return .allocateCaseworker(pool: pool, seed: 1, custodians: pool)
        case .dismiss: return .dismiss(reasons: words)
        case .resolve: return .resolveInformally(summary: words, complainantConsents: true, respondentConsents: true)
        case .openInvestigation: return .openInvestigation(reasons: words)
        case .allegations:
            guard let clause = rulebook.version(inForceOn: today)?.clauses.first else { return nil }
            return .addAllegation(clauseId: clause.id, conductDate: today, basis: words)
        // With no allegation to change, allegation 1 is asked for and refused, so neither is offered.
        case .correctAllegation:
            guard let clause = rulebook.version(inForceOn: today)?.clauses.first else { return nil }
            return .correctAllegation(number: file.allegations.first?.number ?? 1, clauseId: clause.id, conductDate: today, basis: words, reasons: words)
        case .withdrawAllegation: return .withdrawAllegation(number: file.allegations.first?.number ?? 1, reasons: words)
        case .serveNotice: return .serveNotice(windowWorkingDays: policy.minimumResponseWorkingDays, disclosedEvidence: [])
        case .representative: return .nameRepresentative(stranger, known: true)
        case .respond: return .respond(text: words, requestsOralHearing: false)
        case .report: return .submitReport(words)
        case .appointPanel: return .appointPanel(pool: pool, seed: 1)
        case .scheduleHearing:
            let day = calendar.adding(workingDays: policy.hearingNoticeWorkingDays, to: today)
            return .scheduleHearing(startsAt: calendar.start(of: day).addingTimeInterval(10 * 3600), place: words, link: nil, names: [:])
        // With no objection or request to answer, number 1 is asked for and refused.
        case .objectToPanelMember: return .objectToPanelMember(member: file.panel?.members.first ?? stranger, reasons: words)
        case .decideObjection:
            let open = file.objections.first { $0.upheld == nil }?.number ?? file.objections.count + 1
            return .decideObjection(number: open, upheld: false, reasons: words, pool: pool, seed: 1, names: [:])
        case .requestAdjournment: return .requestAdjournment(reasons: words)
        case .decideAdjournment:
            let open = file.adjournments.first { $0.granted == nil }?.number ?? file.adjournments.count + 1
            return .decideAdjournment(number: open, granted: false, reasons: words)
        case .hearing: return .recordHearing(notes: words)
        case .vote: return .vote(concurs: true, reasons: words)
        // A party writes in their own thread; the case team in the complainant's, which every case has.
        case .message: return nil
        case .discloseMessage: return .discloseMessage(number: file.messages.first { !$0.disclosed }?.number ?? file.messages.count + 1, reasons: words)
        case .decide:
            let findings = file.allegations.map { CaseFile.FindingRecord(allegation: $0.number, finding: .notUpheld, reasons: words) }
            return .decide(findings: findings, sanction: nil, sanctionReasons: nil)
        case .appeal: return .appeal(grounds: words)
        case .appointAppealPanel: return .appointAppealPanel(pool: pool, seed: 1)
        case .decideAppeal: return .decideAppeal(outcome: .dismissed, reasons: words, sanction: nil)
        case .close: return .close(reasons: words)
        case .declareConflict: return .declareConflict(reason: words)
        case .pauseClock: return .pauseClock(reason: words)
        case .resumeClock: return .resumeClock(reason: words)
        case .suspend:
            return .imposeInterimSuspension(reasons: words, scope: words, reviewDate: calendar.adding(workingDays: 1, to: today))
        case .renewSuspension:
            return .renewInterimSuspension(reasons: words, reviewDate: calendar.adding(workingDays: policy.maximumSuspensionWorkingDays, to: today))
        case .liftSuspension: return .liftInterimSuspension(reasons: words)
        case .withholdIdentity: return .recordWithholding(reasons: words)
        case .requestReveal: return .requestReveal(reasons: words)
        // Refusing is open as soon as there is a request; revealing waits for the complainant.
        case .decideReveal:
            return .decideReveal(number: file.reveals.first { $0.revealed == nil }?.number ?? file.reveals.count + 1, reveal: false, reasons: words)
        case .decideFlag:
            return .decideRetaliationFlag(
                number: file.retaliationFlags.first { $0.confirmed == nil }?.number ?? file.retaliationFlags.count + 1, confirmed: false, reasons: words)
        case .concurSuspension: return .concurInSuspension(reasons: words)
        case .note: return .addNote(words)
        case .interference: return .recordInterference(from: words, summary: words)
        case .reviewDecision: return .reviewDecision(verdict: .verified, reasons: words)
        case .concludeReview: return .concludeProgrammeReview(conclusion: .stands, reasons: words, sanction: nil)
        case .evidence:
            return .addEvidence(
                EvidenceItem(
                    id: stranger, filename: "evidence.pdf", contentType: "application/pdf", size: 1,
                    sha256: String(repeating: "0", count: 64)))
        }
    }
}

extension Procedure {
    /// What `command` would do, without doing it: the case file as it would stand, and the
    /// notices each person would receive. The page that asks a caseworker to confirm a notice
    /// shows the respondent exactly this. Refused as `decide` refuses.
    public func preview(_ command: CaseCommand, on file: CaseFile, by actor: Actor, at now: Date) throws(DueProcessError) -> (
        file: CaseFile, notices: [CaseNotice]
    ) {
        let at = Instant.truncate(now)
        var after: CaseFile? = file
        var notices: [CaseNotice] = []
        for (i, event) in try decide(command, on: file, by: actor, at: at).enumerated() {
            let recorded = RecordedEvent(seq: Int64(file.eventCount + i + 1), caseId: file.id, actorId: actor.id, occurredAt: at, event: event)
            after = evolve(after, recorded)
            notices += self.notices(for: recorded, in: after!)
        }
        return (after!, notices)
    }
}

extension CaseStep {
    /// Steps that cannot be taken back once recorded: ending a case, a finding, a vote, a notice,
    /// a withdrawal. The pages show what will happen, and who will be told, and take the step
    /// only when the person confirms it.
    public var isIrreversible: Bool {
        switch self {
        case .dismiss, .resolve, .serveNotice, .withdrawAllegation, .decide, .vote, .decideAppeal, .reviewDecision, .concludeReview, .close: true
        default: false
        }
    }
}
