import DocketCore
import Fluent
import SQLKit

/// Erasure by destroying keys. Each person's words in each case are sealed with a key of their
/// own (`subject_keys`); the chain hashes the sealed bytes, so destroying a key erases the words
/// and the record still verifies. `cases.erased_at` marks an erased case for the lists and for
/// retention. The oversight figures counted non-members by their name; they now count them by
/// a digest of it, so that the figures hold no name.
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
        let sql = db as! any SQLDatabase
        try await sql.raw("CREATE INDEX IF NOT EXISTS subject_keys_by_person ON subject_keys (person_id)").run()
        try await sql.raw("ALTER TABLE cases ADD COLUMN erased_at BIGINT").run()
        let rows = try await sql.raw("SELECT id, complainant FROM case_facts WHERE complainant LIKE 'non-member:%'").all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let name = String(try row.decode(column: "complainant", as: String.self).dropFirst("non-member:".count))
            try await sql.raw("UPDATE case_facts SET complainant = \(bind: OversightCase.nonMemberKey(name)) WHERE id = \(bind: id)").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("subject_keys").delete()
        try await (db as! any SQLDatabase).raw("ALTER TABLE cases DROP COLUMN erased_at").run()
    }
}
