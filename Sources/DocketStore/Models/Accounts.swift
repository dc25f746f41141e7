import Crypto
import DocketCore
import Fluent
import Foundation

/// A failed sign-in, counted per e-mail address and per network address to throttle guessing.
public final class LoginAttempt: Model, @unchecked Sendable {
    public static let schema = "login_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "at") public var at: Int64

    public init() {}
    public init(key: String, at: Date) { self.key = Self.stored(key); self.at = Instant.millis(at) }

    /// A key as stored: its SHA-256, so the table of failed sign-ins holds no e-mail or network
    /// address (an erased person's address must not come back with the next wrong password).
    static func stored(_ key: String) -> String {
        "sha256:" + SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public enum Reservation: Sendable, Equatable {
        /// Every key had room: these rows hold the places, and stay as failures unless released.
        case reserved([UUID])
        /// A key was full; the try may be made again after this many seconds.
        case refused(after: TimeInterval)
    }

    /// Holds a place for one try against each key's limit, before any password is checked.
    ///
    /// Each row is written first, outside any transaction, and only then are the rows counted, so
    /// that of tries arriving together the k-th to be written sees at least k: a burst of forty
    /// gets exactly as many checks as the limit leaves, never forty. A refused try takes its rows
    /// back; a checked one keeps them as failures until it succeeds.
    public static func reserve(
        _ keys: [(key: String, limit: Int)], window: TimeInterval, at now: Date,
        on db: any Database
    ) async throws -> Reservation {
        let since = Instant.millis(now.addingTimeInterval(-window))
        var ids: [UUID] = []
        for (key, _) in keys {
            // Rows past the window count for nothing; they go as the key is used.
            try await LoginAttempt.query(on: db).filter(\.$key == stored(key)).filter(\.$at < since).delete()
            let row = LoginAttempt(key: key, at: now)
            try await row.create(on: db)
            ids.append(try row.requireID())
        }
        for (key, limit) in keys {
            let rows = try await LoginAttempt.query(on: db).filter(\.$key == stored(key)).filter(\.$at >= since).all()
            if rows.count > limit {
                try await release(ids, on: db)
                let mine = Set(ids)
                let oldest = rows.filter { !mine.contains($0.id ?? UUID()) }.map(\.at).min() ?? Instant.millis(now)
                return .refused(after: max(1, Double(oldest - since) / 1000))
            }
        }
        return .reserved(ids)
    }

    /// Gives places back: the try was not checked, or it succeeded.
    public static func release(_ ids: [UUID], on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        try await LoginAttempt.query(on: db).filter(\.$id ~~ ids).delete()
    }

    public static func failures(_ key: String, since: Date, on db: any Database) async throws -> Int {
        try await LoginAttempt.query(on: db).filter(\.$key == stored(key)).filter(\.$at >= Instant.millis(since)).count()
    }

    /// The oldest failure still inside the window, to say when the next try is allowed.
    public static func oldest(_ key: String, since: Date, on db: any Database) async throws -> Date? {
        try await LoginAttempt.query(on: db).filter(\.$key == stored(key)).filter(\.$at >= Instant.millis(since))
            .sort(\.$at).first().map { Instant.date(millis: $0.at) }
    }
}

/// A one-time link to set a password: the invitation of a new account, or a reset the person asked
/// for. Only its hash is kept, and it is e-mailed to the person, never shown to an administrator.
public final class Invitation: Model, @unchecked Sendable {
    public static let schema = "invitations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "expires_at") public var expiresAt: Int64
    @OptionalField(key: "used_at") public var usedAt: Int64?
    /// `reset` for a password-reset link the person asked for; nil for an invitation.
    @OptionalField(key: "purpose") public var purpose: String?
    @OptionalField(key: "created_at") public var createdAt: Int64?

    public static let reset = "reset"

