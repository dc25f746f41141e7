import Foundation

/// What a person asks to happen to a case. `Procedure.decide` accepts or refuses each one.
public enum CaseCommand: Sendable, Equatable {
    /// Anyone may complain; `complainantId` is nil for a non-member, who follows up by receipt code.
    case file(Complaint, evidence: [EvidenceItem] = [])
    /// A party or the caseworker adds a file; its SHA-256 goes into the record.
    case addEvidence(EvidenceItem)
    /// An independent reviewer verifies a decision, or vetoes it so that a fresh panel hears the case.
    case reviewDecision(verdict: ReviewVerdict, reasons: String)
    /// An independent reviewer says who a complaint is about, when the complainant's words did not
    /// name exactly one person on the register. `official` is whether that person is staff or an
    /// office-holder, looked up by the application.
    case identifyRespondent(PersonID, official: Bool)
    /// Draw a caseworker from the pool by rule (governance; a reviewer on the independent route).
    /// `custodians`: the independent reviewers, from whom a custodian of a protected identity is
    /// drawn in the same step (the pool itself when it is of reviewers).
    case allocateCaseworker(pool: [Candidate], seed: UInt64, custodians: [Candidate] = [])
    case dismiss(reasons: String)
    case resolveInformally(summary: String, complainantConsents: Bool, respondentConsents: Bool)
    case openInvestigation(reasons: String)
    case addAllegation(clauseId: String, conductDate: Day, basis: String)
    /// Until notice is served: an allegation restated, with the reasons for the change.
    case correctAllegation(number: Int, clauseId: String, conductDate: Day, basis: String, reasons: String)
    /// Until notice is served: an allegation dropped, with reasons.
    case withdrawAllegation(number: Int, reasons: String)
    case serveNotice(windowWorkingDays: Int, disclosedEvidence: [String])
    /// `known` is whether the person has an account, looked up by the application.
    case nameRepresentative(PersonID, known: Bool = true)
    case respond(text: String, requestsOralHearing: Bool)
    case submitReport(String)
    case appointPanel(pool: [Candidate], seed: UInt64)
    /// The appointing authority or the panel chair sets when and where the hearing is; the parties
    /// are told, with the panel by name (`names`, from the register).
    case scheduleHearing(startsAt: Date, place: String, link: String?, names: [PersonID: String])
    /// The respondent or their representative objects to a member of the panel, with reasons.
    case objectToPanelMember(member: PersonID, reasons: String)
    /// The appointing authority decides an objection; an upheld one replaces the member by a draw.
    case decideObjection(number: Int, upheld: Bool, reasons: String, pool: [Candidate], seed: UInt64, names: [PersonID: String])
    /// A party asks for the hearing to be put off.
    case requestAdjournment(reasons: String)
    /// The panel grants or refuses an adjournment; a granted one means the hearing is set again.
    case decideAdjournment(number: Int, granted: Bool, reasons: String)
    case recordHearing(notes: String, attendees: [PersonID] = [])
    /// The chair proposes the decision; it issues once a majority of the panel concurs.
    case decide(findings: [CaseFile.FindingRecord], sanction: SanctionKind?, sanctionReasons: String?)
    /// A panel member concurs with the chair's proposal or dissents from it, with reasons.
    case vote(concurs: Bool, reasons: String)
    /// A message in one party's thread with the case team (`thread` is that party's side).
    case postMessage(thread: CaseAccess, text: String, attachments: [EvidenceItem] = [], asks: Bool = false, answering: Int? = nil)
    /// The case team shows one message to the other parties too, with reasons.
    case discloseMessage(number: Int, reasons: String)
    case appeal(grounds: String)
    case appointAppealPanel(pool: [Candidate], seed: UInt64)
    case decideAppeal(outcome: AppealOutcome, reasons: String, sanction: SanctionKind?)
    case close(reasons: String)
    case declareConflict(reason: String)
    /// A handler's working note on the file; handlers see notes, parties do not.
    case addNote(String)
    /// Someone outside the case team (an office-holder, a staff member) contacted the team about
    /// the case; whoever received the contact records it, for the independent reviewers.
    case recordInterference(from: String, summary: String)
    /// Opens a past decision for review under a programme; the reviewer is drawn by rule.
    case openProgrammeReview(programme: UUID, pool: [Candidate], seed: UInt64)
    case concludeProgrammeReview(conclusion: ReviewConclusion, reasons: String, sanction: SanctionKind?)
    case pauseClock(reason: String)
    case resumeClock(reason: String)
    case imposeInterimSuspension(reasons: String, scope: String, reviewDate: Day)
    case renewInterimSuspension(reasons: String, reviewDate: Day)
    case liftInterimSuspension(reasons: String)
    /// The custodian records why the complainant's identity is withheld from the respondent.
    case recordWithholding(reasons: String)
    /// The case team asks the custodian to reveal a protected identity, with reasons.
    case requestReveal(reasons: String)
    /// The custodian reveals the identity, or refuses to, with reasons.
    case decideReveal(number: Int, reveal: Bool, reasons: String)
    /// An independent reviewer confirms or dismisses a retaliation flag, with reasons.
    case decideRetaliationFlag(number: Int, confirmed: Bool, reasons: String)
    /// An independent reviewer concurs in an interim suspension while a retaliation flag is open.
    case concurInSuspension(reasons: String)

