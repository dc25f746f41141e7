import DocketCore
import Fluent
import Foundation
import SQLKit

/// Walks both chains from the first entry to the recorded head and names the first entry that
/// does not verify. Reads in pages through SQL so a log of millions of events stays in bounded memory.
public enum AuditVerifier {
    public struct Report: Sendable, Equatable {
        public var events: Int64
        public var accesses: Int64
        public var eventHead: String
        public var accessHead: String
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var chain: String
        public var seq: Int64
        public var detail: String
        public var description: String { "\(chain) \(seq)\(detail)" }
    }

    public static func verify(on db: any Database, pageSize: Int = 10_000,
                              progress: (@Sendable (String, Int64) -> Void)? = nil) async throws -> Report {
        let sql = db as! any SQLDatabase
        let events = try await walk(chain: "events", table: "events", on: sql, pageSize: pageSize, progress: progress) { row, seq in
            let caseId = try row.decode(column: "case_id", as: UUID.self)
            let kind = try row.decode(column: "kind", as: String.self)
            let fields = HashChain.eventFields(seq: seq, caseId: caseId, kind: kind,
                                               actorId: try row.decode(column: "actor_id", as: UUID?.self),
                                               occurredAt: Instant.date(millis: try row.decode(column: "occurred_at", as: Int64.self)),
                                               payload: try row.decode(column: "payload", as: String.self))
            return (fields, " (\(kind), case \(caseId.uuidString.lowercased()))")
        }
        let accesses = try await walk(chain: "access", table: "access_log", on: sql, pageSize: pageSize, progress: progress) { row, seq in
            let caseId = try row.decode(column: "case_id", as: UUID.self)
            let fields = HashChain.accessFields(seq: seq, caseId: caseId,
                                                actorId: try row.decode(column: "actor_id", as: UUID?.self),
                                                occurredAt: Instant.date(millis: try row.decode(column: "occurred_at", as: Int64.self)),
                                                purpose: try row.decode(column: "purpose", as: String.self))
            return (fields, " (read of case \(caseId.uuidString.lowercased()))")
        }
        return Report(events: events.verified, accesses: accesses.verified, eventHead: events.lastHash, accessHead: accesses.lastHash)
    }

    private static func walk(chain: String, table: String, on sql: any SQLDatabase, pageSize: Int,
                             progress: (@Sendable (String, Int64) -> Void)?,
                             fields: (any SQLRow, Int64) throws -> ([String], String)) async throws -> ChainVerifier {
        var verifier = ChainVerifier()
        var after: Int64 = 0
        while true {
            let rows = try await sql.select().column("*").from(table).where("seq", .greaterThan, after)
                .orderBy("seq").limit(pageSize).all()
            if rows.isEmpty { break }
            for row in rows {
                let seq = try row.decode(column: "seq", as: Int64.self)
                let (f, label) = try fields(row, seq)
                do {
                    try verifier.check(seq: seq, fields: f, prevHash: try row.decode(column: "prev_hash", as: String.self),
                                       hash: try row.decode(column: "hash", as: String.self))
                } catch let error as ChainVerifier.Failure {
                    throw Failure(chain: chain == "events" ? "event" : "access entry", seq: error.seq, detail: "\(label) does not verify: \(error.reason)")
                }
                after = seq
            }
            progress?(chain, verifier.verified)
        }
        let head = try await sql.select().columns("seq", "hash").from("chain_heads").where("chain", .equal, chain).first()
        let headSeq = try head?.decode(column: "seq", as: Int64.self) ?? 0
        let headHash = try head?.decode(column: "hash", as: String.self) ?? HashChain.genesis
        do { try verifier.checkHead(seq: headSeq, hash: headHash) } catch {
            throw Failure(chain: chain == "events" ? "event" : "access entry", seq: error.seq, detail: " does not verify: \(error.reason)")
        }
        return verifier
    }
}
