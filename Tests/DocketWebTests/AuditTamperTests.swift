import DocketCore
import DocketStore
import Fluent
import Foundation
import SQLKit
import Testing

@testable import DocketWeb

/// Changes made to the database behind Docket's back must be caught by `audit verify`.
@Suite("Tampering with the record is caught")
struct AuditTamperTests {
    /// Files three complaints and reads one, so both chains have entries.
    func seed(_ t: TestApp) async throws -> [EventRecord] {
        try await t.installRulebook()
        let members = [try await t.user("A", [.member], number: "A1"), try await t.user("B", [.member], number: "A2")]
        _ = try await t.user("Z", [.member], number: "A9")
        // A about B, B about Z, A about B: nobody complains about someone who complained about
        // them, so the retaliation watch raises no flag, and the chain holds exactly these.
        for i in 0..<3 {
            let r = try await t.call(
                .POST, "/api/v1/cases", as: members[i % 2],
                json: [
                    "respondent_membership_number": i % 2 == 0 ? "A2" : "A9", "relation": "witness", "category": "bullying", "summary": "S\(i)",
                ])
            #expect(r.status == .created)
            if i == 0 { try await t.call(.GET, "/api/v1/cases/\(r["id"] as! String)", as: members[0]) }
        }
        let events = try await EventRecord.query(on: t.app.db).sort(\.$id).all()
        #expect(events.count == 3)
        return events
    }

    /// On PostgreSQL the database refuses the edit; an owner has to switch the guard off first.
    func bypassGuard(_ t: TestApp) async throws {
        guard t.isPostgres else { return }
        await #expect(throws: (any Error).self) { try await t.sql.raw("UPDATE events SET kind = kind").run() }
        await #expect(throws: (any Error).self) { try await t.sql.raw("DELETE FROM access_log").run() }
        try await t.sql.raw("ALTER TABLE events DISABLE TRIGGER USER").run()
        try await t.sql.raw("ALTER TABLE access_log DISABLE TRIGGER USER").run()
    }

    /// The verifier the application uses (on SQLite, the direct file reader). On SQLite the SQL
    /// walk must reach exactly the same verdict, so both are run and compared.
    func failure(_ t: TestApp) async -> AuditVerifier.Failure? {
        func outcome(_ verify: () async throws -> AuditVerifier.Report) async -> String {
            do { return "ok \(try await verify())" } catch { return "\(error)" }
        }
        if !t.isPostgres {
            let direct = await outcome { try await t.app.docket.verifyChains(on: t.app.db) }
            let sql = await outcome { try await AuditVerifier.verify(on: t.app.db) }
            #expect(direct == sql)
        }
        do { _ = try await t.app.docket.verifyChains(on: t.app.db); return nil } catch { return error as? AuditVerifier.Failure }
    }

    @Test func an_untouched_record_verifies() async throws {
        try await TestApp.run { t in
            _ = try await seed(t)
            #expect(await failure(t) == nil)
            let report = try await t.app.docket.verifyChains(on: t.app.db)
            #expect(report.events == 3)
            #expect(report.accesses == 1)
        }
    }

    @Test func a_changed_payload_is_caught_and_named() async throws {
        try await TestApp.run { t in
            _ = try await seed(t)
            try await bypassGuard(t)
            try await t.sql.raw("UPDATE events SET payload = REPLACE(payload, '\"category\":\"bullying\"', '\"category\":\"misogyny\"') WHERE seq = 2").run()
            let f = await failure(t)
            #expect(f?.seq == 2)
            #expect(f?.description.contains("event 2 (complaint_filed") == true)
            #expect(f?.description.contains("the entry was altered") == true)
        }
    }

    @Test func a_deleted_event_is_caught() async throws {
        try await TestApp.run { t in
            _ = try await seed(t)
            try await bypassGuard(t)
            try await t.sql.raw("DELETE FROM events WHERE seq = 2").run()
            let f = await failure(t)
            #expect(f?.seq == 3)
            #expect(f?.description.contains("entry 2 is missing") == true)
        }
    }

    @Test func a_deleted_last_event_is_caught_by_the_chain_head() async throws {
        try await TestApp.run { t in
            _ = try await seed(t)
            try await bypassGuard(t)
            try await t.sql.raw("DELETE FROM events WHERE seq = 3").run()
            #expect(await failure(t)?.description.contains("entries were removed from the end") == true)
        }
    }

    @Test func swapped_events_are_caught() async throws {
        try await TestApp.run { t in
            _ = try await seed(t)
            try await bypassGuard(t)
            try await t.sql.raw("UPDATE events SET seq = -1 WHERE seq = 1").run()
            try await t.sql.raw("UPDATE events SET seq = 1 WHERE seq = 2").run()
            try await t.sql.raw("UPDATE events SET seq = 2 WHERE seq = -1").run()
            #expect(await failure(t)?.seq == 1)
        }
    }

