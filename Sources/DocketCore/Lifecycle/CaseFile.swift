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

    /// True once the respondent has answered, or the window to do so has closed.
    public func responseWindowFinished(at now: Date) -> Bool {
        guard let notice else { return false }
        return response != nil || now >= notice.responseDeadline
    }
}
