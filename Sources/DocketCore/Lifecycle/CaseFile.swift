import Foundation

/// Everything known about one case, folded from its events by `evolve`. Nothing else writes it.
public struct CaseFile: Codable, Equatable, Sendable {
    public struct Allegation: Codable, Equatable, Sendable {
        public var number: Int
        public var clauseId: String
        /// The rulebook version in force on the conduct date, which this allegation is judged by.
        public var rulebookVersion: String
        public var conductDate: Day
        public var basis: String
        public var addedAt: Date
    }

    /// An allegation withdrawn before notice, with the reasons.
    public struct WithdrawnAllegation: Codable, Equatable, Sendable {
        public var allegation: Allegation
        public var reasons: String
        public var at: Date
    }

    public struct Notice: Codable, Equatable, Sendable {
        public var servedAt: Date
        public var responseDeadline: Date
        public var windowWorkingDays: Int
        public var disclosedEvidence: [String]
        public var disclosedEvidenceIds: [UUID]? = nil
    }

    public struct Response: Codable, Equatable, Sendable {
        public var at: Date
        public var by: PersonID
        public var text: String
        public var requestsOralHearing: Bool
    }

    public struct Panel: Codable, Equatable, Sendable {
        public var members: [PersonID]
        public var appointedAt: Date
    }

    public struct FindingRecord: Codable, Equatable, Sendable {
        public var allegation: Int
        public var finding: Finding
        public var reasons: String
        public init(allegation: Int, finding: Finding, reasons: String) {
            self.allegation = allegation; self.finding = finding; self.reasons = reasons
        }
    }

    public struct Decision: Codable, Equatable, Sendable {
        public var at: Date
        public var by: PersonID
        public var findings: [FindingRecord]
        public var sanction: SanctionKind?
        public var sanctionReasons: String?
        public var appealDeadline: Date
    }

    public struct Evidence: Codable, Equatable, Sendable {
        public var item: EvidenceItem
        public var addedAs: String
        public var addedBy: PersonID?
        public var at: Date
    }

    public struct Note: Codable, Equatable, Sendable {
        public var text: String
        public var by: PersonID?
        public var at: Date
    }

    public struct InterferenceRecord: Codable, Equatable, Sendable {
        public var from: String
        public var summary: String
        public var recordedBy: PersonID?
        public var at: Date
    }

    /// A review of the decision under a review programme; the original decision stays as it was.
    public struct ProgrammeReview: Codable, Equatable, Sendable {
        public var programme: UUID
        public var reviewer: PersonID
        public var openedAt: Date
        public var conclusion: ReviewConclusion?
        public var reasons: String?
        public var sanction: SanctionKind?
        public var concludedAt: Date?
    }

    public struct Review: Codable, Equatable, Sendable {
        public var verdict: ReviewVerdict
        public var reasons: String
        public var by: PersonID?
        public var at: Date
    }

    public struct AppealDecision: Codable, Equatable, Sendable {
        public var at: Date
        public var outcome: AppealOutcome
        public var reasons: String
        public var sanction: SanctionKind?
    }

    public struct Suspension: Codable, Equatable, Sendable {
        public var imposedAt: Date
        public var reasons: String
        public var scope: String
        public var reviewDate: Day
        public var liftedAt: Date?
        public var renewals: Int

        /// In force until the end of its review date, unless lifted. A suspension that is not
        /// renewed with reasons by then lapses by itself: nobody has to remember to end it.
        public func isActive(at now: Date, calendar: WorkingCalendar) -> Bool {
            liftedAt == nil && calendar.day(of: now) <= reviewDate
        }
    }

    /// When and where the hearing is, as the parties were told it. Cleared when an adjournment
    /// is granted: the hearing must then be scheduled again, with notice again.
    public struct ScheduledHearing: Codable, Equatable, Sendable {
        public var startsAt: Date
        public var place: String
        public var link: String?
        public var scheduledAt: Date
        public var scheduledBy: PersonID?
    }

    /// The respondent's objection to a member of the panel, and the appointing authority's answer.
    public struct Objection: Codable, Equatable, Sendable {
        public var number: Int
        public var member: PersonID
        public var reasons: String
        public var by: PersonID?
        public var at: Date
        public var upheld: Bool? = nil
        public var decisionReasons: String? = nil
        /// Who the new draw seated in the member's place, when the objection was upheld.
        public var replacement: PersonID? = nil
        public var decidedAt: Date? = nil
    }

    /// A party's request to put the hearing off, and the panel's answer.
    public struct Adjournment: Codable, Equatable, Sendable {
        public var number: Int
        public var requestedAs: CaseAccess
        public var reasons: String
        public var at: Date
        public var granted: Bool? = nil
        public var decisionReasons: String? = nil
        public var decidedAt: Date? = nil
    }

