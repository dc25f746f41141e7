import DocketStore
import Vapor

/// `docket audit verify`: walks both chains; exit 0 with the count, or non-zero naming the first
/// entry that does not verify.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
    }

    var help: String { "Verifies the tamper-evident record: `docket audit verify`." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw CommandFailure("unknown audit action '\(signature.action)'; try `docket audit verify`") }
        let db = context.application.db
        let console = context.console
        do {
            let started = Date()
            let (run, result) = try await context.application.docket.fullVerification(on: db, startedBy: nil) { chain, count in
                if count > 0, count % 1_000_000 == 0 { console.output("  \(chain): \(count) verified…".consoleText(.info)) }
            }
            guard let report = result else { throw CommandFailure("Verification FAILED at \(run.detail ?? "an unknown entry")") }
            let seconds = Date().timeIntervalSince(started)
            console.output("Verified \(report.events) events and \(report.accesses) access-log entries in \(String(format: "%.2f", seconds)) s.".consoleText(.success))
            console.output("Event chain head: \(report.eventHead)")
        } catch let failure as AuditVerifier.Failure {
            throw CommandFailure("Verification FAILED at \(failure.description)")
        }
    }
}

/// A command failure with a message for a person; the entry point prints it and exits 1.
public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
