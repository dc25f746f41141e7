import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing
import Vapor

@testable import DocketWeb

/// Erasure on request, from the pages: an administrator proposes, an independent reviewer
/// decides, and then the person's name, address and number are nowhere in the database file.
@Suite("Erasure on request", .serialized)
struct ErasureRequestTests {
    /// A complaint between two people, allocated and dismissed: an ended case.
    static func endedCase(_ t: TestApp, complainant: Person, respondent: Person, summary: String, dismiss: Bool = true) async throws -> CaseFile {
        let store = try await t.app.docket.store(on: t.app.db)
        let now = t.clock.now
        let (cId, cName, rId) = (try complainant.requireID(), complainant.displayName, try respondent.requireID())
        let filed = try await store.file(by: complainant.actor, at: now, on: t.app.db) { id, reference in
            Complaint(
                caseId: id, reference: reference, complainantId: cId, complainantName: cName, relation: .directlyAffected,
                respondentId: rId, respondentIsOfficial: false, category: "bullying", summary: summary, conductDate: nil)
        }
        let governance = try #require(try await Person.query(on: t.app.db).filter(\.$rolesText ~~ "governance").first())
        let pool = try await Person.candidates(with: .caseworker, on: t.app.db)
        var file = try await store.execute(.allocateCaseworker(pool: pool, seed: 3), on: filed.id, by: governance.actor, at: now, on: t.app.db)
        guard dismiss else { return file }
        let worker = Actor(id: try #require(file.caseworkerId), roles: [.caseworker])
        file = try await store.execute(.dismiss(reasons: "Outside the rulebook; \(cName) was told."), on: filed.id, by: worker, at: now, on: t.app.db)
        return file
    }

    @Test func a_reviewer_approves_an_administrators_proposal_and_the_person_is_gone_from_the_file() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let admin = try await t.account("Ada Admin", [.admin])
            let reviewer = try await t.account("Rhea Reviewer", [.reviewer])
            _ = try await t.account("Gus Governance", [.governance])
            _ = try await t.account("Cass Worker", [.caseworker])
            let subject = try await t.account("Priya Quennell-Hargreaves", [.member], number: "Q7654321")
            let other = try await t.account("Otto Membership", [.member], number: "Q1111111")
            let busy = try await t.account("Bea Busy", [.member], number: "Q2222222")
            let one = try await Self.endedCase(t, complainant: subject.person, respondent: other.person, summary: "Priya Quennell-Hargreaves was insulted.")
            let two = try await Self.endedCase(t, complainant: other.person, respondent: subject.person, summary: "Otto says Priya shouted.")
            let open = try await Self.endedCase(t, complainant: busy.person, respondent: other.person, summary: "Still open.", dismiss: false)
            let untouched = try await Self.endedCase(t, complainant: other.person, respondent: busy.person, summary: "Otto and Bea, nothing to do with her.")

            // The administrator proposes, with reasons that name her.
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, "long enough password")
            var page = try await web.get(SiteURL.userPage(subject.id))
            #expect(page.body.contains("Propose erasure"))
            page = try await web.post(SiteURL.userErasure(subject.id), [("reasons", "")])
            #expect(try await ErasureRequest.query(on: t.app.db).count() == 0, "no reasons, no proposal")
            page = try await web.post(
                SiteURL.userErasure(subject.id),
                [("reasons", "Letter of 3 March 2026 from Priya Quennell-Hargreaves asking for erasure; her cases are closed.")])
            #expect(page.status == .seeOther)
            #expect(try await ErasureRequest.query(on: t.app.db).filter(\.$status == "pending").count() == 1)
            // A member with an open case cannot be proposed.
            _ = try await web.post(SiteURL.userErasure(busy.id), [("reasons", "Asked by e-mail.")])
            #expect(try await ErasureRequest.query(on: t.app.db).filter(\.$personId == busy.id).count() == 0)
            _ = open
            // The proposer cannot decide it: the reviewers' page is not theirs.
            let request = try #require(try await ErasureRequest.query(on: t.app.db).first())
            #expect(try await web.post(SiteURL.erasure(request.id!), [("decision", "approve"), ("reasons", "Mine.")]).status == .notFound)

