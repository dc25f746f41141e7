import DocketCore
import DocketStore
import Fluent
import Vapor

/// The oversight projection, held in memory by each process and brought up to date before every
/// use by reading only the rows written since the last look (`CaseFacts.writtenSeq`). With a
/// million cases, reading them all takes a second or two; reading what changed takes
/// milliseconds. Several instances each keep their own copy, and each copy is as current as the
/// database when it is used. A rebuild of the projection changes its generation, and the copy
/// starts again.
public actor OversightCache {
    private var cases: [OversightCase] = []
    private var index: [CaseID: Int] = [:]
    private var through: Int64 = 0
    private var generation: String?
    private var refreshing: Task<Void, any Error>?

    public init() {}

    /// Every case's oversight row, current as of this call.
    public func current(on db: any Database, sqlite path: String?) async throws -> [OversightCase] {
        // One refresh at a time; a caller that arrives during one waits for it, then refreshes
        // again for anything written meanwhile.
        while let running = refreshing { try await running.value; if refreshing == running { refreshing = nil } }
        let task = Task { try await refresh(on: db, sqlite: path) }
        refreshing = task
        defer { refreshing = nil }
        try await task.value
        return cases
    }

    private func refresh(on db: any Database, sqlite path: String?) async throws {
        let generation = try await Setting.find(CaseFacts.generationKey, on: db)?.value
        if generation != self.generation {
            cases = []; index = [:]; through = 0
            self.generation = generation
        }
        let after = through
        let batch: OversightFacts.Batch
        if let path {
            batch = try await NIOThreadPool.singleton.runIfActive { try OversightFacts.read(sqlite: path, after: after) }
        } else {
            batch = try await OversightFacts.written(after: after, on: db, sqlite: nil)
        }
        if cases.isEmpty { cases.reserveCapacity(batch.cases.count) }
        for c in batch.cases {
            if let i = index[c.id] { cases[i] = c } else { index[c.id] = cases.count; cases.append(c) }
        }
        through = max(through, batch.through)
    }
}
