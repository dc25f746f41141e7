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
        for field in fields { appendField(Array(field.utf8), to: &out) }
        return out
    }

    /// Appends one field in canonical form. The verifier builds entries from stored bytes with
    /// this, so the hashing and the checking can never encode differently.
    @inlinable
    public static func appendField(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        appendDecimal(Int64(bytes.count), to: &out)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: bytes)
        out.append(UInt8(ascii: "\n"))
    }

    @inlinable
    public static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")); appendDecimal(-value, to: &out); return }
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// A field holding a number, as `String(value)` would write it.
    @inlinable
    public static func appendDecimalField(_ value: Int64, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        appendDecimal(value, to: &digits)
        appendField(digits, to: &out)
    }

    public static func hash(previous: String, fields: [String]) -> String {
        let digest = digest(previous: Array(previous.utf8), canonical: canonical(fields))
        return String(decoding: digest, as: UTF8.self)
    }

    /// SHA-256 of the previous entry's hash (64 hex digits) and this entry's canonical bytes, as 64 hex digits.
    public static func digest(previous: some ContiguousBytes, canonical: some ContiguousBytes) -> [UInt8] {
        var hasher = SHA256()
        previous.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        canonical.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ digest: SHA256.Digest) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 64)
        var i = 0
        for b in digest {
            bytes[i] = digits[Int(b >> 4)]
            bytes[i + 1] = digits[Int(b & 0x0F)]
            i += 2
        }
        return bytes
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
    private var last: [UInt8] = Array(HashChain.genesis.utf8)
    public var lastHash: String { String(decoding: last, as: UTF8.self) }
    private var expectedSeq: Int64 = 1

    public init() {}

    /// Checks the next stored entry: its place in the sequence, its link, and its own hash.
    public mutating func check(seq: Int64, fields: [String], prevHash: String, hash: String) throws(Failure) {
        try check(seq: seq, canonical: HashChain.canonical(fields), prevHash: Array(prevHash.utf8), hash: Array(hash.utf8))
    }

    /// The same check over stored bytes: `canonical` is the entry in canonical form (see
    /// `HashChain.appendField`), `prevHash` and `hash` the stored hex digits.
    public mutating func check(seq: Int64, canonical: [UInt8], prevHash: some Collection<UInt8>, hash: some Collection<UInt8>) throws(Failure) {
        if seq != expectedSeq {
            let reason = seq > expectedSeq
                ? "expected entry \(expectedSeq) next, found \(seq): " + (seq - 1 == expectedSeq ? "entry \(expectedSeq) is missing" : "entries \(expectedSeq)–\(seq - 1) are missing")
                : "entry \(seq) appears out of order after \(expectedSeq - 1)"
            throw Failure(seq: seq, reason: reason)
        }
        if !prevHash.elementsEqual(last) {
            throw Failure(seq: seq, reason: "its link to the previous entry does not match: an entry before it was altered, removed or reordered")
        }
        let computed = HashChain.digest(previous: last, canonical: canonical)
        if !hash.elementsEqual(computed) {
            throw Failure(seq: seq, reason: "its contents do not match its hash: the entry was altered")
        }
        last = computed
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