            // The reviewer sees what would go, and approves with reasons.
            let rev = WebClient(t)
            try await rev.signIn(reviewer.person.email!, "long enough password")
            page = try await rev.get(SiteURL.erasures)
            #expect(page.status == .ok)
            #expect(page.body.contains("Priya Quennell-Hargreaves"))
            #expect(page.body.contains(one.reference) && page.body.contains(two.reference))
            #expect(!page.body.contains(untouched.reference))
            page = try await rev.post(SiteURL.erasure(request.id!), [("decision", "approve"), ("reasons", "")])
            #expect(try await ErasureRequest.find(request.id, on: t.app.db)?.status == "pending", "no reasons, no decision")
            page = try await rev.post(
                SiteURL.erasure(request.id!), [("decision", "approve"), ("reasons", "Priya Quennell-Hargreaves's cases ended; no hold; erasure is due.")])
            #expect(page.status == .seeOther)

            let store = try await t.app.docket.store(on: t.app.db)
            #expect(try await store.load(one.id, on: t.app.db)?.erasedAt != nil)
            #expect(try await store.load(two.id, on: t.app.db)?.erasedAt != nil)
            #expect(try await store.load(untouched.id, on: t.app.db)?.summary == "Otto and Bea, nothing to do with her.")
            let gone = try #require(try await Person.find(subject.id, on: t.app.db))
            #expect(gone.displayName == "Erased person" && gone.email == nil && gone.membershipNumber == nil && gone.passwordHash == nil)
            // She can no longer sign in; the record still verifies, with both steps on it.
            let her = WebClient(t)
            try await her.get("/login")
            #expect(
                try await her.post("/login", [("email", "priya.quennell-hargreaves@example.org"), ("password", "long enough password")]).status != .seeOther)
            let (run, report) = try await t.app.docket.fullVerification(on: t.app.db, startedBy: nil)
            #expect(report != nil, "\(run.detail ?? "")")
            let kinds = try await EventRecord.query(on: t.app.db).filter(\.$caseId == subject.id).all().map(\.kind)
            #expect(kinds.contains("erasure_proposed") && kinds.contains("erasure_decided"))
            // The decision names the keys it destroyed (her complaint in the first case and the
            // proposal on her account; she wrote nothing in the second), which is how the full
            // verification above accepts that they are gone.
            let decided = try #require(try await EventRecord.query(on: t.app.db).filter(\.$kind == "erasure_decided").first())
            let decision = try DocketJSON.decoder.decode(RecordEvent.ErasureDecision.self, from: Data(decided.payload.utf8))
            #expect((decision.keys ?? []).count == 2, "\(decision)")
            #expect(try await SubjectKey.query(on: t.app.db).filter(\.$id ~~ (decision.keys ?? [])).count() == 0)

            // The organisation's register still lists her: importing it again does not bring her
            // back, and the administrator is told why one line was not added.
            let csv =
                "membership_number,full_name,email,is_public,public_role\nQ7654321,Priya Quennell-Hargreaves,priya.quennell-hargreaves@example.org,no,\n"
                + "Q1111111,Otto Membership,otto.membership@example.org,no,\nQ3333333,Nia Newcomer,nia@example.org,no,\n"
            page = try await web.upload("/admin/register", fields: [], file: ("file", "register.csv", Data(csv.utf8)))
            #expect(page.status == .ok)
            #expect(
                page.body.contains("1 new members, 1 updated. 1 line is for someone whose data was erased on request; they were not added again."),
                "\(page.body)")
            #expect(try await Person.query(on: t.app.db).filter(\.$membershipNumber == "Q7654321").count() == 0)
            #expect(try await Person.query(on: t.app.db).filter(\.$membershipNumber == "Q3333333").count() == 1)

            guard let path = t.sqlitePath else { return }
            let image = RetentionTests.bytes(path)
            for needle in ["Priya Quennell-Hargreaves", "Quennell", "quennell", "priya.quennell-hargreaves@example.org", "Q7654321", "q7654321"] {
                #expect(image.range(of: Data(needle.utf8)) == nil, "\(needle) is still in the database file")
            }
            // The others are still there.
            #expect(image.range(of: Data("Otto Membership".utf8)) != nil)
        }
    }
}
