import Crypto
import Foundation

/// The tamper-evident record: every entry carries the hash of the one before it.
///
/// Each entry's hash is SHA-256 over the previous hash and the entry's canonical encoding. The
/// encoding length-prefixes every field, so no two different entries encode alike. Changing any
/// byte of an entry changes its hash and breaks the link to the next; removing or reordering
/// entries breaks the sequence and the links. It exists because reports leaked, records went
/// missing, and nobody could show what had or had not been done.
public enum HashChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// `<length>:<bytes>\n` for each field, in order.
    public static func canonical(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(0) { $0 + $1.utf8.count + 8 })
        for field in fields {
            out.append(contentsOf: String(field.utf8.count).utf8)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: field.utf8)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    public static func hash(previous: String, fields: [String]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(previous.utf8))
        hasher.update(data: canonical(fields))
        return hex(hasher.finalize())
    }

    static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ digest: SHA256.Digest) -> String {
        var bytes = [UInt8](repeating: 0, count: 64)
        var i = 0
        for b in digest {
            bytes[i] = digits[Int(b >> 4)]
            bytes[i + 1] = digits[Int(b & 0x0F)]
            i += 2
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The fields of a case event, in the order they are hashed.
    public static func eventFields(seq: Int64, caseId: CaseID, kind: String, actorId: PersonID?, occurredAt: Date, payload: String) -> [String] {
        ["event/v1", String(seq), caseId.uuidString.lowercased(), kind, actorId?.uuidString.lowercased() ?? "",
         String(Instant.millis(occurredAt)), payload]
    }

    /// The fields of an access-log entry: who opened which case file, when, and how.
    public static func accessFields(seq: Int64, caseId: CaseID, actorId: PersonID?, occurredAt: Date, purpose: String) -> [String] {
        ["access/v1", String(seq), caseId.uuidString.lowercased(), actorId?.uuidString.lowercased() ?? "",
         String(Instant.millis(occurredAt)), purpose]
    }
}

/// Walks a chain in sequence order and stops at the first entry that does not verify.
public struct ChainVerifier: Sendable {
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var seq: Int64
        public var reason: String
        public var description: String { "entry \(seq): \(reason)" }
        public init(seq: Int64, reason: String) { self.seq = seq; self.reason = reason }
    }

    public private(set) var verified: Int64 = 0
    public private(set) var lastHash: String = HashChain.genesis
    private var expectedSeq: Int64 = 1

    public init() {}

    /// Checks the next stored entry: its place in the sequence, its link, and its own hash.
    public mutating func check(seq: Int64, fields: [String], prevHash: String, hash: String) throws(Failure) {
        if seq != expectedSeq {
            let reason = seq > expectedSeq
                ? "expected entry \(expectedSeq) next, found \(seq): " + (seq - 1 == expectedSeq ? "entry \(expectedSeq) is missing" : "entries \(expectedSeq)–\(seq - 1) are missing")
                : "entry \(seq) appears out of order after \(expectedSeq - 1)"
            throw Failure(seq: seq, reason: reason)
        }
        if prevHash != lastHash {
            throw Failure(seq: seq, reason: "its link to the previous entry does not match: an entry before it was altered, removed or reordered")
        }
        let computed = HashChain.hash(previous: prevHash, fields: fields)
        if computed != hash {
            throw Failure(seq: seq, reason: "its contents do not match its hash: the entry was altered")
        }
        lastHash = hash
        expectedSeq += 1
        verified += 1
    }

    /// The chain must end where its recorded head says; otherwise entries were cut from the end.
    public func checkHead(seq: Int64, hash: String) throws(Failure) {
        if seq != verified || hash != lastHash {
            throw Failure(seq: max(seq, verified),
                reason: "the chain ends at entry \(verified) but its recorded head is entry \(seq): entries were removed from the end or the head was altered")
        }
    }
}
