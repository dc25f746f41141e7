import DocketCore
import Foundation
import Vapor

/// A case as one person may see it: parties see what concerns them, handlers see the file.
struct CaseView: Content {
    struct AllegationView: Codable {
        var number: Int
        var clauseId: String
        var clauseTitle: String?
        var clauseText: String?
        var rulebookVersion: String
        var conductDate: String
        var basis: String
    }

    struct NoticeView: Codable {
        var servedAt: Date
        var responseDeadline: Date
        var windowWorkingDays: Int
        var disclosedEvidence: [String]
    }

    struct DecisionView: Codable {
        var at: Date
        var findings: [CaseFile.FindingRecord]
        var sanction: SanctionKind?
        var sanctionReasons: String?
        var appealDeadline: Date
    }

    struct SuspensionView: Codable {
        var reasons: String
        var scope: String
        var reviewDate: String
        var active: Bool
    }

    struct HearingView: Codable {
        var startsAt: Date; var place: String?; var link: String?; var heldAt: Date?; var attendees: [UUID]?
    }
    struct ObjectionView: Codable {
        var number: Int; var member: UUID; var reasons: String; var upheld: Bool?; var decisionReasons: String?; var replacement: UUID?
    }
    struct AdjournmentView: Codable { var number: Int; var requestedBy: String; var reasons: String?; var granted: Bool?; var decisionReasons: String? }
    struct VoteView: Codable { var member: UUID; var concurs: Bool; var reasons: String; var at: Date }
    struct ProposalView: Codable { var number: Int; var forAppeal: Bool; var by: UUID; var status: String; var votes: [VoteView] }
    struct MessageView: Codable {
        var number: Int; var thread: String; var fromTeam: Bool; var text: String; var at: Date; var asks: Bool; var answering: Int?
        var waiting: Bool; var disclosed: Bool; var attachments: [String]
    }

    var id: UUID
    var reference: String
    var stage: String
    var stageTitle: String
    var category: String
    var receivedAt: Date
    var yourAccess: [String]
    /// The steps the caller may take now (`Procedure.availableSteps`), by their URL names.
    var availableSteps: [String]
    var summary: String?
    var route: String?
    var relation: String?
    var complainantName: String?
    var identityProtected: Bool?
    var protectedDisclosure: Bool?
    struct FlagView: Codable {
        var number: Int; var trigger: String; var priorCase: UUID?; var priorReference: String?; var basis: String; var confirmed: Bool?; var reasons: String?
    }
    /// For the independent reviewers only.
    var retaliationFlags: [FlagView]?
    var caseworkerId: UUID?
    var panel: [UUID]?
    var appealPanel: [UUID]?
    var allegations: [AllegationView]?
    var notice: NoticeView?
    var response: String?
    var requestsOralHearing: Bool?
    var report: String?
    var decision: DecisionView?
    var appealGrounds: String?
    var appealOutcome: AppealOutcome?
    var appealReasons: String?
    var outcomeReasons: String?
    var suspension: SuspensionView?
    var notes: [String]?
    var stageDue: Date?
    var overdue: Bool?
    /// The panel sitting now, which every party is told; the hearing, for everyone it concerns.
    var sittingPanel: [UUID]?
    var hearing: HearingView?
    var objections: [ObjectionView]?
    var adjournments: [AdjournmentView]?
    var proposals: [ProposalView]?
    var messages: [MessageView]?

