import Fluent
import SQLKit

/// Lists read newest first: cases by when they were received (a caseworker's *My cases* walks
/// this index and stops at a page, rather than sorting a hundred thousand cases), and a
/// person's messages by their position in the record.
struct M023_IndexListsByOrder: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("CREATE INDEX IF NOT EXISTS cases_by_received ON cases (received_at, id)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS notifications_by_recipient_seq ON notifications (recipient_id, event_seq, id)").run()
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP INDEX IF EXISTS cases_by_received").run()
        try await sql.raw("DROP INDEX IF EXISTS notifications_by_recipient_seq").run()
    }
}
