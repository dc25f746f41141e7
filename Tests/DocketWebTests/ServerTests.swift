import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

@Suite("Serving")
struct ServerTests {
    @Test func health_answers_with_the_database_kind() async throws {
        try await TestApp.run { t in
            let r = try await t.call(.GET, "/health")
            #expect(r.status == .ok)
            #expect(r["status"] as? String == "ok")
            #expect(r["database"] as? String == (t.isPostgres ? "postgresql" : "sqlite"))
        }
    }

    @Test func the_front_page_names_the_organisation_and_carries_security_headers() async throws {
        try await TestApp.run { t in
            let r = try await t.call(.GET, "/")
            #expect(r.status == .ok)
            #expect(r.text.contains("Northfield Tenants&#39; Union") || r.text.contains("Northfield Tenants' Union"))
            #expect(r.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(r.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(r.headers.first(name: "Referrer-Policy") == "no-referrer")
        }
    }

    @Test func an_unknown_route_is_a_plain_404() async throws {
        try await TestApp.run { t in
            let r = try await t.call(.GET, "/nothing/here")
            #expect(r.status == .notFound)
            #expect(r.code == "not_found")
        }
    }

    @Test func configuration_lists_every_problem_at_once() {
        #expect(throws: DocketConfig.Invalid.self) {
            try DocketConfig.fromEnvironment(["DATABASE_URL": "mysql://x", "DOCKET_TIMEZONE": "Mars/Olympus", "DOCKET_HOLIDAYS": "2026-13-01"])
        }
        do {
            _ = try DocketConfig.fromEnvironment(["DATABASE_URL": "mysql://x", "DOCKET_TIMEZONE": "Mars/Olympus", "DOCKET_HOLIDAYS": "2026-13-01"])
        } catch let e as DocketConfig.Invalid {
            #expect(e.problems.count == 3)
            #expect(e.problems.contains("DOCKET_HOLIDAYS: '2026-13-01' is not a date in the form YYYY-MM-DD"))
        } catch { Issue.record("unexpected \(error)") }
        let ok = try? DocketConfig.fromEnvironment([:])
        #expect(ok?.database == .sqlite(path: "docket.sqlite"))
    }
}

@Suite("Rulebook import")
struct RulebookImportTests {
    @Test func a_malformed_rulebook_names_the_problem_and_imports_nothing() async throws {
        let bad = Data(
            """
            {"versions": [
              {"version": "2026", "effective_from": "2026-01-01", "clauses": [
                {"id": "1", "title": "Respect", "text": "Be respectful.", "category": "conduct", "definitions": [],
                 "breach_examples": [], "non_breach_examples": [], "allowed_sanctions": ["warning"],
                 "guidance_sanctions": ["expulsion"], "time_bar_days": 365}]}]}
            """.utf8)
        #expect(throws: CommandFailure.self) { try RulebookFile.parse(bad, name: "rules.json") }
        do { _ = try RulebookFile.parse(bad, name: "rules.json") } catch {
            #expect("\(error)".contains("version 2026: clauses[0] (1): guidanceSanctions includes expulsion, which allowedSanctions does not allow"))
        }
        let missing = Data(#"{"version": "2026", "effective_from": "2026-01-01"}"#.utf8)
        do { _ = try RulebookFile.parse(missing, name: "rules.json"); Issue.record("accepted") } catch {
            #expect("\(error)" == "rules.json: missing field .clauses; nothing was imported")
        }
        // Uploaded by an administrator, it is refused with the same sentence, and nothing is
        // stored or recorded: no version, no event.
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, "long enough password")
            _ = try await web.get("/admin/rulebook")
            let page = try await web.upload("/admin/rulebook", fields: [], file: ("file", "rules.json", bad))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("guidanceSanctions includes expulsion, which allowedSanctions does not allow"))
            #expect(try await RulebookRecord.query(on: t.app.db).count() == 0)
            #expect(try await EventRecord.query(on: t.app.db).count() == 0)
        }
    }

    @Test func a_version_is_never_replaced() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            await #expect(throws: CommandFailure.self) { try await RulebookFile.store(DemoRulebook.versions, on: t.app.db) }
            #expect(try await RulebookRecord.query(on: t.app.db).count() == 2)
        }
    }

    @Test func the_shipped_example_rulebook_is_valid() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/rulebook.json")
        let versions = try RulebookFile.parse(try Data(contentsOf: url), name: "examples/rulebook.json")
        #expect(versions.first?.clauses.isEmpty == false)
    }
}
