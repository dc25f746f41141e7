import Fluent
import SQLKit

/// The event log, the access log and their chain heads: the record everything else is derived from.
struct M003_CreateEventLog: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("events")
            // managed
            .field("seq", .int64, .identifier(auto: false))
            // references
            .field("case_id", .uuid, .required)
            .field("actor_id", .uuid)
            // data
            .field("kind", .string, .required)
            .field("occurred_at", .int64, .required)
            .field("payload", .string, .required)
            // constraints: the chain
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await db.schema("access_log")
            .field("seq", .int64, .identifier(auto: false))
            .field("case_id", .uuid, .required)
            .field("actor_id", .uuid)
            .field("occurred_at", .int64, .required)
            .field("purpose", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await db.schema("chain_heads")
            .field("chain", .string, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "events_by_case").on("events").column("case_id").column("seq").run()
        try await sql.create(index: "access_by_case").on("access_log").column("case_id").run()
        for chain in ["events", "access"] {
            try await ChainHead(chain: chain).create(on: db)
        }
    }

    func revert(on db: any Database) async throws {
        for table in ["chain_heads", "access_log", "events"] { try await db.schema(table).delete() }
    }
}