    /// One panel member's answer to the chair's proposed decision.
    public struct Vote: Codable, Equatable, Sendable {
        public var member: PersonID
        public var concurs: Bool
        public var reasons: String
        public var at: Date
    }

    /// The decision the chair proposes: it issues once a majority of the panel has concurred.
    public struct Proposal: Codable, Equatable, Sendable {
        public enum Status: String, Codable, Sendable { case open, issued, fell }
        public var number: Int
        public var forAppeal: Bool
        public var by: PersonID
        public var at: Date
        public var findings: [FindingRecord]?
        public var sanction: SanctionKind?
        public var sanctionReasons: String?
        public var appealOutcome: AppealOutcome?
        public var appealReasons: String?
        public var votes: [Vote]
        public var status: Status
    }

    /// A message between one party and the case team. `thread` is the party's side of it.
    public struct Message: Codable, Equatable, Sendable {
        public var number: Int
        public var thread: CaseAccess
        public var fromTeam: Bool
        public var by: PersonID?
        public var text: String
        public var attachments: [EvidenceItem]
        /// A question from the case team that waits for the party's answer.
        public var asks: Bool
        /// The question this message answers.
        public var answering: Int?
        public var at: Date
        /// Shown to the other parties too, once the case team has disclosed it with reasons.
        public var disclosed: Bool = false
    }

    /// The clock of the present stage: when it started and when it stood still.
    public struct StageClock: Codable, Equatable, Sendable {
        public var enteredAt: Date
        public var pausedSince: Date?
        public var pauses: [DateInterval]
        public var pauseReason: String?
    }

    // identity
    public var id: CaseID
    public var reference: String
    public var stage: CaseStage
    public var route: CaseRoute
    public var category: String
    public var summary: String
    public var receivedAt: Date
    public var conductDate: Day?

    // parties
    public var complainantId: PersonID?
    public var complainantName: String
    public var relation: ComplainantRelation
    /// Nil until an independent reviewer identifies who the complainant meant.
    public var respondentId: PersonID?
    /// Who the complainant said the complaint is about, in their own words.
    public var respondentNamed: String? = nil
    public var representativeId: PersonID?

    // case team
    public var caseworkerId: PersonID?
    public var triagedBy: PersonID?
    /// When triage ended: investigation opened, complaint dismissed or resolved informally.
    public var triagedAt: Date? = nil
    /// Everyone who has held the case as caseworker: none of them may sit on its panel.
    public var investigators: [PersonID]
    public var conflicts: [PersonID: String]
    /// Members of panels whose decision was vetoed: none of them hears the case again.
    public var formerPanelists: [PersonID]

    // procedure
    public var allegations: [Allegation]
    public var withdrawnAllegations: [WithdrawnAllegation] = []
    public var notice: Notice?
    public var response: Response?
    public var report: String?
    public var panel: Panel?
    public var hearingHeldAt: Date?
    public var hearing: ScheduledHearing? = nil
    /// A hearing was set and has not been held: adjourning it does not let the panel decide
    /// without one.
    public var hearingOwed = false
    /// Who attended the hearing, as the panel recorded it.
    public var hearingAttendees: [PersonID] = []
    public var hearingNotes: String? = nil
    public var objections: [Objection] = []
    /// Members removed from a panel after an upheld objection: none of them sits on this case again.
    public var objectedOut: [PersonID] = []
    public var adjournments: [Adjournment] = []
    public var proposals: [Proposal] = []
    public var messages: [Message] = []
    public var decision: Decision?
    public var appealGrounds: String?
    public var appealPanel: Panel?
    public var appealDecision: AppealDecision?
    public var outcomeReasons: String?
    public var suspension: Suspension?
    public var evidence: [Evidence]
    /// Reviews of decisions; a vetoed decision stays here beside its replacement.
    public var reviews: [Review]
    public var vetoedDecisions: [Decision]
    public var clauseSuggestions: [String]
    /// Handlers' working notes; never shown to the parties.
    public var notes: [Note]
    /// Contacts from outside the case team, shown to the independent reviewers.
    public var interference: [InterferenceRecord]
    public var programmeReviews: [ProgrammeReview]
    public var clock: StageClock
    public var eventCount: Int
    /// When anything last happened on the case.
    public var lastActivityAt: Date? = nil
    // Whistleblowing
    public var protectedDisclosure = false
    /// The complainant's identity is held by `custodian`, not shown to the case team.
    public var identityProtected = false
    public var custodian: PersonID? = nil
    /// The custodian's recorded reason for withholding the identity from the respondent.
    public var withheldReason: String? = nil
    public var identityRevealed = false
    public var reveals: [Reveal] = []
    public var retaliationFlags: [RetaliationFlag] = []
    /// A reviewer's concurrence in a suspension while a flag is open.
    public var suspensionConcurrence: String? = nil
    /// For the Directive's limits: when someone took the disclosure on, and first told the discloser more.
    public var acknowledgedAt: Date? = nil
    public var feedbackAt: Date? = nil

