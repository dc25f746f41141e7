import Foundation

/// What happened to a case. Events are the source of truth; everything else is derived from them.
/// Payloads are plain `Codable` structs so that the stored JSON reads like the record it is.
public enum CaseEvent: Sendable, Equatable {
    case complaintFiled(Complaint)
    case caseworkerAllocated(Draw)
    case complaintDismissed(Reasons)
    case resolvedInformally(Reasons)
    case investigationOpened(Reasons)
    case allegationAdded(AllegationAdded)
    case allegationCorrected(AllegationCorrected)
    case allegationWithdrawn(AllegationWithdrawn)
    case noticeServed(NoticeServed)
    case representativeNamed(PersonRef)
    case responseSubmitted(ResponseSubmitted)
    case reportSubmitted(Reasons)
    case panelAppointed(Draw)
    case hearingHeld(Reasons)
    case decisionIssued(DecisionIssued)
    case appealLodged(Reasons)
    case appealPanelAppointed(Draw)
    case appealDecided(AppealDecided)
    case caseClosed(Reasons)
    case conflictDeclared(ConflictDeclared)
    case clockPaused(Reasons)
    case clockResumed(Reasons)
    case suspensionImposed(SuspensionOrder)
    case suspensionRenewed(SuspensionOrder)
    case suspensionLifted(Reasons)
    case evidenceAdded(EvidenceAdded)
    case decisionReviewed(DecisionReviewed)
    case noteAdded(Reasons)
    case interferenceRecorded(Interference)
    case programmeReviewOpened(ProgrammeReviewOpened)
    case programmeReviewConcluded(ProgrammeReviewConcluded)
    case respondentIdentified(RespondentIdentified)

    public struct Reasons: Codable, Sendable, Equatable {
        public var reasons: String
        public init(_ reasons: String) { self.reasons = reasons }
    }

    public struct PersonRef: Codable, Sendable, Equatable {
        public var personId: PersonID
    }

    public struct RespondentIdentified: Codable, Sendable, Equatable {
        public var personId: PersonID
        /// Staff or an office-holder: the complaint stays with the independent reviewers.
        public var official: Bool
    }

    public struct AllegationAdded: Codable, Sendable, Equatable {
        public var number: Int
        public var clauseId: String
        public var rulebookVersion: String
        public var conductDate: Day
        public var basis: String
    }

    /// The allegation as restated; the reasons say what was wrong with it.
    public struct AllegationCorrected: Codable, Sendable, Equatable {
        public var number: Int
        public var clauseId: String
        public var rulebookVersion: String
        public var conductDate: Day
        public var basis: String
        public var reasons: String
    }

    public struct AllegationWithdrawn: Codable, Sendable, Equatable {
        public var number: Int
        public var reasons: String
    }

    public struct NoticeServed: Codable, Sendable, Equatable {
        public var windowWorkingDays: Int
        public var responseDeadline: Date
        /// The file names of the evidence disclosed, as the notice lists them.
        public var disclosedEvidence: [String]
        /// The evidence items disclosed: what the respondent may open. Absent in notices served
        /// before items were disclosed by id, which disclosed by name.
        public var disclosedEvidenceIds: [UUID]?

        public init(windowWorkingDays: Int, responseDeadline: Date, disclosedEvidence: [String], disclosedEvidenceIds: [UUID]? = nil) {
            self.windowWorkingDays = windowWorkingDays; self.responseDeadline = responseDeadline
            self.disclosedEvidence = disclosedEvidence; self.disclosedEvidenceIds = disclosedEvidenceIds
        }
    }

    public struct ResponseSubmitted: Codable, Sendable, Equatable {
        public var text: String
        public var requestsOralHearing: Bool
    }

    public struct DecisionIssued: Codable, Sendable, Equatable {
        public var findings: [CaseFile.FindingRecord]
        public var sanction: SanctionKind?
        public var sanctionReasons: String?
        public var appealDeadline: Date
    }

    public struct AppealDecided: Codable, Sendable, Equatable {
        public var outcome: AppealOutcome
        public var reasons: String
        public var sanction: SanctionKind?
    }

    public struct ConflictDeclared: Codable, Sendable, Equatable {
        public var personId: PersonID
        public var reason: String
        /// The handler's role the person steps down from, if any.
        public var recusedFrom: String?
    }

    public struct EvidenceAdded: Codable, Sendable, Equatable {
        public var item: EvidenceItem
        /// How the person who added it stands to the case: complainant, respondent, caseworker…
        public var addedAs: String
    }

    public struct DecisionReviewed: Codable, Sendable, Equatable {
        public var verdict: ReviewVerdict
        public var reasons: String
    }

    public struct Interference: Codable, Sendable, Equatable {
        /// Who made the contact, as the recipient describes them: a name and office.
        public var from: String
        public var summary: String
    }

    public struct ProgrammeReviewOpened: Codable, Sendable, Equatable {
        public var programme: UUID
        public var draw: Draw
    }

    public struct ProgrammeReviewConcluded: Codable, Sendable, Equatable {
        public var programme: UUID
        public var conclusion: ReviewConclusion
        public var reasons: String
        /// The sanction in force after the review.
        public var sanction: SanctionKind?
    }

    public struct SuspensionOrder: Codable, Sendable, Equatable {
        public var reasons: String
        public var scope: String
        public var reviewDate: Day
    }
}
