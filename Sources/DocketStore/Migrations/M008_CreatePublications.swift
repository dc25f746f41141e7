import Fluent
import SQLKit

/// Documents on their way to publication, and each proposed or marked redaction with its verdict.
struct M008_CreatePublications: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("publications")
            // managed
            .id()
            // references
            .field("editor_id", .uuid, .required)
            .field("reviewer_id", .uuid)
            // data
            .field("title", .string, .required)
            .field("slug", .string, .required)
            .field("format", .string, .required)
            .field("status", .string, .required)
            .field("original", .string, .required)
            .field("published", .string)
            .field("created_at", .int64, .required)
            .field("published_at", .int64)
            // constraints
            .unique(on: "slug")
            .create()
        try await db.schema("publication_redactions")
            .id()
            .field("publication_id", .uuid, .required, .references("publications", "id"))
            .field("number", .int, .required)
            .field("start", .int, .required)
            .field("end", .int, .required)
            .field("original", .string, .required)
            .field("replacement", .string, .required)
            .field("kind", .string, .required)
            .field("member_id", .string)
            .field("source", .string, .required)
            .field("verdict", .string, .required)
            .create()
        try await (db as! any SQLDatabase).create(index: "redactions_by_publication").on("publication_redactions").column("publication_id").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("publication_redactions").delete()
        try await db.schema("publications").delete()
    }
}
