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

    /// `value` in decimal, as `String(value)` writes it.
    @inlinable
    public static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, room for 20 digits
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[23 - n] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; n += 1 } while v > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(24 - n)...]))
        }
    }

    /// The number of characters `appendDecimal` writes.
    @inlinable
    public static func decimalCount(_ value: Int64) -> Int {
        var v = value.magnitude, n = value < 0 ? 2 : 1
        while v >= 10 { v /= 10; n += 1 }
        return n
    }

    /// A field holding a number, as `String(value)` would write it.
    @inlinable
    public static func appendDecimalField(_ value: Int64, to out: inout [UInt8]) {
        appendDecimal(Int64(decimalCount(value)), to: &out)
        out.append(UInt8(ascii: ":"))
        appendDecimal(value, to: &out)
        out.append(UInt8(ascii: "\n"))
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
        hex(digest, into: &bytes)
        return bytes
    }

    /// Writes the 64 hex digits into `out`, which holds 64 bytes.
    static func hex(_ digest: SHA256.Digest, into out: inout [UInt8]) {
        digest.withUnsafeBytes { d in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<32 {
                    o[2 * i] = digits[Int(d[i] >> 4)]
                    o[2 * i + 1] = digits[Int(d[i] & 0x0F)]
                }
            }
        }
    }

    /// The fields of a case event, in the order they are hashed.
    public static func eventFields(seq: Int64, caseId: CaseID, kind: String, actorId: PersonID?, occurredAt: Date, payload: String) -> [String] {
        [
            "event/v1", String(seq), caseId.uuidString.lowercased(), kind, actorId?.uuidString.lowercased() ?? "",
            String(Instant.millis(occurredAt)), payload,
        ]
    }

    /// The fields of an access-log entry: who opened which case file, when, and how.
    public static func accessFields(seq: Int64, caseId: CaseID, actorId: PersonID?, occurredAt: Date, purpose: String) -> [String] {
        [
            "access/v1", String(seq), caseId.uuidString.lowercased(), actorId?.uuidString.lowercased() ?? "",
            String(Instant.millis(occurredAt)), purpose,
        ]
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

    /// Continues from an entry already verified: the next entry must be `seq + 1` and link to `hash`.
    public init(after seq: Int64, hash: String) {
        expectedSeq = seq + 1
        last = Array(hash.utf8)
    }

    /// Checks the next stored entry: its place in the sequence, its link, and its own hash.
    public mutating func check(seq: Int64, fields: [String], prevHash: String, hash: String) throws(Failure) {
        let canonical = HashChain.canonical(fields)
        let prev = Array(prevHash.utf8), stored = Array(hash.utf8)
        let outcome: Failure? = canonical.withUnsafeBytes { c in
            prev.withUnsafeBytes { p in
                stored.withUnsafeBytes { h -> Failure? in
                    do throws(Failure) { try check(seq: seq, canonical: c, prevHash: p, hash: h); return nil } catch { return error }
                }
            }
        }
        if let outcome { throw outcome }
    }

    /// The same check over stored bytes, with nothing allocated: `canonical` is the entry in
    /// canonical form (see `HashChain.appendField`), `prevHash` and `hash` the stored hex digits.
    public mutating func check(
        seq: Int64, canonical: UnsafeRawBufferPointer, prevHash: UnsafeRawBufferPointer,
        hash: UnsafeRawBufferPointer
    ) throws(Failure) {
        if seq != expectedSeq {
            let reason =
                seq > expectedSeq
                ? "expected entry \(expectedSeq) next, found \(seq): "
                    + (seq - 1 == expectedSeq ? "entry \(expectedSeq) is missing" : "entries \(expectedSeq)–\(seq - 1) are missing")
                : "entry \(seq) appears out of order after \(expectedSeq - 1)"
            throw Failure(seq: seq, reason: reason)
        }
        if !Self.same(prevHash, last) {
            throw Failure(seq: seq, reason: "its link to the previous entry does not match: an entry before it was altered, removed or reordered")
        }
        var hasher = SHA256()
        last.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: canonical)
        HashChain.hex(hasher.finalize(), into: &scratch)
        if !Self.same(hash, scratch) {
            throw Failure(seq: seq, reason: "its contents do not match its hash: the entry was altered")
        }
        swap(&last, &scratch)
        expectedSeq += 1
        verified += 1
    }

    private var scratch = [UInt8](repeating: 0, count: 64)

    private static func same(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Bool {
        a.count == b.count && b.withUnsafeBytes { memcmp(a.baseAddress!, $0.baseAddress!, a.count) == 0 }
    }

    /// The chain must end where its recorded head says; otherwise entries were cut from the end.
    public func checkHead(seq: Int64, hash: String) throws(Failure) {
        if seq != expectedSeq - 1 || hash != lastHash {
            throw Failure(
                seq: max(seq, expectedSeq - 1),
                reason:
                    "the chain ends at entry \(expectedSeq - 1) but its recorded head is entry \(seq): entries were removed from the end or the head was altered"
            )
        }
    }
}
