import Fluent
import SQLKit

/// Lists in the orders and by the filters people choose: *My cases* by last activity (someone
/// in a hundred thousand cases walks this index and stops at a page, as newest first walks
/// `cases_by_received`), and the access log by who read, newest first.
struct M024_IndexListOrders: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("CREATE INDEX IF NOT EXISTS cases_by_activity ON cases (last_seq, id)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS access_log_by_actor ON access_log (actor_id, seq)").run()
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP INDEX IF EXISTS cases_by_activity").run()
        try await sql.raw("DROP INDEX IF EXISTS access_log_by_actor").run()
    }
}