    public var name: String {
        switch self {
        case .file: "file"
        case .addEvidence: "add_evidence"
        case .reviewDecision: "review_decision"
        case .identifyRespondent: "identify_respondent"
        case .allocateCaseworker: "allocate_caseworker"
        case .dismiss: "dismiss"
        case .resolveInformally: "resolve_informally"
        case .openInvestigation: "open_investigation"
        case .addAllegation: "add_allegation"
        case .correctAllegation: "correct_allegation"
        case .withdrawAllegation: "withdraw_allegation"
        case .serveNotice: "serve_notice"
        case .nameRepresentative: "name_representative"
        case .respond: "respond"
        case .submitReport: "submit_report"
        case .appointPanel: "appoint_panel"
        case .scheduleHearing: "schedule_hearing"
        case .objectToPanelMember: "object_to_panel_member"
        case .decideObjection: "decide_objection"
        case .requestAdjournment: "request_adjournment"
        case .decideAdjournment: "decide_adjournment"
        case .recordHearing: "record_hearing"
        case .vote: "vote"
        case .postMessage: "post_message"
        case .discloseMessage: "disclose_message"
        case .decide: "decide"
        case .appeal: "appeal"
        case .appointAppealPanel: "appoint_appeal_panel"
        case .decideAppeal: "decide_appeal"
        case .close: "close"
        case .declareConflict: "declare_conflict"
        case .addNote: "add_note"
        case .recordInterference: "record_interference"
        case .openProgrammeReview: "open_programme_review"
        case .concludeProgrammeReview: "conclude_programme_review"
        case .pauseClock: "pause_clock"
        case .resumeClock: "resume_clock"
        case .imposeInterimSuspension: "impose_interim_suspension"
        case .renewInterimSuspension: "renew_interim_suspension"
        case .recordWithholding: "record_withholding"
        case .requestReveal: "request_reveal"
        case .decideReveal: "decide_reveal"
        case .decideRetaliationFlag: "decide_retaliation_flag"
        case .concurInSuspension: "concur_in_suspension"
        case .liftInterimSuspension: "lift_interim_suspension"
        }
    }
}

/// A new complaint as the complainant states it.
public struct Complaint: Codable, Sendable, Equatable {
    public var caseId: CaseID
    public var reference: String
    public var complainantId: PersonID?
    public var complainantName: String
    public var relation: ComplainantRelation
    /// The person complained about, when the words the complainant used name exactly one person
    /// Docket knows; nil until an independent reviewer identifies them.
    public var respondentId: PersonID?
    /// Whether the respondent is staff or an office-holder, from the member register.
    public var respondentIsOfficial: Bool
    /// Who the complainant said the complaint is about, in their own words.
    public var respondentNamed: String?
    public var category: String
    public var summary: String
    public var conductDate: Day?
    /// The clauses the complainant thinks apply; the caseworker frames the actual allegations.
    public var clauseIds: [String]?
    /// A protected disclosure: a concern about wrongdoing by staff or office-holders, misuse of
    /// the complaints process included. It goes to the independent reviewers, always.
    public var protectedDisclosure: Bool?
    /// The complainant asks that their identity be held by a custodian (always, for a protected
    /// disclosure).
    public var identityProtected: Bool?

    public init(
        caseId: CaseID, reference: String, complainantId: PersonID?, complainantName: String,
        relation: ComplainantRelation, respondentId: PersonID?, respondentIsOfficial: Bool,
        category: String, summary: String, conductDate: Day?, clauseIds: [String]? = nil, respondentNamed: String? = nil
    ) {
        self.caseId = caseId; self.reference = reference; self.complainantId = complainantId
        self.complainantName = complainantName; self.relation = relation; self.respondentId = respondentId
        self.respondentIsOfficial = respondentIsOfficial; self.category = category; self.summary = summary
        self.conductDate = conductDate
        self.clauseIds = clauseIds
        self.respondentNamed = respondentNamed
    }

    /// The same complaint marked as a protected disclosure, or with the identity protected.
    public func protected(disclosure: Bool, identity: Bool) -> Complaint {
        var c = self
        c.protectedDisclosure = disclosure ? true : nil
        c.identityProtected = identity || disclosure ? true : nil
        return c
    }
}

/// A file given in evidence: stored by the application, identified in the record by its hash.
public struct EvidenceItem: Codable, Sendable, Equatable {
    public var id: UUID
    public var filename: String
    public var contentType: String
    public var size: Int
    public var sha256: String

    public init(id: UUID, filename: String, contentType: String, size: Int, sha256: String) {
        self.id = id; self.filename = filename; self.contentType = contentType; self.size = size; self.sha256 = sha256
    }
}

public enum ReviewVerdict: String, Codable, CaseIterable, Sendable {
    case verified
    case vetoed
}
