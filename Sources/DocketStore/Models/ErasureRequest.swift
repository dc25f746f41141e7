import DocketCore
import Fluent
import Foundation
import SQLKit

/// A proposal to erase one person's data, and its decision. The chain holds the same acts; this
/// is the list the pages show. The reasons are blanked once the erasure is done, as they are on
/// the chain, where they were sealed with the person's key.
public final class ErasureRequest: Model, @unchecked Sendable {
    public static let schema = "erasure_requests"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personId: UUID
    @Field(key: "proposed_by") public var proposedBy: UUID
    @Field(key: "proposed_at") public var proposedAt: Int64
    @Field(key: "reasons") public var reasons: String
    /// pending, approved or refused.
    @Field(key: "status") public var status: String
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Int64?
    @OptionalField(key: "decision_reasons") public var decisionReasons: String?

    public init() {}
    public init(person: UUID, by admin: UUID, at: Date, reasons: String) {
        id = UUID(); personId = person; proposedBy = admin; proposedAt = Instant.millis(at); self.reasons = reasons; status = "pending"
    }
}

extension Person {
    /// What is left of a person whose erasure was approved: an id, so the record still says
    /// "someone" where they acted, and nothing that names or reaches them. Their sessions,
    /// tokens, feeds, links, sign-in counters, notices, messages, comments and mail go with it.
    public static func erase(_ id: UUID, at now: Date, on tx: any Database) async throws {
        guard let p = try await Person.find(id, on: tx) else { return }
        let sql = tx as! any SQLDatabase
        // Their number and address, as digests, so that the next register import does not make
        // them again (the organisation's register may still list them).
        for key in [p.membershipNumber.map { ErasedMember.key(number: $0) }, p.email.map { ErasedMember.key(email: $0) }].compactMap({ $0 }) {
            try await sql.raw("INSERT INTO erased_members (digest, erased_at) VALUES (\(bind: key), \(bind: Instant.millis(now))) ON CONFLICT DO NOTHING")
                .run()
        }
        if let email = p.email {
            try await LoginAttempt.query(on: tx).filter(\.$key ~~ [LoginAttempt.stored("email:" + email), "email:" + email]).delete()
            try await OutboxMessage.query(on: tx).filter(\.$to == email).delete()
        }
        for table in ["web_sessions", "calendar_feeds", "invitations"] {
            try await sql.raw("DELETE FROM \(ident: table) WHERE person_id = \(bind: id)").run()
        }
        try await ApiToken.query(on: tx).filter(\.$person.$id == id).delete()
        try await Notification.query(on: tx).filter(\.$recipientId == id).delete()
        try await AccountMessage.query(on: tx).filter(\.$personId == id).delete()
        let comments = try await Comment.query(on: tx).filter(\.$authorId == id).all().compactMap(\.id)
        if !comments.isEmpty { try await sql.raw("DELETE FROM comment_reports WHERE comment_id IN (\(SQLList(comments.map { SQLBind($0) })))").run() }
        try await Comment.query(on: tx).filter(\.$authorId == id).delete()
        try await SubjectKey.query(on: tx).filter(\.$personId == id).delete()
        p.displayName = "Erased person"
        p.email = nil
        p.membershipNumber = nil
        p.passwordHash = nil
        p.isPublic = false
        p.publicRole = nil
        p.roles = [.member]
        if p.deactivatedAt == nil { p.deactivatedAt = now }
        try await p.save(on: tx)
    }
}

/// A person erased on request, known by digests of their membership number and address only.
public enum ErasedMember {
    static func key(number: String) -> String { LoginAttempt.stored("erased-number:" + number.uppercased()) }
    static func key(email: String) -> String { LoginAttempt.stored("erased-email:" + email.lowercased()) }

    /// Whether a register row is someone erased on request.
    static func isErased(number: String, email: String?, on db: any Database) async throws -> Bool {
        let keys = [key(number: number)] + (email.map { [key(email: $0)] } ?? [])
        let sql = db as! any SQLDatabase
        return try await sql.raw("SELECT COUNT(*) AS n FROM erased_members WHERE digest IN (\(SQLList(keys.map { SQLBind($0) })))").first()?
            .decode(column: "n", as: Int.self) ?? 0 > 0
    }
}
