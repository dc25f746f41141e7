import Fluent
import SQLKit

/// Who was erased on request, as digests only: the register import must not bring them back
/// while the organisation's register still lists them. Neither a name nor a number is kept.
struct M026_ErasedMembers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("erased_members")
            .field("digest", .string, .identifier(auto: false))
            .field("erased_at", .int64, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("erased_members").delete()
    }
}
