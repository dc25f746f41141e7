import DocketCore
import DocketStore
import Fluent
import Vapor

/// Each person's private calendar feed: a secret address their calendar program subscribes to,
/// with one entry per deadline of theirs and per hearing they attend (`Procedure.calendarEntries`).
/// The secret is shown once; only its SHA-256 is kept. Making a new address revokes the old one,
/// and turning it off revokes it; both go on the chain and the person is told by e-mail. Every
/// case the feed shows is a read of that case, and goes into its access log.
struct CalendarController: RouteCollection {
    struct Page: Encodable { var chrome: Chrome; var active: Bool; var created: String?; var since: String?; var lastRead: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("account", "calendar", use: page)
        routes.form("account", "calendar", "new", maxSize: "16kb", use: create)
        routes.form("account", "calendar", "revoke", maxSize: "16kb", use: revoke)
    }

    func page(req: Request) async throws -> View { try await render(req) }

    func render(_ req: Request, created: String? = nil) async throws -> View {
        let person = try req.auth.require(Person.self)
        let live = try await Self.live(of: try person.requireID(), on: req.db)
        return try await req.page(
            "calendar",
            Page(
                chrome: Chrome(req, title: "Calendar feed", forms: true), active: live != nil, created: created,
                since: live.map { Display.time(Instant.date(millis: $0.createdAt)) },
                lastRead: live?.lastReadAt.map { Display.time(Instant.date(millis: $0)) }))
    }

    static func live(of person: UUID, on db: any Database) async throws -> CalendarFeed? {
        try await CalendarFeed.query(on: db).filter(\.$personId == person).filter(\.$revokedAt == nil).first()
    }

    func create(req: Request) async throws -> View {
        let person = try req.auth.require(Person.self)
        let id = try person.requireID()
        let now = req.docket.clock(), org = req.docket.config.organisationName
        let token = TokenHash.newToken()
        try await req.db.transaction { tx in
            try await Self.revokeLive(of: person, at: now, org: org, on: tx)
            let feed = CalendarFeed(personId: id, tokenHash: TokenHash.of(token), createdAt: Instant.millis(now))
            try await feed.create(on: tx)
            try await AccountActs.record(
                .calendarFeedCreated(.init(token: try feed.requireID(), name: "calendar feed", expiresAt: nil)),
                about: person, stream: id, by: id, at: now, org: org,
                message:
                    "A private calendar feed was made for your account with \(org); any earlier feed address no longer works. If it was not you, turn it off on your account's calendar page and change your password.",
                auditors: false, on: tx)
        }
        return try await render(req, created: req.docket.config.publicURL + SiteURL.calendarFeed(token))
    }

    static func revokeLive(of person: Person, at now: Date, org: String, on tx: any Database) async throws {
        guard let live = try await live(of: try person.requireID(), on: tx) else { return }
        live.revokedAt = Instant.millis(now)
        try await live.save(on: tx)
        try await AccountActs.record(
            .calendarFeedRevoked(.init(token: try live.requireID(), name: "calendar feed", expiresAt: nil)),
            about: person, stream: try person.requireID(), by: person.id, at: now, org: org,
            message: "The private calendar feed of your account with \(org) was turned off; its address no longer works.", auditors: false, on: tx)
    }

    func revoke(req: Request) async throws -> Response {
        let person = try req.auth.require(Person.self)
        let now = req.docket.clock(), org = req.docket.config.organisationName
        try await req.db.transaction { tx in try await Self.revokeLive(of: person, at: now, org: org, on: tx) }
        return req.back(to: SiteURL.calendar, "ok", "The calendar feed is turned off: its address no longer works.")
    }

    /// The feed itself, for a calendar program: no session, the secret in the address. An
    /// unknown, revoked or deactivated person's address is a 404.
    static func feed(req: Request) async throws -> Response {
        let raw = req.parameters.get("feed") ?? ""
        guard raw.hasSuffix(".ics") else { throw Abort(.notFound) }
        let token = String(raw.dropLast(4))
        guard TokenHash.looksLikeToken(token),
            let feed = try await CalendarFeed.query(on: req.db).filter(\.$tokenHash == TokenHash.of(token)).filter(\.$revokedAt == nil).first(),
            let person = try await Person.find(feed.personId, on: req.db), person.isActive
        else { throw Abort(.notFound) }
        let now = req.docket.clock()
        let actor = person.actor
        let store = try await req.docket.store(on: req.db)
        let ids = try await CaseMembership.cases(of: actor.id, on: req.db)
        var entries: [CalendarEntry] = []
        var read: [UUID] = []
        for id in Set(ids).sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let file = try await store.load(id, on: req.db) else { continue }
            let mine = store.procedure.calendarEntries(file, for: file.access(for: actor))
            if !mine.isEmpty { read.append(id) }
            entries += mine
        }
        let base = req.docket.config.publicURL
        let opened = read
        try await req.db.transaction { tx in
            for id in opened { try await AccessLog.record(caseId: id, actorId: actor.id, purpose: "calendar feed", at: now, on: tx) }
            feed.lastReadAt = Instant.millis(now)
            try await feed.save(on: tx)
        }
        let caseOf = Dictionary(uniqueKeysWithValues: read.map { ($0.uuidString.lowercased(), $0) })
        let body = ICalendar.document(
            entries.sorted { ($0.startsAt ?? .distantFuture, $0.uid) < ($1.startsAt ?? .distantFuture, $1.uid) },
            name: "Docket: \(person.displayName)",
            url: { e in
                let key = e.uid.split(separator: "@").first.map { String($0.suffix(36)) } ?? ""
                return caseOf[key].map { base + SiteURL.caseFile($0) }
            }, stamp: now)
        let res = Response(status: .ok, body: .init(string: body))
        res.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return res
    }
}
