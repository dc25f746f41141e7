import Fluent
import SQLKit

/// The oversight projections — one narrow row per case, the interference register and programme reviews — and the
/// indexes the oversight lists need at a million cases. Existing cases are filled in by
/// `Projections.rebuildMissing`, which `serve` and `migrate` run after migrating.
struct M011_CreateOversightProjections: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("case_facts")
            // managed
            .id()
            // references
            .field("caseworker_id", .uuid)
            .field("panel", .string, .required)
            // data
            .field("reference", .string, .required)
            .field("category", .string, .required)
            .field("stage", .string, .required)
            .field("route", .string, .required)
            .field("complainant", .string, .required)
            .field("relation", .string, .required)
            .field("received_at", .int64, .required)
            .field("triaged_at", .int64)
            .field("dismissed_at_triage", .bool, .required)
            .field("notice_at", .int64)
            .field("decided_at", .int64)
            .field("appeal_decided_at", .int64)
            .field("appeal_outcome", .string)
            .field("allegations", .int, .required)
            .field("upheld", .int, .required)
            .field("sanction", .string)
            .field("suspended_at", .int64)
            .field("suspension_review", .string)
            .field("suspension_lifted_at", .int64)
            .field("hearing_held", .bool, .required)
            .field("last_activity", .int64, .required)
            .field("written_seq", .int64, .required)
            .create()
        try await db.schema("interference_register")
            .id()
            .field("case_id", .uuid, .required)
            .field("recorded_by", .uuid)
            .field("reference", .string, .required)
            .field("route", .string, .required)
            .field("at", .int64, .required)
            .field("from_whom", .string, .required)
            .field("summary", .string, .required)
            .create()
        try await db.schema("programme_reviews")
            .id()
            .field("programme_id", .uuid, .required)
            .field("case_id", .uuid, .required)
            .field("reviewer_id", .uuid, .required)
            .field("reference", .string, .required)
            .field("concluded", .bool, .required)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "programme_reviews_by_case").on("programme_reviews").column("case_id").run()
        try await sql.create(index: "programme_reviews_by_reviewer").on("programme_reviews").column("reviewer_id").run()
        try await sql.create(index: "facts_by_decided").on("case_facts").column("decided_at").run()
        try await sql.create(index: "facts_by_received").on("case_facts").column("received_at").run()
        try await sql.create(index: "facts_by_written").on("case_facts").column("written_seq").run()
        try await sql.create(index: "interference_by_case").on("interference_register").column("case_id").run()
        try await sql.create(index: "interference_by_time").on("interference_register").column("at").run()
        // The governance and review lists filter by stage and sort by when the stage began.
        try await sql.create(index: "cases_by_stage").on("cases").column("stage").column("stage_entered_at").run()
        // Complaints about officials, for the reviewers' list. Partial, so that the planner is
        // never tempted to use it for the standard route, which is almost every case.
        try await sql.raw("CREATE INDEX cases_independent ON cases (received_at) WHERE route = 'independent'").run()
        // A suspension's review date is kept only while the case is open (see CaseSummary).
        try await sql.raw("UPDATE cases SET suspension_review = NULL WHERE stage IN ('dismissed', 'resolved', 'closed')").run()
        try await sql.create(index: "cases_by_suspension").on("cases").column("suspension_review").run()
    }

    func revert(on db: any Database) async throws {
        for table in ["programme_reviews", "interference_register", "case_facts"] { try await db.schema(table).delete() }
    }
}