    @Test func an_altered_access_log_entry_is_caught() async throws {
        try await TestApp.run { t in
            _ = try await seed(t)
            try await bypassGuard(t)
            try await t.sql.raw("UPDATE access_log SET actor_id = NULL").run()
            let f = await failure(t)
            #expect(f?.chain == "access entry")
            #expect(f?.seq == 1)
        }
    }

    /// With `DATABASE_OWNER_URL`, Docket connects as a role that owns nothing: it cannot switch
    /// off, drop or go around the logs' guards, nor touch the record of migrations, and still works.
    @Test(.enabled(if: !(ProcessInfo.processInfo.environment["DATABASE_OWNER_URL"] ?? "").isEmpty))
    func on_postgresql_docket_itself_cannot_lift_the_guards_of_its_logs() async throws {
        try await TestApp.run { t in
            _ = try await seed(t)
            #expect(try await LeastPrivilege.ownsTables(t.appSQL) == false)
            for statement in [
                "ALTER TABLE events DISABLE TRIGGER USER", "DROP TRIGGER events_no_change ON events",
                "ALTER TABLE access_log DISABLE TRIGGER USER", "UPDATE events SET kind = kind", "DELETE FROM events",
                "DELETE FROM access_log", "TRUNCATE access_log", "DROP TABLE events", "DELETE FROM _fluent_migrations",
                "CREATE TABLE planted (x int)",
            ] {
                do {
                    try await t.appSQL.raw("\(unsafeRaw: statement)").run()
                    Issue.record("Docket's role could run: \(statement)")
                } catch {
                    let text = String(reflecting: error)
                    #expect(text.contains("permission denied") || text.contains("must be owner"), "\(statement): \(text)")
                }
            }
            #expect(try await AuditVerifier.verify(on: t.app.db).events == 3)
        }
    }

