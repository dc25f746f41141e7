import DocketStore
import Vapor

/// `docket projections rebuild`: rewrites the oversight projection of every case by replaying the
/// event log, with progress. For a projection someone edited by hand, or after a fix to how it is built.
struct ProjectionsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "rebuild")
        var action: String
    }

    var help: String { "Rebuilds the oversight projection from the event log: `docket projections rebuild`." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "rebuild" else { throw CommandFailure("unknown projections action '\(signature.action)'; try `docket projections rebuild`") }
        let app = context.application
        let console = context.console
        let procedure = try await app.docket.procedure(on: app.db)
        let count = try await Projections.rebuild(all: true, procedure: procedure, on: app.db) { done, total in
            if done == total || done % 10_000 == 0 { console.output("  \(done) of \(total) cases…".consoleText(.info)) }
        }
        console.output("Rebuilt the oversight projection of \(count) cases from the event log.".consoleText(.success))
    }
}
