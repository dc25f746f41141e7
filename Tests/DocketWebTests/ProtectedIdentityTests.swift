import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing
import Vapor

@testable import DocketWeb

/// A protected complainant's name, through everything that renders a case, for every audience:
/// the case page, the hearing bundle, the JSON case and timeline, My cases and its search, the
/// notifications and the e-mails. Only the complainant and the custodian see it, until the
/// custodian reveals it; the respondent is told it is withheld, and why.
@Suite("A protected identity, for every audience", .serialized)
struct ProtectedIdentityTests {
    static let name = "Zephyrine Okonkwo-Baptiste"

    @Test func the_name_reaches_only_the_complainant_and_the_custodian() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.account(Self.name, [.member], number: "Z1234567")
            let respondent = try await t.account("Rex Respondent", [.member], number: "Z7654321")
            let governance = try await t.account("Gwen Governance", [.governance])
            let caseworker = try await t.account("Cyril Caseworker", [.caseworker])
            let reviewerA = try await t.account("Rhea Reviewer", [.reviewer])
            let reviewerB = try await t.account("Ravi Reviewer", [.reviewer])
            var r = try await t.call(
                .POST, "/api/v1/cases", as: complainant,
                json: [
                    "respondent_membership_number": "Z7654321", "relation": "directly_affected", "category": "bullying",
                    "summary": "Told to drop my complaint or lose my seat.", "identity_protected": true,
                ])
            #expect(r.status == .created)
            #expect(r["identity_protected"] as? Bool == true)
            let id = try #require(r["id"] as? String)
            let base = "/api/v1/cases/\(id)"
            #expect(try await t.call(.POST, "\(base)/allocate-caseworker", as: governance).status == .ok)
            let store = try await t.app.docket.store(on: t.app.db)
            let caseId = try #require(UUID(uuidString: id))
            let file = try #require(try await store.load(caseId, on: t.app.db))
            let custodianId = try #require(file.custodian)
            let custodian = custodianId == reviewerA.id ? reviewerA : reviewerB
            let otherReviewer = custodianId == reviewerA.id ? reviewerB : reviewerA
            #expect(file.caseworkerId == caseworker.id)

