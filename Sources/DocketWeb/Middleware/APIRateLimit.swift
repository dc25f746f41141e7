import Foundation
import Synchronization
import Vapor

/// At most `DOCKET_API_REQUESTS_PER_MINUTE` API requests a minute from one token, or from one
/// address when no token is sent: a leaked token cannot copy out every case it can see at full
/// speed, and guessing tokens costs a database look-up at a bounded rate. Excess gets 429 with
/// `Retry-After`. Counted in memory, per process, in one-minute windows.
final class APIRateLimit: AsyncMiddleware, Sendable {
    private struct Window { var start: Date; var counts: [String: Int] }
    private let window = Mutex(Window(start: .distantPast, counts: [:]))

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = request.docket.config.apiRequestsPerMinute
        let key = request.headers.bearerAuthorization.map { "token:" + TokenHash.of($0.token) } ?? "address:\(request.clientAddress)"
        let now = request.docket.clock()
        let wait: Int? = window.withLock { w in
            if now.timeIntervalSince(w.start) >= 60 || now < w.start { w = Window(start: now, counts: [:]) }
            let n = w.counts[key, default: 0]
            guard n < limit else { return max(1, Int((60 - now.timeIntervalSince(w.start)).rounded(.up))) }
            w.counts[key] = n + 1
            return nil
        }
        if let wait {
            throw Abort(
                .tooManyRequests, headers: ["Retry-After": String(wait)],
                reason: "More than \(limit) API requests in a minute. Wait \(wait) second\(wait == 1 ? "" : "s") and try again.")
        }
        return try await next.respond(to: request)
    }
}
