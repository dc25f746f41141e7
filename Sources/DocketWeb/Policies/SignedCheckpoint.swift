import Crypto
import DocketCore
import DocketStore
import Fluent
import Foundation

/// Where both chains ended at a moment, signed with an Ed25519 key kept outside the database.
///
/// Someone who can write the database can rewrite the logs, re-hash them and reset the heads,
/// and the chains then verify on their own. They cannot make a checkpoint published before the
/// rewrite (in a transparency report, an auditor's download, a file kept off the server) stop
/// naming the hash that was there: `docket audit verify --checkpoint FILE` compares each one with
/// the chain and names the first it breaks.
struct SignedCheckpoint: Codable, Equatable, Sendable {
    struct Head: Codable, Equatable, Sendable { var seq: Int64; var hash: String }
    var format = "docket-checkpoint-1"
    var organisation: String
    var events: Head
    var access: Head
    /// ISO 8601, UTC.
    var at: String
    /// The signer's public key, base64 (raw 32 bytes).
    var publicKey: String
    var signature: String

    enum CodingKeys: String, CodingKey {
        case format, organisation, events, access, at
        case publicKey = "public_key", signature
    }

    var checkpoint: AuditVerifier.Checkpoint {
        .init(eventSeq: events.seq, eventHash: events.hash, accessSeq: access.seq, accessHash: access.hash)
    }

    /// The bytes signed: every field but the signature, one per line.
    static func message(organisation: String, events: Head, access: Head, at: String) -> Data {
        Data(
            "\("docket-checkpoint-1")\norganisation \(organisation)\nevents \(events.seq) \(events.hash)\naccess \(access.seq) \(access.hash)\nat \(at)\n".utf8)
    }

    static func sign(_ c: AuditVerifier.Checkpoint, organisation: String, at: Date, with key: Curve25519.Signing.PrivateKey) throws -> SignedCheckpoint {
        let events = Head(seq: c.eventSeq, hash: c.eventHash), access = Head(seq: c.accessSeq, hash: c.accessHash)
        let when = ISO8601DateFormatter().string(from: at)
        let signature = try key.signature(for: message(organisation: organisation, events: events, access: access, at: when))
        return SignedCheckpoint(
            organisation: organisation, events: events, access: access, at: when,
            publicKey: key.publicKey.rawRepresentation.base64EncodedString(), signature: signature.base64EncodedString())
    }

    /// Whether the signature is good, for the key it names and, when given, for the key trusted.
    func isSigned(trusting trusted: Curve25519.Signing.PublicKey?) -> Bool {
        guard format == "docket-checkpoint-1", let raw = Data(base64Encoded: publicKey), let sig = Data(base64Encoded: signature),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { return false }
        if let trusted, trusted.rawRepresentation != key.rawRepresentation { return false }
        return key.isValidSignature(sig, for: Self.message(organisation: organisation, events: events, access: access, at: at))
    }

    var json: String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self)
    }
}

extension SignedCheckpoint {
    /// Where both chains end now, signed; nil when no signing key is configured. `events` pins
    /// the event head to one already read (a report's), so the checkpoint matches what it shows.
    static func current(on db: any Database, services: DocketServices, events: Head? = nil) async throws -> SignedCheckpoint? {
        guard let key = services.signingKey else { return nil }
        let e = try await ChainHead.find("events", on: db), a = try await ChainHead.find("access", on: db)
        let head = events ?? Head(seq: e?.seq ?? 0, hash: e?.hash ?? HashChain.genesis)
        return try sign(
            .init(eventSeq: head.seq, eventHash: head.hash, accessSeq: a?.seq ?? 0, accessHash: a?.hash ?? HashChain.genesis),
            organisation: services.config.organisationName, at: services.clock(), with: key)
    }
}

/// The signing key: 32 raw bytes, base64, in a file of its own (`DOCKET_SIGNING_KEY_FILE`).
enum SigningKey {
    static func load(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw CommandFailure("DOCKET_SIGNING_KEY_FILE: cannot read \(path)")
        }
        guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else {
            throw CommandFailure("DOCKET_SIGNING_KEY_FILE: \(path) does not hold a key written by `docket audit keygen`")
        }
        return key
    }

    /// Writes a new key readable only by its owner; refuses to replace one.
    static func generate(at path: String) throws -> Curve25519.Signing.PublicKey {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("\(path) already exists; a signing key is never overwritten (checkpoints signed with it would no longer check)")
        }
        let key = Curve25519.Signing.PrivateKey()
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data((key.rawRepresentation.base64EncodedString() + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        else {
            throw CommandFailure("cannot write \(path)")
        }
        return key.publicKey
    }
}
