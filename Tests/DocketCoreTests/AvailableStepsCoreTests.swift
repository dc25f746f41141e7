import DocketCore
import Foundation
import Testing

/// `availableSteps` answers with the same guards as `decide`.
@Suite("Steps offered, in the core")
struct AvailableStepsCoreTests {
    @Test func a_reviewer_who_handled_the_case_is_not_offered_its_review() throws {
        var w = World()
        try w.decided()
        let file = try #require(w.file)
        #expect(w.procedure.availableSteps(file, for: w.reviewer, at: w.now).contains(.reviewDecision))
        // The caseworker, and a panel member, later made reviewers: the review would be refused,
        // so it is not offered.
        for former in [w.caseworker.id, try #require(file.panel?.members.first)] {
            let asReviewer = Actor(id: former, roles: [.reviewer])
            #expect(!w.procedure.availableSteps(file, for: asReviewer, at: w.now).contains(.reviewDecision))
            #expect(w.refusal(.reviewDecision(verdict: .verified, reasons: "Sound."), by: asReviewer)?.code == "reviewer_involved")
        }
    }

    @Test func each_stage_offers_its_own_steps_to_the_right_person() throws {
        var w = World()
        try w.run(.file(w.complaint()), by: w.complainant)
        var file = try #require(w.file)
        #expect(w.procedure.availableSteps(file, for: w.governance, at: w.now).contains(.allocateCaseworker))
        #expect(w.procedure.availableSteps(file, for: w.complainant, at: w.now).contains(.evidence))
        #expect(!w.procedure.availableSteps(file, for: w.complainant, at: w.now).contains(.allocateCaseworker))
        var v = World()
        try v.noticeServed()
        w = v
        file = try #require(w.file)
        #expect(w.procedure.availableSteps(file, for: w.respondent, at: w.now).contains(.respond))
        #expect(!w.procedure.availableSteps(file, for: w.complainant, at: w.now).contains(.respond))
        // After the window, the respondent is no longer offered a response the procedure refuses.
        w.advance(workingDays: 11)
        file = try #require(w.file)
        #expect(!w.procedure.availableSteps(file, for: w.respondent, at: w.now).contains(.respond))
        #expect(w.refusal(.respond(text: "Late.", requestsOralHearing: false), by: w.respondent) != nil)
        // A stranger is offered nothing, ever.
        #expect(w.procedure.availableSteps(file, for: Actor(id: UUID(), roles: [.member]), at: w.now).isEmpty)
    }

    @Test func every_step_has_a_valid_input_that_is_that_step() throws {
        var w = World()
        try w.filed()
        let file = try #require(w.file)
        for step in CaseStep.allCases {
            let input = try #require(w.procedure.validInput(for: step, in: file, by: w.complainant, at: w.now), "\(step)")
            #expect(CaseStep(input) == step)
        }
    }
}
