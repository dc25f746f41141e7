import DocketCore
import DocketStore
import Fluent
import SQLKit
import Vapor

/// Public statements with members' comments: published by editors, commented on by signed-in
/// members under their display name, reported by anyone, moderated with reasons recorded.
struct StatementController: RouteCollection {
    struct ListPage: Encodable {
        struct Item: Encodable { var title: String; var href: String; var published: String; var comments: Int }
        var chrome: Chrome; var items: [Item]; var canPublish: Bool
    }
    struct Page: Encodable {
        struct Item: Encodable { var id: String; var name: String; var at: String; var body: String }
        var chrome: Chrome; var slug: String; var title: String; var published: String; var paragraphs: [String]
        var comments: [Item]; var count: Int; var open: Bool; var closesOn: String?; var canComment: Bool; var canClose: Bool
        var premoderated: Bool
    }
    struct Queue: Encodable {
        struct Item: Encodable { var id: String; var statement: String; var name: String; var body: String; var why: String }
        var chrome: Chrome; var items: [Item]
    }

    func boot(routes: any RoutesBuilder) throws {
        let cached = routes.grouped(PublicPageMiddleware())
        cached.get("statements", use: list)
        cached.get("statements", ":slug", use: show)
        routes.post("statements", ":slug", "comments", ":commentID", "report", use: report)
        let members = routes.grouped(RequireSignIn())
        members.post("statements", ":slug", "comments", use: comment)
        let editors = members.grouped(RequireRole(role: .editor))
        editors.form("statements", maxSize: "4mb", use: publish)
        editors.post("statements", ":slug", "close", use: close)
        editors.get("moderation", use: queue)
        editors.post("moderation", ":commentID", use: moderate)
    }

    func statement(_ req: Request) async throws -> Statement {
        guard let slug = req.parameters.get("slug"), let s = try await Statement.query(on: req.db).filter(\.$slug == slug).first() else {
            throw Abort(.notFound)
        }
        return s
    }

    func list(req: Request) async throws -> View {
        let statements = try await Statement.query(on: req.db).sort(\.$publishedAt, .descending).all()
        var items: [ListPage.Item] = []
        for s in statements {
            let count = try await Comment.query(on: req.db).filter(\.$statementId == s.id!).filter(\.$status == CommentStatus.visible.rawValue).count()
            items.append(.init(title: s.title, href: SiteURL.statement(s.slug), published: Display.date(Instant.date(millis: s.publishedAt)), comments: count))
        }
        return try await req.page(
            "statements",
            ListPage(
                chrome: Chrome(req, title: "Statements"), items: items,
                canPublish: StatementDesk.offers(nil, to: req.auth.get(Person.self)?.actor).contains(.publish)))
    }

    func show(req: Request) async throws -> View {
        let s = try await statement(req)
        let now = req.docket.clock()
        let person = req.auth.get(Person.self)
        let visible = try await Comment.query(on: req.db).filter(\.$statementId == s.id!).filter(\.$status == CommentStatus.visible.rawValue)
            .sort(\.$createdAt).all()
        let state = s.state(at: now)
        let offered = StatementDesk.offers(state, to: person?.actor)
        return try await req.page(
            "statement",
            Page(
                chrome: Chrome(req, title: s.title, forms: true), slug: s.slug, title: s.title,
                published: Display.date(Instant.date(millis: s.publishedAt)),
                paragraphs: s.body.components(separatedBy: "\n\n").filter { !$0.isBlank },
                comments: visible.map {
                    .init(id: $0.id!.uuidString.lowercased(), name: $0.displayName, at: Display.time(Instant.date(millis: $0.createdAt)), body: $0.body)
                },
                count: visible.count, open: state.commentsOpen,
                closesOn: state.commentsOpen ? s.commentsCloseAt.map { Display.date(Instant.date(millis: $0)) } : nil,
                canComment: offered.contains(.comment), canClose: offered.contains(.closeComments),
                premoderated: req.docket.config.commentsPremoderated))
    }

