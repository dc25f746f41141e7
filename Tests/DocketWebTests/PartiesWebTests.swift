import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// The parties' pages: the hearing with its panel and calendar entry, the hearing bundle as
/// each party may see it, the private calendar feed and its revocation, and a complainant
/// without an account who answers a question and adds evidence by receipt code.
@Suite("The parties' pages")
struct PartiesWebTests {
    static let password = "long enough password"

    /// A case brought through the API to a panel that has set its hearing, with the respondent
    /// asking to be heard; returns the case id and the panel's accounts in seat order.
    static func scheduled(_ t: TestApp, complainant: TestApp.User, respondent: TestApp.User) async throws -> (String, [TestApp.User]) {
        let caseworker = try await t.user("Dee Caseworker", [.caseworker])
        let governance = try await t.user("Eve Governance", [.governance])
        var panel: [UUID: TestApp.User] = [:]
        for i in 1...3 { let p = try await t.user("Panel \(i)", [.panelMember]); panel[p.id] = p }
        var r = try await t.call(
            .POST, "/api/v1/cases", as: complainant,
            json: ["respondent_membership_number": "A0000002", "relation": "directly_affected", "category": "bullying", "summary": "Messages."])
        let id = try #require(r["id"] as? String)
        let base = "/api/v1/cases/\(id)"
        _ = try await t.call(.POST, "\(base)/allocate-caseworker", as: governance)
        _ = try await t.call(.POST, "\(base)/open-investigation", as: caseworker, json: ["reasons": "Breach if proved."])
        _ = try await t.call(.POST, "\(base)/allegations", as: caseworker, json: ["clause_id": "2.1", "conduct_date": "2026-02-10", "basis": "Messages."])
        _ = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 10])
        _ = try await t.call(.POST, "\(base)/respond", as: respondent, json: ["text": "I deny sending six.", "requests_oral_hearing": true])
        _ = try await t.call(.POST, "\(base)/report", as: caseworker, json: ["text": "Two were sent; four were not."])
        r = try await t.call(.POST, "\(base)/appoint-panel", as: governance)
        let seats = try #require(r["panel"] as? [String]).compactMap(UUID.init(uuidString:)).compactMap { panel[$0] }
        r = try await t.call(
            .POST, "\(base)/schedule-hearing", as: seats[0], json: ["starts_at": "2026-04-09T10:00:00Z", "place": "Room 2, Northfield office"])
        #expect(r.status == .ok, "\(r.text)")
        return (id, seats)
    }

    @Test func each_party_sees_the_hearing_its_panel_and_a_bundle_of_what_they_may_see() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.account("Alice Complainant", [.member], number: "A0000001")
            let respondent = try await t.account("Bob Respondent", [.member], number: "A0000002")
            let (id, seats) = try await Self.scheduled(t, complainant: complainant, respondent: respondent)
            let caseId = try #require(UUID(uuidString: id))
            let web = WebClient(t)
            try await web.signIn(respondent.person.email!, Self.password)
            let page = try await web.get(SiteURL.caseFile(caseId))
            #expect(page.body.contains("Thu 9 Apr 2026, 10:00 UTC") && page.body.contains("Room 2, Northfield office"))
            for s in seats { #expect(page.body.contains(s.person.displayName)) }
            #expect(page.body.contains("id=\"objection-form\""), "the respondent is offered the objection")
            let ics = try await web.get(SiteURL.hearingICS(caseId))
            #expect(ics.status == .ok && ics.headers.first(name: .contentType)?.hasPrefix("text/calendar") == true)
            #expect(ics.body.components(separatedBy: "BEGIN:VEVENT").count == 2 && ics.body.contains("DTSTART:20260409T100000Z"))
            #expect(ics.body.contains("\r\n") && !ics.body.split(separator: "\r\n").contains { $0.utf8.count > 75 })
            // The e-mail of the hearing's notice carries the same entry, as a text/calendar part.
            let mail = try #require(
                try await OutboxMessage.query(on: t.app.db).filter(\.$to == respondent.person.email!).all().first { $0.attachment != nil })
            #expect(mail.attachmentName == "hearing-DK-2026-00001.ics" && mail.attachment?.contains("DTSTART:20260409T100000Z") == true)
            #expect(mail.body.contains("There is news on case DK-2026-00001") && !mail.body.contains("Room 2"))
            let sent = SMTPClient.message(
                from: "docket@example.org", to: mail.to, subject: mail.subject, body: mail.body, date: t.clock.now,
                attachment: (name: mail.attachmentName!, ics: mail.attachment!))
            #expect(sent.contains("Content-Type: multipart/mixed; boundary=") && sent.contains("Content-Type: text/calendar; charset=utf-8; method=PUBLISH"))
            let encoded = sent.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n")[1].components(separatedBy: "\r\n--")[0]
            #expect(Data(base64Encoded: encoded.replacingOccurrences(of: "\r\n", with: "")).map { String(decoding: $0, as: UTF8.self) } == mail.attachment)

            // The bundle, in order; the respondent sees the defence's papers, the complainant does not.
            let bundle = try await web.get(SiteURL.caseBundle(caseId)).body
            let order = ["1. The notice", "2. Evidence", "3. The response", "4. The investigation report", "5. The hearing", "6. The panel"]
                .compactMap { bundle.range(of: $0)?.lowerBound }
            #expect(order.count == 6 && order == order.sorted())
            #expect(bundle.contains("I deny sending six.") && bundle.contains("Two were sent; four were not."))
            let other = WebClient(t)
            try await other.signIn(complainant.person.email!, Self.password)
            let theirs = try await other.get(SiteURL.caseBundle(caseId)).body
            #expect(!theirs.contains("I deny sending six.") && !theirs.contains("Two were sent"))
            #expect(theirs.contains("Room 2, Northfield office") && theirs.contains(seats[0].person.displayName))
            #expect(!(try await other.get(SiteURL.caseFile(caseId))).body.contains("id=\"objection-form\""))
            let reads = try await AccessRecord.query(on: t.app.db).filter(\.$purpose == "web: hearing bundle").count()
            #expect(reads == 2)
        }
    }

    @Test func the_calendar_feed_is_private_revocable_and_on_the_record() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.account("Alice Complainant", [.member], number: "A0000001")
            let respondent = try await t.account("Bob Respondent", [.member], number: "A0000002")
            let (id, _) = try await Self.scheduled(t, complainant: complainant, respondent: respondent)
            let web = WebClient(t)
            try await web.signIn(respondent.person.email!, Self.password)
            let made = try await web.post(SiteURL.calendarNew)
            let url = try #require(made.body.range(of: #"id="calendar-url">"#).map { String(made.body[$0.upperBound...].prefix { $0 != "<" }) })
            let path = String(url[try #require(url.range(of: "/calendar/")).lowerBound...])
            #expect(path.hasSuffix(".ics"))
            #expect(try await CalendarFeed.query(on: t.app.db).first()?.tokenHash != String(path.dropFirst(10).dropLast(4)))
            // A calendar program carries no session.
            let program = WebClient(t)
            let feed = try await program.get(path)
            #expect(feed.status == .ok && feed.headers.first(name: .contentType)?.hasPrefix("text/calendar") == true)
            #expect(feed.body.hasPrefix("BEGIN:VCALENDAR\r\n") && feed.body.hasSuffix("END:VCALENDAR\r\n"))
            #expect(feed.body.components(separatedBy: "BEGIN:VEVENT").count == 2, "one hearing; the response is in, so no deadline")
            #expect(feed.body.contains("SUMMARY:Hearing\\, case DK-2026-00001"))
            let read = try await AccessRecord.query(on: t.app.db).filter(\.$purpose == "calendar feed").all()
            #expect(read.map(\.caseId) == [try #require(UUID(uuidString: id))])
            // A new address revokes the old; turning it off revokes the new; both are on the chain.
            let again = try await web.post(SiteURL.calendarNew)
            #expect(try await program.get(path).status == .notFound)
            let second = try #require(again.body.range(of: "/calendar/").map { String(again.body[$0.lowerBound...].prefix { $0 != "<" }) })
            #expect(try await program.get(second).status == .ok)
            #expect(try await web.post(SiteURL.calendarRevoke).status == .seeOther)
            #expect(try await program.get(second).status == .notFound)
            let kinds = try await EventRecord.query(on: t.app.db).all().map(\.kind)
            #expect(kinds.filter { $0 == RecordEvent.Kind.calendarFeedCreated.rawValue }.count == 2)
            #expect(kinds.filter { $0 == RecordEvent.Kind.calendarFeedRevoked.rawValue }.count == 2)
            #expect(try await program.get("/calendar/not-a-token.ics").status == .notFound)
        }
    }

    @Test func a_complainant_by_receipt_code_answers_the_question_and_adds_evidence() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let respondent = try await t.account("Bob Respondent", [.member], number: "A0000002")
            let caseworker = try await t.account("Dee Caseworker", [.caseworker])
            let governance = try await t.user("Eve Governance", [.governance])
            let visitor = WebClient(t)
            _ = try await visitor.upload(
                "/complaints",
                fields: [
                    ("yourName", "Nadia Neighbour"), ("respondent", "A0000002"), ("relation", "witness"),
                    ("summary", "Shouted abuse at a tenants' meeting."), ("clauses[]", "2.1"), ("confirmed", "true"),
                ], file: nil)
            let shown = try await visitor.get(SiteURL.complaintReceived)
            let code = try #require(shown.body.range(of: #"id="receipt-code">"#).map { String(shown.body[$0.upperBound...].prefix(19)) })
            let caseId = try #require(try await CaseSummary.query(on: t.app.db).first()?.id)
            #expect(try await t.call(.POST, "/api/v1/cases/\(caseId)/allocate-caseworker", as: governance).status == .ok)

            // The caseworker asks a question in the complainant's thread; it waits.
            let staff = WebClient(t)
            try await staff.signIn(caseworker.person.email!, Self.password)
            let asked = try await staff.upload(
                SiteURL.caseMessage(caseId), fields: [("thread", "complainant"), ("text", "Who else was at the meeting?"), ("asks", "true")], file: nil)
            #expect(asked.status == .seeOther)
            #expect(try await staff.get(SiteURL.caseFile(caseId)).body.contains("Waiting for an answer"))

            // The complainant follows by receipt code, answers, and adds a file.
            let follower = WebClient(t)
            #expect(try await follower.get(SiteURL.receiptCase).body.contains("Enter your receipt code"))
            _ = try await follower.get(SiteURL.receipt)
            #expect(try await follower.post(SiteURL.receipt, [("code", code)]).location == SiteURL.receiptCase)
            let mine = try await follower.get(SiteURL.receiptCase)
            #expect(mine.body.contains("Who else was at the meeting?") && mine.body.contains("Waiting for your answer"))
            let answered = try await follower.upload(
                SiteURL.receiptMessage, fields: [("thread", "complainant"), ("answering", "1"), ("text", "The whole committee.")], file: nil)
            #expect(answered.location == SiteURL.receiptCase)
            let added = try await follower.upload(
                SiteURL.receiptEvidence, fields: [], file: ("evidence", "notes.txt", Data("Written that evening.".utf8)))
            #expect(added.location == SiteURL.receiptCase)
            let after = try await follower.get(SiteURL.receiptCase).body
            #expect(after.contains("notes.txt was added") && !after.contains("Waiting for your answer"))

            let store = try await t.app.docket.store(on: t.app.db)
            let file = try #require(try await store.load(caseId, on: t.app.db))
            #expect(file.messages.map(\.answering) == [nil, 1] && file.evidence.map(\.addedAs) == ["complainant"])
            #expect(file.unansweredQuestions().isEmpty)
            // The respondent never reads the complainant's thread.
            let r = try await t.call(.GET, "/api/v1/cases/\(caseId)", as: respondent)
            #expect((r["messages"] as? [Any])?.isEmpty == true, "\(r.text)")
            // Forgetting the code ends it; the receipt pages are then a 404.
            _ = try await follower.post(SiteURL.receiptLeave)
            #expect(try await follower.upload(SiteURL.receiptMessage, fields: [("text", "x")], file: nil).status == .notFound)
        }
    }
}
