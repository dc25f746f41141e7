import Fluent
import SQLKit

/// Login throttling, invitations, receipt codes, evidence files, the e-mail outbox and settings.
struct M007_CreateIntakeAndAccounts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("login_attempts")
            .id()
            // data: `email:…` or `address:…`, and when (milliseconds)
            .field("key", .string, .required)
            .field("at", .int64, .required)
            .create()
        try await db.schema("invitations")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("token_hash", .string, .required)
            .field("expires_at", .int64, .required)
            .field("used_at", .int64)
            .unique(on: "token_hash")
            .create()
        try await db.schema("receipts")
            .id()
            .field("case_id", .uuid, .required, .references("cases", "id"))
            .field("code_hash", .string, .required)
            .field("contact_email", .string)
            .unique(on: "code_hash")
            .create()
        try await db.schema("evidence_files")
            .id()
            .field("case_id", .uuid, .required)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_at", .int64, .required)
            .create()
        try await db.schema("outbox")
            .id()
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .int64, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .field("sent_at", .int64)
            .create()
        try await db.schema("settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "login_attempts_by_key").on("login_attempts").column("key").column("at").run()
        try await sql.create(index: "evidence_by_case").on("evidence_files").column("case_id").run()
        try await sql.create(index: "outbox_by_status").on("outbox").column("status").run()
    }

    func revert(on db: any Database) async throws {
        for t in ["settings", "outbox", "evidence_files", "receipts", "invitations", "login_attempts"] { try await db.schema(t).delete() }
    }
}
