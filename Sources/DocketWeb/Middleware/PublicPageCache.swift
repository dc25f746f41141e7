import Crypto
import DocketCore
import DocketStore
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Public pages (transparency reports, published documents, statements) as an anonymous reader
/// gets them, computed once per position of the event log and day, and served with an `ETag`:
/// a repeat request with `If-None-Match` answers 304 with no body.
///
/// Everything such a page shows is on the record (publications, statements, comments and their
/// moderation are events) or depends on the day, so a page computed at one position and day is
/// the page at that position and day. Signed-in readers, and any answer that sets a cookie or
/// carries a form token, are never cached: nothing personal is kept or shared.
public final class PublicPageCache: Sendable {
    struct Entry: Sendable {
        var position: Int64; var day: Day; var body: ByteBuffer; var headers: HTTPHeaders; var etag: String
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let counts = NIOLockedValueBox<(hits: Int, misses: Int)>((0, 0))
    static let capacity = 512

    public init() {}

    /// Pages answered from the cache, and pages computed: for the tests and the benchmark.
    public var hits: Int { counts.withLockedValue { $0.hits } }
    public var misses: Int { counts.withLockedValue { $0.misses } }

    func entry(_ key: String, position: Int64, day: Day) -> Entry? {
        let found = entries.withLockedValue { e in e[key].flatMap { $0.position == position && $0.day == day ? $0 : nil } }
        counts.withLockedValue { if found == nil { $0.misses += 1 } else { $0.hits += 1 } }
        return found
    }

    func keep(_ key: String, _ entry: Entry) {
        entries.withLockedValue { e in
            // Pages of an earlier position are stale for good; drop them before the cache fills.
            if e.count >= Self.capacity { e = e.filter { $0.value.position >= entry.position } }
            if e.count >= Self.capacity { e.removeAll() }
            e[key] = entry
        }
    }
}

struct PublicPageMiddleware: AsyncMiddleware {
    static let cacheControl = "public, no-cache"
    /// The pages carry a checkpoint signed over the access log's head too (the transparency
    /// reports, when Docket has a signing key): they are kept per position of both logs.
    var followsAccessLog = false

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.method == .GET, !req.browser.isSignedIn, req.browser.flash == nil else { return try await next.respond(to: req) }
        let cache = req.docket.publicPages
        let position = try await EventLog.position(on: req.db)
        let day = Display.calendar.day(of: req.docket.clock())
        var key = req.url.string
        if followsAccessLog, req.docket.signingKeyRaw != nil { key += " @access \(try await AccessLog.position(on: req.db))" }
        if let hit = cache.entry(key, position: position, day: day) { return Self.answer(hit, to: req) }
        let res = try await next.respond(to: req)
        guard res.status == .ok, !res.headers.contains(name: .setCookie), let body = res.body.buffer else { return res }
        // A page with a form carries this browser's token: it is this reader's alone.
        if body.readableBytesView.firstRange(of: Array("name=\"_csrf\" value=\"".utf8)) != nil {
            let text = String(buffer: body)
            if text.range(of: #"name="_csrf" value="[^"]"#, options: .regularExpression) != nil { return res }
        }
        let digest = SHA256.hash(data: Data(body.readableBytesView)).prefix(12).map { String(format: "%02x", $0) }.joined()
        // Every header the page was answered with (its type, a download's file name), but the
        // ones that belong to one answer.
        var kept = res.headers
        for name in [HTTPHeaders.Name.date, .contentLength, .setCookie] { kept.remove(name: name) }
        let entry = PublicPageCache.Entry(position: position, day: day, body: body, headers: kept, etag: "\"\(position)-\(digest)\"")
        cache.keep(key, entry)
        return Self.answer(entry, to: req)
    }

    static func answer(_ entry: PublicPageCache.Entry, to req: Request) -> Response {
        var h = entry.headers
        h.replaceOrAdd(name: .eTag, value: entry.etag)
        h.replaceOrAdd(name: .cacheControl, value: cacheControl)
        h.replaceOrAdd(name: .vary, value: "Cookie")
        let sent = req.headers[.ifNoneMatch].flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if sent.contains(entry.etag) || sent.contains("*") {
            h.remove(name: .contentType)
            h.remove(name: .contentLength)
            return Response(status: .notModified, headers: h)
        }
        return Response(status: .ok, headers: h, body: .init(buffer: entry.body))
    }
}
