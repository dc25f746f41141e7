import Fluent
import SQLKit

/// Public statements, members' comments on them, reports of comments, and messages to accounts.
struct M010_CreateStatements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("statements")
            .id()
            .field("author_id", .uuid, .required)
            .field("slug", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("published_at", .int64, .required)
            .field("comments_close_at", .int64)
            .field("closed_by_hand", .bool, .required)
            .unique(on: "slug")
            .create()
        try await db.schema("comments")
            .id()
            .field("statement_id", .uuid, .required, .references("statements", "id"))
            .field("author_id", .uuid, .required)
            .field("display_name", .string, .required)
            .field("body", .string, .required)
            // pending, visible, hidden (reported), removed
            .field("status", .string, .required)
            .field("reports", .int, .required)
            .field("created_at", .int64, .required)
            .create()
        try await db.schema("comment_reports")
            .id()
            .field("comment_id", .uuid, .required, .references("comments", "id"))
            .field("reporter", .string, .required)
            .unique(on: "comment_id", "reporter")
            .create()
        try await db.schema("account_messages")
            .id()
            .field("person_id", .uuid, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .int64, .required)
            .create()
        try await (db as! any SQLDatabase).create(index: "comments_by_statement").on("comments").column("statement_id").run()
    }

    func revert(on db: any Database) async throws {
        for t in ["account_messages", "comment_reports", "comments", "statements"] { try await db.schema(t).delete() }
    }
}
