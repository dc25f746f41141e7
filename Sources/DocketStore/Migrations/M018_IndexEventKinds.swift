import Fluent
import SQLKit

/// The events of a kind, newest first, without walking the whole log: the audit page lists the
/// last administrative acts (role changes, invitations, settings, imports), which are a handful
/// among millions of case events. Measured at ten million events, that list took 2.1 s without
/// the index (docs/benchmarks.md).
struct M018_IndexEventKinds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await (db as! any SQLDatabase).create(index: "events_by_kind").on("events").column("kind").column("seq").run()
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).drop(index: "events_by_kind").run()
    }
}
