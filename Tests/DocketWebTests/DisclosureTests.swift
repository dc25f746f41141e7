import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// What the notice discloses is what the respondent can open, and *My cases* shows each person
/// their own deadline: tried as the parties meet them, in the browser's forms.
@Suite("Disclosure and deadlines, as the parties see them")
struct DisclosureTests {
    static let password = "long enough password"

    @Test func the_respondent_opens_every_file_the_notice_discloses_and_sees_their_own_deadline() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let alice = try await t.account("Alice Complainant", [.member], number: "A1")
            let bob = try await t.account("Bob Respondent", [.member], number: "A2")
            let governance = try await t.user("Gov Ernance", [.governance])
            let cas = try await t.account("Cas Worker", [.caseworker])
            let complainant = WebClient(t)
            try await complainant.signIn(alice.person.email!, Self.password)
            let screenshots = Data("Screenshots of the six messages.".utf8)
            var page = try await complainant.upload(
                "/complaints",
                fields: [
                    ("respondent", "A2"), ("relation", "directly_affected"),
                    ("summary", "Abusive messages."), ("clauses[]", "2.1"), ("confirmed", "true"),
                ],
                file: ("evidence", "screenshots.txt", screenshots))
            #expect(page.status == .seeOther)
            let summary = try #require(try await CaseSummary.query(on: t.app.db).first())
            let id = summary.id!, caseID = id.uuidString.lowercased()
            page = try await complainant.upload(
                SiteURL.caseStep(id, "evidence"), fields: [], file: ("evidence", "witness-address.txt", Data("12 High St".utf8)))
            #expect(page.status == .seeOther)
            _ = try await t.call(.POST, "/api/v1/cases/\(caseID)/allocate-caseworker", as: governance)
            _ = try await t.call(.POST, "/api/v1/cases/\(caseID)/open-investigation", as: cas, json: ["reasons": "Prima facie breach"])
            _ = try await t.call(
                .POST, "/api/v1/cases/\(caseID)/allegations", as: cas, json: ["clause_id": "2.1", "conduct_date": "2026-02-20", "basis": "Messages"])

            // The caseworker's form offers the case's files by id, and discloses the screenshots only.
            let worker = WebClient(t)
            try await worker.signIn(cas.person.email!, Self.password)
            page = try await worker.get(SiteURL.caseFile(id))
            let store = try await t.app.docket.store(on: t.app.db)
            let file = try #require(try await store.load(id, on: t.app.db))
            let shot = try #require(file.evidence.first { $0.item.filename == "screenshots.txt" }).item
            let witness = try #require(file.evidence.first { $0.item.filename == "witness-address.txt" }).item
            #expect(page.body.contains("name=\"disclosedEvidence[]\" value=\"\(shot.id.uuidString.lowercased())\""))
            // Serving first shows exactly what the respondent will receive, and writes nothing.
            let before = try await EventRecord.query(on: t.app.db).count()
            let fields = [("windowWorkingDays", "10"), ("disclosedEvidence[]", shot.id.uuidString.lowercased())]
            page = try await worker.post(SiteURL.caseStep(id, "serve-notice"), fields)
            #expect(page.status == .ok)
            let expectedDeadline = store.procedure.calendar.deadline(workingDays: 10, from: t.clock.now)
            #expect(page.body.contains("Check the notice before you serve it"))
            #expect(page.body.contains("<dt>Respond by</dt><dd>\(Display.deadline(expectedDeadline))</dd>"))
            #expect(page.body.contains("screenshots.txt") && !page.body.contains("witness-address.txt"))
            // …with the message the respondent will be sent, word for word.
            let dry = try store.procedure.preview(
                .serveNotice(windowWorkingDays: 10, disclosedEvidence: [shot.id.uuidString.lowercased()]), on: file, by: cas.person.actor, at: t.clock.now)
            let message = try #require(dry.notices.first { $0.audience == .respondent })
            #expect(page.body.contains("<strong>\(message.subject.replacingOccurrences(of: "'", with: "&#39;"))</strong>"), "\(message.subject)")
            #expect(try await EventRecord.query(on: t.app.db).count() == before)
            page = try await worker.post(SiteURL.caseStep(id, "serve-notice"), fields + [("confirmed", "true")])
            #expect(page.status == .seeOther)
            let served = try #require(try await store.load(id, on: t.app.db))
            let deadline = try #require(served.notice?.responseDeadline)
            #expect(served.notice?.disclosedEvidence == ["screenshots.txt"])

