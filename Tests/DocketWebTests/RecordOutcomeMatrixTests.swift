import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// The matrix of the records beside cases, asserted on outcomes: every role, two editors among
/// them, takes every web step of publications, statements, comments, moderation and review
/// programmes on real records, with a valid form. An event is appended exactly when the table
/// below says the person may take the step, and the core's deciders offer exactly the same; a
/// refusal writes nothing, neither event nor row.
@Suite("Publications, statements and programmes: every step, every role, by outcome")
struct RecordOutcomeMatrixTests {
    enum Who: String, CaseIterable {
        case nobody, member, commenter, uploader, secondEditor, reviewer, caseworker, governance, auditor, admin
    }

    enum Step: String, CaseIterable {
        case upload, review, mark, approve, publish, comment, report, close, moderate, openProgramme
    }

    static let signedIn = Set(Who.allCases).subtracting([.nobody])

    /// Who may take each step, written out by hand from the rules (not computed from them): the
    /// editor who uploaded a document may not review it; anyone may report; any member comments.
    static let table: [Step: Set<Who>] = [
        .upload: [.uploader, .secondEditor],
        .review: [.secondEditor, .reviewer],
        .mark: [.secondEditor, .reviewer],
        .approve: [.secondEditor, .reviewer],
        .publish: [.uploader, .secondEditor],
        .comment: signedIn,
        .report: Set(Who.allCases),
        .close: [.uploader, .secondEditor],
        .moderate: [.uploader, .secondEditor],
        .openProgramme: [.reviewer],
    ]

    struct Records {
        var publication: Publication
        var statement: Statement
        var comment: DocketStore.Comment
    }

    /// A document uploaded by `uploader` naming a member (so redactions are proposed), decided in
    /// full by the reviewer when `decided`; a statement by the uploader, with one visible comment.
    func records(_ t: TestApp, _ web: [Who: WebClient], decided: Bool) async throws -> Records {
        let title = "Minutes \(UUID().uuidString.prefix(8))"
        var page = try await web[.uploader]!.upload(
            SiteURL.publications, fields: [("title", title), ("format", "text"), ("text", "Alice Member spoke about the branch secretary. Nobody else.")],
            file: nil)
        #expect(page.status == .seeOther)
        let publication = try #require(try await Publication.query(on: t.app.db).filter(\.$title == title).first())
        let redactions = try await PublicationRedaction.of(publication.id!, on: t.app.db)
        #expect(!redactions.isEmpty, "the register's member should be proposed for redaction")
        if decided {
            page = try await web[.reviewer]!.post(
                SiteURL.publication(publication.id!) + "/verdicts", redactions.map { ("verdict[\($0.number)]", "accepted") })
            #expect(try await PublicationRedaction.of(publication.id!, on: t.app.db).allSatisfy { $0.verdict == "accepted" })
        }
        page = try await web[.uploader]!.post(SiteURL.statements, [("title", "Statement \(title)"), ("body", "We accept the findings.")])
        let statement = try #require(try await Statement.query(on: t.app.db).filter(\.$title == "Statement \(title)").first())
        page = try await web[.commenter]!.post(SiteURL.statement(statement.slug) + "/comments", [("body", "Thank you.")])
        let comment = try #require(try await DocketStore.Comment.query(on: t.app.db).filter(\.$statementId == statement.id!).first())
        #expect(comment.commentStatus == .visible)
        return Records(publication: publication, statement: statement, comment: comment)
    }

    func post(_ step: Step, _ r: Records, as client: WebClient) async throws -> WebClient.Page {
        let pub = SiteURL.publication(r.publication.id!)
        let statement = SiteURL.statement(r.statement.slug)
        let comment = r.comment.id!.uuidString.lowercased()
        switch step {
        case .upload:
            return try await client.upload(
                SiteURL.publications, fields: [("title", "Another document"), ("format", "text"), ("text", "Nothing private here.")], file: nil)
        case .review: return try await client.post(pub + "/verdicts", [("verdict[1]", "rejected")])
        case .mark: return try await client.post(pub + "/mark", [("phrase", "the branch secretary")])
        case .approve: return try await client.post(pub + "/approve")
        case .publish: return try await client.post(SiteURL.statements, [("title", "Another statement"), ("body", "Text of it.")])
        case .comment: return try await client.post(statement + "/comments", [("body", "A comment of mine.")])
        case .report: return try await client.post(statement + "/comments/\(comment)/report")
        case .close: return try await client.post(statement + "/close")
        case .moderate: return try await client.post(SiteURL.moderation + "/\(comment)", [("decision", "remove"), ("reasons", "It names a member.")])
        case .openProgramme:
            return try await client.post(SiteURL.reviewProgrammes, [("title", "Decisions of the spring"), ("from", "2026-01-01"), ("to", "2026-06-30")])
        }
    }

