import Foundation
import Testing

@testable import DocketCore

/// A small organisation and one case, played forward through `decide` and `evolve` exactly as the
/// store does, with a pinned clock.
struct World {
    static let day0 = Day(year: 2026, month: 3, day: 2)!  // a Monday
    static let bullying = Clause(
        id: "2.1", title: "Bullying and harassment", text: "Members must not bully or harass.", category: "bullying",
        definitions: [.init(term: "bullying", meaning: "repeated conduct intended to intimidate")],
        breachExamples: ["repeated abusive messages"], nonBreachExamples: ["robust political disagreement"],
        allowedSanctions: [.advice, .warning, .training, .suspension], guidanceSanctions: [.warning, .training], timeBarDays: 365)
    static let antisemitism = Clause(
        id: "3.1", title: "Antisemitism", text: "Members must not engage in antisemitic conduct.", category: "antisemitism",
        allowedSanctions: [.warning, .training, .suspension, .expulsion], guidanceSanctions: [.suspension, .expulsion], timeBarDays: 730)
    static let online = Clause(
        id: "4.1", title: "Online conduct", text: "Members must not abuse others online.", category: "online",
        allowedSanctions: [.advice, .warning], guidanceSanctions: [.advice], timeBarDays: 180)

    static let rulebook = Rulebook(versions: [
        RulebookVersion(version: "2024", effectiveFrom: Day(year: 2024, month: 1, day: 1)!, clauses: [bullying, antisemitism]),
        RulebookVersion(version: "2026", effectiveFrom: Day(year: 2026, month: 1, day: 1)!, clauses: [bullying, antisemitism, online]),
    ])

    var procedure = Procedure(rulebook: World.rulebook)
    var now: Date
    var file: CaseFile?
    var events: [RecordedEvent] = []
    let caseId = UUID()

    let complainant = Actor(id: UUID(), roles: [.member])
    let respondent = Actor(id: UUID(), roles: [.member])
    let caseworker = Actor(id: UUID(), roles: [.caseworker])
    let otherCaseworker = Actor(id: UUID(), roles: [.caseworker])
    let governance = Actor(id: UUID(), roles: [.governance])
    let reviewer = Actor(id: UUID(), roles: [.reviewer])
    let panelists = (0..<4).map { _ in Actor(id: UUID(), roles: [.panelMember]) }
    let appealPanelists = (0..<3).map { _ in Actor(id: UUID(), roles: [.panelMember]) }

    init() {
        now = procedure.calendar.start(of: World.day0).addingTimeInterval(10 * 3600)
    }

    var today: Day { procedure.calendar.day(of: now) }

    mutating func run(_ command: CaseCommand, by actor: Actor) throws(DueProcessError) {
        let produced = try procedure.decide(command, on: file, by: actor, at: now)
        for event in produced {
            let recorded = RecordedEvent(seq: Int64(events.count + 1), caseId: caseId, actorId: actor.id, occurredAt: now, event: event)
            events.append(recorded)
            file = procedure.evolve(file, recorded)
        }
    }

    /// Runs a command that must be refused, and returns the refusal.
    mutating func refusal(_ command: CaseCommand, by actor: Actor) -> DueProcessError? {
        do { try run(command, by: actor); return nil } catch { return error }
    }

    mutating func advance(workingDays n: Int) {
        let target = procedure.calendar.adding(workingDays: n, to: today)
        now = procedure.calendar.start(of: target).addingTimeInterval(10 * 3600)
    }

    func complaint(respondentIsOfficial: Bool = false) -> Complaint {
        Complaint(
            caseId: caseId, reference: "DK-2026-0001", complainantId: complainant.id, complainantName: "Alice Example",
            relation: .directlyAffected, respondentId: respondent.id, respondentIsOfficial: respondentIsOfficial,
            category: "bullying", summary: "Abusive messages after the branch meeting.", conductDate: today.adding(days: -20))
    }

    var caseworkerPool: [Candidate] { [caseworker].map { Candidate(id: $0.id, openCases: 0) } }
    var panelPool: [Candidate] { panelists.map { Candidate(id: $0.id, openCases: 0) } }

    // Stages, each built on the one before.

    mutating func filed(official: Bool = false) throws(DueProcessError) {
        try run(.file(complaint(respondentIsOfficial: official)), by: complainant)
    }

    mutating func triage() throws(DueProcessError) {
        try filed()
        try run(.allocateCaseworker(pool: caseworkerPool, seed: 1), by: governance)
    }

    mutating func investigating(allegations: [String] = ["2.1"]) throws(DueProcessError) {
        try triage()
        try run(.openInvestigation(reasons: "Prima facie breach of 2.1"), by: caseworker)
        for clause in allegations {
            try run(.addAllegation(clauseId: clause, conductDate: today.adding(days: -20), basis: "Messages of 3 February"), by: caseworker)
        }
    }

    mutating func noticeServed(allegations: [String] = ["2.1"]) throws(DueProcessError) {
        try investigating(allegations: allegations)
        try run(.serveNotice(windowWorkingDays: 10, disclosedEvidence: file?.evidence.map(\.item.filename) ?? []), by: caseworker)
    }

    mutating func hearing(allegations: [String] = ["2.1"]) throws(DueProcessError) {
        try noticeServed(allegations: allegations)
        try run(.respond(text: "I deny it.", requestsOralHearing: false), by: respondent)
        try run(.submitReport("The messages were sent."), by: caseworker)
        try run(.appointPanel(pool: panelPool, seed: 7), by: governance)
    }

    /// The chair of the panel deciding now, who proposes its decision.
    var panelMember: Actor { chair }
    var chair: Actor { Actor(id: file!.decidingPanel!.members[0], roles: [.panelMember]) }
    /// The members who vote on the chair's proposal.
    var voters: [Actor] { file!.decidingPanel!.members.dropFirst().map { Actor(id: $0, roles: [.panelMember]) } }

    /// Enough of the other members concur for the chair's proposal to issue.
    mutating func concur() throws(DueProcessError) {
        for m in voters.prefix(procedure.majority(of: file!) - 1) { try run(.vote(concurs: true, reasons: "I agree with the chair."), by: m) }
    }

    /// The hearing set with the notice the settings ask for, and held once its day has come.
    mutating func heard(notes: String = "Heard the respondent in person.") throws(DueProcessError) {
        let day = procedure.calendar.adding(workingDays: procedure.policy.hearingNoticeWorkingDays, to: procedure.calendar.day(of: now))
        try run(.scheduleHearing(startsAt: procedure.calendar.start(of: day).addingTimeInterval(36_000), place: "Room 1", link: nil, names: [:]), by: chair)
        advance(workingDays: procedure.policy.hearingNoticeWorkingDays + 1)
        try run(.recordHearing(notes: notes, attendees: [respondent.id]), by: chair)
    }

    mutating func decided(sanction: SanctionKind? = .warning) throws(DueProcessError) {
        try hearing()
        try run(
            .decide(
                findings: [.init(allegation: 1, finding: .upheld, reasons: "The messages are abusive.")],
                sanction: sanction, sanctionReasons: nil), by: panelMember)
        try concur()
    }
}
