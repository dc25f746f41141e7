import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// Allegations can be corrected or withdrawn, with reasons, until notice is served; the
/// respondent is told of the allegations as they then stand, and the record keeps each change.
@Suite("Correcting and withdrawing allegations before notice")
struct AllegationChangeTests {
    static let password = "long enough password"

    @Test func the_caseworker_corrects_and_withdraws_on_the_page_and_the_notice_carries_what_stands() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let alice = try await t.account("Alice Complainant", [.member], number: "A1")
            let bob = try await t.account("Bob Respondent", [.member], number: "A2")
            let governance = try await t.user("Gov Ernance", [.governance])
            let cas = try await t.account("Cas Worker", [.caseworker])
            var r = try await t.call(
                .POST, "/api/v1/cases", as: alice,
                json: ["respondent_membership_number": "A2", "relation": "directly_affected", "category": "bullying", "summary": "Messages"])
            let text = try #require(r["id"] as? String)
            let id = try #require(UUID(uuidString: text))
            _ = try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance)
            _ = try await t.call(.POST, "/api/v1/cases/\(id)/open-investigation", as: cas, json: ["reasons": "Prima facie breach"])
            for basis in ["Six messages on 16 February", "A shove at the meeting"] {
                r = try await t.call(
                    .POST, "/api/v1/cases/\(id)/allegations", as: cas, json: ["clause_id": "2.1", "conduct_date": "2026-02-16", "basis": basis])
                #expect(r.status == .ok)
            }

            // On the page, the caseworker is offered both changes, and makes them.
            let worker = WebClient(t)
            try await worker.signIn(cas.person.email!, Self.password)
            var page = try await worker.get(SiteURL.caseFile(id))
            #expect(page.body.contains("action=\"/cases/\(id.uuidString.lowercased())/correct-allegation\""))
            #expect(page.body.contains("action=\"/cases/\(id.uuidString.lowercased())/withdraw-allegation\""))
            // Without reasons: refused, with the reason why, and nothing changes.
            // The page comes back with the problem in the summary, linked to the field at fault.
            page = try await worker.post(SiteURL.caseStep(id, "withdraw-allegation"), [("number", "2"), ("reasons", " ")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("<a href=\"#wd-reasons\">Say why the allegation is changed"))
            #expect(page.body.contains("aria-describedby=\"wd-reasons-error\" aria-invalid=\"true\""))
            page = try await worker.post(
                SiteURL.caseStep(id, "correct-allegation"),
                [
                    ("number", "1"), ("clauseId", "2.1"), ("conductDate", "2026-02-17"), ("basis", "Six messages on 17 February"),
                    ("reasons", "The messages were sent on the 17th, not the 16th."),
                ])
            #expect(page.status == .seeOther)
            // Withdrawing cannot be undone: the page shows what happens first, and records nothing.
            page = try await worker.post(SiteURL.caseStep(id, "withdraw-allegation"), [("number", "2"), ("reasons", "No witness saw it.")])
            #expect(page.status == .ok && page.body.contains("Check before you confirm: Withdraw allegation"))
            #expect(page.body.contains("<input type=\"hidden\" name=\"reasons\" value=\"No witness saw it.\">"))
            #expect(try await EventRecord.query(on: t.app.db).filter(\.$kind == "allegation_withdrawn").count() == 0)
            page = try await worker.post(
                SiteURL.caseStep(id, "withdraw-allegation"), [("number", "2"), ("reasons", "No witness saw it."), ("confirmed", "true")])
            #expect(page.status == .seeOther)
            let store = try await t.app.docket.store(on: t.app.db)
            var file = try #require(try await store.load(id, on: t.app.db))
            #expect(file.allegations.map(\.number) == [1])
            #expect(file.allegations.first?.basis == "Six messages on 17 February")
            #expect(file.allegations.first?.conductDate == Day("2026-02-17"))
            #expect(file.withdrawnAllegations.map(\.allegation.number) == [2])

            // A new allegation takes a new number: 2 stays the withdrawn one's.
            r = try await t.call(
                .POST, "/api/v1/cases/\(id)/allegations", as: cas, json: ["clause_id": "2.1", "conduct_date": "2026-02-18", "basis": "A third"])
            file = try #require(try await store.load(id, on: t.app.db))
            #expect(file.allegations.map(\.number) == [1, 3])

            // Notice: the respondent reads the allegations as they stand, not the withdrawn one.
            r = try await t.call(.POST, "/api/v1/cases/\(id)/serve-notice", as: cas, json: ["window_working_days": 10])
            #expect(r.status == .ok)
            let respondent = WebClient(t)
            try await respondent.signIn(bob.person.email!, Self.password)
            page = try await respondent.get(SiteURL.caseFile(id))
            #expect(page.body.contains("Six messages on 17 February"))
            #expect(!page.body.contains("A shove at the meeting"))
            #expect(!page.body.contains("No witness saw it."))

            // After notice the charge is fixed: neither change is offered, and both are refused.
            page = try await worker.get(SiteURL.caseFile(id))
            #expect(!page.body.contains("/correct-allegation\""))
            r = try await t.call(.POST, "/api/v1/cases/\(id)/withdraw-allegation", as: cas, json: ["number": 1, "reasons": "Too late"])
            #expect(r.status.code == 409)

            // The record keeps each change with its reasons.
            let kinds = try await EventRecord.query(on: t.app.db).filter(\.$caseId == id).sort(\.$id).all().map(\.kind)
            #expect(kinds.contains("allegation_corrected") && kinds.contains("allegation_withdrawn"))
            let withdrawn = try #require(try await EventRecord.query(on: t.app.db).filter(\.$kind == "allegation_withdrawn").first())
            // The reasons are sealed with the caseworker's key for the case, and read back as written.
            #expect(!withdrawn.payload.contains("No witness saw it.") && withdrawn.actorId == cas.id)
            let opened = try await EventRecord.opened([withdrawn], on: t.app.db)
            guard case .allegationWithdrawn(let w) = opened.first?.event else { Issue.record("not a withdrawal"); return }
            #expect(w.reasons == "No witness saw it.")
        }
    }
}
