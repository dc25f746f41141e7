import Fluent

/// A person can be deactivated: they keep their place in the record, and can no longer sign in,
/// use a token or be drawn for a case.
struct M015_AccountDeactivation: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("people").field("deactivated_at", .datetime).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("people").deleteField("deactivated_at").update()
    }
}
