import Fluent

/// API tokens get an expiry and a last use; set-password links say whether they are an
/// invitation or a reset, and when they were issued (resets are limited per hour).
struct M016_TokensAndResets: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("api_tokens").field("expires_at", .int64).update()
        try await db.schema("api_tokens").field("last_used_at", .int64).update()
        try await db.schema("invitations").field("purpose", .string).update()
        try await db.schema("invitations").field("created_at", .int64).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("api_tokens").deleteField("expires_at").update()
        try await db.schema("api_tokens").deleteField("last_used_at").update()
        try await db.schema("invitations").deleteField("purpose").update()
        try await db.schema("invitations").deleteField("created_at").update()
    }
}
