import Fluent

/// Sessions live in the database so that several `docket serve` processes share them.
struct M006_CreateSessions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await SessionRecord.migration.prepare(on: db).get()
    }

    func revert(on db: any Database) async throws {
        try await SessionRecord.migration.revert(on: db).get()
    }
}
