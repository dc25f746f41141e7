import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

@Suite("Publishing a redacted report")
struct PublicationTests {
    static let report = """
        Findings of the inquiry

        Alice Example complained that Bob Member shouted at her. Grace Official, the branch secretary, investigated.
        Bob Member can be reached on 07700 900123. Alice Example's account was supported by Carol Witness.
        """

    @Test func an_editor_uploads_another_reviews_and_only_then_the_redacted_version_is_public() async throws {
        try await TestApp.run { t in
            _ = try await t.user("Alice Example", [.member], number: "A0000001")
            _ = try await t.user("Bob Member", [.member], number: "A0000002")
            _ = try await t.user("Grace Official", [.member], official: true, number: "A0000003")
            let editor = try await t.account("Ed Itor", [.editor])
            let reviewer = try await t.account("Rae Viewer", [.reviewer])
            let web = WebClient(t)
            try await web.signIn(editor.person.email!, "long enough password")
            var page = try await web.upload("/publications", fields: [("title", "Inquiry report"), ("format", "text"), ("text", Self.report)], file: nil)
            #expect(page.status == .seeOther)
            let location = try #require(page.location)
            page = try await web.get(location)
            #expect(page.body.contains("You uploaded this document"))
            #expect(!page.body.contains("Approve and publish</button>"))
            let publication = try #require(try await Publication.query(on: t.app.db).first())
            let proposals = try await PublicationRedaction.of(publication.id!, on: t.app.db)
            #expect(proposals.map(\.original) == ["Alice Example", "Bob Member", "Bob Member", "07700 900123", "Alice Example", "Carol Witness"])
            #expect(proposals.map(\.kind) == ["member", "member", "member", "phone", "member", "unknown_name"])

            // The editor cannot decide; the public page does not exist yet.
            page = try await web.post("\(location)/approve")
            #expect(page.status == .seeOther)
            #expect(try await Publication.find(publication.id, on: t.app.db)?.status == "in_review")
            #expect(try await WebClient(t).get("/published/\(publication.slug)").status == .notFound)

            // The reviewer cannot approve with undecided proposals, decides each, marks one more name, approves.
            let second = WebClient(t)
            try await second.signIn(reviewer.person.email!, "long enough password")
            page = try await second.post("\(location)/approve")
            let flash = try await second.get(location)
            #expect(flash.body.contains("6 proposed redactions are still undecided"))
            var verdicts = proposals.map { ("verdict[\($0.number)]", "accepted") }
            verdicts[3] = ("verdict[4]", "rejected")  // keep the phone number, on purpose, to show the verdict counts
            page = try await second.post("\(location)/verdicts", verdicts)
            page = try await second.post("\(location)/mark", [("phrase", "the branch secretary")])
            page = try await second.post("\(location)/approve")
            #expect(page.status == .seeOther)

            let published = try await WebClient(t).get("/published/\(publication.slug)")
            #expect(published.status == .ok)
            #expect(published.body.contains("Member A complained that Member B shouted at her. Grace Official, [redacted], investigated."))
            #expect(published.body.contains("Member B can be reached on 07700 900123. Member A&#39;s account was supported by Person A."))
            #expect(!published.body.contains("Alice") && !published.body.contains("Carol"))

            // The record holds each step, with hashes and counts, never the names.
            let events = try await EventRecord.query(on: t.app.db).filter(\.$caseId == publication.id!).sort(\.$id).all()
            #expect(events.map(\.kind) == ["publication_uploaded", "redactions_reviewed", "redactions_marked", "publication_approved"])
            #expect(!events.contains { $0.payload.contains("Alice") || $0.payload.contains("Carol") || $0.payload.contains("secretary") })
            #expect(events.last?.actorId == reviewer.id)
            #expect(try await AuditVerifier.verify(on: t.app.db).events == 4)
        }
    }

    /// Two reviewers marking at once, and an approval sent beside them: each step decides on the
    /// document as it stands inside its own transaction, so no number is given twice and what is
    /// published carries every mark recorded before it.
    @Test func reviewers_working_at_once_never_share_a_number_or_lose_a_mark() async throws {
        try await TestApp.run { t in
            let editor = try await t.account("Ed Itor", [.editor])
            let web = WebClient(t)
            try await web.signIn(editor.person.email!, "long enough password")
            let text = (1...12).map { "Paragraph \($0) names the treasurer and the branch secretary and the chair." }.joined(separator: "\n\n")
            let page = try await web.upload("/publications", fields: [("title", "Minutes"), ("format", "text"), ("text", text)], file: nil)
            let location = try #require(page.location)
            var reviewers: [WebClient] = []
            for i in 0..<3 {
                let r = try await t.account("Reviewer \(i)", [.reviewer])
                let c = WebClient(t)
                try await c.signIn(r.person.email!, "long enough password")
                reviewers.append(c)
            }
            let first = reviewers[0]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (client, phrase) in zip(reviewers, ["the treasurer", "the branch secretary", "the chair"]) {
                    group.addTask { _ = try await client.post("\(location)/mark", [("phrase", phrase)]) }
                }
                group.addTask { _ = try await first.post("\(location)/approve") }
                try await group.waitForAll()
            }
            let publication = try #require(try await Publication.query(on: t.app.db).first())
            let rows = try await PublicationRedaction.of(publication.id!, on: t.app.db)
            #expect(Set(rows.map(\.number)).count == rows.count, "a number was given twice: \(rows.map(\.number).sorted())")
            let marked = try await EventRecord.query(on: t.app.db).filter(\.$caseId == publication.id!).filter(\.$kind == "redactions_marked").all()
            let approved = try await EventRecord.query(on: t.app.db).filter(\.$caseId == publication.id!).filter(\.$kind == "publication_approved").all()
            #expect(approved.count <= 1)
            if let approval = approved.first, let after = try await Publication.find(publication.id, on: t.app.db) {
                // Every mark recorded before the approval is applied to the published text.
                for e in marked where e.id! < approval.id! {
                    let phrase = rows.first { r in e.payload.contains("\(r.number)") && r.source == "reviewer" }?.original ?? ""
                    #expect(!phrase.isEmpty && !(after.published ?? "").contains(phrase), "\(phrase) was marked before approval but published")
                }
            }
            // A mark is lost only to an approval that came first, and none is recorded after one.
            #expect(marked.count == 3 || approved.count == 1, "\(marked.count) marks, \(approved.count) approvals")
            if let approval = approved.first { #expect(marked.allSatisfy { $0.id! < approval.id! }) }
        }
    }
}
