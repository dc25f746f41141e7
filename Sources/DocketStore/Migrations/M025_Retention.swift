import DocketCore
import Fluent
import Foundation
import SQLKit

/// Erasure by destroying keys, by the retention schedule or on request (`erasure_requests`). Each person's words in each case are sealed with a key of their
/// own (`subject_keys`); the chain hashes the sealed bytes, so destroying a key erases the words
/// and the record still verifies. `cases.erased_at` marks an erased case for the lists and for
/// retention. The oversight figures counted non-members by their name; they now count them by
/// a digest of it, so that the figures hold no name; failed sign-ins are counted by a digest too.
struct M025_Retention: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("subject_keys")
            .id()
            .field("case_id", .uuid, .required)
            // The nil UUID for words nobody wrote (the retention job's own events).
            .field("person_id", .uuid, .required)
            .field("key", .string, .required)
            .field("created_at", .int64, .required)
            .unique(on: "case_id", "person_id")
            .create()
        try await db.schema("erasure_requests")
            .id()
            .field("person_id", .uuid, .required)
            .field("proposed_by", .uuid, .required)
            .field("proposed_at", .int64, .required)
            .field("reasons", .string, .required)
            .field("status", .string, .required)
            .field("decided_by", .uuid)
            .field("decided_at", .int64)
            .field("decision_reasons", .string)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.raw("CREATE INDEX IF NOT EXISTS subject_keys_by_person ON subject_keys (person_id)").run()
        try await sql.raw("ALTER TABLE cases ADD COLUMN erased_at BIGINT").run()
        // Whistleblowing: the cases the oversight page's figures read.
        try await sql.raw("ALTER TABLE cases ADD COLUMN protected_disclosure BOOLEAN NOT NULL DEFAULT false").run()
        try await sql.raw("ALTER TABLE cases ADD COLUMN retaliation_flags INTEGER NOT NULL DEFAULT 0").run()
        // Failed sign-ins are now counted under a digest of the address; the old counters, which
        // held addresses, go (they only throttle, and the window is an hour).
        try await sql.raw("DELETE FROM login_attempts").run()
        let rows = try await sql.raw("SELECT id, complainant FROM case_facts WHERE complainant LIKE 'non-member:%'").all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let name = String(try row.decode(column: "complainant", as: String.self).dropFirst("non-member:".count))
            try await sql.raw("UPDATE case_facts SET complainant = \(bind: OversightCase.nonMemberKey(name)) WHERE id = \(bind: id)").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("subject_keys").delete()
        try await db.schema("erasure_requests").delete()
        for column in ["erased_at", "protected_disclosure", "retaliation_flags"] {
            try await (db as! any SQLDatabase).raw("ALTER TABLE cases DROP COLUMN \(ident: column)").run()
        }
    }
}
