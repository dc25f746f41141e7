import DocketCore
import DocketStore
import Fluent
import Vapor

/// What one request knows of the browser that sent it: the signed-in session, if there is one,
/// and the cookies that carry an anonymous visitor's form token and one-line message.
///
/// Only signed-in people have a row in `web_sessions`. An anonymous reader of a public page
/// causes no write at all: their forms are protected by a token kept in a cookie and repeated in
/// the form (the "double-submit" pattern), which needs nothing stored on the server.
final class BrowserSession: @unchecked Sendable {
    // Each request has its own, used by one task at a time.
    fileprivate(set) var record: WebSession?
    /// The session ran out (idle too long, or too old) before this request.
    fileprivate(set) var expired = false
    fileprivate var newToken: String?
    fileprivate var ended = false
    fileprivate var dirty = false
    fileprivate var anonymousToken: String?
    fileprivate var issueAnonymousToken = false
    fileprivate var anonymousFlash: Flash?
    fileprivate var clearAnonymousFlash = false
    fileprivate var setAnonymousFlash: Flash?

    var isSignedIn: Bool { record != nil }

    /// The token this browser's forms carry: the session's, or the anonymous cookie's.
    var csrfToken: String {
        if let record { return record.csrf }
        if let anonymousToken { return anonymousToken }
        let t = TokenHash.newToken()
        anonymousToken = t
        issueAnonymousToken = true
        return t
    }

    /// Whether a form's token is one this browser was given. Constant time.
    func accepts(_ sent: String) -> Bool {
        var ok = false
        if let record, CSRF.matches(sent, record.csrf) { ok = true }
        if let anonymousToken, !issueAnonymousToken, CSRF.matches(sent, anonymousToken) { ok = true }
        return ok
    }

    var flash: Flash? {
        get {
            if let record { return record.flash.flatMap { try? JSONDecoder().decode(Flash.self, from: Data($0.utf8)) } }
            return setAnonymousFlash ?? anonymousFlash
        }
        set {
            if let record {
                record.flash = newValue.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
                dirty = true
            } else {
                setAnonymousFlash = newValue
                if newValue == nil { clearAnonymousFlash = true }
            }
        }
    }

    /// Signs a person in with a new session, ending the one this browser had: the id is never
    /// the one that was used before sign-in (session fixation), nor after a change of privilege.
    func signIn(_ person: Person, on req: Request) async throws {
        let now = req.docket.clock()
        if let old = record { try await old.delete(on: req.db) }
        let token = TokenHash.newToken()
        let row = WebSession(tokenHash: TokenHash.of(token), personId: try person.requireID(), csrf: TokenHash.newToken(), at: now)
        if let carried = flash { row.flash = try? String(decoding: JSONEncoder().encode(carried), as: UTF8.self) }
        try await row.create(on: req.db)
        record = row
        newToken = token
        ended = false
        req.auth.login(person)
    }

    /// Gives the signed-in person a new session id and form token, keeping them signed in.
    func rotate(on req: Request) async throws {
        guard let person = req.auth.get(Person.self) else { return }
        try await signIn(person, on: req)
    }

    func signOut(on req: Request) async throws {
        if let record { try await record.delete(on: req.db) }
        record = nil
        ended = true
        req.auth.logout(Person.self)
    }
}

/// How sessions are named and how long they last, from the configuration.
struct SessionRules: Sendable {
    var secure: Bool
    var idle: TimeInterval
    var lifetime: TimeInterval
    /// A session's last-seen time is written at most this often, so that reading pages does not
    /// write to the database on every request.
    var touchEvery: TimeInterval = 60

    /// `__Host-` cookies are refused by browsers unless Secure, on /, without a domain: another
    /// site on a sibling domain cannot plant one.
    func name(_ base: String) -> String { secure ? "__Host-\(base)" : base }

