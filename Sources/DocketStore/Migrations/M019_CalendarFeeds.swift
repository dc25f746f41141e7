import Fluent

/// Private calendar feeds: one secret address per person, revocable.
struct M019_CalendarFeeds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("calendar_feeds")
            .id()
            .field("person_id", .uuid, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .int64, .required)
            .field("revoked_at", .int64)
            .field("last_read_at", .int64)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("calendar_feeds").delete()
    }
}
