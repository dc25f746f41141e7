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