    func publish(req: Request) async throws -> Response {
        struct Form: Content { var title: String; var body: String; var closes: String? }
        let person = try req.auth.require(Person.self)
        let form = try req.content.decode(Form.self)
        var closesOn: Day?
        if let text = form.closes, !text.isEmpty {
            guard let day = Day(text) else { return req.back(to: SiteURL.statements, "error", "The closing date must be a date such as 2026-12-31.") }
            closesOn = day
        }
        let now = req.docket.clock()
        let calendar = req.docket.config.calendar
        let id = UUID()
        let slug = Slug.make(form.title, id: id)
        let events: [RecordEvent]
        do {
            events = try StatementDesk.decide(
                .publish(title: form.title, body: form.body, slug: slug, closesOn: closesOn, today: calendar.day(of: now)), on: nil, by: person.actor)
        } catch { return req.back(to: SiteURL.statements, "error", error.message) }
        let s = Statement()
        s.id = id; s.authorId = person.id!; s.title = form.title; s.body = form.body; s.publishedAt = Instant.millis(now)
        s.commentsCloseAt = closesOn.map { Instant.millis(calendar.start(of: $0.adding(days: 1))) }; s.closedByHand = false
        s.slug = slug
        try await req.db.transaction { tx in
            try await s.create(on: tx)
            try await EventLog.append(stream: id, events: events, actorId: person.id, at: now, on: tx)
        }
        return req.back(to: SiteURL.statement(s.slug), "ok", "Published.")
    }

    /// A member's comment. Its text is on the chain by its hash, on the statement's stream.
    func comment(req: Request) async throws -> Response {
        struct Form: Content { var body: String }
        let person = try req.auth.require(Person.self)
        let s = try await statement(req)
        let back = SiteURL.statement(s.slug)
        let now = req.docket.clock()
        let body = try req.content.decode(Form.self).body
        let id = UUID()
        let events: [RecordEvent]
        do {
            events = try StatementDesk.decide(
                .comment(id: id, body: body, premoderated: req.docket.config.commentsPremoderated), on: s.state(at: now), by: person.actor)
        } catch { return req.back(to: back, "error", error.message) }
        guard case .commentPosted(let posted) = events.first, let status = CommentStatus(rawValue: posted.status) else {
            throw Abort(.internalServerError)
        }
        let c = Comment()
        c.id = id; c.statementId = s.id!; c.authorId = person.id!; c.displayName = person.displayName; c.body = body; c.reports = 0
        c.createdAt = Instant.millis(now)
        c.status = status.rawValue
        try await req.db.transaction { tx in
            try await c.create(on: tx)
            try await EventLog.append(stream: s.id!, events: events, actorId: person.id, at: now, on: tx)
        }
        return req.back(
            to: back, "ok", status == .pending ? "Thank you. Your comment will appear once a moderator has read it." : "Your comment is published.")
    }

