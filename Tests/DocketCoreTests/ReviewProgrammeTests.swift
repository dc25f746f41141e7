import Foundation
import Testing

@testable import DocketCore

@Suite("Review programmes")
struct ReviewProgrammeTests {
    @Test func a_past_decision_is_reviewed_by_someone_with_no_part_in_it_and_the_original_is_kept() throws {
        var w = World()
        try w.decided(sanction: .warning)
        let programme = UUID()
        let involved = w.file!.panel!.members[0]
        let fresh = Actor(id: UUID(), roles: [.reviewer])
        // The pool holds a panellist and the caseworker (both involved) and one fresh reviewer.
        let pool = [Candidate(id: involved, openCases: 0), Candidate(id: w.caseworker.id, openCases: 0), Candidate(id: fresh.id, openCases: 5)]
        #expect(w.refusal(.openProgrammeReview(programme: programme, pool: pool, seed: 1), by: w.governance)?.code == "reviewer_only")
        try w.run(.openProgrammeReview(programme: programme, pool: pool, seed: 1), by: w.reviewer)
        #expect(w.file?.programmeReviews.first?.reviewer == fresh.id)
        #expect(w.refusal(.concludeProgrammeReview(conclusion: .setAside, reasons: "x", sanction: nil), by: w.reviewer)?.code == "not_programme_reviewer")
        #expect(w.refusal(.concludeProgrammeReview(conclusion: .varied, reasons: "Too harsh", sanction: .expulsion), by: fresh)?.code == "sanction_not_allowed")
        try w.run(.concludeProgrammeReview(conclusion: .varied, reasons: "Advice is proportionate for a first breach.", sanction: .advice), by: fresh)
        #expect(w.file?.effectiveSanction == .advice)
        #expect(w.file?.decision?.sanction == .warning)  // the original decision is kept beside the new one
        let n = try #require(w.procedure.notices(for: w.events.last!, in: w.file!).first { $0.recipientId == w.respondent.id })
        #expect(n.body.contains("The decision is varied: the sanction is now advice."))
    }

    @Test func the_rule_selects_by_period_category_outcome_official_and_sanction() throws {
        var w = World()
        try w.decided(sanction: .warning)
        let f = w.file!, cal = w.procedure.calendar
        #expect(ReviewRule().matches(f, calendar: cal))
        #expect(ReviewRule(category: "bullying", outcome: "upheld", sanction: .warning).matches(f, calendar: cal))
        #expect(!ReviewRule(outcome: "not_upheld").matches(f, calendar: cal))
        #expect(!ReviewRule(category: "antisemitism").matches(f, calendar: cal))
        #expect(ReviewRule(official: w.caseworker.id).matches(f, calendar: cal))
        #expect(!ReviewRule(official: UUID()).matches(f, calendar: cal))
        #expect(!ReviewRule(decidedFrom: w.today.adding(days: 1)).matches(f, calendar: cal))
    }
}
