import Foundation
import Testing

@testable import DocketCore

@Suite("Interim suspension")
struct SuspensionTests {
    @Test func an_interim_suspension_is_a_reasoned_governance_decision_notified_at_once() throws {
        var w = World()
        try w.investigating()
        let review = w.today.adding(days: 14)
        #expect(
            w.refusal(.imposeInterimSuspension(reasons: "Risk to members", scope: "All meetings", reviewDate: review), by: w.caseworker)?.code
                == "not_appointing_authority")
        #expect(w.refusal(.imposeInterimSuspension(reasons: " ", scope: "All meetings", reviewDate: review), by: w.governance)?.code == "reasons_required")
        #expect(w.refusal(.imposeInterimSuspension(reasons: "Risk", scope: "", reviewDate: review), by: w.governance)?.code == "scope_required")
        #expect(w.refusal(.imposeInterimSuspension(reasons: "Risk", scope: "All", reviewDate: w.today), by: w.governance)?.code == "review_date_past")
        try w.run(.imposeInterimSuspension(reasons: "Risk to members", scope: "All branch meetings", reviewDate: review), by: w.governance)
        let notices = w.procedure.notices(for: w.events.last!, in: w.file!)
        let n = try #require(notices.first { $0.recipientId == w.respondent.id })
        #expect(n.body.contains("Reasons: Risk to members"))
        #expect(n.body.contains("Scope: All branch meetings"))
        #expect(n.body.contains("reviewed on 2026-03-16"))
    }

    @Test func a_suspension_lapses_on_its_review_date_unless_renewed_with_reasons() throws {
        var w = World()
        try w.investigating()
        let review = w.today.adding(days: 7)
        try w.run(.imposeInterimSuspension(reasons: "Risk", scope: "All", reviewDate: review), by: w.governance)
        let cal = w.procedure.calendar
        #expect(w.file!.suspension!.isActive(at: w.now, calendar: cal))
        #expect(w.refusal(.renewInterimSuspension(reasons: "", reviewDate: review.adding(days: 7)), by: w.governance)?.code == "reasons_required")
        w.advance(workingDays: 6)  // past the review date
        #expect(!w.file!.suspension!.isActive(at: w.now, calendar: cal))
        #expect(
            w.refusal(.renewInterimSuspension(reasons: "Still a risk", reviewDate: w.today.adding(days: 7)), by: w.governance)?.code == "no_active_suspension")
    }

    @Test func a_renewal_before_the_review_date_extends_the_suspension() throws {
        var w = World()
        try w.investigating()
        try w.run(.imposeInterimSuspension(reasons: "Risk", scope: "All", reviewDate: w.today.adding(days: 7)), by: w.governance)
        w.advance(workingDays: 3)
        try w.run(.renewInterimSuspension(reasons: "Investigation continuing", reviewDate: w.today.adding(days: 14)), by: w.governance)
        #expect(w.file?.suspension?.renewals == 1)
        #expect(w.file?.suspension?.reviewDate == w.today.adding(days: 14))
    }
}

@Suite("Triage and closure")
struct TriageAndClosureTests {
    @Test func dismissal_at_triage_needs_reasons_and_the_complainant_is_told() throws {
        var w = World()
        try w.triage()
        #expect(w.refusal(.dismiss(reasons: ""), by: w.caseworker)?.code == "reasons_required")
        try w.run(.dismiss(reasons: "The conduct is outside the rulebook."), by: w.caseworker)
        #expect(w.file?.stage == .dismissed)
        let n = w.procedure.notices(for: w.events.last!, in: w.file!)
        #expect(n.map(\.recipientId) == [w.complainant.id])
        #expect(n.first?.body == "Your complaint was dismissed at triage. Reasons: The conduct is outside the rulebook.")
    }

    @Test func informal_resolution_needs_both_sides_consent() throws {
        var w = World()
        try w.triage()
        #expect(
            w.refusal(.resolveInformally(summary: "Apology", complainantConsents: true, respondentConsents: false), by: w.caseworker)?.code
                == "consent_required")
        try w.run(.resolveInformally(summary: "Apology given", complainantConsents: true, respondentConsents: true), by: w.caseworker)
        #expect(w.file?.stage == .resolved)
    }

    @Test func closure_needs_reasons_waits_for_the_appeal_window_and_tells_the_complainant() throws {
        var w = World()
        try w.decided()
        #expect(w.refusal(.close(reasons: "Done"), by: w.caseworker)?.code == "appeal_window_open")
        w.advance(workingDays: 11)
        #expect(w.refusal(.close(reasons: " "), by: w.caseworker)?.code == "reasons_required")
        #expect(w.refusal(.appeal(grounds: "Late"), by: w.respondent)?.code == "appeal_window_closed")
        try w.run(.close(reasons: "No appeal within the window."), by: w.caseworker)
        #expect(w.file?.stage == .closed)
        #expect(
            w.procedure.notices(for: w.events.last!, in: w.file!).contains {
                $0.recipientId == w.complainant.id && $0.body.contains("No appeal within the window.")
            })
    }

    @Test func a_complaint_cannot_be_made_about_oneself() throws {
        var w = World()
        var c = w.complaint()
        c.respondentId = w.complainant.id
        #expect(w.refusal(.file(c), by: w.complainant)?.code == "complaint_about_self")
    }
}
