import Fluent
import SQLKit

/// People and API tokens: the identities every other table refers to.
struct M001_CreatePeople: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("people")
            // managed
            .id()
            .field("created_at", .datetime)
            // data
            .field("display_name", .string, .required)
            .field("email", .string)
            .field("membership_number", .string)
            .field("is_public", .bool, .required)
            .field("public_role", .string)
            .field("roles", .string, .required)
            .field("password_hash", .string)
            // constraints
            .unique(on: "email")
            .unique(on: "membership_number")
            .create()
        try await db.schema("api_tokens")
            // managed
            .id()
            .field("created_at", .datetime)
            // references
            .field("person_id", .uuid, .required, .references("people", "id"))
            // data
            .field("token_hash", .string, .required)
            .field("label", .string, .required)
            // constraints
            .unique(on: "token_hash")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("api_tokens").delete()
        try await db.schema("people").delete()
    }
}
