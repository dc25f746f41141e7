import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// Forms that respect the person filling them in: a summary of what is wrong at the top, linked
/// to each field; the problem beside the field; everything typed kept; a file that could not be
/// kept named; the complaint's answers checked before it is filed; and a step that cannot be
/// undone shown, with who will be told, before it is taken.
@Suite("Forms: errors, kept answers and confirmations")
struct FormProblemTests {
    static let password = "long enough password"

    /// A case at triage with its caseworker, and the caseworker's browser.
    static func allocated(_ t: TestApp) async throws -> (UUID, WebClient, TestApp.User, TestApp.User) {
        let complainant = try await t.user("Alice Complainant", [.member], number: "A0000001")
        let respondent = try await t.user("Bob Respondent", [.member], number: "A0000002")
        let caseworker = try await t.account("Dee Caseworker", [.caseworker])
        let governance = try await t.user("Eve Governance", [.governance])
        let r = try await t.call(
            .POST, "/api/v1/cases", as: complainant,
            json: ["respondent_membership_number": "A0000002", "relation": "directly_affected", "category": "bullying", "summary": "Messages."])
        let id = try #require((r["id"] as? String).flatMap(UUID.init(uuidString:)))
        _ = try await t.call(.POST, "/api/v1/cases/\(id.uuidString)/allocate-caseworker", as: governance)
        let web = WebClient(t)
        try await web.signIn(caseworker.person.email!, Self.password)
        return (id, web, caseworker, respondent)
    }

    /// A case in investigation, and the caseworker's browser.
    static func investigating(_ t: TestApp) async throws -> (UUID, WebClient, TestApp.User, TestApp.User) {
        let (id, web, caseworker, respondent) = try await allocated(t)
        _ = try await t.call(.POST, "/api/v1/cases/\(id.uuidString)/open-investigation", as: caseworker, json: ["reasons": "Breach if proved."])
        return (id, web, caseworker, respondent)
    }

