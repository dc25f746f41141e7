import Crypto
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
    /// Whether this process is `docket serve`: it then sends queued e-mail and reads the
    /// oversight projection into memory as it starts.
    public var serves = false
    /// This process's copy of the oversight projection.
    public let oversight = OversightCache()
    /// This process's transparency reports, by the position of the log they were computed at.
    public let reports = ReportCache()
    /// Copies of case files, brought up to date from the log on each load.
    public let caseFiles = CaseFileCache()
    /// Reads of case files, chained by group commit.
    public let accessLog = AccessLogWriter()
    /// Public pages as anonymous readers get them, by address and position of the log.
    public let publicPages = PublicPageCache()
    /// Where passwords are checked; started by `configure`, stopped with the application.
    var passwordGate: PasswordGate?
    /// Loaded at start from `DOCKET_SIGNING_KEY_FILE`; nil when none is configured.
    var signingKeyRaw: Data?
    var signingKey: Curve25519.Signing.PrivateKey? { signingKeyRaw.flatMap { try? Curve25519.Signing.PrivateKey(rawRepresentation: $0) } }
    var passwordRulesLoaded: PasswordRules?

    public init(
        config: DocketConfig, clock: @escaping @Sendable () -> Date = { Date() },
        seeds: @escaping @Sendable () -> UInt64 = { UInt64.random(in: .min ... .max) }
    ) {
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
            // The settings page adds local days to the region's and DOCKET_HOLIDAYS; it removes none.
            calendar.holidays.formUnion(saved.holidays)
        }
        return Procedure(rulebook: try await RulebookRecord.rulebook(on: db), calendar: calendar, policy: policy)
    }

    public func store(on db: any Database) async throws -> CaseStore {
        CaseStore(procedure: try await procedure(on: db), siteURL: config.publicURL, cache: caseFiles)
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

extension DocketServices {
    var passwords: PasswordGate {
        // `configure` sets both before any route is served.
        guard let g = passwordGate else { preconditionFailure("configure(_:services:) has not run") }
        return g
    }

    var passwordRules: PasswordRules { passwordRulesLoaded ?? PasswordRules(common: []) }

    var sessionRules: SessionRules {
        SessionRules(secure: config.publicURL.hasPrefix("https://"), idle: config.sessionIdle, lifetime: config.sessionLifetime)
    }
}

/// Stops the password threads with the application.
struct PasswordGateShutdown: LifecycleHandler {
    func shutdownAsync(_ app: Application) async { await app.docket.passwordGate?.shutdown() }
}

/// The two jobs that read millions of rows read the SQLite file directly, on a thread of their
/// own so the event loop never waits; on PostgreSQL they go through SQL.
extension DocketServices {
    public var sqlitePath: String? {
        if case .sqlite(let path) = config.database { path } else { nil }
    }

    /// Walks both chains and names the first entry that does not verify.
    /// From the start, or only the entries after `checkpoint`.
    public func verifyChains(
        on db: any Database, after checkpoint: AuditVerifier.Checkpoint = .start,
        progress: (@Sendable (String, Int64) -> Void)? = nil
    ) async throws -> AuditVerifier.Report {
        guard let path = sqlitePath else { return try await AuditVerifier.verify(on: db, after: checkpoint, progress: progress) }
        return try await NIOThreadPool.singleton.runIfActive { try AuditVerifier.verify(sqlite: path, after: checkpoint, progress: progress) }
    }

    /// Verifies both chains from the start and records the run, whatever its verdict, so the
    /// audit page can build on it. `progress` is told the entries verified so far.
    @discardableResult
    public func fullVerification(
        on db: any Database, startedBy: UUID?,
        progress: (@Sendable (String, Int64) -> Void)? = nil
    ) async throws -> (AuditRun, AuditVerifier.Report?) {
        // Runs are ordered by their start; a run always starts after the one before it.
        let previous = try await AuditRun.query(on: db).sort(\.$startedAt, .descending).first()?.startedAt ?? .min
        let run = AuditRun(startedBy: startedBy, at: max(Instant.millis(clock()), previous + 1))
        try await run.create(on: db)
        var report: AuditVerifier.Report?
        var couldNotRun: (any Error)?  // not a verdict on the record: passed on after the run is recorded
        do {
            let earlier = try await AuditRun.lastPassed(on: db)
            report = try await verifyChains(on: db) { chain, count in
                AuditProgress.shared.set(run.id!, "\(count) \(chain == "events" ? "events" : "access-log entries") verified so far")
                progress?(chain, count)
            }
            // The chain verifies on its own; the head the last passed run saw must still be on it.
            if let earlier, let checkpoint = earlier.checkpoint, let finished = earlier.finishedAt {
                try await AuditVerifier.stillHolds(checkpoint, verifiedAt: Display.time(Instant.date(millis: finished)), now: report!.through, on: db)
            }
            try await EvidenceCheck.verify(on: db)
            try await SealKeyCheck.verify(on: db)
            run.finish(.success(report!), at: Instant.millis(clock()))
        } catch {
            run.finish(.failure(error), at: Instant.millis(clock()))
            if !(error is AuditVerifier.Failure) { couldNotRun = error }
        }
        try await run.save(on: db)
        AuditProgress.shared.set(run.id!, nil)
        if let couldNotRun { throw couldNotRun }
        return (run, report)
    }

    /// The oversight projection for cases received between two days (inclusive), or all of
    /// them, in order of receipt: a slice of this process's copy, not a copy of it.
    public func oversightCases(on db: any Database, receivedFrom from: Day? = nil, to: Day? = nil) async throws -> OversightCases {
        try await oversightFigures(on: db, receivedFrom: from, to: to).cases
    }

    /// The same, with the columns the per-group figures are computed from (`cases.indices` are
    /// the columns' rows).
    public func oversightFigures(on db: any Database, receivedFrom from: Day? = nil, to: Day? = nil) async throws -> (
        cases: OversightCases, columns: OversightColumns
    ) {
        let (all, columns) = try await oversight.current(on: db, sqlite: sqlitePath)
        let start = from.map { config.calendar.start(of: $0) }, end = to.map { config.calendar.start(of: $0.adding(days: 1)) }
        let lower = start.map { start in all.partitioningIndex { $0.receivedAt >= start } } ?? 0
        let upper = end.map { end in all.partitioningIndex { $0.receivedAt >= end } } ?? all.count
        return (all[lower..<max(lower, upper)], columns)
    }
}

/// How far each running full verification in this process has got.
public final class AuditProgress: @unchecked Sendable {
    public static let shared = AuditProgress()
    private let lock = NSLock()
    private var state: [UUID: String] = [:]  // guarded by `lock`
    func set(_ run: UUID, _ text: String?) { lock.withLock { state[run] = text } }
    public func of(_ run: UUID) -> String? { lock.withLock { state[run] } }
}
