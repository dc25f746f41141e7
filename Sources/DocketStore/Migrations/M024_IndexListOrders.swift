import Fluent
import SQLKit

/// Lists in the orders and by the filters people choose: *My cases* by last activity (someone
/// in a hundred thousand cases walks this index and stops at a page, as newest first walks
/// `cases_by_received`), and the access log by who read, newest first. And a person's part in
/// a case by both at once: with only an index on the person, SQLite's planner (which expects
/// a person in 179 cases) walked all twenty thousand of a caseworker's memberships to find
/// their part in the 25 cases of a page, or in the one case a page shows.
struct M024_IndexListOrders: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("CREATE INDEX IF NOT EXISTS cases_by_activity ON cases (last_seq, id)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS access_log_by_actor ON access_log (actor_id, seq)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS members_by_person_case ON case_members (person_id, case_id)").run()
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DROP INDEX IF EXISTS cases_by_activity").run()
        try await sql.raw("DROP INDEX IF EXISTS access_log_by_actor").run()
        try await sql.raw("DROP INDEX IF EXISTS members_by_person_case").run()
    }
}
