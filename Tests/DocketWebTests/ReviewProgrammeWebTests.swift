import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

@Suite("Review programmes in the app")
struct ReviewProgrammeWebTests {
    @Test func a_reviewer_opens_a_programme_and_the_drawn_reviewer_concludes_each_review() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            // A small organisation with a year of cases, played through the real procedure.
            let org = try await t.simulate(cases: 40, seed: 7)
            let hash = try t.app.password.hash("long enough password")
            for r in org.reviewers {
                let p = try #require(try await Person.find(r.id, on: t.app.db))
                p.passwordHash = hash
                try await p.save(on: t.app.db)
            }
            let opener = try #require(try await Person.find(org.reviewers[0].id, on: t.app.db))
            let web = WebClient(t)
            try await web.signIn(opener.email!, "long enough password")
            let page = try await web.post("/review/programmes", [("title", "Sanctions of the last year"), ("outcome", "upheld")])
            #expect(page.status == .seeOther)
            let record = try #require(try await ReviewProgrammeRecord.query(on: t.app.db).first())
            #expect(record.selected > 0)

            // Every selected case went to a reviewer with no part in it.
            let store = try await t.app.docket.store(on: t.app.db)
            var concluded = 0
            for summary in try await CaseSummary.query(on: t.app.db).all() {
                guard let file = try await store.load(summary.id!, on: t.app.db), let review = file.programmeReviews.first else { continue }
                #expect(!file.handledBy.contains(review.reviewer))
                #expect(file.decision?.findings.contains { $0.finding == .upheld } == true)
                guard concluded == 0 else { continue }
                let reviewer = try #require(try await Person.find(review.reviewer, on: t.app.db))
                let client = WebClient(t)
                try await client.signIn(reviewer.email!, "long enough password")
                let casePage = try await client.get(SiteURL.caseFile(file.id))
                #expect(casePage.body.contains("Conclude the programme review"))
                _ = try await client.post(
                    SiteURL.caseStep(file.id, "conclude-review"),
                    [("conclusion", "set_aside"), ("reasons", "The panel did not consider the respondent's evidence."), ("confirmed", "true")])
                let after = try #require(try await store.load(file.id, on: t.app.db))
                #expect(after.programmeReviews.first?.conclusion == .setAside)
                #expect(after.effectiveSanction == nil)
                #expect(after.decision == file.decision)
                let told = try await Notification.inbox(of: file.respondentId!, on: t.app.db)
                #expect(told.contains { $0.body.contains("The decision is set aside.") })
                concluded += 1
            }
            #expect(concluded == 1)
            #expect(try await AuditVerifier.verify(on: t.app.db).events > 0)
        }
    }
}
