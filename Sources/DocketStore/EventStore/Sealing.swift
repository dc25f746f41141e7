import Crypto
import DocketCore
import Fluent
import Foundation

/// Personal data in case events, sealed field by field with a key for the person who wrote it in
/// that case (AES-GCM, 256-bit keys in `subject_keys`). What is sealed is what people wrote and
/// what people are called: names, summaries, reasons, statements, messages, file names. The
/// structure stays readable: ids, dates, stages, findings and sanctions, so that a case whose keys
/// are gone still replays, and its place in the oversight figures never changes.
///
/// The chain hashes the stored, sealed bytes. Destroying a key erases what it sealed and leaves
/// every hash as it was: `audit verify` passes after erasure. A sealed value reads
/// `sealed:v1:KEY-ID:BASE64`; once its key is destroyed it reads "[erased]".
public enum Sealing {
    static let prefix = Array("sealed:v1:".utf8)
    public static let erasedText = "[erased]"

    /// The payload fields, in any event, whose string values are personal data.
    static let fields: Set<[UInt8]> = Set(
        [
            "complainantName", "respondentNamed", "summary", "reasons", "reason", "basis", "text", "sanctionReasons",
            "appealReasons", "from", "name", "filename", "scope", "notes",
        ].map { Array($0.utf8) })

    /// `json` with every string value of a personal field sealed with `key`, whose id is `keyId`.
    public static func seal(_ json: String, keyId: UUID, key: SymmetricKey) -> String {
        let id = Array(keyId.uuidString.lowercased().utf8)
        return transform(json) { field, raw in
            // Whatever the words are, even words that look sealed: a value typed as
            // "sealed:v1:…" is sealed like any other, so no one can plant a fake sealed value.
            guard let field, fields.contains(field) else { return nil }
            let box = try! AES.GCM.seal(raw, using: key, authenticating: id)
            return prefix + id + [58] + Array(box.combined!.base64EncodedString().utf8)
        }
    }

    /// `json` with every sealed value opened with its key from `keys`, or "[erased]" when its key
    /// is gone (or the value was tampered with, which the chain would also show).
    public static func unseal(_ json: String, keys: [UUID: SymmetricKey]) -> String {
        transform(json) { field, raw in
            // Only the personal fields hold sealed values; anything else is shown as it is.
            guard let field, fields.contains(field), raw.starts(with: prefix) else { return nil }
            let rest = raw[prefix.count...]
            guard rest.count > 37, let id = UUID(uuidString: String(decoding: rest.prefix(36), as: UTF8.self)), let key = keys[id],
                let opened = open(Array(rest.dropFirst(37)), keyId: Array(rest.prefix(36)), with: key)
            else { return Array(erasedText.utf8) }
            return opened
        }
    }

    /// A sealed value's box (base64), opened with its key; nil if it does not open.
    static func open(_ box: [UInt8], keyId: [UInt8], with key: SymmetricKey) -> [UInt8]? {
        guard let combined = Data(base64Encoded: Data(box)), let sealed = try? AES.GCM.SealedBox(combined: combined),
            let opened = try? AES.GCM.open(sealed, using: key, authenticating: keyId)
        else { return nil }
        return Array(opened)
    }

    /// Whether `json` holds anything sealed (so that a reader fetches keys only when it must).
    public static func isSealed(_ json: String) -> Bool { json.utf8.count > prefix.count && json.contains("\"sealed:v1:") }

    /// Walks the JSON text and replaces the raw (still escaped) bytes of string values for which
    /// `replace` returns new bytes; `replace` is told the key of the nearest enclosing object.
    /// Keys and everything else are copied as they are.
    static func transform(_ json: String, _ replace: ([UInt8]?, [UInt8]) -> [UInt8]?) -> String {
        let b = Array(json.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 64)
        // One frame per open object or array: for an object, its current key and whether a key
        // comes next.
        struct Frame { var isObject: Bool; var key: [UInt8]?; var expectingKey: Bool }
        var stack: [Frame] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case 123:  // {
                stack.append(Frame(isObject: true, key: nil, expectingKey: true)); out.append(c); i += 1
            case 91:  // [
                stack.append(Frame(isObject: false, key: nil, expectingKey: false)); out.append(c); i += 1
            case 125, 93:  // } ]
                _ = stack.popLast(); out.append(c); i += 1
            case 58:  // :
                if !stack.isEmpty { stack[stack.count - 1].expectingKey = false }
                out.append(c); i += 1
            case 44:  // ,
                if let top = stack.last, top.isObject { stack[stack.count - 1].expectingKey = true }
                out.append(c); i += 1
            case 34:  // "
                var j = i + 1
                while j < b.count, b[j] != 34 { j += b[j] == 92 ? 2 : 1 }
                let raw = Array(b[(i + 1)..<min(j, b.count)])
                if let top = stack.last, top.isObject, top.expectingKey {
                    stack[stack.count - 1].key = raw
                    out.append(contentsOf: b[i...min(j, b.count - 1)])
                } else {
                    let field = stack.last(where: \.isObject)?.key
                    if let new = replace(field, raw) {
                        out.append(34); out.append(contentsOf: new); out.append(34)
                    } else {
                        out.append(contentsOf: b[i...min(j, b.count - 1)])
                    }
                }
                i = j + 1
            default:
                out.append(c); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One person's key for their words in one case. Destroyed on erasure; never copied elsewhere.
public final class SubjectKey: Model, @unchecked Sendable {
    public static let schema = "subject_keys"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseId: UUID
    /// The nil UUID for words with no author (the command line's).
    @Field(key: "person_id") public var personId: UUID
    @Field(key: "key") public var key: String
    @Field(key: "created_at") public var createdAt: Int64

    public init() {}

    static let nobody = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    var symmetric: SymmetricKey? { Data(base64Encoded: key).map { SymmetricKey(data: $0) } }

    /// The key for `person`'s words in `caseId`, made the first time they write there.
    static func forWriting(case caseId: UUID, person: UUID?, at now: Date, on tx: any Database) async throws -> (UUID, SymmetricKey) {
        let who = person ?? nobody
        if let found = try await SubjectKey.query(on: tx).filter(\.$caseId == caseId).filter(\.$personId == who).first(),
            let key = found.symmetric
        {
            return (found.id!, key)
        }
        let key = SymmetricKey(size: .bits256)
        let row = SubjectKey()
        row.id = UUID(); row.caseId = caseId; row.personId = who; row.createdAt = Instant.millis(now)
        row.key = key.withUnsafeBytes { Data($0).base64EncodedString() }
        try await row.create(on: tx)
        return (row.id!, key)
    }

    /// Every key still held for the cases `ids`, by key id.
    public static func ring(for ids: [UUID], on db: any Database) async throws -> [UUID: SymmetricKey] {
        guard !ids.isEmpty else { return [:] }
        var ring: [UUID: SymmetricKey] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[start..<min(start + 500, ids.count)])
            for row in try await SubjectKey.query(on: db).filter(\.$caseId ~~ part).all() {
                if let k = row.symmetric { ring[row.id!] = k }
            }
        }
        return ring
    }
}