    public struct Reveal: Codable, Equatable, Sendable {
        public var number: Int; public var reasons: String; public var by: PersonID?; public var at: Date
        public var revealed: Bool?; public var decisionReasons: String?
    }
    public struct RetaliationFlag: Codable, Equatable, Sendable {
        public var number: Int; public var trigger: String; public var priorCase: CaseID; public var priorReference: String
        public var basis: String; public var at: Date; public var confirmed: Bool?; public var reasons: String?
        public var priorCustodian: PersonID? = nil

        /// The earlier case as `viewer` may be shown it: by reference, unless it names a protected
        /// complainant and they are not its custodian.
        public func link(for viewer: PersonID?) -> String {
            guard let c = priorCustodian, c != viewer else { return "\(basis) (\(priorReference))" }
            return "\(basis) (the earlier case's complainant is protected; its custodian holds the link)"
        }
    }
    public var hasOpenRetaliationFlag: Bool { retaliationFlags.contains { $0.confirmed == nil } }

    /// The reasons for a legal hold while one stands: the case is not erased.
    public var legalHold: String? = nil
    /// When the case's personal data was erased, and the figures' key for its complainant then.
    public var erasedAt: Date? = nil
    public var erasedComplainantKey: String? = nil

    /// Every person who is a party to the case: none of them may handle it.
    public var parties: Set<PersonID> {
        var p: Set<PersonID> = []
        if let r = respondentId { p.insert(r) }
        if let c = complainantId { p.insert(c) }
        if let r = representativeId { p.insert(r) }
        return p
    }

    /// Evidence a person may see: handlers see all; a party sees what they gave, and the
    /// respondent also sees what the notice disclosed.
    public func evidence(visibleTo access: Set<CaseAccess>) -> [Evidence] {
        if access.contains(where: { !$0.isParty }) { return evidence }
        return evidence.filter { e in
            (access.contains(.complainant) && e.addedAs == "complainant")
                || ((access.contains(.respondent) || access.contains(.representative))
                    && (e.addedAs == "respondent" || e.addedAs == "representative" || isDisclosed(e.item)))
        }
    }

    /// Whether the notice disclosed this item to the respondent. The notice's list and what the
    /// respondent can open are one and the same.
    public func isDisclosed(_ item: EvidenceItem) -> Bool {
        guard let notice else { return false }
        if let ids = notice.disclosedEvidenceIds { return ids.contains(item.id) }
        return notice.disclosedEvidence.contains(item.filename)
    }

    public func isConflicted(_ person: PersonID) -> Bool { conflicts[person] != nil }

    /// The panel that decides at the present stage: the appeal panel during an appeal.
    public var decidingPanel: Panel? { stage == .appeal ? appealPanel : panel }

    /// The chair proposes the decision: the first member drawn who still sits.
    public var chair: PersonID? { decidingPanel?.members.first }

    /// The proposal awaiting the panel's votes, if any.
    public var openProposal: Proposal? { proposals.last { $0.status == .open } }

    /// Questions from the case team that no message has answered yet.
    public func unansweredQuestions(in thread: CaseAccess? = nil) -> [Message] {
        let answered = Set(messages.compactMap(\.answering))
        return messages.filter { $0.asks && !answered.contains($0.number) && (thread == nil || $0.thread == thread) }
    }

    /// Messages one person may read: the caseworker and the appointing authority read every
    /// thread; a party reads their own and what was disclosed from the others. The panel, which
    /// judges, reads only what was disclosed, which both sides have seen: no party's word reaches
    /// it privately.
    public func messages(visibleTo access: Set<CaseAccess>) -> [Message] {
        if !access.contains(.panel), !access.isDisjoint(with: [.caseworker, .governance, .reviewer]) { return messages }
        return messages.filter { access.contains($0.thread) || $0.disclosed }
    }

    /// Whether `item` is a file this person may open: evidence they may see, or a file sent in a
    /// message they may read.
    public func mayOpen(_ item: UUID, access: Set<CaseAccess>) -> Bool {
        evidence(visibleTo: access).contains { $0.item.id == item }
            || messages(visibleTo: access).contains { $0.attachments.contains { $0.id == item } }
    }

    /// True once the respondent has answered, or the window to do so has closed.
    public func responseWindowFinished(at now: Date) -> Bool {
        guard let notice else { return false }
        return response != nil || now >= notice.responseDeadline
    }
}
