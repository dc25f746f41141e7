import DocketCore
import DocketStore
import Foundation
import NIOCore
import SQLKit
import Synchronization
import Testing
import VaporTesting

@testable import DocketWeb

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ start: Date) { value = Mutex(start) }
    var now: Date { value.withLock { $0 } }
    func set(_ date: Date) { value.withLock { $0 = date } }
}

/// Where the tests keep their data: a temporary SQLite file each, or, when `DATABASE_URL` is set,
/// a fresh schema each in that PostgreSQL database — which must be on this machine.
enum TestDatabase {
    static func fresh() throws -> DocketConfig.DatabaseKind {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            let host = URLComponents(string: url)?.host ?? ""
            guard ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else {
                throw CommandFailure("the tests only run against a database on loopback; DATABASE_URL points at \(host)")
            }
            let owner = ProcessInfo.processInfo.environment["DATABASE_OWNER_URL"].flatMap { $0.isEmpty ? nil : $0 }
            return .postgres(url: url, schema: "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""), owner: owner)
        }
        return .sqlite(path: NSTemporaryDirectory() + "docket-test-\(UUID().uuidString).sqlite")
    }

    static func drop(_ kind: DocketConfig.DatabaseKind, app: Application) async {
        switch kind {
        case .sqlite(let path): try? FileManager.default.removeItem(atPath: path)
        case .postgres(_, let schema?, let owner):
            let db = owner == nil ? app.db : app.db(.owner)
            try? await (db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run()
        case .postgres: break
        }
    }
}

/// One application on its own database, with a pinned clock and reproducible draws.
struct TestApp {
    let app: Application
    let clock: TestClock
    let kind: DocketConfig.DatabaseKind

    /// Monday 2 March 2026, 10:00 UTC.
    static let start = WorkingCalendar().start(of: Day("2026-03-02")!).addingTimeInterval(10 * 3600)

    static func run(settings: (inout DocketConfig) -> Void = { _ in }, _ body: (TestApp) async throws -> Void) async throws {
        try await running(on: try TestDatabase.fresh(), keep: false, clock: start, settings: settings, body: body)
    }

    /// On a given database; `keep` leaves it in place afterwards (for a live server to use).
    static func run(
        on kind: DocketConfig.DatabaseKind, keep: Bool, clock start: Date = start,
        _ body: (TestApp) async throws -> Void
    ) async throws {
        try await running(on: kind, keep: keep, clock: start, settings: { _ in }, body: body)
    }

    private static func running(
        on kind: DocketConfig.DatabaseKind, keep: Bool, clock start: Date,
        settings: (inout DocketConfig) -> Void, body: (TestApp) async throws -> Void
    ) async throws {
        let clock = TestClock(start)
        let counter = Atomic<UInt64>(1)
        let app = try await Application.make(.testing)
        var config = DocketConfig(database: kind, organisationName: "Northfield Tenants' Union")
        settings(&config)
        do {
            try await configure(
                app,
                services: DocketServices(
                    config: config, clock: { clock.now }, seeds: { counter.add(1, ordering: .relaxed).newValue }))
            try await body(TestApp(app: app, clock: clock, kind: kind))
        } catch {
            if !keep { await TestDatabase.drop(kind, app: app) }
            try? await app.asyncShutdown()
            throw error
        }
        if !keep { await TestDatabase.drop(kind, app: app) }
        try await app.asyncShutdown()
    }

    var isPostgres: Bool { if case .postgres = kind { true } else { false } }
    /// Raw SQL as whoever holds the database: the owner of the tables when there is one (the
    /// tests' tampering needs it); `appSQL` is the role Docket itself connects as.
    var sql: any SQLDatabase { (kind.hasOwner ? app.db(.owner) : app.db) as! any SQLDatabase }
    var appSQL: any SQLDatabase { app.db as! any SQLDatabase }

    /// As whoever holds the database would: gives the last event `payload`, re-hashes it and sets
    /// the chain head to match, so the chain verifies on its own. The logs' guards must be off.
    func rewriteLastEvent(_ last: EventRecord, payload: String) async throws {
        let hash = HashChain.hash(
            previous: last.prevHash,
            fields: HashChain.eventFields(
                seq: last.id!, caseId: last.caseId, kind: last.kind, actorId: last.actorId,
                occurredAt: Instant.date(millis: last.occurredAt), payload: payload))
        try await sql.raw("UPDATE events SET payload = \(bind: payload), hash = \(bind: hash) WHERE seq = \(bind: last.id!)").run()
        try await sql.raw("UPDATE chain_heads SET hash = \(bind: hash) WHERE chain = 'events'").run()
    }

    /// Moves the clock on by working days, to 10:00 on that day.
    func advance(workingDays n: Int) {
        let cal = WorkingCalendar()
        clock.set(cal.start(of: cal.adding(workingDays: n, to: cal.day(of: clock.now))).addingTimeInterval(10 * 3600))
    }

    // People

    struct User {
        var person: Person
        var token: String
        var id: UUID { person.id! }
    }

    func user(_ name: String, _ roles: Set<Role>, official: Bool = false, number: String? = nil) async throws -> User {
        let p = Person(
            displayName: name, email: "\(name.lowercased().replacingOccurrences(of: " ", with: "."))@example.org",
            membershipNumber: number, isPublic: official, roles: roles)
        try await p.create(on: app.db)
        return User(person: p, token: try await TokenHash.issue(to: p.id!, label: "test", on: app.db))
    }

    func installRulebook() async throws {
        try await RulebookFile.store(DemoRulebook.versions, on: app.db)
    }

    /// A small organisation of 60 members with `cases` cases played through the real procedure
    /// up to now, as `docket demo` plays them.
    func simulate(cases: Int, seed: UInt64) async throws -> DemoOrganisation {
        var rng = SplitMix64(seed: seed)
        let org = try await DemoOrganisation.build(memberCount: 60, rng: &rng, on: app.db)
        var sim = DemoSimulation(org: org, store: try await app.docket.store(on: app.db), rng: rng, now: clock.now, on: app.db)
        try await sim.run(cases: cases) { _, _ in }
        return org
    }

    // HTTP

    struct Reply {
        var status: HTTPStatus
        var json: [String: Any]
        var array: [[String: Any]]
        var text: String
        var headers: HTTPHeaders
        subscript(key: String) -> Any? { json[key] }
        var message: String? { json["message"] as? String }
        var code: String? { json["error"] as? String }
    }

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, as user: User? = nil, json body: [String: Any]? = nil) async throws -> Reply {
        var headers = HTTPHeaders()
        if let user { headers.bearerAuthorization = .init(token: user.token) }
        var buffer: ByteBuffer?
        if let body {
            headers.contentType = .json
            buffer = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
        }
        let res = try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
        let text = res.body.string
        let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        return Reply(
            status: res.status, json: parsed as? [String: Any] ?? [:], array: parsed as? [[String: Any]] ?? [],
            text: text, headers: res.headers)
    }
}
