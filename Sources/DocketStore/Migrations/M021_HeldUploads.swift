import Fluent

/// A file chosen with a complaint, held while the complainant checks their answers: it goes on
/// the record only when the complaint is sent, from the same browser (`owner_hash`, the hash of
/// its form token), and a held file not sent within a day is neither used nor kept.
struct M021_HeldUploads: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("held_uploads")
            .id()
            .field("form_token_hash", .string, .required)
            .field("owner_hash", .string, .required)
            .field("filename", .string, .required)
            .field("data", .data, .required)
            .field("held_at", .int64, .required)
            .unique(on: "form_token_hash")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("held_uploads").delete()
    }
}