    public init() {}
    public init(personId: UUID, tokenHash: String, expiresAt: Date, purpose: String? = nil, at now: Date? = nil) {
        $person.id = personId; self.tokenHash = tokenHash; self.expiresAt = Instant.millis(expiresAt)
        self.purpose = purpose; createdAt = now.map(Instant.millis)
    }
}

/// A non-member's receipt code: only its hash is kept, with an optional address for updates.
public final class Receipt: Model, @unchecked Sendable {
    public static let schema = "receipts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseId: UUID
    @Field(key: "code_hash") public var codeHash: String
    @OptionalField(key: "contact_email") public var contactEmail: String?

    public init() {}
    public init(caseId: UUID, codeHash: String, contactEmail: String?) {
        self.caseId = caseId; self.codeHash = codeHash; self.contactEmail = contactEmail
    }
}

/// The bytes of an evidence file. The record holds its SHA-256; this table holds the file.
public final class EvidenceFile: Model, @unchecked Sendable {
    public static let schema = "evidence_files"

    @ID(custom: .id, generatedBy: .user) public var id: UUID?
    @Field(key: "case_id") public var caseId: UUID
    @Field(key: "filename") public var filename: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "data") public var data: Data
    @Field(key: "uploaded_at") public var uploadedAt: Int64

    public init() {}
    public init(item: EvidenceItem, caseId: UUID, data: Data, at: Date) {
        id = item.id; self.caseId = caseId; filename = item.filename; contentType = item.contentType
        size = item.size; sha256 = item.sha256; self.data = data; uploadedAt = Instant.millis(at)
    }
}

/// An e-mail waiting to be sent. Written in the same transaction as the notification it copies.
public final class OutboxMessage: Model, @unchecked Sendable {
    public static let schema = "outbox"

    @ID(key: .id) public var id: UUID?
    @Field(key: "to_address") public var to: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Int64
    /// `queued`, `sent` or `failed`.
    @Field(key: "status") public var status: String
    @Field(key: "attempts") public var attempts: Int
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "sent_at") public var sentAt: Int64?
    /// An iCalendar document sent with the message (a hearing's), and its file name.
    @OptionalField(key: "attachment") public var attachment: String?
    @OptionalField(key: "attachment_name") public var attachmentName: String?

    public init() {}
    public init(to: String, subject: String, body: String, at: Date) {
        self.to = to; self.subject = subject; self.body = body; createdAt = Instant.millis(at); status = "queued"; attempts = 0
    }
}

/// Settings an administrator changes in the app: time limits and the holiday calendar.
public final class Setting: Model, @unchecked Sendable {
    public static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: String

    public init() {}
    public init(key: String, value: String) { id = key; self.value = value }
}

/// The procedure settings as stored: they override the start-up defaults once saved.
public struct ProcedureSettings: Codable, Sendable, Equatable {
    public var policy: ProcedurePolicy
    public var holidays: [Day]

    public init(policy: ProcedurePolicy, holidays: [Day]) { self.policy = policy; self.holidays = holidays }

    public static func load(on db: any Database) async throws -> ProcedureSettings? {
        guard let s = try await Setting.find("procedure", on: db) else { return nil }
        return try DocketJSON.decoder.decode(ProcedureSettings.self, from: Data(s.value.utf8))
    }

    public func save(on db: any Database) async throws {
        let json = String(decoding: try DocketJSON.encoder.encode(self), as: UTF8.self)
        if let s = try await Setting.find("procedure", on: db) {
            s.value = json; try await s.update(on: db)
        } else {
            try await Setting(key: "procedure", value: json).create(on: db)
        }
    }
}

/// A person's private calendar feed: the SHA-256 of the secret in its address. One live feed
/// per person; making a new one or turning it off revokes the old address at once.
public final class CalendarFeed: Model, @unchecked Sendable {
    public static let schema = "calendar_feeds"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personId: UUID
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Int64
    @OptionalField(key: "revoked_at") public var revokedAt: Int64?
    @OptionalField(key: "last_read_at") public var lastReadAt: Int64?

    public init() {}
    public init(personId: UUID, tokenHash: String, createdAt: Int64) {
        self.personId = personId; self.tokenHash = tokenHash; self.createdAt = createdAt
    }
}
