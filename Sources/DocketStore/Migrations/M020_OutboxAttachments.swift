import Fluent

/// An e-mail may carry one iCalendar attachment: a hearing's notice carries the hearing.
struct M020_OutboxAttachments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("outbox").field("attachment", .string).update()
        try await db.schema("outbox").field("attachment_name", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("outbox").deleteField("attachment").update()
        try await db.schema("outbox").deleteField("attachment_name").update()
    }
}
