import Fluent
import SQLKit

/// On PostgreSQL the database itself refuses UPDATE, DELETE and TRUNCATE on the two logs.
/// SQLite has no roles to keep an owner out, so there the hash chain alone shows tampering.
struct M005_AppendOnlyOnPostgres: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            """
            CREATE OR REPLACE FUNCTION docket_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'the % table is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
            END $$
            """
        ).run()
        for table in ["events", "access_log"] {
            try await sql.raw(
                "CREATE TRIGGER \(unsafeRaw: table)_no_change BEFORE UPDATE OR DELETE ON \(unsafeRaw: table) FOR EACH ROW EXECUTE FUNCTION docket_append_only()"
            ).run()
            try await sql.raw(
                "CREATE TRIGGER \(unsafeRaw: table)_no_truncate BEFORE TRUNCATE ON \(unsafeRaw: table) FOR EACH STATEMENT EXECUTE FUNCTION docket_append_only()"
            ).run()
        }
    }

    func revert(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        for table in ["events", "access_log"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_change ON \(unsafeRaw: table)").run()
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_truncate ON \(unsafeRaw: table)").run()
        }
        try await sql.raw("DROP FUNCTION IF EXISTS docket_append_only()").run()
    }
}
