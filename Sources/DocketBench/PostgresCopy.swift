import Foundation
import SQLKit

/// `docket-bench history --postgres URL`: the generated SQLite history copied, table by table and
/// row for row, into a PostgreSQL database that Docket has migrated itself, so the same history is
/// measured on both databases. Each column is read as the type PostgreSQL declares for it (an
/// SQLite UUID blob becomes a `uuid`, an integer flag a `boolean`), and written in batches of
/// bound multi-row inserts. The chains come across byte for byte, so `audit verify` must pass on
/// the copy as on the original.
enum PostgresCopy {
    struct Column { var name: String; var type: String }

    static func copy(from sqlite: any SQLDatabase, to pg: any SQLDatabase, say: (String) -> Void) async throws {
        let tables = try await pg.raw(
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('_fluent_migrations', 'case_search')
            ORDER BY table_name
            """
        ).all().map { try $0.decode(column: "table_name", as: String.self) }
        // Tables another refers to come first, so every foreign key finds its row.
        let references = try await pg.raw(
            """
            SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE k.contype = 'f' AND n.nspname = current_schema()
            """
        ).all().map { (try $0.decode(column: "child", as: String.self), try $0.decode(column: "parent", as: String.self)) }
        var ordered: [String] = []
        func visit(_ t: String, _ path: Set<String>) {
            guard !ordered.contains(t), !path.contains(t) else { return }
            for (child, parent) in references where child == t && parent != t { visit(parent, path.union([t])) }
            if !ordered.contains(t) { ordered.append(t) }
        }
        for t in tables { visit(t, []) }
        // Emptied children first, then filled parents first.
        for table in ordered.reversed() { try await pg.raw("DELETE FROM \(ident: table)").run() }
        for table in ordered where tables.contains(table) {
            let columns = try await pg.raw(
                """
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position
                """
            ).all().map { Column(name: try $0.decode(column: "column_name", as: String.self), type: try $0.decode(column: "data_type", as: String.self)) }
            let count = try await sqlite.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
            let start = ContinuousClock.now
            // Rows the migrations wrote (the chains' heads, settings) gave way to the history's, above.
            guard count > 0 else { continue }
            let perBatch = max(1, 30_000 / columns.count)
            var last: Int64 = -1
            var copied = 0
            let list = SQLList(columns.map { SQLIdentifier($0.name) })
            while true {
                let rows = try await sqlite.raw(
                    "SELECT rowid AS docket_rowid, \(list) FROM \(ident: table) WHERE rowid > \(bind: last) ORDER BY rowid LIMIT \(bind: perBatch)"
                ).all()
                guard let final = rows.last else { break }
                last = try final.decode(column: "docket_rowid", as: Int64.self)
                let insert = pg.insert(into: SQLIdentifier(table)).columns(columns.map(\.name))
                for row in rows { insert.values(try columns.map { try value(row, $0) }) }
                do { try await insert.run() } catch { throw CopyError(description: "\(table): \(String(reflecting: error))") }
                copied += rows.count
                if copied % (perBatch * 200) < perBatch {
                    say(String(format: "  %@: %d of %d rows", table, copied, count))
                }
            }
            let d = ContinuousClock.now - start
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            say(String(format: "  %@: %d rows in %.1f s", table, copied, s))
        }
        try await pg.raw("ANALYZE").run()
    }

    /// One value of a row, read as the type PostgreSQL declares for its column.
    static func value(_ row: any SQLRow, _ c: Column) throws -> any SQLExpression {
        switch c.type {
        case "uuid": SQLBind(try row.decode(column: c.name, as: UUID?.self))
        case "boolean": SQLBind(try row.decode(column: c.name, as: Bool?.self))
        case "bigint", "integer", "smallint": SQLBind(try row.decode(column: c.name, as: Int64?.self))
        case "double precision", "real", "numeric": SQLBind(try row.decode(column: c.name, as: Double?.self))
        case "text", "character varying": SQLBind(try row.decode(column: c.name, as: String?.self))
        case "bytea": SQLBind(try row.decode(column: c.name, as: Data?.self))
        case "timestamp with time zone", "timestamp without time zone": SQLBind(try row.decode(column: c.name, as: Date?.self))
        default: throw CopyError(description: "column \(c.name) is of type \(c.type), which the copy does not know")
        }
    }

    struct CopyError: Error, CustomStringConvertible { var description: String }
}
