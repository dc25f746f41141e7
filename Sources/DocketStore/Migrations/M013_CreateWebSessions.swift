import Fluent
import SQLKit

/// Sessions of signed-in people only, keyed by the token's hash, with the times that expire
/// them; one-time form tokens. Replaces Vapor's session table, which stored the token itself
/// and wrote a row for every anonymous reader.
struct M013_CreateWebSessions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("web_sessions")
            // managed
            .field("id", .string, .identifier(auto: false))
            // references
            .field("person_id", .uuid, .required, .references("people", "id"))
            // data
            .field("csrf", .string, .required)
            .field("flash", .string)
            .field("created_at", .int64, .required)
            .field("last_seen_at", .int64, .required)
            .create()
        try await (db as! any SQLDatabase).create(index: "web_sessions_by_person").on("web_sessions").column("person_id").run()
        try await db.schema("used_form_tokens")
            // managed
            .field("id", .string, .identifier(auto: false))
            // references
            .field("case_id", .uuid, .required)
            // data
            .field("used_at", .int64, .required)
            .create()
        // Signed-in people sign in again; nothing else was kept there.
        try await db.schema("_fluent_sessions").delete()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("used_form_tokens").delete()
        try await db.schema("web_sessions").delete()
        try await SessionRecord.migration.prepare(on: db).get()
    }
}