            let respondent = WebClient(t)
            try await respondent.signIn(bob.person.email!, Self.password)
            page = try await respondent.get(SiteURL.caseFile(id))
            #expect(page.body.contains("<dt>Disclosed evidence</dt><dd>screenshots.txt</dd>"), "\(page.body)")
            #expect(!page.body.contains("No evidence you can see yet"))
            #expect(page.body.contains("Respond by \(Display.deadline(deadline))"))
            // Every file the notice lists opens; the one it does not is not there.
            let download = try await respondent.get(SiteURL.evidence(id, shot.id))
            #expect(download.status == .ok && download.body == String(decoding: screenshots, as: UTF8.self))
            #expect(try await respondent.get(SiteURL.evidence(id, witness.id)).status == .notFound)
            #expect(!page.body.contains("witness-address.txt"))

            // My cases: each person's own deadline, not the stage's.
            let stageDue = try #require(store.procedure.due(served)).maximum
            #expect(stageDue != deadline)
            let mine = try await respondent.get("/cases")
            #expect(mine.body.contains("Respond by \(Display.deadline(deadline))"), "\(mine.body)")
            #expect(!mine.body.contains(Display.deadline(stageDue)))
            let workerList = try await worker.get("/cases")
            #expect(workerList.body.contains("Stage due \(Display.deadline(stageDue))"))
            let complainantList = try await complainant.get("/cases")
            #expect(!complainantList.body.contains("Respond by") && !complainantList.body.contains("Stage due"))
            // The complainant is not shown the notice's details, on the page as in the API.
            #expect(!(try await complainant.get(SiteURL.caseFile(id))).body.contains("Disclosed evidence"))
            #expect(try await t.call(.GET, "/api/v1/cases/\(caseID)", as: alice)["notice"] == nil)

            // Every party downloads exactly the evidence their view lists, and nothing else.
            page = try await respondent.upload(SiteURL.caseStep(id, "evidence"), fields: [], file: ("evidence", "my-account.txt", Data("What happened.".utf8)))
            #expect(page.status == .seeOther)
            let final = try #require(try await store.load(id, on: t.app.db))
            let viewers: [(WebClient, Set<CaseAccess>)] = [(complainant, [.complainant]), (respondent, [.respondent]), (worker, [.caseworker])]
            for (client, access) in viewers {
                let listed = Set(final.disclosure(to: access).evidence.map(\.item.id))
                let body = try await client.get(SiteURL.caseFile(id)).body
                for item in final.evidence.map(\.item) {
                    let status = try await client.get(SiteURL.evidence(id, item.id)).status
                    #expect((status == .ok) == listed.contains(item.id), "\(access) and \(item.filename): \(status)")
                    #expect(body.contains(">\(item.filename)</a>") == listed.contains(item.id), "\(access) page and \(item.filename)")
                }
            }
            // A party's record shows the steps and dates, never who took them; the API says the same.
            let record = try await complainant.get(SiteURL.caseFile(id)).body
            #expect(record.contains("Notice served") && !record.contains("Cas Worker"))
            let timeline = try await t.call(.GET, "/api/v1/cases/\(caseID)/timeline", as: alice)
            #expect(Set(timeline.array.compactMap { $0["kind"] as? String }).isSubset(of: CaseFile.partyRecordKinds))
            #expect(timeline.array.allSatisfy { $0["actor_id"] == nil })

            // A name that is not a file of the case is refused, naming it.
            let other = try await t.call(
                .POST, "/api/v1/cases/\(caseID)/serve-notice", as: cas, json: ["window_working_days": 10, "disclosed_evidence": ["Screenshots"]])
            #expect(other.status != .ok)
        }
    }
}