    func cookie(_ value: String, maxAge: Int? = nil, path: String = "/", sameSite: HTTPCookies.SameSitePolicy = .lax) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, expires: nil, maxAge: maxAge, domain: nil, path: path,
            isSecure: secure, isHTTPOnly: true, sameSite: sameSite)
    }

    static let session = "docket_session", csrf = "docket_csrf", flash = "docket_flash"
}

extension Request {
    var browser: BrowserSession {
        if let s = storage[BrowserSessionKey.self] { return s }
        // Pages outside the web stack (the API, /health) have no browser session.
        let s = BrowserSession()
        storage[BrowserSessionKey.self] = s
        return s
    }
}

private struct BrowserSessionKey: StorageKey { typealias Value = BrowserSession }

/// Loads the signed-in session from its cookie, ends it when it has run out, and writes back
/// only what changed. Errors are drawn here, inside the session, so that an error page still
/// carries the browser's form token and message.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let rules = req.docket.sessionRules
        let state = BrowserSession()
        req.storage[BrowserSessionKey.self] = state
        req.storage[WebRequest.self] = true
        let now = req.docket.clock()
        let ms = Instant.millis(now)
        if let token = req.cookies[rules.name(SessionRules.session)]?.string, TokenHash.looksLikeToken(token),
            let row = try await WebSession.find(TokenHash.of(token), on: req.db)
        {
            let idle = Double(ms - row.lastSeenAt) / 1000, age = Double(ms - row.createdAt) / 1000
            if idle > rules.idle || age > rules.lifetime {
                try await row.delete(on: req.db)
                state.expired = true
            } else if let person = try await Person.find(row.personId, on: req.db), person.canSignIn {
                state.record = row
                req.auth.login(person)
            } else {
                try await row.delete(on: req.db)
            }
        }
        if let t = req.cookies[rules.name(SessionRules.csrf)]?.string, TokenHash.looksLikeToken(t) { state.anonymousToken = t }
        if let f = req.cookies[rules.name(SessionRules.flash)]?.string, let data = Data(base64Encoded: f) {
            state.anonymousFlash = try? JSONDecoder().decode(Flash.self, from: data)
        }

        let response: Response
        do { response = try await next.respond(to: req) } catch { response = await DocketErrorMiddleware.response(for: error, to: req) }

        if let token = state.newToken {
            response.cookies[rules.name(SessionRules.session)] = rules.cookie(token)
        } else if state.ended {
            response.cookies[rules.name(SessionRules.session)] = rules.cookie("", maxAge: 0)
        } else if state.expired {
            response.cookies[rules.name(SessionRules.session)] = rules.cookie("", maxAge: 0)
        }
        if let record = state.record, state.newToken == nil, !state.ended {
            if state.dirty || Double(ms - record.lastSeenAt) / 1000 >= rules.touchEvery {
                record.lastSeenAt = ms
                try await record.save(on: req.db)
            }
        }
        if state.issueAnonymousToken, let t = state.anonymousToken {
            response.cookies[rules.name(SessionRules.csrf)] = rules.cookie(t)
        }
        if state.record == nil {
            if let f = state.setAnonymousFlash, let data = try? JSONEncoder().encode(f) {
                response.cookies[rules.name(SessionRules.flash)] = rules.cookie(data.base64EncodedString(), maxAge: 120)
            } else if state.clearAnonymousFlash {
                response.cookies[rules.name(SessionRules.flash)] = rules.cookie("", maxAge: 0)
            }
        }
        return response
    }
}

/// A one-line message carried to the next page: what happened, or why it was refused.
struct Flash: Codable {
    var kind: String
    var text: String

    static func set(_ req: Request, _ kind: String, _ text: String) {
        req.browser.flash = Flash(kind: kind, text: text)
    }

    static func take(_ req: Request) -> Flash? {
        guard let f = req.browser.flash else { return nil }
        req.browser.flash = nil
        return f
    }
}

/// Marks a request that went through the web stack (sessions, CSRF), so pages, including error
/// pages, know they may use the session.
enum WebRequest: StorageKey {
    typealias Value = Bool
}

extension Request {
    var isWebRequest: Bool { storage[WebRequest.self] ?? false }
}
