import Foundation
import Testing

@testable import DocketCore

@Suite("Who may handle a case")
struct SeparationOfDutiesTests {
    @Test func a_party_is_never_drawn_to_handle_the_case() throws {
        var w = World()
        try w.filed()
        let pool = [Candidate(id: w.respondent.id, openCases: 0), Candidate(id: w.caseworker.id, openCases: 9)]
        try w.run(.allocateCaseworker(pool: pool, seed: 1), by: w.governance)
        #expect(w.file?.caseworkerId == w.caseworker.id)
        guard case .caseworkerAllocated(let draw) = w.events.last?.event else { Issue.record("no draw"); return }
        #expect(draw.excluded == [.init(id: w.respondent.id, reason: "respondent")])
    }

    @Test func a_party_cannot_act_on_the_case_as_staff() throws {
        var w = World()
        try w.filed()
        // The respondent happens to sit on the governance committee.
        let respondentAsGovernance = Actor(id: w.respondent.id, roles: [.member, .governance])
        let err = w.refusal(.allocateCaseworker(pool: w.caseworkerPool, seed: 1), by: respondentAsGovernance)
        #expect(err?.code == "party_cannot_handle")
        #expect(err?.message == "You are a party to case DK-2026-0001, so you cannot act on it as staff.")
    }

    @Test func a_caseworker_who_declares_a_conflict_steps_down_and_is_never_drawn_again() throws {
        var w = World()
        try w.triage()
        try w.run(.declareConflict(reason: "Same branch committee as the respondent"), by: w.caseworker)
        #expect(w.file?.caseworkerId == nil)
        #expect(w.refusal(.dismiss(reasons: "x"), by: w.caseworker)?.code == "not_caseworker")
        let pool = [Candidate(id: w.caseworker.id, openCases: 0)]
        #expect(w.refusal(.allocateCaseworker(pool: pool, seed: 2), by: w.governance)?.code == "not_enough_eligible")
        try w.run(.allocateCaseworker(pool: pool + [Candidate(id: w.otherCaseworker.id, openCases: 4)], seed: 2), by: w.governance)
        #expect(w.file?.caseworkerId == w.otherCaseworker.id)
    }

    @Test func the_panel_never_includes_whoever_triaged_or_investigated() throws {
        var w = World()
        try w.noticeServed()
        try w.run(.respond(text: "No.", requestsOralHearing: false), by: w.respondent)
        try w.run(.submitReport("Report"), by: w.caseworker)
        // The caseworker also holds the panel role: they are left out, and with them only two remain.
        let pool = [Candidate(id: w.caseworker.id, openCases: 0)] + w.panelists.prefix(2).map { Candidate(id: $0.id, openCases: 0) }
        let err = w.refusal(.appointPanel(pool: pool, seed: 1), by: w.governance)
        #expect(err?.code == "not_enough_eligible")
        try w.run(.appointPanel(pool: pool + [Candidate(id: w.panelists[3].id, openCases: 0)], seed: 1), by: w.governance)
        #expect(w.file?.panel?.members.contains(w.caseworker.id) == false)
        guard case .panelAppointed(let draw) = w.events.last?.event else { Issue.record("no draw"); return }
        #expect(draw.excluded.contains(.init(id: w.caseworker.id, reason: "investigated the case")))
    }

    @Test func an_appeal_goes_to_a_panel_with_none_of_the_first_panels_members() throws {
        var w = World()
        try w.decided()
        try w.run(.appeal(grounds: "The sanction is disproportionate."), by: w.respondent)
        let first = w.file!.panel!.members
        let pool = (w.panelists + w.appealPanelists).map { Candidate(id: $0.id, openCases: 0) }
        try w.run(.appointAppealPanel(pool: pool, seed: 11), by: w.governance)
        let second = try #require(w.file?.appealPanel?.members)
        #expect(Set(first).isDisjoint(with: second))
        #expect(second.count == 3)
        // With only first-panel members available, no appeal panel can be drawn.
        var v = World()
        try v.decided()
        try v.run(.appeal(grounds: "Grounds"), by: v.respondent)
        #expect(v.refusal(.appointAppealPanel(pool: v.panelPool, seed: 1), by: v.governance)?.code == "not_enough_eligible")
    }

    @Test func the_draw_is_reproducible_from_its_record_and_balances_load() throws {
        let ids = (0..<6).map { _ in UUID() }
        let pool = ids.enumerated().map { Candidate(id: $1, openCases: $0 < 3 ? 1 : 5) }
        let a = try Allocator.draw(purpose: "panel", count: 3, pool: pool, exclusions: [:], seed: 42)
        let b = try Allocator.draw(purpose: "panel", count: 3, pool: pool.reversed(), exclusions: [:], seed: 42)
        #expect(a.chosen == b.chosen)
        #expect(Set(a.chosen) == Set(ids.prefix(3)))
    }

    /// Anyone can re-run a draw from the record alone: the stored event of a real panel
    /// appointment, decoded from its stored form, gives the same panel when drawn again.
    @Test func a_recorded_draw_replays_from_the_stored_event_to_the_same_panel() throws {
        var w = World()
        try w.hearing()
        let recorded = try #require(w.events.first { $0.event.kind == "panel_appointed" })
        let stored = try CaseEvent.decode(kind: recorded.event.kind, payload: recorded.event.encodedPayload())
        guard case .panelAppointed(let draw) = stored else { Issue.record("not a panel draw"); return }
        let exclusions = Dictionary(draw.excluded.map { ($0.id, $0.reason) }, uniquingKeysWith: { a, _ in a })
        let again = try Allocator.draw(purpose: draw.purpose, count: draw.chosen.count, pool: draw.pool, exclusions: exclusions, seed: draw.seed)
        #expect(again.chosen == draw.chosen)
        #expect(again.chosen == w.file?.panel?.members)
        // Another seed is another draw on the record, not a silent change.
        let other = try Allocator.draw(purpose: draw.purpose, count: draw.chosen.count, pool: draw.pool, exclusions: exclusions, seed: draw.seed &+ 1)
        #expect(other.seed != draw.seed)
    }
}

@Suite("Independent route")
struct IndependentRouteTests {
    @Test func a_complaint_about_an_official_goes_to_the_independent_reviewers() throws {
        var w = World()
        try w.filed(official: true)
        #expect(w.file?.route == .independent)
        let err = w.refusal(.allocateCaseworker(pool: w.caseworkerPool, seed: 1), by: w.governance)
        #expect(err?.code == "not_appointing_authority")
        try w.run(.allocateCaseworker(pool: [Candidate(id: w.reviewer.id, openCases: 0)], seed: 1), by: w.reviewer)
        #expect(w.file?.caseworkerId == w.reviewer.id)
    }

    @Test func the_official_complained_about_never_sees_the_case_in_a_staff_role() throws {
        var w = World()
        try w.filed(official: true)
        let officialWithEveryRole = Actor(id: w.respondent.id, roles: Set(Role.allCases))
        #expect(w.file?.access(for: officialWithEveryRole) == [.respondent])
        #expect(w.file?.access(for: w.governance) == [])
        #expect(w.file?.access(for: w.reviewer) == [.reviewer])
        #expect(w.file?.access(for: Actor(id: UUID(), roles: [.auditor, .admin])) == [])
    }
}
