import Fluent
import SQLKit

/// Complaints are matched to people by the name the complainant wrote, in any case, without a
/// scan of the whole register.
struct M014_IndexNamesForMatching: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("CREATE INDEX people_by_lower_name ON people (lower(display_name))").run()
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("DROP INDEX people_by_lower_name").run()
    }
}
