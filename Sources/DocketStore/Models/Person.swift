import DocketCore
import Fluent
import Foundation
import SQLKit

/// Everyone Docket knows: members from the register, staff, and anyone with an account. One
/// identity per person, so that "a party never handles the case" compares like with like.
public final class Person: Model, @unchecked Sendable {
    public static let schema = "people"

    // managed
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // data
    @Field(key: "display_name") public var displayName: String
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "membership_number") public var membershipNumber: String?
    /// Staff, office-holders and elected representatives: named in publications, independent route.
    @Field(key: "is_public") public var isPublic: Bool
    @OptionalField(key: "public_role") public var publicRole: String?
    /// Comma-separated `Role` raw values.
    @Field(key: "roles") public var rolesText: String
    @OptionalField(key: "password_hash") public var passwordHash: String?
    /// When an administrator deactivated the account; nil while it is active.
    @OptionalField(key: "deactivated_at") public var deactivatedAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, displayName: String, email: String?, membershipNumber: String? = nil,
        isPublic: Bool = false, publicRole: String? = nil, roles: Set<Role>
    ) {
        self.id = id
        self.displayName = displayName
        self.email = email?.lowercased()
        self.membershipNumber = membershipNumber
        self.isPublic = isPublic
        self.publicRole = publicRole
        self.rolesText = Person.encode(roles)
    }

    public var roles: Set<Role> {
        get { Set(rolesText.split(separator: ",").compactMap { Role(rawValue: String($0)) }) }
        set { rolesText = Person.encode(newValue) }
    }

    public var actor: Actor { Actor(id: id!, roles: roles) }

    /// Whether this person may have a session: they have set a password and are not deactivated.
    public var canSignIn: Bool { passwordHash != nil && isActive }

    public var isActive: Bool { deactivatedAt == nil }

    static func encode(_ roles: Set<Role>) -> String { roles.map(\.rawValue).sorted().joined(separator: ",") }

    public static func byEmail(_ email: String, on db: any Database) async throws -> Person? {
        try await Person.query(on: db).filter(\.$email == email.lowercased()).first()
    }

    public static func lookup(id: UUID?, membershipNumber: String?, on db: any Database) async throws -> Person? {
        if let id { return try await Person.find(id, on: db) }
        guard let number = membershipNumber, !number.isEmpty else { return nil }
        return try await Person.query(on: db).filter(\.$membershipNumber == number).first()
    }

    /// Staff and office-holders: a complaint about any of them goes to the independent reviewers.
    public var isOfficial: Bool { isPublic || !roles.subtracting([.member]).isEmpty }

    /// The one person a complainant's words name exactly: a membership number, an e-mail address,
    /// or a full name that only one member or member of staff has. Nil when the words name nobody,
    /// or more than one person. The caller never says which: the answer decides only where the
    /// complaint goes, so that the form cannot be used to learn who is a member.
    public static func matchRespondent(_ words: String, on db: any Database) async throws -> Person? {
        let text = words.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !text.isEmpty, text.count <= 200 else { return nil }
        if let p = try await Person.query(on: db).filter(\.$membershipNumber == text.uppercased()).first() { return p }
        if text.contains("@"), let p = try await byEmail(text, on: db) { return p }
        let sql = db as! any SQLDatabase  // both drivers Docket configures are SQL databases
        let rows = try await sql.raw("SELECT id FROM people WHERE lower(display_name) = \(bind: text.lowercased()) LIMIT 2").all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        guard ids.count == 1, let p = try await Person.find(ids[0], on: db),
            p.membershipNumber != nil || p.isOfficial
        else { return nil }
        return p
    }

    /// Everyone holding a role, each with the number of open cases they handle, for a draw.
    public static func candidates(with role: Role, on db: any Database) async throws -> [Candidate] {
        let people = try await Person.query(on: db).filter(\.$rolesText ~~ role.rawValue).filter(\.$deactivatedAt == nil).all()
            .filter { $0.roles.contains(role) }
        let loads = try await CaseMembership.openLoads(on: db)
        return people.map { Candidate(id: $0.id!, openCases: loads[$0.id!] ?? 0) }
    }
}

/// A bearer token for the JSON API. Only its SHA-256 is stored.
public final class ApiToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    // managed
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    // references
    @Parent(key: "person_id") public var person: Person

    // data
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "label") public var label: String
    /// Milliseconds; nil for a token issued by `docket admin create`, which lasts until revoked.
    @OptionalField(key: "expires_at") public var expiresAt: Int64?
    /// Milliseconds, to the minute: written at most once a minute per token.
    @OptionalField(key: "last_used_at") public var lastUsedAt: Int64?

    public init() {}

    public init(personId: UUID, tokenHash: String, label: String) {
        self.$person.id = personId
        self.tokenHash = tokenHash
        self.label = label
    }
}
