import DocketCore
import DocketStore
import Fluent
import SQLKit
import Vapor

/// Sends queued e-mail through the relay. Each run claims a batch with one UPDATE, so several
/// instances never send the same message; a message that fails is retried on later runs and
/// marked failed after five attempts, with the relay's answer kept for the administrator.
enum OutboxDelivery {
    static let maxAttempts = 5
    static let batch = 20

    struct Outcome: Equatable { var sent = 0; var failed = 0; var retrying = 0 }

    static func deliverPending(on db: any Database, relay: SMTPClient, at now: Date, logger: Logger) async throws -> Outcome {
        let claim = "sending-\(UUID().uuidString.prefix(8))"
        let sql = db as! any SQLDatabase
        let ids = try await OutboxMessage.query(on: db).filter(\.$status == "queued").sort(\.$createdAt).limit(batch).all().compactMap(\.id)
        guard !ids.isEmpty else { return Outcome() }
        try await sql.update("outbox").set("status", to: claim).where("status", .equal, "queued").where("id", .in, ids).run()
        var outcome = Outcome()
        for message in try await OutboxMessage.query(on: db).filter(\.$status == claim).all() {
            message.attempts += 1
            do {
                let attachment = message.attachment.map { (name: message.attachmentName ?? "calendar.ics", ics: $0) }
                try await relay.send(to: message.to, subject: message.subject, body: message.body, date: now, attachment: attachment)
                message.status = "sent"
                // A delivered password link is the person's alone: the copy kept here loses it.
                message.body = Self.withoutLinkTokens(message.body)
                message.sentAt = Instant.millis(now)
                message.lastError = nil
                outcome.sent += 1
            } catch {
                message.lastError = String(describing: error)
                message.status = message.attempts >= maxAttempts ? "failed" : "queued"
                if message.status == "failed" { outcome.failed += 1 } else { outcome.retrying += 1 }
                logger.warning("e-mail to \(message.to) not sent (attempt \(message.attempts)): \(error)")
            }
            try await message.save(on: db)
        }
        return outcome
    }
}

/// Runs the delivery every few seconds while `docket serve` runs, when a relay is configured.
final class OutboxWorker: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?
    let interval: Duration

    init(interval: Duration = .seconds(10)) { self.interval = interval }

    func didBootAsync(_ app: Application) async throws {
        guard let smtp = app.docket.config.smtp else { return }
        let relay = SMTPClient(host: smtp.host, port: smtp.port, from: smtp.from)
        let interval = self.interval
        task = Task { [app] in
            while !Task.isCancelled {
                do {
                    _ = try await OutboxDelivery.deliverPending(on: app.db, relay: relay, at: app.docket.clock(), logger: app.logger)
                } catch {
                    app.logger.report(error: error)
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        _ = await task?.value
    }
}

extension OutboxDelivery {
    /// The text with the token of every `/reset/…` and `/invite/…` link replaced.
    static func withoutLinkTokens(_ body: String) -> String {
        var text = body
        for marker in SiteURL.passwordLinkPrefixes {
            var from = text.startIndex
            while let r = text.range(of: marker, range: from..<text.endIndex) {
                let end = text[r.upperBound...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } ?? text.endIndex
                text.replaceSubrange(r.upperBound..<end, with: "[removed once delivered]")
                from = text.index(r.upperBound, offsetBy: "[removed once delivered]".count)
            }
        }
        return text
    }
}
