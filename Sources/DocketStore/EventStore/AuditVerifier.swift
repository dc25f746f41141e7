import DocketCore
import Fluent
import Foundation
import SQLKit

/// Walks both chains from the first entry to the recorded head and names the first entry that
/// does not verify. Reads in pages through SQL so a log of millions of events stays in bounded memory.
public enum AuditVerifier {
    public struct Report: Sendable, Equatable {
        /// How many entries this run checked (after the checkpoint, if it started from one).
        public var events: Int64
        public var accesses: Int64
        public var eventHead: String
        public var accessHead: String
        /// Where each chain ends: a later run may start from here.
        public var through: Checkpoint
    }

    /// The last entry of each chain already verified.
    public struct Checkpoint: Sendable, Equatable {
        public var eventSeq: Int64
        public var eventHash: String
        public var accessSeq: Int64
        public var accessHash: String
        public init(eventSeq: Int64, eventHash: String, accessSeq: Int64, accessHash: String) {
            self.eventSeq = eventSeq; self.eventHash = eventHash; self.accessSeq = accessSeq; self.accessHash = accessHash
        }
        public static let start = Checkpoint(eventSeq: 0, eventHash: HashChain.genesis, accessSeq: 0, accessHash: HashChain.genesis)
    }

    /// That a head verified before, `earlier`, is still on the chains now verified up to `now`:
    /// the logs never shrink, and the entry at each earlier head still has the hash it had. A
    /// database-only attacker who truncates the tail, or rewrites it from some point and re-hashes
    /// everything after, leaves a chain that verifies on its own; this is what catches them.
    public static func stillHolds(_ earlier: Checkpoint, verifiedAt when: String, now: Checkpoint, on db: any Database) async throws {
        for (chain, seq, hash, nowSeq) in [
            ("event", earlier.eventSeq, earlier.eventHash, now.eventSeq),
            ("access entry", earlier.accessSeq, earlier.accessHash, now.accessSeq),
        ] where seq > 0 {
            guard nowSeq >= seq else {
                throw Failure(
                    chain: chain, seq: seq,
                    detail: ": the log now ends at \(nowSeq), but it reached \(seq) when it was verified on \(when); entries were removed from its end")
            }
            let stored = chain == "event" ? try await EventRecord.find(seq, on: db)?.hash : try await AccessRecord.find(seq, on: db)?.hash
            guard stored == hash else {
                throw Failure(
                    chain: chain, seq: seq,
                    detail: ": its hash is not the one verified on \(when); the log was rewritten from this entry or before it, and re-hashed")
            }
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var chain: String
        public var seq: Int64
        public var detail: String
        public var description: String { seq == 0 ? chain + detail : "\(chain) \(seq)\(detail)" }

        public init(chain: String, seq: Int64, detail: String) { self.chain = chain; self.seq = seq; self.detail = detail }

        /// `label` says which entry, e.g. " (decision_issued, case …)"; empty for the head.
        init(_ chain: String, _ failure: ChainVerifier.Failure, at label: String = "") {
            self.chain = chain == "events" ? "event" : "access entry"
            seq = failure.seq
            detail = "\(label) does not verify: \(failure.reason)"
        }
    }

    /// Verifies an SQLite database by reading its file directly: the same checks as the SQL walk
    /// below, over the stored bytes, without decoding rows into values. Several million events a
    /// second on one core (docs/benchmarks.md).
    public static func verify(sqlite path: String, after start: Checkpoint = .start, progress: (@Sendable (String, Int64) -> Void)? = nil) throws -> Report {
        let file = try SQLiteFile(path: path)
        return try file.reading {
            let events = try walk(
                chain: "events", on: file, progress: progress, from: ChainVerifier(after: start.eventSeq, hash: start.eventHash),
                sql: "SELECT seq, prev_hash, hash, case_id, kind, actor_id, occurred_at, payload FROM events WHERE seq > \(start.eventSeq) ORDER BY seq",
                tag: "event/v1", fields: [.uuid(3), .text(4), .uuid(5), .int(6), .text(7)]
            ) { row in
                " (\(row.string(4)), case \(row.uuid(3)?.uuidString.lowercased() ?? "?"))"
            }
            let accesses = try walk(
                chain: "access", on: file, progress: progress, from: ChainVerifier(after: start.accessSeq, hash: start.accessHash),
                sql: "SELECT seq, prev_hash, hash, case_id, actor_id, occurred_at, purpose FROM access_log WHERE seq > \(start.accessSeq) ORDER BY seq",
                tag: "access/v1", fields: [.uuid(3), .uuid(4), .int(5), .text(6)]
            ) { row in
                " (read of case \(row.uuid(3)?.uuidString.lowercased() ?? "?"))"
            }
            return report(events, accesses, from: start)
        }
    }

    static func report(_ events: ChainVerifier, _ accesses: ChainVerifier, from start: Checkpoint) -> Report {
        Report(
            events: events.verified, accesses: accesses.verified, eventHead: events.lastHash, accessHead: accesses.lastHash,
            through: Checkpoint(
                eventSeq: start.eventSeq + events.verified, eventHash: events.lastHash,
                accessSeq: start.accessSeq + accesses.verified, accessHash: accesses.lastHash))
    }

    /// How a stored column becomes a hashed field.
    enum Column { case text(Int32), uuid(Int32), int(Int32) }

    private static func walk(
        chain: String, on file: SQLiteFile, progress: (@Sendable (String, Int64) -> Void)?,
        from start: ChainVerifier, sql: String, tag: String, fields: [Column],
        label: (SQLiteFile.Statement) -> String
    ) throws -> ChainVerifier {
        let rows = try file.prepare(sql)
        var verifier = start
        var canonical: [UInt8] = []
        canonical.reserveCapacity(8192)
        let tagBytes = Array(tag.utf8)
        while try rows.step() {
            let seq = rows.int64(0)
            canonical.removeAll(keepingCapacity: true)
            HashChain.appendField(tagBytes, to: &canonical)
            HashChain.appendDecimalField(seq, to: &canonical)
            for column in fields {
                switch column {
                case .text(let i): HashChain.appendField(rows.bytes(i), to: &canonical)
                case .int(let i): HashChain.appendDecimalField(rows.int64(i), to: &canonical)
                case .uuid(let i): appendUUIDField(rows.bytes(i), to: &canonical)
                }
            }
            let failure: ChainVerifier.Failure? = canonical.withUnsafeBytes { c -> ChainVerifier.Failure? in
                do throws(ChainVerifier.Failure) { try verifier.check(seq: seq, canonical: c, prevHash: rows.bytes(1), hash: rows.bytes(2)); return nil } catch
                { return error }
            }
            if let failure {
                throw Failure(chain, failure, at: label(rows))
            }
            if verifier.verified % 250_000 == 0 { progress?(chain, verifier.verified) }
        }
        progress?(chain, verifier.verified)
        let head = try file.prepare("SELECT seq, hash FROM chain_heads WHERE chain = '\(chain)'")
        let found = try head.step()
        do {
            try verifier.checkHead(seq: found ? head.int64(0) : 0, hash: found ? head.string(1) : HashChain.genesis)
        } catch {
            throw Failure(chain, error)
        }
        return verifier
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    /// A UUID field as the chain hashes it: lower-case text with dashes; empty when absent.
    static func appendUUIDField(_ stored: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        guard stored.count == 16 else {
            // Stored as text (Fluent's way) or absent: hashed lower-case.
            HashChain.appendDecimal(Int64(stored.count), to: &out)
            out.append(UInt8(ascii: ":"))
            for b in stored { out.append(b >= 65 && b <= 90 ? b + 32 : b) }
            out.append(UInt8(ascii: "\n"))
            return
        }
        out.append(contentsOf: [UInt8(ascii: "3"), UInt8(ascii: "6"), UInt8(ascii: ":")])
        for (i, b) in stored.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0x0F)])
        }
        out.append(UInt8(ascii: "\n"))
    }

    public static func verify(
        on db: any Database, after start: Checkpoint = .start, pageSize: Int = 10_000,
        progress: (@Sendable (String, Int64) -> Void)? = nil
    ) async throws -> Report {
        let sql = db as! any SQLDatabase
        let events = try await walk(
            chain: "events", table: "events", on: sql, from: (start.eventSeq, start.eventHash),
            pageSize: pageSize, progress: progress
        ) { row, seq in
            let caseId = try row.decode(column: "case_id", as: UUID.self)
            let kind = try row.decode(column: "kind", as: String.self)
            let fields = HashChain.eventFields(
                seq: seq, caseId: caseId, kind: kind,
                actorId: try row.decode(column: "actor_id", as: UUID?.self),
                occurredAt: Instant.date(millis: try row.decode(column: "occurred_at", as: Int64.self)),
                payload: try row.decode(column: "payload", as: String.self))
            return (fields, " (\(kind), case \(caseId.uuidString.lowercased()))")
        }
        let accesses = try await walk(
            chain: "access", table: "access_log", on: sql, from: (start.accessSeq, start.accessHash),
            pageSize: pageSize, progress: progress
        ) { row, seq in
            let caseId = try row.decode(column: "case_id", as: UUID.self)
            let fields = HashChain.accessFields(
                seq: seq, caseId: caseId,
                actorId: try row.decode(column: "actor_id", as: UUID?.self),
                occurredAt: Instant.date(millis: try row.decode(column: "occurred_at", as: Int64.self)),
                purpose: try row.decode(column: "purpose", as: String.self))
            return (fields, " (read of case \(caseId.uuidString.lowercased()))")
        }
        return report(events, accesses, from: start)
    }

    private static func walk(
        chain: String, table: String, on sql: any SQLDatabase, from start: (seq: Int64, hash: String), pageSize: Int,
        progress: (@Sendable (String, Int64) -> Void)?,
        fields: (any SQLRow, Int64) throws -> ([String], String)
    ) async throws -> ChainVerifier {
        var verifier = ChainVerifier(after: start.seq, hash: start.hash)
        var after: Int64 = start.seq
        while true {
            let rows = try await sql.select().column("*").from(table).where("seq", .greaterThan, after)
                .orderBy("seq").limit(pageSize).all()
            if rows.isEmpty { break }
            for row in rows {
                let seq = try row.decode(column: "seq", as: Int64.self)
                let (f, label) = try fields(row, seq)
                do {
                    try verifier.check(
                        seq: seq, fields: f, prevHash: try row.decode(column: "prev_hash", as: String.self),
                        hash: try row.decode(column: "hash", as: String.self))
                } catch let error as ChainVerifier.Failure {
                    throw Failure(chain, error, at: label)
                }
                after = seq
            }
            progress?(chain, verifier.verified)
        }
        let head = try await sql.select().columns("seq", "hash").from("chain_heads").where("chain", .equal, chain).first()
        let headSeq = try head?.decode(column: "seq", as: Int64.self) ?? 0
        let headHash = try head?.decode(column: "hash", as: String.self) ?? HashChain.genesis
        do { try verifier.checkHead(seq: headSeq, hash: headHash) } catch {
            throw Failure(chain, error)
        }
        return verifier
    }
}
