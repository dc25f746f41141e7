import Crypto
import DocketCore
import DocketStore
import Fluent
import Foundation
import SQLKit
import Testing

@testable import DocketWeb

/// Signed checkpoints kept outside the database catch what the chain alone cannot: a tail cut
/// off, with the head and the record of earlier runs reset to match.
@Suite("Signed checkpoints", .serialized)
struct CheckpointTests {
    @Test func a_truncated_tail_passes_alone_but_breaks_a_signed_checkpoint() async throws {
        let kind = try TestDatabase.fresh()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoints-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try await TestApp.run(on: kind, keep: true, clock: Date()) { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            for i in 0..<3 {
                _ = try await t.call(
                    .POST, "/api/v1/cases", as: a,
                    json: ["respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S\(i)"])
            }
        }
        do {
            let key = dir + "/signing.key", env = ["DOCKET_SIGNING_KEY_FILE": dir + "/signing.key"]
            var r = try await LiveServer.command(["audit", "checkpoint", "--out", dir + "/c.json"], on: kind)
            #expect(r.status == 1 && r.err.contains("no signing key"), "\(r.err)")
            r = try await LiveServer.command(["audit", "keygen", "--out", key], on: kind)
            #expect(r.status == 0 && r.out.contains("Public key"), "\(r.err)")
            #expect((try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int) == 0o600)
            #expect(try await LiveServer.command(["audit", "keygen", "--out", key], on: kind).status == 1)  // never overwritten
            r = try await LiveServer.command(["audit", "checkpoint", "--out", dir + "/c.json"], on: kind, env: env)
            #expect(r.status == 0, "\(r.err)")
            r = try await LiveServer.command(["audit", "verify", "--checkpoint", dir + "/c.json"], on: kind, env: env)
            #expect(r.status == 0 && r.out.contains("Every one of 1 signed checkpoint still lies on the chain"), "\(r.out)\(r.err)")

            // Whoever holds the database cuts the last event off, resets the head, and removes
            // the record of the runs that saw it.
            try await TestApp.run(on: kind, keep: true, clock: Date()) { t in
                if t.isPostgres { try await t.sql.raw("ALTER TABLE events DISABLE TRIGGER USER").run() }
                let last = try #require(try await EventRecord.query(on: t.app.db).sort(\.$id, .descending).first())
                let before = try #require(try await EventRecord.find(last.id! - 1, on: t.app.db))
                try await t.sql.raw("DELETE FROM events WHERE seq = \(bind: last.id!)").run()
                try await t.sql.raw("UPDATE chain_heads SET seq = \(bind: before.id!), hash = \(bind: before.hash) WHERE chain = 'events'").run()
                try await t.sql.raw("DELETE FROM audit_runs").run()
            }
            r = try await LiveServer.command(["audit", "verify"], on: kind, env: env)
            #expect(r.status == 0, "on its own the shortened chain verifies: \(r.err)")
            r = try await LiveServer.command(["audit", "verify", "--checkpoint", dir], on: kind, env: env)
            #expect(r.status == 1)
            #expect(r.err.contains("the chain breaks checkpoint \(dir)/c.json") && r.err.contains("entries were removed from its end"), "\(r.err)")

            // A checkpoint edited to match is refused for its signature.
            var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/c.json"))) as? [String: Any])
            var events = try #require(json["events"] as? [String: Any])
            events["seq"] = (events["seq"] as? Int ?? 0) - 1
            json["events"] = events
            try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: dir + "/c.json"))
            r = try await LiveServer.command(["audit", "verify", "--checkpoint", dir + "/c.json"], on: kind, env: env)
            #expect(r.status == 1 && r.err.contains("the signature does not verify"), "\(r.err)")
        } catch {
            try? await TestApp.run(on: kind, keep: false) { _ in }
            throw error
        }
        try await TestApp.run(on: kind, keep: false) { _ in }
    }

    /// The tail rewritten and re-hashed from a point on, with the head and the runs reset: the
    /// chain verifies on its own, and the signed checkpoint names the rewrite.
    @Test func a_rewritten_and_rehashed_tail_passes_alone_but_breaks_a_signed_checkpoint() async throws {
        let kind = try TestDatabase.fresh()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoints-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try await TestApp.run(on: kind, keep: true, clock: Date()) { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            for i in 0..<3 {
                _ = try await t.call(
                    .POST, "/api/v1/cases", as: a,
                    json: ["respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S\(i)"])
            }
        }
        do {
            let key = dir + "/signing.key", env = ["DOCKET_SIGNING_KEY_FILE": dir + "/signing.key"]
            var r = try await LiveServer.command(["audit", "keygen", "--out", key], on: kind)
            #expect(r.status == 0, "\(r.err)")
            r = try await LiveServer.command(["audit", "checkpoint", "--out", dir + "/c.json"], on: kind, env: env)
            #expect(r.status == 0, "\(r.err)")
            try await TestApp.run(on: kind, keep: true, clock: Date()) { t in
                if t.isPostgres { try await t.sql.raw("ALTER TABLE events DISABLE TRIGGER USER").run() }
                let last = try #require(try await EventRecord.query(on: t.app.db).sort(\.$id, .descending).first())
                let payload = last.payload.replacingOccurrences(of: "\"category\":\"bullying\"", with: "\"category\":\"misogyny\"")
                #expect(payload != last.payload)
                try await t.rewriteLastEvent(last, payload: payload)
                try await t.sql.raw("DELETE FROM audit_runs").run()
            }
            r = try await LiveServer.command(["audit", "verify"], on: kind, env: env)
            #expect(r.status == 0, "on its own the rewritten chain verifies: \(r.err)")
            r = try await LiveServer.command(["audit", "verify", "--checkpoint", dir + "/c.json"], on: kind, env: env)
            #expect(r.status == 1)
            #expect(r.err.contains("the chain breaks checkpoint \(dir)/c.json") && r.err.contains("rewritten"), "\(r.err)")
        } catch {
            try? await TestApp.run(on: kind, keep: false) { _ in }
            throw error
        }
        try await TestApp.run(on: kind, keep: false) { _ in }
    }
}