    /// Anyone may report a comment, once; enough reports hide it until a moderator decides.
    func report(req: Request) async throws -> Response {
        let s = try await statement(req)
        guard let id = req.parameters.get("commentID", as: UUID.self), let comment = try await Comment.find(id, on: req.db), comment.statementId == s.id
        else { throw Abort(.notFound) }
        let reporter = req.auth.get(Person.self).map { "person:\($0.id!)" } ?? "address:\(req.clientAddress)"
        let threshold = req.docket.config.commentReportsToHide
        let now = req.docket.clock()
        let actor = req.auth.get(Person.self)?.actor
        let state = s.state(at: now)
        do {
            // The count goes up in the database, inside the transaction, and the decider reads it
            // back from there: reports that arrive together are each counted once.
            try await req.db.transaction { tx in
                try await CommentReport(commentId: id, reporter: reporter).create(on: tx)
                let sql = tx as! any SQLDatabase
                try await sql.raw("UPDATE comments SET reports = reports + 1 WHERE id = \(bind: id)").run()
                guard let c = try await Comment.find(id, on: tx) else { throw Abort(.notFound) }
                let events = try StatementDesk.decide(.report(c.state, threshold: threshold), on: state, by: actor)
                guard !events.isEmpty else { return }
                c.status = CommentStatus.hidden.rawValue
                try await c.save(on: tx)
                // No actor: whose report tipped the count is as private as every other report.
                try await EventLog.append(stream: s.id!, events: events, actorId: nil, at: now, on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The same reporter again (or twice at once): counted once, as the unique index says.
        }
        return req.back(to: SiteURL.statement(s.slug), "ok", "Thank you; the moderators will look at this comment.")
    }

    func close(req: Request) async throws -> Response {
        let s = try await statement(req)
        let person = try req.auth.require(Person.self)
        let now = req.docket.clock()
        let back = SiteURL.statement(s.slug)
        let events: [RecordEvent]
        do { events = try StatementDesk.decide(.closeComments, on: s.state(at: now), by: person.actor) } catch {
            return req.back(to: back, "error", error.message)
        }
        s.closedByHand = true
        try await req.db.transaction { tx in
            try await s.save(on: tx)
            try await EventLog.append(stream: s.id!, events: events, actorId: person.id, at: now, on: tx)
        }
        return req.back(to: back, "ok", "Comments are now closed.")
    }

    func queue(req: Request) async throws -> View {
        let waiting = try await Comment.query(on: req.db).filter(\.$status ~~ [CommentStatus.pending.rawValue, CommentStatus.hidden.rawValue])
            .sort(\.$createdAt).all()
        let titles = try await Statement.query(on: req.db).all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.title }
        return try await req.page(
            "moderation",
            Queue(
                chrome: Chrome(req, title: "Moderation"),
                items: waiting.map {
                    .init(
                        id: $0.id!.uuidString.lowercased(), statement: titles[$0.statementId] ?? "", name: $0.displayName, body: $0.body,
                        why: $0.commentStatus == .hidden ? "hidden after \($0.reports) reports" : "waiting for moderation")
                }))
    }

    /// A moderator publishes or removes a comment, with reasons; the author is told, and the
    /// decision goes into the record.
    func moderate(req: Request) async throws -> Response {
        struct Form: Content { var decision: String; var reasons: String }
        let person = try req.auth.require(Person.self)
        guard let id = req.parameters.get("commentID", as: UUID.self), let c = try await Comment.find(id, on: req.db),
            let s = try await Statement.find(c.statementId, on: req.db)
        else { throw Abort(.notFound) }
        let form = try req.content.decode(Form.self)
        guard let decision = ModerationDecision(rawValue: form.decision) else {
            return req.back(to: SiteURL.moderation, "error", "Choose to publish or remove the comment.")
        }
        let now = req.docket.clock()
        let events: [RecordEvent]
        do { events = try StatementDesk.decide(.moderate(c.state, decision, reasons: form.reasons), on: s.state(at: now), by: person.actor) } catch {
            return req.back(to: SiteURL.moderation, "error", error.message)
        }
        let after = events.reduce(c.state, StatementDesk.evolve)
        try await req.db.transaction { tx in
            c.status = after.status.rawValue
            if after.reports != c.reports { c.reports = after.reports }
            try await c.save(on: tx)
            let verdict = after.status == .visible ? "is published" : "has been removed"
            try await AccountMessage(
                personId: c.authorId, subject: "Your comment on \(s.title)",
                body: "Your comment \(verdict). Reasons: \(form.reasons)", at: now
            ).create(on: tx)
            try await EventLog.append(stream: c.statementId, events: events, actorId: person.id, at: now, on: tx)
        }
        return req.back(to: SiteURL.moderation, "ok", "Decision recorded; the author has been told.")
    }
}
