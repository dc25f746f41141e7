import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

@Suite("Public statements with members' comments")
struct StatementTests {
    static let password = "long enough password"

    /// Reports that arrive together are each counted, and the comment is hidden at the threshold.
    @Test func reports_sent_at_once_are_each_counted() async throws {
        try await TestApp.run { t in
            let editor = try await t.account("Ed Itor", [.editor])
            let alice = try await t.account("Alice Member", [.member], number: "A1")
            let web = WebClient(t)
            try await web.signIn(editor.person.email!, Self.password)
            let page = try await web.post("/statements", [("title", "Statement"), ("body", "Text."), ("closes", "2026-03-31")])
            let slug = try #require(page.location?.replacingOccurrences(of: "/statements/", with: ""))
            let member = WebClient(t)
            try await member.signIn(alice.person.email!, Self.password)
            _ = try await member.post("/statements/\(slug)/comments", [("body", "A comment.")])
            let comment = try #require(try await Comment.query(on: t.app.db).first())
            let report = "/statements/\(slug)/comments/\(comment.id!.uuidString.lowercased())/report"
            var reporters: [WebClient] = []
            for i in 0..<8 {
                let m = try await t.account("Reporter \(i)", [.member])
                let c = WebClient(t)
                try await c.signIn(m.person.email!, Self.password)
                reporters.append(c)
            }
            try await withThrowingTaskGroup(of: UInt.self) { group in
                // The first reporter twice at once, from the same session: counted once.
                let twin = WebClient(t)
                twin.cookies = reporters[0].cookies; twin.csrf = reporters[0].csrf
                for c in reporters + [twin] { group.addTask { try await c.post(report).status.code } }
                for try await status in group { #expect(status == 303) }
            }
            let after = try #require(try await Comment.find(comment.id, on: t.app.db))
            #expect(after.reports == 8)
            #expect(after.commentStatus == .hidden)
        }
    }

    @Test func members_comment_anyone_reports_moderators_decide_and_comments_close() async throws {
        try await TestApp.run { t in
            let editor = try await t.account("Ed Itor", [.editor])
            let alice = try await t.account("Alice Member", [.member], number: "A1")
            let web = WebClient(t)
            try await web.signIn(editor.person.email!, Self.password)
            var page = try await web.post(
                "/statements", [("title", "Statement on the inquiry"), ("body", "We accept the findings.\n\nWe will act on them."), ("closes", "2026-03-31")])
            let slug = try #require(page.location?.replacingOccurrences(of: "/statements/", with: ""))

            // A member comments; it appears at once (the default) with the count.
            let member = WebClient(t)
            try await member.signIn(alice.person.email!, Self.password)
            _ = try await member.post("/statements/\(slug)/comments", [("body", "Thank you for publishing this.")])
            page = try await WebClient(t).get("/statements/\(slug)")
            #expect(page.body.contains("<span id=\"comment-count\">1</span> comment(s)"))
            #expect(page.body.contains("Alice Member"))
            let comment = try #require(try await Comment.query(on: t.app.db).first())

            // Anyone may report. A visitor without an account is counted by address, once however
            // often they press the button; signed-in reporters count once each.
            let report = "/statements/\(slug)/comments/\(comment.id!.uuidString.lowercased())/report"
            let visitor = WebClient(t)
            _ = try await visitor.get("/statements/\(slug)")
            _ = try await visitor.post(report)
            _ = try await visitor.post(report)
            #expect(try await Comment.find(comment.id, on: t.app.db)?.reports == 1)
            #expect(try await Comment.find(comment.id, on: t.app.db)?.commentStatus == .visible)
            for i in 0..<2 {
                let m = try await t.account("Reporter \(i)", [.member])
                let c = WebClient(t)
                try await c.signIn(m.person.email!, Self.password)
                _ = try await c.post(report)
            }
            let hidden = try #require(try await Comment.find(comment.id, on: t.app.db))
            #expect(hidden.reports == 3)
            #expect(hidden.commentStatus == .hidden)
            page = try await WebClient(t).get("/statements/\(slug)")
            #expect(page.body.contains("<span id=\"comment-count\">0</span> comment(s)"))

            // The moderator decides with reasons; the author is told; the decision is on the record.
            page = try await web.get("/moderation")
            #expect(page.body.contains("hidden after 3 reports"))
            page = try await web.post("/moderation/\(comment.id!.uuidString.lowercased())", [("decision", "publish"), ("reasons", "")])
            #expect(try await Comment.find(comment.id, on: t.app.db)?.commentStatus == .hidden)
            _ = try await web.post(
                "/moderation/\(comment.id!.uuidString.lowercased())", [("decision", "publish"), ("reasons", "Nothing in it breaks the rules.")])
            #expect(try await Comment.find(comment.id, on: t.app.db)?.commentStatus == .visible)
            page = try await member.get("/notifications")
            #expect(page.body.contains("Your comment is published. Reasons: Nothing in it breaks the rules."))
            let events = try await EventRecord.query(on: t.app.db).filter(\.$kind == "comment_moderated").all()
            #expect(events.count == 1)
            // The moment reports hid it is on the record, and names nobody who reported.
            let hiddenAt = try await EventRecord.query(on: t.app.db).filter(\.$kind == "comment_hidden").all()
            #expect(hiddenAt.count == 1)
            #expect(hiddenAt.first?.actorId == nil)
            #expect(hiddenAt.first?.payload.contains("Reporter") == false)
            // The moderator's decision stands against the reports it answered: one more report
            // does not hide the comment again.
            let late = try await t.account("Late Reporter", [.member])
            let lateClient = WebClient(t)
            try await lateClient.signIn(late.person.email!, Self.password)
            _ = try await lateClient.post(report)
            #expect(try await Comment.find(comment.id, on: t.app.db)?.commentStatus == .visible)

            // Comments close on their date…
            t.clock.set(Display.calendar.start(of: Day("2026-04-01")!).addingTimeInterval(3600))
            page = try await WebClient(t).get("/statements/\(slug)")
            #expect(page.body.contains("Comments are now closed."))
            _ = try await member.post("/statements/\(slug)/comments", [("body", "Too late?")])
            #expect(try await Comment.query(on: t.app.db).count() == 1)
        }
    }

    @Test func comments_can_wait_for_a_moderator_and_be_closed_by_hand() async throws {
        try await TestApp.run { t in
            var config = t.app.docket
            config.config.commentsPremoderated = true
            t.app.docket = config
            let editor = try await t.account("Ed Itor", [.editor])
            let alice = try await t.account("Alice Member", [.member])
            let web = WebClient(t)
            try await web.signIn(editor.person.email!, Self.password)
            let page = try await web.post("/statements", [("title", "Notice"), ("body", "Text.")])
            let slug = try #require(page.location?.replacingOccurrences(of: "/statements/", with: ""))
            let member = WebClient(t)
            try await member.signIn(alice.person.email!, Self.password)
            _ = try await member.post("/statements/\(slug)/comments", [("body", "First!")])
            #expect(try await WebClient(t).get("/statements/\(slug)").body.contains("<span id=\"comment-count\">0</span>"))
            #expect(try await web.get("/moderation").body.contains("waiting for moderation"))
            _ = try await web.post("/statements/\(slug)/close")
            #expect(try await WebClient(t).get("/statements/\(slug)").body.contains("Comments are now closed."))
        }
    }
}
