import Foundation
import Testing

@testable import DocketCore

@Suite("Allegations and notice")
struct AllegationGuardTests {
    @Test func an_allegation_must_cite_a_clause_in_force_on_the_conduct_date() throws {
        var w = World()
        try w.investigating(allegations: [])
        // Clause 4.1 arrived with the 2026 rulebook; conduct in 2025 cannot be charged under it.
        let err = w.refusal(.addAllegation(clauseId: "4.1", conductDate: Day(year: 2025, month: 11, day: 3)!, basis: "Posts"), by: w.caseworker)
        #expect(err?.code == "clause_not_in_force")
        #expect(err?.message == "Clause 4.1 was not in the rulebook in force on 2025-11-03 (version 2024).")
        try w.run(.addAllegation(clauseId: "4.1", conductDate: Day(year: 2026, month: 2, day: 3)!, basis: "Posts"), by: w.caseworker)
        #expect(w.file?.allegations.first?.rulebookVersion == "2026")
    }

    @Test func an_allegation_without_a_clause_is_refused() throws {
        var w = World()
        try w.investigating(allegations: [])
        #expect(w.refusal(.addAllegation(clauseId: " ", conductDate: w.today, basis: "x"), by: w.caseworker)?.code == "clause_required")
    }

    @Test func a_charge_outside_the_time_bar_is_refused() throws {
        var w = World()
        try w.investigating(allegations: [])
        let err = w.refusal(.addAllegation(clauseId: "2.1", conductDate: Day(year: 2025, month: 2, day: 1)!, basis: "Old"), by: w.caseworker)
        #expect(err?.code == "time_barred")
        #expect(err?.message == "A charge under clause 2.1 must be brought within 365 days of the conduct; 2025-02-01 was 394 days ago.")
    }

    @Test func the_response_window_is_at_least_the_minimum() throws {
        var w = World()
        try w.investigating()
        let err = w.refusal(.serveNotice(windowWorkingDays: 5, disclosedEvidence: []), by: w.caseworker)
        #expect(err?.code == "window_too_short")
        #expect(err?.message == "The response window must be at least 10 working days; 5 were given.")
    }

    @Test func a_notice_needs_an_allegation() throws {
        var w = World()
        try w.investigating(allegations: [])
        #expect(w.refusal(.serveNotice(windowWorkingDays: 10, disclosedEvidence: []), by: w.caseworker)?.code == "no_allegations")
    }

    @Test func the_notice_tells_the_respondent_each_allegation_and_the_deadline() throws {
        var w = World()
        try w.noticeServed()
        let notice = try #require(w.procedure.notices(for: w.events.last!, in: w.file!).first { $0.recipientId == w.respondent.id })
        #expect(notice.body.contains("1. clause 2.1: Messages of 3 February"))
        #expect(notice.body.contains("until the end of 2026-03-16"))
    }
}
