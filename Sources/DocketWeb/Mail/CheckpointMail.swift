import DocketCore
import DocketStore
import Fluent
import Vapor

/// Once a day, each auditor is e-mailed a signed checkpoint of both chains. The mail leaves the
/// server, so whoever later rewrites the database cannot reach the copies; an auditor saves it as
/// a file and `docket audit verify --checkpoint FILE` proves it still lies on the chain.
enum CheckpointMail {
    static let subjectPrefix = "Signed checkpoint of the record"

    /// Queues today's checkpoint for every active auditor, unless it was queued already today
    /// (in the organisation's time zone). Nothing without a signing key. Returns how many.
    @discardableResult
    static func sendIfDue(on db: any Database, services: DocketServices) async throws -> Int {
        guard services.signingKey != nil else { return 0 }
        let now = services.clock(), calendar = services.config.calendar
        let today = calendar.day(of: now)
        let since = Instant.millis(calendar.start(of: today))
        let already = try await OutboxMessage.query(on: db).filter(\.$subject >= subjectPrefix).filter(\.$subject < subjectPrefix + "~")
            .filter(\.$createdAt >= since).count()
        guard already == 0 else { return 0 }
        let auditors = try await Person.query(on: db).filter(\.$rolesText ~~ Role.auditor.rawValue).filter(\.$deactivatedAt == nil).all()
            .filter { $0.roles.contains(.auditor) && $0.email != nil }
        guard !auditors.isEmpty, let checkpoint = try await SignedCheckpoint.current(on: db, services: services) else { return 0 }
        let org = services.config.organisationName
        let body = """
            Today's signed checkpoint of \(org)'s record: where the chain of case events and the chain of reads ended, \
            signed with the organisation's key. Keep it off the server: save the text between the lines as a file, and \
            `docket audit verify --checkpoint FILE` proves the record still runs through it. A checkpoint that no longer \
            lies on the chain means entries were removed or rewritten after it was made.

            -----
            \(checkpoint.json)
            -----
            """
        try await db.transaction { tx in
            for auditor in auditors {
                try await OutboxMessage(to: auditor.email!, subject: "\(subjectPrefix), \(today)", body: body, at: now).create(on: tx)
            }
        }
        return auditors.count
    }
}

/// Checks every hour, while `docket serve` runs with a signing key, whether today's checkpoint
/// has gone to the auditors.
final class CheckpointMailer: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        guard app.docket.signingKey != nil else { return }
        task = Task { [app] in
            while !Task.isCancelled {
                do { try await CheckpointMail.sendIfDue(on: app.db, services: app.docket) } catch { app.logger.report(error: error) }
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        _ = await task?.value
    }
}
