import Fluent

/// Rulebook versions, kept side by side so each allegation is judged by the version in force.
struct M002_CreateRulebook: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("rulebook_versions")
            // managed
            .id()
            .field("imported_at", .datetime)
            // data
            .field("version", .string, .required)
            .field("effective_from", .string, .required)
            .field("document", .string, .required)
            // constraints
            .unique(on: "version")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("rulebook_versions").delete()
    }
}