    /// What the core's deciders offer `actor` on these records.
    func offered(_ step: Step, _ r: Records, _ actor: Actor?, now: Date, on db: any Database) async throws -> Bool {
        let publication = r.publication.state(try await PublicationRedaction.of(r.publication.id!, on: db))
        let statement = r.statement.state(at: now)
        switch step {
        case .upload: return actor.map { PublicationReview.offers(nil, to: $0).contains(.upload) } ?? false
        case .review: return actor.map { PublicationReview.offers(publication, to: $0).contains(.review) } ?? false
        case .mark: return actor.map { PublicationReview.offers(publication, to: $0).contains(.mark) } ?? false
        case .approve: return actor.map { PublicationReview.offers(publication, to: $0).contains(.approve) } ?? false
        case .publish: return StatementDesk.offers(nil, to: actor).contains(.publish)
        case .comment: return StatementDesk.offers(statement, to: actor).contains(.comment)
        case .report: return StatementDesk.offers(statement, to: actor).contains(.report)
        case .close: return StatementDesk.offers(statement, to: actor).contains(.closeComments)
        case .moderate: return StatementDesk.offers(statement, to: actor).contains(.moderate)
        case .openProgramme: return actor.map(ProgrammeDesk.mayOpen) ?? false
        }
    }

    func rows(_ db: any Database) async throws -> [Int] {
        [
            try await EventRecord.query(on: db).count(), try await Publication.query(on: db).count(),
            try await PublicationRedaction.query(on: db).count(), try await Statement.query(on: db).count(),
            try await DocketStore.Comment.query(on: db).count(), try await ReviewProgrammeRecord.query(on: db).count(),
            try await AccountMessage.query(on: db).count(),
        ]
    }

    @Test func each_step_appends_its_event_exactly_for_those_the_table_names() async throws {
        try await TestApp.run(settings: { $0.commentReportsToHide = 1 }) { t in
            var people: [Who: TestApp.User] = [:]
            people[.member] = try await t.account("Alice Member", [.member], number: "A1")
            people[.commenter] = try await t.account("Colm Commenter", [.member], number: "A2")
            people[.uploader] = try await t.account("Ed Itor", [.editor])
            people[.secondEditor] = try await t.account("Edna Second", [.editor])
            people[.reviewer] = try await t.account("Rev Iewer", [.reviewer])
            people[.caseworker] = try await t.account("Cas Worker", [.caseworker])
            people[.governance] = try await t.account("Gov Ernance", [.governance])
            people[.auditor] = try await t.account("Aud Itor", [.auditor])
            people[.admin] = try await t.account("Ad Min", [.admin])
            var web: [Who: WebClient] = [:]
            for who in Who.allCases {
                let client = WebClient(t)
                if let u = people[who] { try await client.signIn(u.person.email!, "long enough password") } else { try await client.get(SiteURL.login) }
                web[who] = client
            }
            var accepted = 0
            for step in Step.allCases {
                for who in Who.allCases {
                    // Fresh records for each attempt, so no attempt depends on the one before.
                    let r = try await records(t, web, decided: step == .approve)
                    let actor = people[who]?.person.actor
                    let offered = try await offered(step, r, actor, now: t.clock.now, on: t.app.db)
                    let allowed = Self.table[step]!.contains(who)
                    #expect(offered == allowed, "\(step) as \(who): the core offers \(offered), the table says \(allowed)")
                    let before = try await rows(t.app.db)
                    let page = try await post(step, r, as: web[who]!)
                    let after = try await rows(t.app.db)
                    if allowed {
                        #expect(page.status == .seeOther, "\(step) as \(who): \(page.status)")
                        #expect(after[0] == before[0] + 1, "\(step) as \(who): events \(before[0]) → \(after[0])")
                        accepted += 1
                    } else {
                        #expect(after == before, "\(step) as \(who) was refused but wrote \(before) → \(after)")
                        #expect([.seeOther, .notFound].contains(page.status), "\(step) as \(who): \(page.status)")
                    }
                }
            }
            #expect(accepted == Self.table.values.map(\.count).reduce(0, +))
            // Every record verifies, with the comments and reports on the chain.
            let kinds = Set(try await EventRecord.query(on: t.app.db).all().map(\.kind))
            let recordKinds: [RecordEvent.Kind] = [
                .publicationUploaded, .redactionsReviewed, .redactionsMarked, .publicationApproved, .statementPublished, .commentsClosed,
                .commentPosted, .commentHidden, .commentModerated, .reviewProgrammeCreated,
            ]
            for kind in recordKinds { #expect(kinds.contains(kind.rawValue), "no \(kind.rawValue) event was recorded") }
            #expect(try await AuditVerifier.verify(on: t.app.db).events == Int64(try await EventRecord.query(on: t.app.db).count()))
        }
    }

    /// The refusals the person meets on the page say what is wrong, and keep the record as it was.
    @Test func refusals_say_why() async throws {
        try await TestApp.run { t in
            let uploader = try await t.account("Ed Itor", [.editor])
            let web = WebClient(t)
            try await web.signIn(uploader.person.email!, "long enough password")
            var page = try await web.upload(SiteURL.publications, fields: [("title", "Minutes"), ("format", "text"), ("text", "Some text.")], file: nil)
            let publication = try #require(try await Publication.query(on: t.app.db).first())
            page = try await web.post(SiteURL.publication(publication.id!) + "/approve")
            page = try await web.get(SiteURL.publication(publication.id!))
            #expect(page.body.contains("You uploaded this document, so someone else must review its redactions."))
            page = try await web.post(SiteURL.statements, [("title", "Late"), ("body", "Text."), ("closes", "2020-01-01")])
            page = try await web.get(SiteURL.statements)
            #expect(page.body.contains("Comments cannot close on 2020-01-01, which has passed"))
            #expect(try await Statement.query(on: t.app.db).count() == 0)
        }
    }
}
