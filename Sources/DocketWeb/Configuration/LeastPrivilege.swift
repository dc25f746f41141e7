import Fluent
import Foundation
import SQLKit

extension DatabaseID {
    /// The PostgreSQL role that owns the tables: used to migrate, then let go.
    static let owner = DatabaseID(string: "owner")
}

extension DocketConfig.DatabaseKind {
    var hasOwner: Bool { if case .postgres(_, _, _?) = self { true } else { false } }
}

/// On PostgreSQL with `DATABASE_OWNER_URL`, the tables belong to the owner, and Docket's own role
/// may read and write the working tables but only read and add to the two logs; not being the
/// owner, it can neither alter nor drop their append-only triggers, nor the tables themselves.
enum LeastPrivilege {
    /// The logs: the application's role may only read them and add to them.
    static let appendOnly = ["events", "access_log"]

    /// Grants, run as the owner after every migration, so new tables are covered.
    static func grant(to url: String, schema: String?, on owner: any SQLDatabase) async throws {
        guard let user = URLComponents(string: url)?.user?.removingPercentEncoding, !user.isEmpty else {
            throw DocketConfig.Invalid(problems: ["DATABASE_URL must name the role Docket connects as (postgres://USER:PASSWORD@HOST/DATABASE)"])
        }
        let s = schema ?? "public"
        try await owner.raw("GRANT USAGE ON SCHEMA \(ident: s) TO \(ident: user)").run()
        try await owner.raw("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(ident: s) TO \(ident: user)").run()
        try await owner.raw("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(ident: s) TO \(ident: user)").run()
        for table in appendOnly + ["_fluent_migrations"] {
            try await owner.raw("REVOKE UPDATE, DELETE, TRUNCATE ON \(ident: s).\(ident: table) FROM \(ident: user)").run()
        }
        try await owner.raw("REVOKE INSERT ON \(ident: s).\(ident: "_fluent_migrations") FROM \(ident: user)").run()
    }

    /// Whether the connected role owns the event log (and so could drop its triggers).
    static func ownsTables(_ db: any SQLDatabase) async throws -> Bool {
        struct Row: Decodable { var owns: Bool }
        let row = try await db.raw("SELECT tableowner = current_user AS owns FROM pg_tables WHERE tablename = 'events' AND schemaname = current_schema()")
            .first(decoding: Row.self)
        return row?.owns ?? false
    }
}