    init(_ f: CaseFile, procedure: Procedure, now: Date, actor: Actor) {
        let access = f.access(for: actor)
        availableSteps = procedure.availableSteps(f, for: actor, at: now).map(\.rawValue)
        let shown = f.disclosure(to: access, viewer: actor.id)
        let staff = shown.caseTeam, defence = shown.defence
        id = f.id; reference = f.reference; stage = f.stage.rawValue; stageTitle = f.stage.title
        category = f.category; receivedAt = f.receivedAt
        yourAccess = access.map(\.rawValue).sorted()
        if shown.complaint { summary = f.summary }
        complainantName = shown.complainant
        identityProtected = f.identityProtected ? true : nil
        protectedDisclosure = f.protectedDisclosure ? true : nil
        if shown.retaliationFlags, !f.retaliationFlags.isEmpty {
            retaliationFlags = f.retaliationFlags.map {
                // The earlier case, unless its complainant is protected and this is not its custodian.
                let linked = $0.priorCustodian == nil || $0.priorCustodian == actor.id
                return FlagView(
                    number: $0.number, trigger: $0.trigger, priorCase: linked ? $0.priorCase : nil, priorReference: linked ? $0.priorReference : nil,
                    basis: $0.link(for: actor.id), confirmed: $0.confirmed, reasons: $0.reasons)
            }
        }
        if staff {
            route = f.route.rawValue; relation = f.relation.rawValue; caseworkerId = f.caseworkerId
            panel = f.panel?.members; appealPanel = f.appealPanel?.members
            stageDue = procedure.due(f)?.maximum; overdue = procedure.isOverdue(f, at: now)
            notes = f.notes.map(\.text)
        }
        allegations = f.allegations.map { a in
            let clause = procedure.rulebook.versions.first { $0.version == a.rulebookVersion }?.clause(a.clauseId)
            return AllegationView(
                number: a.number, clauseId: a.clauseId, clauseTitle: clause?.title, clauseText: clause?.text,
                rulebookVersion: a.rulebookVersion, conductDate: a.conductDate.description, basis: a.basis)
        }
        if defence {
            notice = f.notice.map {
                NoticeView(
                    servedAt: $0.servedAt, responseDeadline: $0.responseDeadline,
                    windowWorkingDays: $0.windowWorkingDays, disclosedEvidence: $0.disclosedEvidence)
            }
            response = f.response?.text; requestsOralHearing = f.response?.requestsOralHearing
            report = f.report
            suspension = f.suspension.map {
                SuspensionView(
                    reasons: $0.reasons, scope: $0.scope, reviewDate: $0.reviewDate.description,
                    active: $0.isActive(at: now, calendar: procedure.calendar))
            }
            appealGrounds = f.appealGrounds
        }
        decision = f.decision.map {
            DecisionView(
                at: $0.at, findings: $0.findings, sanction: $0.sanction,
                sanctionReasons: $0.sanctionReasons, appealDeadline: $0.appealDeadline)
        }
        sittingPanel = (f.decidingPanel ?? f.panel)?.members
        hearing = f.hearing.map {
            HearingView(
                startsAt: $0.startsAt, place: $0.place.isEmpty ? nil : $0.place, link: $0.link, heldAt: f.hearingHeldAt,
                attendees: staff ? f.hearingAttendees.filter { shown.knowsComplainant || $0 != f.complainantId } : nil)
        }
        if defence {
            objections = f.objections.map {
                ObjectionView(
                    number: $0.number, member: $0.member, reasons: $0.reasons, upheld: $0.upheld, decisionReasons: $0.decisionReasons,
                    replacement: $0.replacement)
            }
        }
        adjournments = f.adjournments.map {
            AdjournmentView(
                number: $0.number, requestedBy: $0.requestedAs.rawValue, reasons: staff || access.contains($0.requestedAs) ? $0.reasons : nil,
                granted: $0.granted, decisionReasons: $0.decisionReasons)
        }
        if staff {
            proposals = f.proposals.map {
                ProposalView(
                    number: $0.number, forAppeal: $0.forAppeal, by: $0.by, status: $0.status.rawValue,
                    votes: $0.votes.map { VoteView(member: $0.member, concurs: $0.concurs, reasons: $0.reasons, at: $0.at) })
            }
        }
        let waiting = Set(staff ? f.unansweredQuestions().map(\.number) : access.filter(\.isParty).flatMap { f.unansweredQuestions(in: $0).map(\.number) })
        messages = shown.messages.map {
            MessageView(
                number: $0.number, thread: $0.thread.rawValue, fromTeam: $0.fromTeam, text: $0.text, at: $0.at, asks: $0.asks,
                answering: $0.answering, waiting: waiting.contains($0.number), disclosed: $0.disclosed, attachments: $0.attachments.map(\.filename))
        }
        appealOutcome = f.appealDecision?.outcome
        appealReasons = f.appealDecision?.reasons
        outcomeReasons = f.outcomeReasons
    }
}
