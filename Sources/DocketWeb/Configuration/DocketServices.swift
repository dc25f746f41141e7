import DocketCore
import DocketStore
import Fluent
import Vapor

/// What the application injects: configuration, the clock and the source of draw seeds, so that
/// tests can pin time and reproduce draws.
public struct DocketServices: Sendable {
    public var config: DocketConfig
    public var clock: @Sendable () -> Date
    public var seeds: @Sendable () -> UInt64
    /// Whether this process sends queued e-mail (only `docket serve` does).
    public var deliversMail = false

    public init(config: DocketConfig, clock: @escaping @Sendable () -> Date = { Date() },
                seeds: @escaping @Sendable () -> UInt64 = { UInt64.random(in: .min ... .max) }) {
        self.config = config
        self.clock = clock
        self.seeds = seeds
    }

    /// The procedure as it stands now: the rulebook is read from the database each time, so every
    /// instance sees a newly imported version at once.
    public func procedure(on db: any Database) async throws -> Procedure {
        var calendar = config.calendar
        var policy = config.policy
        if let saved = try await ProcedureSettings.load(on: db) {
            policy = saved.policy
            calendar.holidays = Set(saved.holidays)
        }
        return Procedure(rulebook: try await RulebookRecord.rulebook(on: db), calendar: calendar, policy: policy)
    }

    public func store(on db: any Database) async throws -> CaseStore {
        CaseStore(procedure: try await procedure(on: db))
    }
}

extension Application {
    private struct Key: StorageKey { typealias Value = DocketServices }

    public var docket: DocketServices {
        get {
            guard let s = storage[Key.self] else { fatalError("configure(_:services:) has not run") }
            return s
        }
        set { storage[Key.self] = newValue }
    }
}

extension Request {
    public var docket: DocketServices { application.docket }
}

/// The two jobs that read millions of rows read the SQLite file directly, on a thread of their
/// own so the event loop never waits; on PostgreSQL they go through SQL.
extension DocketServices {
    public var sqlitePath: String? {
        if case .sqlite(let path) = config.database { path } else { nil }
    }

    /// Walks both chains and names the first entry that does not verify.
    public func verifyChains(on db: any Database, progress: (@Sendable (String, Int64) -> Void)? = nil) async throws -> AuditVerifier.Report {
        guard let path = sqlitePath else { return try await AuditVerifier.verify(on: db, progress: progress) }
        return try await NIOThreadPool.singleton.runIfActive { try AuditVerifier.verify(sqlite: path, progress: progress) }
    }

    /// The oversight projection for cases received between two days (inclusive), or all of them.
    public func oversightCases(on db: any Database, receivedFrom from: Day? = nil, to: Day? = nil) async throws -> [OversightCase] {
        let calendar = config.calendar
        let start = from.map { Instant.millis(calendar.start(of: $0)) }
        let end = to.map { Instant.millis(calendar.start(of: $0.adding(days: 1))) - 1 }
        guard let path = sqlitePath else { return try await OversightFacts.load(on: db, sqlite: nil, receivedFrom: start, to: end) }
        return try await NIOThreadPool.singleton.runIfActive { try OversightFacts.read(sqlite: path, receivedFrom: start, to: end) }
    }
}