    @Test func concurrent_filings_keep_one_unbroken_chain() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let respondent = try await t.user("R", [.member], number: "R1")
            var members: [TestApp.User] = []
            for i in 0..<12 { members.append(try await t.user("M\(i)", [.member])) }
            _ = respondent
            try await withThrowingTaskGroup(of: Int.self) { group in
                for m in members {
                    group.addTask {
                        let r = try await t.call(
                            .POST, "/api/v1/cases", as: m,
                            json: [
                                "respondent_membership_number": "R1", "relation": "witness", "category": "bullying", "summary": "Same meeting",
                            ])
                        return Int(r.status.code)
                    }
                }
                for try await status in group { #expect(status == 201) }
            }
            let refs = try await CaseSummary.query(on: t.app.db).all().map(\.reference)
            #expect(Set(refs).count == 12)
            #expect(try await AuditVerifier.verify(on: t.app.db).events == 12)
        }
    }

    /// The audit page answers at once however long the record: it checks what was added since the
    /// last full run that passed. An edit after that run is caught at once; an edit before it is
    /// caught by the next full run, which the page then reports.
    @Test func the_audit_page_builds_on_the_last_full_run_and_a_new_full_run_catches_older_edits() async throws {
        try await TestApp.run { t in
            _ = try await seed(t)
            let auditor = try await t.account("Aud", [.auditor])
            let web = WebClient(t)
            try await web.signIn(auditor.person.email!, "long enough password")
            var page = try await web.get("/audit")
            #expect(page.body.contains("The last full verification, of all 3 events and 1 access-log entries before them, passed on"))
            #expect(try await AuditRun.query(on: t.app.db).count() == 1)

            // Two more complaints: the page verifies the two new events, and does not start a full run.
            let a = try await t.user("C", [.member], number: "A3")
            for i in 0..<2 {
                _ = try await t.call(
                    .POST, "/api/v1/cases", as: a,
                    json: ["respondent_membership_number": "A1", "relation": "witness", "category": "bullying", "summary": "T\(i)"])
            }
            page = try await web.get("/audit")
            #expect(page.body.contains("Checked now: the 2 events and 0 access-log entries added since the last full verification"))
            #expect(try await AuditRun.query(on: t.app.db).count() == 1)

            // An edit to an event the last full run covered: the page still builds on that run…
            try await bypassGuard(t)
            try await t.sql.raw("UPDATE events SET payload = REPLACE(payload, '\"category\":\"bullying\"', '\"category\":\"misogyny\"') WHERE seq = 1").run()
            page = try await web.get("/audit")
            #expect(page.body.contains("a change made to those since then shows at the next full verification"))
            // …until a full run, started from the page, finds it; the page then says so.
            page = try await web.post("/audit/verify")
            #expect(page.status == .seeOther)
            for _ in 0..<100 where try await AuditRun.query(on: t.app.db).filter(\.$finishedAt == nil).count() > 0 {
                try await Task.sleep(for: .milliseconds(50))
            }
            page = try await web.get("/audit")
            #expect(page.body.contains("Verification FAILED at event 1 (complaint_filed"))

            // An edit after the checkpoint is caught by the page at once, without a full run.
            try await t.sql.raw("UPDATE events SET payload = REPLACE(payload, '\"category\":\"misogyny\"', '\"category\":\"bullying\"') WHERE seq = 1").run()
            _ = try await t.app.docket.fullVerification(on: t.app.db, startedBy: nil)
            try await t.sql.raw("UPDATE events SET payload = REPLACE(payload, '\"category\":\"bullying\"', '\"category\":\"misogyny\"') WHERE seq = 5").run()
            page = try await web.get("/audit")
            #expect(!page.body.contains("FAILED"))  // the last full run covered seq 5 too…
            _ = try await t.call(
                .POST, "/api/v1/cases", as: a, json: ["respondent_membership_number": "A1", "relation": "witness", "category": "bullying", "summary": "T2"])
            try await t.sql.raw("UPDATE events SET payload = REPLACE(payload, '\"category\":\"bullying\"', '\"category\":\"misogyny\"') WHERE seq = 6").run()
            page = try await web.get("/audit")
            #expect(page.body.contains("Verification FAILED at event 6"))  // …but not the new seq 6
        }
    }

    /// A full verification through the app, as the auditor's button or `docket audit verify` runs it.
    func fullRun(_ t: TestApp) async throws -> AuditRun {
        try await t.app.docket.fullVerification(on: t.app.db, startedBy: nil).0
    }

    @Test func a_truncated_tail_with_its_head_reset_is_caught_by_the_last_passed_run() async throws {
        try await TestApp.run { t in
            let events = try await seed(t)
            #expect(try await fullRun(t).passed == true)
            try await bypassGuard(t)
            // Remove the last event and point the head at the one before: the chain is whole.
            try await t.sql.raw("DELETE FROM events WHERE seq = \(bind: events[2].id!)").run()
            try await t.sql.raw("UPDATE chain_heads SET seq = \(bind: events[1].id!), hash = \(bind: events[1].hash) WHERE chain = 'events'").run()
            #expect(await failure(t) == nil)  // on its own, it verifies
            let run = try await fullRun(t)
            #expect(run.passed == false)
            #expect(run.detail?.contains("event \(events[2].id!): the log now ends at \(events[1].id!)") == true, "\(run.detail ?? "")")
        }
    }

    @Test func a_rewritten_and_rehashed_tail_is_caught_by_the_last_passed_run() async throws {
        try await TestApp.run { t in
            let events = try await seed(t)
            #expect(try await fullRun(t).passed == true)
            try await bypassGuard(t)
            // Rewrite the last event's words and re-hash it, and set the head to match.
            let last = events[2]
            let payload = last.payload.replacingOccurrences(of: "\"category\":\"bullying\"", with: "\"category\":\"misogyny\"")
            #expect(payload != last.payload)
            try await t.rewriteLastEvent(last, payload: payload)
            #expect(await failure(t) == nil)  // on its own, it verifies
            let run = try await fullRun(t)
            #expect(run.passed == false)
            #expect(run.detail?.contains("event \(last.id!): its hash is not the one verified on") == true, "\(run.detail ?? "")")
        }
    }

    @Test func an_altered_already_verified_event_is_reported_on_the_audit_page_after_a_full_run() async throws {
        try await TestApp.run { t in
            let events = try await seed(t)
            let auditor = try await t.account("Aud Itor", [.auditor])
            let web = WebClient(t)
            try await web.signIn(auditor.person.email!, "long enough password")
            var page = try await web.get("/audit")  // the first visit runs a full verification
            #expect(page.body.contains("Checked now"))
            try await bypassGuard(t)
            try await t.sql.raw(
                "UPDATE events SET payload = replace(payload, '\"category\":\"bullying\"', '\"category\":\"misogyny\"') WHERE seq = \(bind: events[0].id!)"
            ).run()
            // Until a full run, the page says only what it checked, and when.
            page = try await web.get("/audit")
            #expect(!page.body.contains("Nothing has been altered"))
            #expect(page.body.contains("a change made to those since then shows at the next full verification"))
            #expect(try await web.post("/audit/verify").status == .seeOther)
            for _ in 0..<100 {
                page = try await web.get("/audit")
                if !page.body.contains("is running") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(page.body.contains("Verification FAILED at event \(events[0].id!)"), "\(page.body)")
        }
    }

    @Test func an_altered_evidence_file_is_caught_and_named_with_its_event() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            let r = try await t.call(
                .POST, "/api/v1/cases", as: a, json: ["respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S"])
            let idText = try #require(r["id"] as? String)
            let id = try #require(UUID(uuidString: idText))
            let bytes = Data("the original messages".utf8)
            let item = EvidenceItem(id: UUID(), filename: "m.txt", contentType: "text/plain", size: bytes.count, sha256: EvidenceUpload.sha256(bytes))
            _ = try await t.app.docket.store(on: t.app.db).execute(
                .addEvidence(item), on: id, by: a.person.actor, at: t.clock.now, on: t.app.db,
                alongside: EvidenceUpload.store([(item, bytes)], at: t.clock.now))
            #expect(try await fullRun(t).passed == true)
            // The bytes are swapped, and the stored SHA-256 column with them: only the chain remembers.
            let forged = Data("other messages".utf8)
            try await t.sql.raw("UPDATE evidence_files SET data = \(bind: forged), sha256 = \(bind: EvidenceUpload.sha256(forged)) WHERE id = \(bind: item.id)")
                .run()
            let seq = try #require(try await EventRecord.query(on: t.app.db).filter(\.$kind == "evidence_added").first()?.id)
            let run = try await fullRun(t)
            #expect(run.passed == false)
            #expect(
                run.detail?.contains("event \(seq) (evidence_added): the evidence file it added, \(item.id.uuidString.lowercased()), no longer matches")
                    == true, "\(run.detail ?? "")")
            // Removed altogether, it is missed.
            try await t.sql.raw("DELETE FROM evidence_files").run()
            #expect(try await fullRun(t).detail?.contains("is missing; it was removed") == true)
        }
    }

    /// The keys that seal people's words sit beside the chain. Deleting one would erase those
    /// words with every hash intact; swapping one would too. Only an erasure on the chain may.
    @Test func a_key_deleted_or_swapped_behind_dockets_back_is_caught_and_named() async throws {
        try await TestApp.run { t in
            let events = try await seed(t)
            #expect(try await fullRun(t).passed == true)
            let store = try await t.app.docket.store(on: t.app.db)
            #expect(try await store.load(events[1].caseId, on: t.app.db)?.summary == "S1")

            // The second case's keys are deleted: its words can no longer be opened (it reads
            // "[erased]" once replayed), the chain alone still verifies, and the full run names
            // the event whose words went.
            try await t.sql.raw("DELETE FROM subject_keys WHERE case_id = \(bind: events[1].caseId)").run()
            #expect(try await SubjectKey.ring(for: [events[1].caseId], on: t.app.db).isEmpty)
            #expect(await failure(t) == nil)
            var run = try await fullRun(t)
            #expect(run.passed == false)
            #expect(
                run.detail?.contains(
                    "event \(events[1].id!) (complaint_filed, case \(events[1].caseId.uuidString.lowercased())): the key that sealed its words") == true,
                "\(run.detail ?? "")")
            #expect(run.detail?.contains("is missing, and no erasure on the chain destroyed it") == true)

            // The third case's key is swapped for another: caught too, at the earliest event.
            try await t.sql.raw(
                "UPDATE subject_keys SET key = \(bind: Data(repeating: 7, count: 32).base64EncodedString()) WHERE case_id = \(bind: events[2].caseId)"
            )
            .run()
            run = try await fullRun(t)
            #expect(run.detail?.contains("event \(events[1].id!) (complaint_filed") == true, "\(run.detail ?? "")")
            // With the second case's erasure recorded the way Docket records it, the missing key
            // is accounted for, and the swapped one is what is reported.
            _ = try await store.erase(events[1].caseId, by: .commandLine, at: t.clock.now, on: t.app.db) { _ in
                .contentErased(.init(basis: "retention", rule: "test", complainantKey: "k"))
            }
            run = try await fullRun(t)
            #expect(run.detail?.contains("event \(events[2].id!) (complaint_filed") == true, "\(run.detail ?? "")")
            #expect(run.detail?.contains("no longer opens them; the key was replaced") == true)
        }
    }

    /// Words that look like a sealed value are sealed like any other: nobody can plant a value
    /// that sends `audit verify` looking for a key that never was.
    @Test func words_that_look_sealed_are_sealed_and_read_back_as_typed() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            let planted = "sealed:v1:00000000-0000-0000-0000-000000000001:AAAA"
            let r = try await t.call(
                .POST, "/api/v1/cases", as: a, json: ["respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": planted])
            #expect(r.status == .created)
            let stored = try #require(try await EventRecord.query(on: t.app.db).filter(\.$kind == "complaint_filed").first())
            #expect(!stored.payload.contains(planted))
            #expect(try await fullRun(t).passed == true)
            let read = try await t.call(.GET, "/api/v1/cases/\(r["id"] as! String)", as: a)
            #expect(read["summary"] as? String == planted)
        }
    }
}