@Suite("Checkpoints published with the reports and for auditors")
struct PublishedCheckpointTests {
    @Test func each_auditor_is_e_mailed_a_signed_checkpoint_once_a_day() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)").path
        let publicKey = try SigningKey.generate(at: path)
        try await TestApp.run(settings: { $0.signingKeyFile = path }) { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            let auditors = [try await t.user("Aud One", [.auditor]), try await t.user("Aud Two", [.auditor, .member])]
            let gone = try await t.user("Aud Gone", [.auditor])
            gone.person.deactivatedAt = Date()
            try await gone.person.save(on: t.app.db)
            _ = try await t.call(
                .POST, "/api/v1/cases", as: a, json: ["respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S"])
            #expect(try await CheckpointMail.sendIfDue(on: t.app.db, services: t.app.docket) == 2)
            #expect(try await CheckpointMail.sendIfDue(on: t.app.db, services: t.app.docket) == 0)  // once a day
            for auditor in auditors {
                let mail = try #require(try await OutboxMessage.query(on: t.app.db).filter(\.$to == auditor.person.email!).first())
                #expect(mail.subject == "Signed checkpoint of the record, 2026-03-02")
                let parts = mail.body.components(separatedBy: "\n-----")
                let json = try #require(parts.count == 3 ? parts[1].trimmingCharacters(in: .whitespacesAndNewlines) : nil)
                let checkpoint = try JSONDecoder().decode(SignedCheckpoint.self, from: Data(json.utf8))
                #expect(checkpoint.isSigned(trusting: publicKey))
                #expect(checkpoint.events.hash == (try await ChainHead.find("events", on: t.app.db))?.hash)
            }
            #expect(try await OutboxMessage.query(on: t.app.db).filter(\.$to == gone.person.email!).count() == 0)
            t.advance(workingDays: 1)
            #expect(try await CheckpointMail.sendIfDue(on: t.app.db, services: t.app.docket) == 2)
        }
        // Without a key, nothing is sent (and nothing pretends to be signed).
        try await TestApp.run { t in
            _ = try await t.user("Aud One", [.auditor])
            #expect(try await CheckpointMail.sendIfDue(on: t.app.db, services: t.app.docket) == 0)
        }
    }

    @Test func every_report_and_the_auditors_download_carry_a_checkpoint_signed_with_the_key() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)").path
        let publicKey = try SigningKey.generate(at: path)
        try await TestApp.run(settings: { $0.signingKeyFile = path }) { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            _ = try await t.call(
                .POST, "/api/v1/cases", as: a, json: ["respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S"])
            let page = try await WebClient(t).get("/reports/2026-Q1")
            #expect(page.body.contains("Signed checkpoint of the record"))
            let download = try await WebClient(t).get("/reports/2026-Q1.checkpoint.json")
            #expect(download.status == .ok)
            let published = try JSONDecoder().decode(SignedCheckpoint.self, from: Data(download.body.utf8))
            #expect(published.isSigned(trusting: publicKey))
            #expect(published.events.seq == 1)
            let head = try #require(try await ChainHead.find("events", on: t.app.db))
            #expect(published.events.hash == head.hash)
            // Signed by another key, it is not ours.
            #expect(!published.isSigned(trusting: Curve25519.Signing.PrivateKey().publicKey))

            let auditor = try await t.account("Aud", [.auditor])
            let au = WebClient(t)
            try await au.signIn(auditor.person.email!, "long enough password")
            let theirs = try await au.get("/audit/checkpoint")
            #expect(theirs.status == .ok)
            #expect(try JSONDecoder().decode(SignedCheckpoint.self, from: Data(theirs.body.utf8)).isSigned(trusting: publicKey))
        }
        // Without a key, nothing claims to be signed.
        try await TestApp.run { (t: TestApp) async throws in
            #expect(try await WebClient(t).get("/reports/2026-Q1").body.contains("Signed checkpoint") == false)
            #expect(try await WebClient(t).get("/reports/2026-Q1.checkpoint.json").status == .notFound)
        }
    }
}
