import Fluent
import SQLKit

/// The projections lists and dashboards read, and the notification queue.
struct M004_CreateProjections: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("cases")
            // managed
            .id()
            // references
            .field("complainant_id", .uuid)
            .field("respondent_id", .uuid, .required)
            .field("caseworker_id", .uuid)
            // data
            .field("reference", .string, .required)
            .field("stage", .string, .required)
            .field("route", .string, .required)
            .field("category", .string, .required)
            .field("relation", .string, .required)
            .field("received_at", .int64, .required)
            .field("stage_entered_at", .int64, .required)
            .field("stage_due_at", .int64)
            .field("target_due_at", .int64)
            .field("paused", .bool, .required)
            .field("suspension_review", .string)
            .field("sanction", .string)
            .field("last_seq", .int64, .required)
            // constraints
            .unique(on: "reference")
            .create()
        try await db.schema("case_members")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("person_id", .uuid, .required)
            .field("relation", .string, .required)
            .field("open", .bool, .required)
            .create()
        try await db.schema("notifications")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("recipient_id", .uuid)
            .field("event_seq", .int64, .required)
            .field("audience", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .int64, .required)
            .field("read_at", .int64)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "cases_by_stage_due").on("cases").column("stage_due_at").run()
        try await sql.create(index: "members_by_person").on("case_members").column("person_id").run()
        try await sql.create(index: "members_by_case").on("case_members").column("case_id").run()
        try await sql.create(index: "notifications_by_recipient").on("notifications").column("recipient_id").run()
    }

    func revert(on db: any Database) async throws {
        for table in ["notifications", "case_members", "cases"] { try await db.schema(table).delete() }
    }
}
