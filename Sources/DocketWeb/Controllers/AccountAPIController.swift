import DocketCore
import DocketStore
import Fluent
import Vapor

/// `/api/v1/me`, `/api/v1/notifications` and `/api/v1/audit/verify`.
struct AccountAPIController: RouteCollection {
    struct Me: Content {
        var id: UUID
        var displayName: String
        var roles: [String]
    }

    struct NoticeItem: Content {
        var caseId: UUID
        var subject: String
        var body: String
        var at: Date
    }

    struct AuditResult: Content {
        var verified: Bool
        var events: Int64
        var accessEntries: Int64
        var eventHead: String?
        var failure: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", use: me)
        routes.get("notifications", use: notifications)
        routes.get("audit", "verify", use: verify)
    }

    func me(req: Request) async throws -> Me {
        let (person, actor) = try req.actor()
        return Me(id: actor.id, displayName: person.displayName, roles: actor.roles.map(\.rawValue).sorted())
    }

    func notifications(req: Request) async throws -> [NoticeItem] {
        let (_, actor) = try req.actor()
        return try await Notification.inbox(of: actor.id, on: req.db).map {
            NoticeItem(caseId: $0.caseId, subject: $0.subject, body: $0.body, at: Instant.date(millis: $0.createdAt))
        }
    }

    /// Auditors verify both chains; they see counts and hashes, never case contents.
    func verify(req: Request) async throws -> AuditResult {
        let (_, actor) = try req.actor()
        guard actor.has(.auditor) else { throw Abort(.notFound) }
        // One full verification at a time: each reads the whole record.
        let cutoff = Instant.millis(req.docket.clock()) - 6 * 3_600_000
        if try await AuditRun.query(on: req.db).filter(\.$finishedAt == nil).filter(\.$startedAt > cutoff).first() != nil {
            throw DueProcessError.notAllowed("verification_running", "A full verification is already running; ask again when it has finished.")
        }
        let (run, report) = try await req.docket.fullVerification(on: req.db, startedBy: actor.id)
        guard let report else { return AuditResult(verified: false, events: 0, accessEntries: 0, eventHead: nil, failure: run.detail) }
        return AuditResult(verified: true, events: report.events, accessEntries: report.accesses, eventHead: report.eventHead, failure: nil)
    }
}
