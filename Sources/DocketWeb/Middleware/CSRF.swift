import Crypto
import Foundation
import Vapor

/// A per-session token that every form carries in `_csrf`; a state-changing request without the
/// right one is refused. Tokens are compared in constant time.
enum CSRF {
    static let field = "_csrf"

    static func token(for req: Request) -> String {
        if let t = req.session.data["csrf"] { return t }
        let t = TokenHash.newToken()
        req.session.data["csrf"] = t
        return t
    }

    static func matches(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    struct Field: Decodable { var _csrf: String? }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.storage[WebRequest.self] = true
        if request.method != .GET, request.method != .HEAD {
            let sent = (try? request.content.decode(Field.self))?._csrf ?? request.headers.first(name: "X-CSRF-Token")
            guard let expected = request.session.data["csrf"], let sent, CSRF.matches(sent, expected) else {
                throw Abort(.forbidden, reason: "This form has expired or did not come from this site. Go back, reload the page and try again.")
            }
        }
        return try await next.respond(to: request)
    }
}

/// A one-line message carried to the next page: what happened, or why it was refused.
struct Flash: Codable {
    var kind: String
    var text: String

    static func set(_ req: Request, _ kind: String, _ text: String) {
        req.session.data["flash"] = String(decoding: try! JSONEncoder().encode(Flash(kind: kind, text: text)), as: UTF8.self)
    }

    static func take(_ req: Request) -> Flash? {
        guard let raw = req.session.data["flash"] else { return nil }
        req.session.data["flash"] = nil
        return try? JSONDecoder().decode(Flash.self, from: Data(raw.utf8))
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
