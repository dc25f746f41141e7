import Foundation
import Testing

@testable import DocketCore

@Suite("Evidence and independent review")
struct ReviewAndEvidenceTests {
    static let hash = String(repeating: "ab", count: 32)
    func item(_ name: String) -> EvidenceItem { EvidenceItem(id: UUID(), filename: name, contentType: "application/pdf", size: 10, sha256: Self.hash) }

    @Test func evidence_filed_with_a_complaint_is_recorded_by_hash() throws {
        var w = World()
        try w.run(.file(w.complaint(), evidence: [item("screenshots.pdf")]), by: w.complainant)
        #expect(w.events.map(\.event.kind) == ["complaint_filed", "evidence_added"])
        #expect(w.file?.evidence.first?.item.sha256 == Self.hash)
        var bad = item("x.pdf"); bad.sha256 = "nothex"
        var v = World()
        #expect(v.refusal(.file(v.complaint(), evidence: [bad]), by: v.complainant)?.code == "evidence_hash")
    }

    @Test func the_respondent_sees_only_evidence_the_notice_disclosed() throws {
        var w = World()
        try w.run(.file(w.complaint(), evidence: [item("screenshots.pdf"), item("witness-address.pdf")]), by: w.complainant)
        try w.run(.allocateCaseworker(pool: w.caseworkerPool, seed: 1), by: w.governance)
        try w.run(.openInvestigation(reasons: "r"), by: w.caseworker)
        try w.run(.addAllegation(clauseId: "2.1", conductDate: w.today.adding(days: -20), basis: "b"), by: w.caseworker)
        #expect(w.file!.evidence(visibleTo: [.respondent]).isEmpty)
        try w.run(.serveNotice(windowWorkingDays: 10, disclosedEvidence: ["screenshots.pdf"]), by: w.caseworker)
        #expect(w.file!.evidence(visibleTo: [.respondent]).map(\.item.filename) == ["screenshots.pdf"])
        #expect(w.file!.evidence(visibleTo: [.caseworker]).count == 2)
        #expect(w.refusal(.addEvidence(item("x.pdf")), by: w.panelists[0])?.code == "cannot_add_evidence")
        try w.run(.addEvidence(item("my-account.pdf")), by: w.respondent)
        #expect(w.file?.evidence.last?.addedAs == "respondent")
    }

    @Test func a_reviewer_veto_sends_the_case_to_a_fresh_panel_and_keeps_the_old_decision() throws {
        var w = World()
        try w.decided()
        #expect(w.refusal(.reviewDecision(verdict: .vetoed, reasons: "x"), by: w.governance)?.code == "reviewer_only")
        #expect(w.refusal(.reviewDecision(verdict: .vetoed, reasons: " "), by: w.reviewer)?.code == "reasons_required")
        let firstPanel = w.file!.panel!.members
        try w.run(.reviewDecision(verdict: .vetoed, reasons: "The panel ignored the respondent's evidence."), by: w.reviewer)
        #expect(w.file?.stage == .reported)
        #expect(w.file?.vetoedDecisions.count == 1)
        #expect(w.file?.decision == nil)
        // Only the four first panellists are in the pool: one was not on the first panel, two short.
        #expect(w.refusal(.appointPanel(pool: w.panelPool, seed: 5), by: w.governance)?.code == "not_enough_eligible")
        let pool = w.panelPool + w.appealPanelists.map { Candidate(id: $0.id, openCases: 0) }
        try w.run(.appointPanel(pool: pool, seed: 5), by: w.governance)
        #expect(Set(w.file!.panel!.members).isDisjoint(with: firstPanel))
    }

    @Test func a_decision_is_reviewed_once() throws {
        var w = World()
        try w.decided()
        try w.run(.reviewDecision(verdict: .verified, reasons: "Sound on the evidence."), by: w.reviewer)
        #expect(w.file?.stage == .decided)
        #expect(w.refusal(.reviewDecision(verdict: .vetoed, reasons: "Changed my mind"), by: w.reviewer)?.code == "already_reviewed")
    }
}

@Suite("Representation")
struct RepresentationTests {
    @Test func only_the_respondent_names_a_representative_who_must_be_known() throws {
        var w = World()
        try w.noticeServed()
        let rep = Actor(id: UUID(), roles: [.member])
        #expect(w.refusal(.nameRepresentative(rep.id), by: w.complainant)?.code == "respondent_only")
        #expect(w.refusal(.nameRepresentative(rep.id, known: false), by: w.respondent)?.code == "representative_unknown")
        #expect(w.refusal(.nameRepresentative(w.caseworker.id), by: w.respondent)?.code == "representative_conflict")
        try w.run(.nameRepresentative(rep.id), by: w.respondent)
        // The representative may respond for the respondent, and is told what the respondent is told.
        try w.run(.respond(text: "On behalf of my member: denied.", requestsOralHearing: false), by: rep)
        #expect(w.file?.response?.by == rep.id)
    }
}

@Suite("Notes")
struct NoteTests {
    @Test func handlers_keep_notes_that_parties_cannot_add() throws {
        var w = World()
        try w.triage()
        try w.run(.addNote("Spoke to the complainant by phone; she will send screenshots."), by: w.caseworker)
        #expect(w.file?.notes.map(\.text) == ["Spoke to the complainant by phone; she will send screenshots."])
        #expect(w.refusal(.addNote("I am innocent"), by: w.respondent)?.code == "party_cannot_handle")
        #expect(w.refusal(.addNote("x"), by: Actor(id: UUID(), roles: [.caseworker]))?.kind == .notFound)
        #expect(w.refusal(.addNote(" "), by: w.governance)?.code == "note_required")
    }
}

@Suite("Interference register")
struct InterferenceTests {
    @Test func contacts_from_outside_the_case_team_are_recorded_with_who_and_what() throws {
        var w = World()
        try w.triage()
        #expect(w.refusal(.recordInterference(from: "", summary: "Asked to go easy"), by: w.caseworker)?.code == "contact_required")
        #expect(w.refusal(.recordInterference(from: "Cllr X", summary: "x"), by: w.respondent)?.code == "party_cannot_handle")
        try w.run(
            .recordInterference(from: "Cllr Jo Bloggs, regional chair", summary: "Asked whether the case could be dropped before the selection."),
            by: w.caseworker)
        #expect(w.file?.interference.first?.from == "Cllr Jo Bloggs, regional chair")
        #expect(w.file?.interference.first?.recordedBy == w.caseworker.id)
        #expect(w.procedure.notices(for: w.events.last!, in: w.file!).isEmpty)
    }
}
