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
    case hearingScheduled(HearingScheduled)
    case panelObjectionLodged(ObjectionLodged)
    case panelObjectionDecided(ObjectionDecided)
    case adjournmentRequested(AdjournmentRequested)
    case adjournmentDecided(AdjournmentDecided)
    case hearingHeld(HearingHeld)
    case decisionProposed(DecisionProposed)
    case decisionVoted(DecisionVoted)
    case messagePosted(MessagePosted)
    case messageDisclosed(MessageDisclosed)
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
    // Whistleblowing
    case custodianDrawn(Draw)
    case identityWithheld(Reasons)
    case revealRequested(RevealRequested)
    case revealDecided(RevealDecided)
    case retaliationFlagged(RetaliationFlagged)
    case retaliationFlagDecided(FlagDecided)
    case suspensionConcurred(Reasons)
    /// A hold on the case's erasure, for litigation or an inquiry; lifted with reasons too.
    case legalHoldPlaced(Reasons)
    case legalHoldLifted(Reasons)
    /// The keys that sealed the case's personal data were destroyed: what the parties and the
    /// case team wrote now reads "[erased]"; the structure, dates and outcome remain.
    case contentErased(Erasure)

    public struct Reasons: Codable, Sendable, Equatable {
        public var reasons: String
        public init(_ reasons: String) { self.reasons = reasons }
    }

    public struct RevealRequested: Codable, Sendable, Equatable {
        public var number: Int; public var reasons: String
        public init(number: Int, reasons: String) { self.number = number; self.reasons = reasons }
    }
    public struct RevealDecided: Codable, Sendable, Equatable {
        public var number: Int; public var reveal: Bool; public var reasons: String
        public init(number: Int, reveal: Bool, reasons: String) { self.number = number; self.reveal = reveal; self.reasons = reasons }
    }
    public struct RetaliationFlagged: Codable, Sendable, Equatable {
        /// complaint, allocation or suspension: the step that raised it.
        public var number: Int; public var trigger: String; public var priorCase: CaseID; public var priorReference: String; public var basis: String
        /// The custodian of the earlier case's protected identity, who alone is shown the link.
        public var priorCustodian: PersonID?
        public init(number: Int, trigger: String, priorCase: CaseID, priorReference: String, basis: String, priorCustodian: PersonID? = nil) {
            self.number = number; self.trigger = trigger; self.priorCase = priorCase; self.priorReference = priorReference; self.basis = basis
            self.priorCustodian = priorCustodian
        }
    }
    public struct FlagDecided: Codable, Sendable, Equatable {
        public var number: Int; public var confirmed: Bool; public var reasons: String
        public init(number: Int, confirmed: Bool, reasons: String) { self.number = number; self.confirmed = confirmed; self.reasons = reasons }
    }

    public struct Erasure: Codable, Sendable, Equatable {
        /// "retention" (the schedule's period ran out) or "request" (an approved request).
        public var basis: String
        /// The schedule's class and period, or the request's reference.
        public var rule: String
        /// The oversight figures' key for the complainant, kept so that the figures never change.
        public var complainantKey: String
        public init(basis: String, rule: String, complainantKey: String) {
            self.basis = basis; self.rule = rule; self.complainantKey = complainantKey
        }
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

    /// A panel member as the parties are told of them: by name, as the register had it.
    public struct Seat: Codable, Sendable, Equatable {
        public var personId: PersonID
        public var name: String
    }

    public struct HearingScheduled: Codable, Sendable, Equatable {
        public var startsAt: Date
        public var place: String
        public var link: String?
        /// The panel as the parties were told it.
        public var panel: [Seat]
    }

    public struct ObjectionLodged: Codable, Sendable, Equatable {
        public var number: Int
        public var member: PersonID
        public var reasons: String
    }

    public struct ObjectionDecided: Codable, Sendable, Equatable {
        public var number: Int
        public var upheld: Bool
        public var reasons: String
        /// The recorded draw of the member's replacement, when upheld.
        public var replacement: Draw?
        /// The panel as it now stands, as the parties are told it.
        public var panel: [Seat]
    }

    public struct AdjournmentRequested: Codable, Sendable, Equatable {
        public var number: Int
        public var requestedAs: CaseAccess
        public var reasons: String
    }

    public struct AdjournmentDecided: Codable, Sendable, Equatable {
        public var number: Int
        public var granted: Bool
        public var reasons: String
    }

    /// The record of the hearing; `reasons` holds the notes (the name older records used).
    public struct HearingHeld: Codable, Sendable, Equatable {
        public var reasons: String
        /// Who attended; absent in records made before attendance was kept.
        public var attendees: [PersonID]?
        public init(_ notes: String, attendees: [PersonID]? = nil) { self.reasons = notes; self.attendees = attendees }
    }

    /// The chair's proposed decision, on the findings and sanction or on the appeal.
    public struct DecisionProposed: Codable, Sendable, Equatable {
        public var number: Int
        public var forAppeal: Bool
        public var findings: [CaseFile.FindingRecord]?
        public var sanction: SanctionKind?
        public var sanctionReasons: String?
        public var appealOutcome: AppealOutcome?
        public var appealReasons: String?
    }

    public struct DecisionVoted: Codable, Sendable, Equatable {
        public var number: Int
        public var concurs: Bool
        public var reasons: String
    }

    public struct MessagePosted: Codable, Sendable, Equatable {
        public var number: Int
        public var thread: CaseAccess
        public var fromTeam: Bool
        public var text: String
        public var attachments: [EvidenceItem]
        public var asks: Bool
        public var answering: Int?
    }

    public struct MessageDisclosed: Codable, Sendable, Equatable {
        public var number: Int
        public var reasons: String
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
