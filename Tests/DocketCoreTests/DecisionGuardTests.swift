import Foundation
import Testing

@testable import DocketCore

@Suite("Decisions and sanctions")
struct DecisionGuardTests {
    @Test func no_decision_before_notice_is_served() throws {
        var w = World()
        try w.investigating()
        let err = w.refusal(.decide(findings: [.init(allegation: 1, finding: .upheld, reasons: "r")], sanction: nil, sanctionReasons: nil), by: w.panelists[0])
        #expect(err?.code == "notice_not_served")
        #expect(err?.httpStatus == 409)
        #expect(err?.message == "No decision can be made before the respondent has been served notice of the allegations.")
    }

    @Test func no_decision_while_the_response_window_is_open() throws {
        var w = World()
        try w.noticeServed()
        let err = w.refusal(.decide(findings: [.init(allegation: 1, finding: .upheld, reasons: "r")], sanction: nil, sanctionReasons: nil), by: w.panelists[0])
        #expect(err?.code == "response_window_open")
        // The window was served on Monday 2 March with 10 working days: it runs to the end of Monday 16 March.
        #expect(err?.message.contains("2026-03-16") == true)
    }

    @Test func the_report_may_follow_a_lapsed_window_without_a_response() throws {
        var w = World()
        try w.noticeServed()
        #expect(w.refusal(.submitReport("No response came."), by: w.caseworker)?.code == "response_window_open")
        w.advance(workingDays: 11)
        try w.run(.submitReport("No response came."), by: w.caseworker)
        #expect(w.file?.stage == .reported)
    }

    @Test func a_response_after_the_window_closed_is_refused() throws {
        var w = World()
        try w.noticeServed()
        w.advance(workingDays: 11)
        #expect(w.refusal(.respond(text: "Late", requestsOralHearing: false), by: w.respondent)?.code == "window_closed")
    }

    @Test func a_decision_needs_a_finding_for_every_allegation() throws {
        var w = World()
        try w.hearing(allegations: ["2.1", "3.1"])
        let err = w.refusal(
            .decide(findings: [.init(allegation: 1, finding: .upheld, reasons: "Proved.")], sanction: nil, sanctionReasons: nil), by: w.panelMember)
        #expect(err?.code == "finding_required")
        #expect(err?.message == "A decision needs a finding, upheld or not upheld, for allegation 2.")
        #expect(err?.httpStatus == 422)
    }

    @Test func a_decision_needs_reasons_for_each_allegation() throws {
        var w = World()
        try w.hearing(allegations: ["2.1", "3.1"])
        let err = w.refusal(
            .decide(
                findings: [
                    .init(allegation: 1, finding: .upheld, reasons: "Proved."),
                    .init(allegation: 2, finding: .notUpheld, reasons: "  "),
                ],
                sanction: nil, sanctionReasons: nil), by: w.panelMember)
        #expect(err?.message == "A decision needs reasons for allegation 2.")
    }

    @Test func a_sanction_needs_an_upheld_allegation() throws {
        var w = World()
        try w.hearing()
        let err = w.refusal(
            .decide(
                findings: [.init(allegation: 1, finding: .notUpheld, reasons: "Not proved.")],
                sanction: .warning, sanctionReasons: nil), by: w.panelMember)
        #expect(err?.code == "sanction_without_upheld")
    }

    @Test func a_sanction_must_be_one_the_clause_allows() throws {
        var w = World()
        try w.hearing()
        let err = w.refusal(
            .decide(
                findings: [.init(allegation: 1, finding: .upheld, reasons: "Proved.")],
                sanction: .expulsion, sanctionReasons: "Serious."), by: w.panelMember)
        #expect(err?.code == "sanction_not_allowed")
        #expect(err?.message == "The upheld clauses (2.1) allow advice, warning, training, suspension; they do not allow expulsion.")
    }

    @Test func a_departure_from_guidance_needs_reasons() throws {
        var w = World()
        try w.hearing()
        let findings = [CaseFile.FindingRecord(allegation: 1, finding: .upheld, reasons: "Proved.")]
        #expect(w.refusal(.decide(findings: findings, sanction: .suspension, sanctionReasons: nil), by: w.panelMember)?.code == "departure_needs_reasons")
        try w.run(.decide(findings: findings, sanction: .suspension, sanctionReasons: "Repeated after a warning."), by: w.panelMember)
        try w.concur()
        #expect(w.file?.decision?.sanction == .suspension)
        #expect(w.file?.stage == .decided)
    }

    @Test func an_oral_hearing_that_was_asked_for_must_be_held_before_deciding() throws {
        var w = World()
        try w.noticeServed()
        try w.run(.respond(text: "I deny it and want to be heard.", requestsOralHearing: true), by: w.respondent)
        try w.run(.submitReport("Report."), by: w.caseworker)
        try w.run(.appointPanel(pool: w.panelPool, seed: 3), by: w.governance)
        let findings = [CaseFile.FindingRecord(allegation: 1, finding: .notUpheld, reasons: "Not proved.")]
        #expect(w.refusal(.decide(findings: findings, sanction: nil, sanctionReasons: nil), by: w.panelMember)?.code == "oral_hearing_pending")
        try w.heard()
        try w.run(.decide(findings: findings, sanction: nil, sanctionReasons: nil), by: w.panelMember)
        try w.concur()
        #expect(w.file?.stage == .decided)
    }

    @Test func only_the_panel_decides() throws {
        var w = World()
        try w.hearing()
        let findings = [CaseFile.FindingRecord(allegation: 1, finding: .upheld, reasons: "Proved.")]
        #expect(w.refusal(.decide(findings: findings, sanction: nil, sanctionReasons: nil), by: w.caseworker)?.code == "not_on_panel")
    }

    @Test func the_respondent_is_told_every_decision_with_reasons() throws {
        var w = World()
        try w.decided()
        let notices = w.procedure.notices(for: w.events.last!, in: w.file!)
        let toRespondent = try #require(notices.first { $0.recipientId == w.respondent.id })
        #expect(toRespondent.body.contains("Allegation 1: upheld. The messages are abusive."))
        #expect(toRespondent.body.contains("Sanction: Formal warning."))
    }
}
