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
    /// In order of receipt, so that a period is a slice, found by binary search.
    private var cases: [OversightCase] = []
    /// The same cases at the same positions, as numbers, for the per-group figures.
    private var columns = OversightColumns()
    private var index: [CaseID: Int] = [:]
    private var through: Int64 = 0
    private var generation: String?
    private var refreshing: Task<Void, any Error>?

    public init() {}

    static func received(_ a: OversightCase, _ b: OversightCase) -> Bool { a.receivedAt < b.receivedAt }

    /// Every case's oversight row, current as of this call, in order of receipt, and the same as columns.
    public func current(on db: any Database, sqlite path: String?) async throws -> ([OversightCase], OversightColumns) {
        // One refresh at a time; a caller that arrives during one waits for it, then refreshes
        // again for anything written meanwhile.
        while let running = refreshing { try await running.value; if refreshing == running { refreshing = nil } }
        let task = Task { try await refresh(on: db, sqlite: path) }
        refreshing = task
        defer { refreshing = nil }
        try await task.value
        return (cases, columns)
    }

    private func refresh(on db: any Database, sqlite path: String?) async throws {
        let generation = try await Setting.find(CaseFacts.generationKey, on: db)?.value
        if generation != self.generation {
            cases = []; columns = OversightColumns(); index = [:]; through = 0
            self.generation = generation
        }
        let after = through
        let batch: OversightFacts.Batch
        if let path {
            batch = try await NIOThreadPool.singleton.runIfActive { try OversightFacts.read(sqlite: path, after: after) }
        } else {
            batch = try await OversightFacts.written(after: after, on: db)
        }
        var rebuild = cases.isEmpty
        if cases.isEmpty {
            cases = batch.cases.sorted(by: Self.received)
        } else {
            for c in batch.cases {
                if let i = index[c.id] {
                    cases[i] = c; columns.set(c, at: i)  // receipt never changes, so the order holds
                } else if let last = cases.last, !Self.received(c, last) {
                    index[c.id] = cases.count; columns.set(c, at: cases.count); cases.append(c)  // the usual case: a new complaint
                } else {
                    cases.insert(c, at: cases.partitioningIndex { Self.received(c, $0) }); rebuild = true
                }
            }
        }
        if rebuild {
            index = Dictionary(uniqueKeysWithValues: cases.indices.map { (cases[$0].id, $0) })
            columns = OversightColumns(cases)
        }
        through = max(through, batch.through)
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for a predicate that is false and then
    /// true along the array (binary search).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
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
