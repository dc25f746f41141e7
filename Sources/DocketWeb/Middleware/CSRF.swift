import Crypto
import Foundation
import Vapor

/// Every form carries the browser's token in `_csrf`; a state-changing request without it is
/// refused. Signed-in people's token lives in their session; an anonymous visitor's in a cookie
/// that the form repeats. Tokens are compared in constant time.
enum CSRF {
    static let field = "_csrf"

    static func matches(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

/// How large a request body a route accepts. Forms name their limit when they are registered
/// (`RoutesBuilder.form`); every other route takes the application's default.
enum BodyLimit {
    static let key = "docket.body-limit"

    static func of(_ req: Request) -> Int {
        (req.route?.userInfo[AnySendableHashable(key)] as? Int) ?? req.application.routes.defaultMaxBodySize.value
    }

    static func describe(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) MB" : "\(max(1, bytes / 1024)) KB"
    }
}

extension RoutesBuilder {
    /// A form that posts up to `maxSize`: the body is collected whole, within that size, before
    /// anything reads it (the CSRF check included).
    @discardableResult
    func form<R: AsyncResponseEncodable>(
        _ path: PathComponent..., maxSize: ByteCount,
        use closure: @Sendable @escaping (Request) async throws -> R
    ) -> Route {
        let route = on(.POST, path, body: .collect(maxSize: maxSize), use: closure)
        route.userInfo[AnySendableHashable(BodyLimit.key)] = maxSize.value
        return route
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    struct Field: Decodable { var _csrf: String? }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD else { return try await next.respond(to: request) }
        // The route collects its body only after the middleware has run. Read before that, a
        // streamed body is only its first buffer, and every form over a couple of kilobytes
        // lost its token. So collect it here, within the route's own limit.
        let limit = BodyLimit.of(request)
        let tooLarge = Abort(
            .payloadTooLarge,
            reason: "What you sent is larger than the \(BodyLimit.describe(limit)) this form accepts. Nothing was saved; send a smaller file or a shorter text."
        )
        if let data = request.body.data {
            if data.readableBytes > limit { throw tooLarge }  // a body that arrived whole is held to the same limit
        } else {
            do { _ = try await request.body.collect(max: limit).get() } catch let e as any AbortError where e.status == .payloadTooLarge {
                throw tooLarge
            }
        }
        let sent = (try? request.content.decode(Field.self))?._csrf ?? request.headers.first(name: "X-CSRF-Token")
        guard let sent, request.browser.accepts(sent) else {
            let why =
                request.browser.expired
                ? "Your session ended before this form was sent, so nothing was saved. Sign in again and send it once more."
                : "This form has expired or did not come from this site, so nothing was saved. Go back, reload the page and try again."
            throw Abort(.forbidden, reason: why)
        }
        return try await next.respond(to: request)
    }
}
