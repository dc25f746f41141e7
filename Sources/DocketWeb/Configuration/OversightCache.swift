import DocketCore
import DocketStore
import Fluent
import Vapor

/// The oversight projection, held in memory by each process and brought up to date before every
/// use by reading only the rows written since the last look (`CaseFacts.writtenSeq`). With a
/// million cases, reading them all takes a second or two; reading what changed takes
/// milliseconds. Several instances each keep their own copy, and each copy is as current as the
/// database when it is used. A rebuild of the projection changes its generation, and the copy
/// starts again. The merging itself is `OversightSnapshot`'s, which gives the same result for any
/// order in which concurrent filings commit.
public actor OversightCache {
    private var snapshot = OversightSnapshot()
    private var through: Int64 = 0
    private var generation: String?
    private var refreshing: Task<Void, any Error>?

    public init() {}

    /// Every case's oversight row, current as of this call, in order of receipt, and the same as columns.
    public func current(on db: any Database, sqlite path: String?) async throws -> ([OversightCase], OversightColumns) {
        // One refresh at a time; a caller that arrives during one waits for it, then refreshes
        // again for anything written meanwhile.
        while let running = refreshing { try await running.value; if refreshing == running { refreshing = nil } }
        let task = Task { try await refresh(on: db, sqlite: path) }
        refreshing = task
        defer { refreshing = nil }
        try await task.value
        return (snapshot.cases, snapshot.columns)
    }

    private func refresh(on db: any Database, sqlite path: String?) async throws {
        let generation = try await Setting.find(CaseFacts.generationKey, on: db)?.value
        if generation != self.generation {
            snapshot = OversightSnapshot(); through = 0
            self.generation = generation
        }
        let after = through
        let batch: OversightFacts.Batch
        if let path {
            batch = try await NIOThreadPool.singleton.runIfActive { try OversightFacts.read(sqlite: path, after: after) }
        } else {
            batch = try await OversightFacts.written(after: after, on: db)
        }
        snapshot.merge(batch.cases)
        through = max(through, batch.through)
    }
}

/// Under `docket serve`, reads the oversight projection into memory as the server starts, so
/// the first oversight page does not wait for it (a few seconds at a million cases).
final class OversightWarmUp: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        let services = app.docket, db = app.db, logger = app.logger
        task = Task {
            do { _ = try await services.oversightCases(on: db) } catch {
                logger.warning("could not read the oversight projection ahead of time: \(error); the first oversight page will")
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        _ = await task?.value
    }
}
