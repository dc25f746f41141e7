import DocketCore
import DocketStore
import Fluent
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing
import Vapor

@testable import DocketWeb

/// A relay on loopback that speaks enough SMTP to accept mail, and refuses one recipient.
final class Inbox: Sendable {
    let messages = Mutex<[String]>([])
    func add(_ m: String) { messages.withLock { $0.append(m) } }
    var all: [String] { messages.withLock { $0 } }
}

final class FakeRelay: Sendable {
    let received = Inbox()
    let refuse: String
    let channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    let task: Task<Void, Never>

    var port: Int { channel.channel.localAddress!.port! }

    init(refuse: String) async throws {
        self.refuse = refuse
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { ch in
                ch.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: ch) }
            }
        self.channel = channel
        let received = self.received
        task = Task {
            try? await channel.executeThenClose { connections in
                for try await connection in connections {
                    try? await connection.executeThenClose { inbound, outbound in
                        try await outbound.write(ByteBuffer(string: "220 fake relay\r\n"))
                        var buffer = "", inData = false, message = ""
                        for try await chunk in inbound {
                            buffer += String(buffer: chunk)
                            while let r = buffer.range(of: "\r\n") {
                                let line = String(buffer[..<r.lowerBound])
                                buffer = String(buffer[r.upperBound...])
                                if inData {
                                    if line == "." {
                                        inData = false
                                        received.add(message)
                                        try await outbound.write(ByteBuffer(string: "250 queued\r\n"))
                                    } else {
                                        message += line + "\n"
                                    }
                                    continue
                                }
                                let reply: String
                                switch line.prefix(4).uppercased() {
                                case "EHLO": reply = "250-fake\r\n250 OK"
                                case "MAIL": reply = "250 OK"
                                case "RCPT": reply = line.contains(refuse) ? "550 no such mailbox" : "250 OK"
                                case "DATA": inData = true; message = ""; reply = "354 go ahead"
                                case "QUIT": reply = "221 bye"
                                default: reply = "500 what"
                                }
                                try await outbound.write(ByteBuffer(string: reply + "\r\n"))
                                if reply.hasPrefix("221") { return }
                            }
                        }
                    }
                }
            }
        }
    }

    func stop() async {
        try? await channel.channel.close()
        task.cancel()
    }
}

@Suite("E-mail delivery")
struct MailDeliveryTests {
    @Test func queued_messages_go_through_the_relay_once_and_failures_are_kept_for_the_administrator() async throws {
        let relay = try await FakeRelay(refuse: "gone@example.org")
        defer { Task { await relay.stop() } }
        try await TestApp.run { t in
            let now = t.clock.now
            try await OutboxMessage(
                to: "alice@example.org", subject: "Decision, case DK-2026-00001",
                body: "Allegation 1: upheld.\n.A line that starts with a dot.", at: now
            ).create(on: t.app.db)
            try await OutboxMessage(to: "gone@example.org", subject: "Notice", body: "x", at: now).create(on: t.app.db)
            try await OutboxMessage(to: "evil@example.org\r\nBcc: everyone@example.org", subject: "Hi\r\nBcc: x@example.org", body: "y", at: now).create(
                on: t.app.db)
            let client = SMTPClient(host: "127.0.0.1", port: relay.port, from: "docket@union.example")
            var outcome = try await OutboxDelivery.deliverPending(on: t.app.db, relay: client, at: now, logger: t.app.logger)
            #expect(outcome == .init(sent: 2, failed: 0, retrying: 1))
            let mails = relay.received.all
            #expect(mails.count == 2)
            let decision = try #require(mails.first { $0.contains("Decision, case DK-2026-00001") })
            #expect(decision.contains("To: alice@example.org"))
            #expect(decision.contains("From: docket@union.example"))
            #expect(decision.contains("\n..A line that starts with a dot."))
            #expect(!mails.joined().contains("\nBcc:"))

            // Nothing is sent twice; the refused message is retried and then marked failed.
            for _ in 2...OutboxDelivery.maxAttempts {
                outcome = try await OutboxDelivery.deliverPending(on: t.app.db, relay: client, at: now, logger: t.app.logger)
            }
            #expect(outcome == .init(sent: 0, failed: 1, retrying: 0))
            #expect(relay.received.all.count == 2)
            let failed = try #require(try await OutboxMessage.query(on: t.app.db).filter(\.$status == "failed").first())
            #expect(failed.to == "gone@example.org")
            #expect(failed.attempts == 5)
            #expect(failed.lastError?.contains("550 no such mailbox") == true)
        }
    }

    @Test func without_a_relay_messages_stay_queued_and_the_administrator_is_told() async throws {
        try await TestApp.run { t in
            try await OutboxMessage(to: "alice@example.org", subject: "Complaint received", body: "x", at: t.clock.now).create(on: t.app.db)
            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, "long enough password")
            let page = try await web.get("/admin/outbox")
            #expect(page.body.contains("No SMTP relay is configured"))
            // Delivery status, not who is written to or what about.
            #expect(!page.body.contains("Complaint received") && !page.body.contains("alice@example.org"))
            #expect(page.body.contains("a…@example.org"))
            #expect(page.body.contains("queued"))
        }
    }
}