            // The JSON case and its timeline.
            for (who, knows) in [(complainant, true), (caseworker, false), (governance, false), (otherReviewer, false), (custodian, true)] {
                let view = try await t.call(.GET, base, as: who)
                #expect(view.status == .ok)
                #expect(view.text.contains(Self.name) == knows, "case JSON as \(who.person.displayName)")
                let timeline = try await t.call(.GET, "\(base)/timeline", as: who)
                #expect(!timeline.text.contains(Self.name) || knows, "timeline as \(who.person.displayName)")
                if !knows {
                    #expect(!timeline.text.contains(complainant.id.uuidString.uppercased()) && !timeline.text.contains(complainant.id.uuidString.lowercased()))
                }
            }
            // The pages: the case, the hearing bundle, My cases, and a search by the name.
            for (who, knows) in [(caseworker, false), (governance, false), (otherReviewer, false), (custodian, true), (complainant, true)] {
                let web = WebClient(t)
                try await web.signIn(who.person.email!, "long enough password")
                let page = try await web.get("/cases/\(id)")
                #expect(page.status == .ok)
                #expect(page.body.contains(Self.name) == knows, "case page as \(who.person.displayName)")
                if !knows { #expect(page.body.contains("Identity protected")) }
                let bundle = try await web.get("/cases/\(id)/bundle")
                #expect(bundle.status == .ok)
                #expect(!bundle.body.contains(Self.name) || knows, "bundle as \(who.person.displayName)")
                let list = try await web.get(SiteURL.cases)
                #expect(!list.body.contains(Self.name) || knows, "My cases as \(who.person.displayName)")
                if who.id != complainant.id {
                    let search = try await web.get(SiteURL.casesPage(q: "Okonkwo"))
                    #expect(!search.body.contains(file.reference) || knows, "a search by the name finds the case for \(who.person.displayName)")
                }
            }
            // Notices and e-mails to anyone but the complainant never carry the name.
            let notices = try await DocketStore.Notification.query(on: t.app.db).all()
            for n in notices where n.recipientId != complainant.id { #expect(!n.body.contains(Self.name) && !n.subject.contains(Self.name)) }
            for m in try await OutboxMessage.query(on: t.app.db).all() where m.to != complainant.person.email {
                #expect(!m.body.contains(Self.name) && !m.subject.contains(Self.name))
            }

            // The notice waits for the custodian's reason, and gives it to the respondent.
            #expect(try await t.call(.POST, "\(base)/open-investigation", as: caseworker, json: ["reasons": "Prima facie"]).status == .ok)
            let today = WorkingCalendar().day(of: t.clock.now).description
            #expect(
                try await t.call(.POST, "\(base)/allegations", as: caseworker, json: ["clause_id": "2.1", "conduct_date": today, "basis": "The threat"])
                    .status == .ok)
            r = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 10])
            #expect(r.status == .conflict)
            #expect(r.code == "withholding_reason_missing")
            #expect(try await t.call(.POST, "\(base)/withhold-identity", as: caseworker, json: ["reasons": "x"]).status == .forbidden)
            #expect(
                try await t.call(.POST, "\(base)/withhold-identity", as: custodian, json: ["reasons": "The complainant fears losing their seat."]).status
                    == .ok)
            #expect(try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 10]).status == .ok)
            let asRespondent = try await t.call(.GET, base, as: respondent)
            #expect(!asRespondent.text.contains(Self.name))
            #expect(asRespondent["complainant_name"] as? String == "Withheld (the custodian's reason: The complainant fears losing their seat.)")
            let notice = try #require(
                try await DocketStore.Notification.query(on: t.app.db).filter(\.$recipientId == respondent.id).all().first { $0.subject.contains("Notice") })
            #expect(notice.body.contains("Who complained is withheld") && notice.body.contains("The complainant fears losing their seat."))
            #expect(notice.body.contains("clause 2.2 (Retaliation and victimisation)"))
            #expect(!notice.body.contains(Self.name))

            // The auditors' access log shows the complainant's own reads, unnamed, and a search by the name finds none.
            let auditor = try await t.account("Aud Itor", [.auditor])
            let auditWeb = WebClient(t)
            try await auditWeb.signIn(auditor.person.email!, "long enough password")
            let audit = try await auditWeb.get("/audit")
            #expect(audit.body.contains("The complainant (identity protected)"))
            #expect(!audit.body.contains(Self.name))
            let searched = try await auditWeb.get("/audit?reads_who=\(Self.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect(!searched.body.contains(file.reference))

            // The respondent's own data export lists who read the case: the complainant, unnamed.
            let respondentWeb = WebClient(t)
            try await respondentWeb.signIn(respondent.person.email!, "long enough password")
            let export = try await respondentWeb.get(SiteURL.yourDataJSON)
            #expect(export.status == .ok)
            #expect(!export.body.contains(Self.name), "the respondent's export names the complainant")
            #expect(export.body.contains("The complainant"))

            // Asked, told, and revealed by the custodian only after the complainant had time.
            #expect(try await t.call(.POST, "\(base)/request-reveal", as: caseworker, json: ["reasons": "To weigh the minutes."]).status == .ok)
            let told = try await DocketStore.Notification.query(on: t.app.db).filter(\.$recipientId == complainant.id).all()
            #expect(told.contains { $0.body.contains("withdraw") })
            r = try await t.call(.POST, "\(base)/decide-reveal", as: custodian, json: ["number": 1, "reveal": true, "reasons": "Needed."])
            #expect(r.code == "complainant_may_withdraw")
            t.advance(workingDays: Procedure.revealNoticeWorkingDays)
            #expect(
                try await t.call(.POST, "\(base)/decide-reveal", as: custodian, json: ["number": 1, "reveal": true, "reasons": "Needed to weigh the minutes."])
                    .status == .ok)
            #expect(try await t.call(.GET, base, as: caseworker).text.contains(Self.name))
        }
    }
}
