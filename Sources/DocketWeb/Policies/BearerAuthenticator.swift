import Crypto
import DocketCore
import DocketStore
import Fluent
import Vapor

/// The signed-in person for API calls: a bearer token, of which only the SHA-256 is stored.
struct BearerAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = TokenHash.of(bearer.token)
        let now = Instant.millis(request.docket.clock())
        guard let token = try await ApiToken.query(on: request.db).filter(\.$tokenHash == hash).with(\.$person).first(),
            token.person.isActive, (token.expiresAt ?? .max) > now
        else { return }
        // Last use, to the minute: one write a minute per token at most, not one per request.
        if (token.lastUsedAt ?? 0) < now - 60_000 {
            try await ApiToken.query(on: request.db).filter(\.$id == token.requireID()).set(\.$lastUsedAt, to: now).update()
        }
        request.auth.login(token.person)
    }
}

extension Person: Authenticatable {}

enum TokenHash {
    static func of(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// 32 random bytes, URL-safe base64: the token is shown once and never stored.
    static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether a cookie or link could hold a token of ours: 43 URL-safe base64 characters.
    static func looksLikeToken(_ s: String) -> Bool {
        s.utf8.count == 43
            && s.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
            }
    }

    /// Creates a token for a person and returns it in clear, once.
    static func issue(to person: UUID, label: String, on db: any Database) async throws -> String {
        let token = newToken()
        try await ApiToken(personId: person, tokenHash: of(token), label: label).create(on: db)
        return token
    }
}

extension Request {
    /// The signed-in person, or 401.
    func actor() throws -> (Person, Actor) {
        let person = try auth.require(Person.self)
        return (person, person.actor)
    }
}
