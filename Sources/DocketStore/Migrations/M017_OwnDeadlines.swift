import Fluent

/// Each person's own next deadline in a case, on their row of `case_members`, for *My cases*.
/// Rows written before it have none until their case next changes, or `docket projections
/// rebuild` rewrites them.
struct M017_OwnDeadlines: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("case_members").field("due_at", .int64).update()
        try await db.schema("case_members").field("due_kind", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("case_members").deleteField("due_at").update()
        try await db.schema("case_members").deleteField("due_kind").update()
    }
}
