import DocketCore
import Fluent
import Foundation

/// A signed-in browser session. The cookie carries a random token; the table keeps only its
/// SHA-256, so whoever reads the database cannot sign in as anyone. Rows exist only for people
/// who have signed in: anonymous visitors are never written down.
public final class WebSession: Model, @unchecked Sendable {
    public static let schema = "web_sessions"

    // managed: the SHA-256 of the cookie's token, in hex
    @ID(custom: "id", generatedBy: .user) public var id: String?

    // references
    @Field(key: "person_id") public var personId: UUID

    // data
    /// The token every form of this session carries.
    @Field(key: "csrf") public var csrf: String
    /// A one-line message for the next page, as JSON.
    @OptionalField(key: "flash") public var flash: String?
    @Field(key: "created_at") public var createdAt: Int64
    @Field(key: "last_seen_at") public var lastSeenAt: Int64

    public init() {}

    public init(tokenHash: String, personId: UUID, csrf: String, at: Date) {
        id = tokenHash; self.personId = personId; self.csrf = csrf
        createdAt = Instant.millis(at); lastSeenAt = createdAt
    }

    /// Ends every session of a person, but the one kept (the person's own, when they change
    /// their password). Returns how many ended.
    @discardableResult
    public static func endAll(of person: UUID, except kept: String? = nil, on db: any Database) async throws -> Int {
        var q = WebSession.query(on: db).filter(\.$personId == person)
        if let kept { q = q.filter(\.$id != kept) }
        let count = try await q.copy().count()
        try await q.delete()
        return count
    }
}

/// A one-time form token that has been used: a complaint form sent twice files once.
public final class UsedFormToken: Model, @unchecked Sendable {
    public static let schema = "used_form_tokens"

    // managed: the SHA-256 of the token, in hex
    @ID(custom: "id", generatedBy: .user) public var id: String?

    // references: what the form created
    @Field(key: "case_id") public var caseId: UUID

    // data
    @Field(key: "used_at") public var usedAt: Int64

    public init() {}
    public init(tokenHash: String, caseId: UUID, at: Date) { id = tokenHash; self.caseId = caseId; usedAt = Instant.millis(at) }
}

/// A complaint's file held while its sender checks their answers, keyed by the form's token and
/// bound to the browser that sent it (the hash of its CSRF token): nobody else who learns the
/// form token can attach it to a complaint of theirs.
public final class HeldUpload: Model, @unchecked Sendable {
    public static let schema = "held_uploads"

    // managed
    @ID(key: .id) public var id: UUID?

    // references: the SHA-256 of the form token the file was sent with, and of the browser's form token
    @Field(key: "form_token_hash") public var formTokenHash: String
    @Field(key: "owner_hash") public var ownerHash: String

    // data
    @Field(key: "filename") public var filename: String
    @Field(key: "data") public var data: Data
    @Field(key: "held_at") public var heldAt: Int64

    public init() {}
    public init(formTokenHash: String, ownerHash: String, filename: String, data: Data, at: Date) {
        self.formTokenHash = formTokenHash; self.ownerHash = ownerHash; self.filename = filename; self.data = data; heldAt = Instant.millis(at)
    }

    /// How long a held file waits for its complaint to be sent.
    public static let keptFor: TimeInterval = 24 * 3600

    /// Holds the file for this form, in place of any held before; files held too long go.
    public static func hold(_ tokenHash: String, owner: String, filename: String, data: Data, at now: Date, on db: any Database) async throws {
        try await db.transaction { tx in
            try await HeldUpload.query(on: tx).group(.or) {
                $0.filter(\.$formTokenHash == tokenHash).filter(\.$heldAt < Instant.millis(now.addingTimeInterval(-keptFor)))
            }.delete()
            try await HeldUpload(formTokenHash: tokenHash, ownerHash: owner, filename: filename, data: data, at: now).create(on: tx)
        }
    }

    /// The file held for this form by this browser, if it was held within the last day.
    public static func held(_ tokenHash: String, owner: String, at now: Date, on db: any Database) async throws -> HeldUpload? {
        try await HeldUpload.query(on: db).filter(\.$formTokenHash == tokenHash).filter(\.$ownerHash == owner)
            .filter(\.$heldAt >= Instant.millis(now.addingTimeInterval(-keptFor))).first()
    }

    /// Files held now, from anyone: a ceiling on what people without an account can leave.
    public static func count(since: Date, on db: any Database) async throws -> Int {
        try await HeldUpload.query(on: db).filter(\.$heldAt >= Instant.millis(since)).count()
    }
}