    @Test func an_allegation_without_a_date_comes_back_with_the_field_marked_and_everything_kept() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let (id, web, _, _) = try await Self.investigating(t)
            let basis = "Six messages on 16 February, sent after the meeting <in the evening> & signed \"B\"."
            let page = try await web.post(SiteURL.caseStep(id, "allegations"), [("clauseId", "2.1"), ("conductDate", ""), ("basis", basis)])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("<title>Error: "))
            // The summary names the field by its label and links to it; the field says it too.
            #expect(page.body.contains("<h2 id=\"error-summary-title\">There is a problem</h2>"))
            #expect(page.body.contains("<a href=\"#al-date\">Enter ‘Date of the conduct’.</a>"))
            #expect(
                page.body.contains(
                    "<span class=\"error-message\" id=\"al-date-error\"><span class=\"visually-hidden\">Error: </span>Enter ‘Date of the conduct’.</span>"))
            let at = try #require(page.body.range(of: #"<input type="date" id="al-date"[^>]*>"#, options: .regularExpression))
            let field = page.body[at]
            #expect(field.contains("aria-describedby=\"al-date-error\"") && field.contains("aria-invalid=\"true\""))
            // A date that is not one: said so, in the field's own words.
            let wrong = try await web.post(SiteURL.caseStep(id, "allegations"), [("clauseId", "2.1"), ("conductDate", "16/02/2026"), ("basis", basis)])
            #expect(wrong.body.contains("‘Date of the conduct’ must be a real date, such as 2026-03-14."))
            // What was typed is back in its field, escaped; the clause stays chosen.
            #expect(
                page.body.contains(
                    "name=\"basis\" required>Six messages on 16 February, sent after the meeting &lt;in the evening&gt; &amp; signed &quot;B&quot;.</textarea>")
            )
            #expect(page.body.contains("<option value=\"2.1\" selected>"))
            #expect(try await EventRecord.query(on: t.app.db).filter(\.$kind == "allegation_added").count() == 0)
            // A date in the future is the core's refusal, at the same field.
            let future = try await web.post(SiteURL.caseStep(id, "allegations"), [("clauseId", "2.1"), ("conductDate", "2099-01-01"), ("basis", basis)])
            #expect(future.body.contains("<a href=\"#al-date\">The date of the conduct (2099-01-01) is in the future.</a>"))
            #expect(future.body.contains("value=\"2099-01-01\""))
        }
    }

    @Test func a_decision_missing_one_finding_keeps_the_others_and_points_at_the_one_missing() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let (id, _, caseworker, respondent) = try await Self.investigating(t)
            let governance = try await t.user("Gov Two", [.governance])
            let base = "/api/v1/cases/\(id.uuidString)"
            for day in ["2026-02-10", "2026-02-11"] {
                _ = try await t.call(
                    .POST, "\(base)/allegations", as: caseworker, json: ["clause_id": "2.1", "conduct_date": day, "basis": "Messages on \(day)."])
            }
            _ = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 10])
            _ = try await t.call(
                .POST, "\(base)/respond", as: respondent, json: ["text": "I deny it.", "requests_oral_hearing": false])
            _ = try await t.call(.POST, "\(base)/report", as: caseworker, json: ["text": "Two were sent."])
            var chairs: [TestApp.User] = []
            for i in 1...3 { chairs.append(try await t.account("Panel \(i)", [.panelMember])) }
            let r = try await t.call(.POST, "\(base)/appoint-panel", as: governance)
            let chairId = try #require((r["panel"] as? [String])?.first.flatMap(UUID.init(uuidString:)))
            let chair = try #require(chairs.first { $0.id == chairId })
            let web = WebClient(t)
            try await web.signIn(chair.person.email!, Self.password)
            let page = try await web.post(
                SiteURL.caseStep(id, "decide"),
                [
                    ("findings[0][allegation]", "1"), ("findings[0][finding]", "upheld"), ("findings[0][reasons]", "The screenshots show it."),
                    ("findings[1][allegation]", "2"), ("findings[1][reasons]", "No screenshot of the second day."), ("sanction", ""),
                ])
            #expect(page.status == .unprocessableEntity)
            // The summary links to the missing choice; both reasons and the first choice are kept.
            let link = try #require(page.body.range(of: ##"<a href="#f-findings-1--finding--\d+">"##, options: .regularExpression))
            #expect(page.body[link.upperBound...].hasPrefix("Choose an answer for ‘Allegation 2: clause 2.1’."))
            #expect(page.body.contains("name=\"findings[0][finding]\" value=\"upheld\" required checked>"))
            #expect(page.body.contains(">The screenshots show it.</textarea>") && page.body.contains(">No screenshot of the second day.</textarea>"))
            #expect(!page.body.contains("name=\"findings[1][finding]\" value=\"upheld\" required checked"))
            #expect(try await EventRecord.query(on: t.app.db).filter(\.$kind == "decision_proposed").count() == 0)
            // Complete, it is shown to be checked first: what is recorded and who is told.
            let check = try await web.post(
                SiteURL.caseStep(id, "decide"),
                [
                    ("findings[0][allegation]", "1"), ("findings[0][finding]", "upheld"), ("findings[0][reasons]", "The screenshots show it."),
                    ("findings[1][allegation]", "2"), ("findings[1][finding]", "not_upheld"), ("findings[1][reasons]", "No screenshot."),
                    ("sanction", ""),
                ])
            #expect(check.status == .ok && check.body.contains("Check before you confirm: Decide"))
            #expect(try await EventRecord.query(on: t.app.db).filter(\.$kind == "decision_proposed").count() == 0)
            // "Change" brings the form back as it was sent, nothing marked as wrong.
            let change = try await web.post(
                SiteURL.caseStep(id, "decide"),
                [
                    ("findings[0][allegation]", "1"), ("findings[0][finding]", "upheld"), ("findings[0][reasons]", "The screenshots show it."),
                    ("findings[1][allegation]", "2"), ("findings[1][finding]", "not_upheld"), ("findings[1][reasons]", "No screenshot."),
                    ("sanction", ""), ("change", "1"),
                ])
            #expect(change.status == .ok && !change.body.contains("There is a problem"))
            #expect(change.body.contains("name=\"findings[1][finding]\" value=\"not_upheld\" checked>"))
            #expect(change.body.contains(">No screenshot.</textarea>") && change.body.contains(" autofocus"))
        }
    }

    @Test func dismissing_is_shown_with_who_is_told_before_it_is_recorded() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let (id, web, _, _) = try await Self.allocated(t)
            let events = try await EventRecord.query(on: t.app.db).count()
            let check = try await web.post(SiteURL.caseStep(id, "dismiss"), [("reasons", "Outside the rules' scope.")])
            #expect(check.status == .ok && check.body.contains("Check before you confirm: Dismiss"))
            #expect(check.body.contains("<dt>Stage after</dt><dd>Dismissed</dd>"))
            #expect(check.body.contains("<strong>Complainant</strong>"), "the complainant is told, and the page says so")
            #expect(check.body.contains("name=\"confirmed\" value=\"true\"") && check.body.contains("name=\"change\" value=\"1\""))
            #expect(try await EventRecord.query(on: t.app.db).count() == events)
            let done = try await web.post(SiteURL.caseStep(id, "dismiss"), [("reasons", "Outside the rules' scope."), ("confirmed", "true")])
            #expect(done.status == .seeOther)
            #expect(try await EventRecord.query(on: t.app.db).filter(\.$kind == "complaint_dismissed").count() == 1)
        }
    }

    @Test func a_complaint_is_checked_before_it_is_filed_and_its_file_is_held_or_named() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            _ = try await t.user("Bob Respondent", [.member], number: "A0000002")
            let web = WebClient(t)
            let form = try await web.get(SiteURL.newComplaint)
            let token = try #require(form.body.range(of: #"name="formToken" value=""#).map { String(form.body[$0.upperBound...].prefix(43)) })
            let pdf = Data("%PDF-1.4\n% the messages\n%%EOF\n".utf8)
            // One mistake: the file cannot be handed back to the browser, so the error names it.
            var fields = [
                ("formToken", token), ("yourName", "Nadia Neighbour"), ("respondent", "Bob Respondent"), ("relation", "witness"),
                ("summary", "Shouted abuse at the meeting."),
            ]
            var page = try await web.upload(SiteURL.complaints, fields: fields, file: ("evidence", "messages.pdf", pdf))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Choose at least one rule that you think was broken."))
            #expect(page.body.contains("messages.pdf was not kept, because the form had a problem: choose the file again"))
            #expect(page.body.contains("value=\"Nadia Neighbour\"") && page.body.contains(">Shouted abuse at the meeting.</textarea>"))
            #expect(page.body.contains("name=\"relation\" value=\"witness\" required checked"))
            // Complete: the answers to check, the file held; nothing is filed yet.
            fields.append(("clauses[]", "2.1"))
            page = try await web.upload(SiteURL.complaints, fields: fields, file: ("evidence", "messages.pdf", pdf))
            #expect(page.status == .ok && page.body.contains("Check your answers before you send the complaint"))
            #expect(page.body.contains("<dt>Evidence</dt><dd>messages.pdf (1 KB)</dd>"))
            #expect(page.body.contains("<dt>How you know</dt><dd>I saw or heard it happen</dd>"))
            #expect(try await CaseSummary.query(on: t.app.db).count() == 0)
            #expect(try await HeldUpload.query(on: t.app.db).count() == 1)
            // Change an answer: the form again, as it was, the cursor on that answer, the file kept.
            page = try await web.post(SiteURL.complaints, fields + [("change", "summary")])
            #expect(page.status == .ok && page.body.contains("<strong>messages.pdf</strong> is kept with this complaint"))
            #expect(page.body.contains("name=\"summary\" required maxlength=\"20000\" autofocus>Shouted abuse at the meeting.</textarea>"))
            // The held file is this browser's: another that learns the form token cannot attach
            // it, and is told the file is not kept rather than filing without it.
            let other = WebClient(t)
            _ = try await other.get(SiteURL.newComplaint)
            let stolen = try await other.post(SiteURL.complaints, fields + [("confirmed", "true"), ("heldFile", "messages.pdf")])
            #expect(stolen.status == .unprocessableEntity && stolen.body.contains("messages.pdf is no longer kept with this complaint"))
            #expect(try await CaseSummary.query(on: t.app.db).count() == 0)
            // Sent from the check page: filed once, with the held file, which is then let go.
            page = try await web.post(SiteURL.complaints, fields + [("confirmed", "true")])
            #expect(page.status == .seeOther && page.location == SiteURL.complaintReceived)
            #expect(try await CaseSummary.query(on: t.app.db).count() == 1)
            let evidence = try #require(try await EvidenceFile.query(on: t.app.db).first())
            #expect(evidence.filename == "messages.pdf" && evidence.data == pdf)
            #expect(try await HeldUpload.query(on: t.app.db).count() == 0)
        }
    }
}
