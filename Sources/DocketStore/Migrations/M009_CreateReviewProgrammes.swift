import Fluent

/// Review programmes: the rule that selected past decisions, and who opened it.
struct M009_CreateReviewProgrammes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("review_programmes")
            // managed
            .id()
            // references
            .field("created_by", .uuid, .required)
            // data
            .field("title", .string, .required)
            .field("rule", .string, .required)
            .field("selected", .int, .required)
            .field("created_at", .int64, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("review_programmes").delete()
    }
}
