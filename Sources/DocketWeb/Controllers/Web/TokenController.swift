import DocketCore
import DocketStore
import Fluent
import Vapor

/// Each person's own API tokens: create one with a name and an expiry, see when each was last
/// used, revoke it. A token is shown once, when it is made; only its SHA-256 is kept. Making and
/// revoking one are recorded on the chain, and the person is told by e-mail, so a token made by
/// whoever borrowed their session does not go unnoticed.
struct TokenController: RouteCollection {
    /// The expiries offered, in days; nothing lasts longer than a year.
    static let expiries = [7, 30, 90, 365]
    static let nameLimit = 100

    struct Page: Encodable {
        struct Row: Encodable { var name: String; var created: String; var expires: String; var lastUsed: String; var revoke: String; var expired: Bool }
        struct Choice: Encodable { var days: Int; var selected: Bool }
        var chrome: Chrome; var tokens: [Row]; var expiries: [Choice]; var created: String?; var createdName: String?
        var error: String?; var name: String
    }
    struct NewToken: Content { var name: String; var days: Int? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("account", "tokens", use: page)
        routes.form("account", "tokens", maxSize: "16kb", use: create)
        routes.form("account", "tokens", ":tokenID", "revoke", maxSize: "16kb", use: revoke)
    }

    func page(req: Request) async throws -> View { try await render(req) }

    func render(_ req: Request, created: (String, String)? = nil, error: String? = nil, name: String = "", days: Int = 90) async throws -> View {
        let person = try req.auth.require(Person.self)
        let now = Instant.millis(req.docket.clock())
        let rows = try await ApiToken.query(on: req.db).filter(\.$person.$id == person.requireID()).sort(\.$createdAt, .descending).all().map { t in
            Page.Row(
                name: t.label, created: t.createdAt.map(Display.time) ?? "—",
                expires: t.expiresAt.map { Display.time(Instant.date(millis: $0)) } ?? "never (revoke it when it is no longer needed)",
                lastUsed: t.lastUsedAt.map { Display.time(Instant.date(millis: $0)) } ?? "never",
                revoke: SiteURL.revokeToken(t.id!), expired: (t.expiresAt ?? .max) <= now)
        }
        return try await req.page(
            "tokens",
            Page(
                chrome: Chrome(req, title: "API tokens"), tokens: rows,
                expiries: Self.expiries.map { .init(days: $0, selected: $0 == days) },
                created: created?.1, createdName: created?.0, error: error, name: name))
    }

    func create(req: Request) async throws -> Response {
        let person = try req.auth.require(Person.self)
        let form = try req.content.decode(NewToken.self)
        let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let days = form.days ?? 90
        var error: String?
        if name.isEmpty {
            error = "Give the token a name, such as the program or machine that will use it."
        } else if name.count > Self.nameLimit {
            error = "The name is \(name.count) characters long; the limit is \(Self.nameLimit)."
        } else if !Self.expiries.contains(days) {
            error = "Choose how long the token lasts: \(Self.expiries.map(String.init).joined(separator: ", ")) days."
        }
        if let error {
            return try await render(req, error: error, name: String(name.prefix(Self.nameLimit)), days: Self.expiries.contains(days) ? days : 90)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let now = req.docket.clock(), org = req.docket.config.organisationName
        let expires = Instant.millis(now.addingTimeInterval(TimeInterval(days) * 86_400))
        let token = TokenHash.newToken()
        try await req.db.transaction { tx in
            let row = ApiToken(personId: try person.requireID(), tokenHash: TokenHash.of(token), label: name)
            row.expiresAt = expires
            try await row.create(on: tx)
            try await AccountActs.record(
                .apiTokenCreated(.init(token: try row.requireID(), name: name, expiresAt: expires)),
                about: person, stream: person.requireID(), by: person.id, at: now, org: org,
                message:
                    "An API token named '\(name)' was made for your account with \(org). If it was not you, revoke it on your account's API tokens page and change your password.",
                auditors: false, on: tx)
        }
        return try await render(req, created: (name, token)).encodeResponse(status: .created, for: req)
    }

    /// Only one's own tokens: anyone else's is a 404, like a token that does not exist.
    func revoke(req: Request) async throws -> Response {
        let person = try req.auth.require(Person.self)
        guard let id = req.parameters.get("tokenID", as: UUID.self),
            let token = try await ApiToken.query(on: req.db).filter(\.$id == id).filter(\.$person.$id == person.requireID()).first()
        else { throw Abort(.notFound) }
        let now = req.docket.clock(), org = req.docket.config.organisationName
        try await req.db.transaction { tx in
            try await token.delete(on: tx)
            try await AccountActs.record(
                .apiTokenRevoked(.init(token: id, name: token.label, expiresAt: token.expiresAt)),
                about: person, stream: person.requireID(), by: person.id, at: now, org: org,
                message: "The API token named '\(token.label)' of your account with \(org) was revoked.", auditors: false, on: tx)
        }
        return req.back(to: SiteURL.apiTokens, "ok", "The token '\(token.label)' is revoked: it no longer works.")
    }
}
