import DocketCore
import Fluent
import Foundation

/// Every read of a case file is recorded, chained like the events, so that "who looked at this?"
/// always has an answer.
public enum AccessLog {
    /// One read, as it is put on the chain.
    public struct Read: Sendable {
        public var caseId: CaseID; public var actorId: PersonID?; public var purpose: String; public var at: Date
        public init(caseId: CaseID, actorId: PersonID?, purpose: String, at: Date) {
            self.caseId = caseId; self.actorId = actorId; self.purpose = purpose; self.at = at
        }
    }

    public static func record(caseId: CaseID, actorId: PersonID?, purpose: String, at now: Date, on db: any Database) async throws {
        try await record([Read(caseId: caseId, actorId: actorId, purpose: purpose, at: now)], on: db)
    }

    /// Chains the reads in order, in one transaction: one commit for all of them.
    public static func record(_ reads: [Read], on db: any Database) async throws {
        guard !reads.isEmpty else { return }
        try await db.transaction { tx in
            try await Chain.lock("access", on: tx)
            var head = try await Chain.head("access", on: tx)
            var rows: [AccessRecord] = []
            for read in reads {
                let at = Instant.truncate(read.at)
                let seq = head.seq + 1
                let fields = HashChain.accessFields(seq: seq, caseId: read.caseId, actorId: read.actorId, occurredAt: at, purpose: read.purpose)
                let row = AccessRecord()
                row.id = seq; row.caseId = read.caseId; row.actorId = read.actorId; row.occurredAt = Instant.millis(at); row.purpose = read.purpose
                row.prevHash = head.hash
                row.hash = HashChain.hash(previous: head.hash, fields: fields)
                rows.append(row)
                head = (seq, row.hash)
            }
            try await rows.create(on: tx)
            try await Chain.setHead("access", seq: head.seq, hash: head.hash, on: tx)
        }
    }

    /// The position of the access log: the sequence number of its last entry.
    public static func position(on db: any Database) async throws -> Int64 {
        try await Chain.head("access", on: db).seq
    }

    public static func entries(forCase caseId: CaseID, on db: any Database) async throws -> [AccessRecord] {
        try await AccessRecord.query(on: db).filter(\.$caseId == caseId).sort(\.$id).all()
    }
}

/// Group commit for the access log. Reads that arrive while an entry is being written wait,
/// and are chained together in the next transaction: one commit, and one turn of the chain
/// lock, for all of them. Nobody is answered before their own entry is durable; if the
/// transaction fails, every read in it fails, and no page is shown without its entry.
public actor AccessLogWriter {
    private var waiting: [(AccessLog.Read, CheckedContinuation<Void, any Error>)] = []
    private var writing = false
    /// Transactions written, and reads in them: for the benchmark and the tests.
    public private(set) var batches = 0
    public private(set) var reads = 0

    public init() {}

    static let largestBatch = 500

    public func record(_ read: AccessLog.Read, on db: any Database) async throws {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            waiting.append((read, c))
            if !writing {
                writing = true
                Task { await self.drain(db) }
            }
        }
    }

    private func drain(_ db: any Database) async {
        while !waiting.isEmpty {
            // At most a few hundred to a transaction: each row binds seven values, and a
            // database takes only so many in one statement.
            let batch = Array(waiting.prefix(Self.largestBatch))
            waiting.removeFirst(batch.count)
            do {
                try await AccessLog.record(batch.map(\.0), on: db)
                batches += 1
                reads += batch.count
                for (_, c) in batch { c.resume() }
            } catch {
                for (_, c) in batch { c.resume(throwing: error) }
            }
        }
        writing = false
    }
}
