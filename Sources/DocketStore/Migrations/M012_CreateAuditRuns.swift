import Fluent

/// Full verifications of the chains: when each ran, what it checked, and where it reached.
struct M012_CreateAuditRuns: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_runs")
            .id()
            .field("started_by", .uuid)
            .field("started_at", .int64, .required)
            .field("finished_at", .int64)
            .field("events_verified", .int64, .required)
            .field("accesses_verified", .int64, .required)
            .field("passed", .bool)
            .field("detail", .string)
            .field("event_seq", .int64)
            .field("event_hash", .string)
            .field("access_seq", .int64)
            .field("access_hash", .string)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("audit_runs").delete() }
}
