import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// The administrator's imports, on the web and on the command line: every refusal says which
/// line or version and why, and nothing is imported.
@Suite("Register and rulebook imports", .serialized)
struct ImportTests {
    static let password = "long enough password"
    static let header = "membership_number,full_name,email,is_public,public_role\n"

    func docket(_ arguments: [String], on kind: DocketConfig.DatabaseKind) async throws -> (status: Int32, out: String, err: String) {
        try await LiveServer.command(arguments, on: kind)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// examples/rulebook.json, relabelled and redated.
    func rulebook(version: String, from: String, dropClausesOf index: Int? = nil) throws -> [String: Any] {
        let data = try Data(contentsOf: LiveServer.packageRoot.appendingPathComponent("examples/rulebook.json"))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["version"] = version; json["effective_from"] = from
        return json
    }

    func text(_ object: Any) throws -> String { String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) }

    @Test func a_register_line_whose_email_belongs_to_another_account_is_named_on_the_web() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            _ = try await t.account("Cas Worker", [.caseworker])  // cas-worker@… or whatever TestApp gives
            let cas = try #require(try await Person.query(on: t.app.db).filter(\.$displayName == "Cas Worker").first()?.email)
            _ = try await t.user("Mo Member", [.member], number: "A0000001")
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            let before = try await Person.query(on: t.app.db).count()

            // A new member given the caseworker's address.
            var page = try await web.upload(
                "/admin/register", fields: [],
                file: ("file", "register.csv", Data((Self.header + "A0000002,Nia New,nia@example.org,no,\nA0000003,Ola Other,\(cas.uppercased()),no,\n").utf8)))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("line 3: the e-mail address \(cas) already belongs to another account"), "\(page.body)")
            #expect(try await Person.query(on: t.app.db).count() == before)  // not even line 2

            // An existing member moved onto the caseworker's address.
            page = try await web.upload(
                "/admin/register", fields: [], file: ("file", "register.csv", Data((Self.header + "A0000001,Mo Member,\(cas),no,\n").utf8)))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("line 2: the e-mail address \(cas) already belongs to another account, so member A0000001 cannot be given it"))
            #expect(try await Person.lookup(id: nil, membershipNumber: "A0000001", on: t.app.db)?.email != cas)

            // Two lines of one file with one address.
            page = try await web.upload(
                "/admin/register", fields: [],
                file: ("file", "register.csv", Data((Self.header + "A0000002,Nia New,nia@example.org,no,\nA0000003,Ola Other,NIA@example.org,no,\n").utf8)))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("line 3: the e-mail address nia@example.org is also on line 2"))
            #expect(try await Person.query(on: t.app.db).count() == before)
        }
    }

    @Test func the_command_line_names_the_line_not_a_constraint() async throws {
        let kind = try TestDatabase.fresh()
        try await TestApp.run(on: kind, keep: true, clock: Date()) { t in
            _ = try await t.user("Mo Member", [.member], number: "A0000001")
            _ = try await t.account("Cas Worker", [.caseworker])
        }
        do {
            let cas = try await emailOf("Cas Worker", on: kind)
            let path = try file("register.csv", Self.header + "A0000002,Nia New,nia@example.org,no,\nA0000001,Mo Member,\(cas),no,\n")
            let r = try await docket(["import-members", path], on: kind)
            #expect(r.status == 1)
            #expect(r.err.contains("line 3: the e-mail address \(cas) already belongs to another account"), "\(r.err)")
            for raw in ["constraint", "UNIQUE", "duplicate key", "sqlite", "psql"] { #expect(!r.err.contains(raw), "\(raw) in \(r.err)") }
            let ok = try await docket(["import-members", try file("register.csv", Self.header + "A0000002,Nia New,nia@example.org,no,\n")], on: kind)
            #expect(ok.status == 0, "\(ok.err)")
            #expect(ok.out.contains("1 new members, 0 updated"))
        } catch {
            try? await TestApp.run(on: kind, keep: false) { _ in }
            throw error
        }
        try await TestApp.run(on: kind, keep: false) { _ in }
    }

    func emailOf(_ name: String, on kind: DocketConfig.DatabaseKind) async throws -> String {
        var email = ""
        try await TestApp.run(on: kind, keep: true, clock: Date()) { t in
            email = try #require(try await Person.query(on: t.app.db).filter(\.$displayName == name).first()?.email)
        }
        return email
    }

    @Test func a_partly_bad_rulebook_names_the_version_and_field_that_is_wrong() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            var bad = try rulebook(version: "2027", from: "2027-01-01")
            bad["clauses"] = nil
            let both = ["versions": [try rulebook(version: "2026", from: "2026-01-01"), bad]]
            var page = try await web.upload("/admin/rulebook", fields: [], file: ("file", "rules.json", Data(try text(both).utf8)))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("missing field .versions[1].clauses"), "\(page.body)")
            #expect(try await RulebookRecord.query(on: t.app.db).count() == 0)
            // The same label twice in one file.
            page = try await web.upload(
                "/admin/rulebook", fields: [],
                file: (
                    "file", "rules.json",
                    Data(try text(["versions": [try rulebook(version: "A", from: "2026-01-01"), try rulebook(version: "A", from: "2027-01-01")]]).utf8)
                ))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("versions[0] and versions[1] are both labelled A"))
            #expect(try await RulebookRecord.query(on: t.app.db).count() == 0)
        }
    }

    @Test func a_version_dated_before_the_newest_needs_backdate_and_is_recorded_as_backdated() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            var page = try await web.upload(
                "/admin/rulebook", fields: [], file: ("file", "r.json", Data(try text(try rulebook(version: "2026", from: "2026-01-01")).utf8)))
            #expect(page.status == .seeOther)
            let older = Data(try text(try rulebook(version: "2025-corrected", from: "2025-06-01")).utf8)
            page = try await web.upload("/admin/rulebook", fields: [], file: ("file", "r.json", older))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("in force from 2025-06-01, before version 2026"))
            #expect(page.body.contains("backdate"))
            #expect(try await RulebookRecord.query(on: t.app.db).count() == 1)
            page = try await web.upload("/admin/rulebook", fields: [("backdate", "on")], file: ("file", "r.json", older))
            #expect(page.status == .seeOther)
            page = try await web.get("/admin/rulebook")
            #expect(page.body.contains("Recorded as backdated: 2025-corrected."))
            #expect(page.body.contains("<strong>backdated</strong>"))
            // Both imports are on the chain, by the administrator, the second marked backdated.
            let events = try await EventRecord.query(on: t.app.db).filter(\.$kind == "rulebook_imported").sort(\.$id).all()
            #expect(events.count == 2)
            #expect(events.allSatisfy { $0.actorId == admin.id })
            #expect(events[0].payload.contains("\"backdated\":false") && events[1].payload.contains("\"backdated\":true"))
            #expect(events[1].payload.contains("\"predates\":\"2026\""))
            #expect(try await AuditVerifier.verify(on: t.app.db).events == 2)
        }
    }

    @Test func backdating_on_the_command_line_takes_the_flag() async throws {
        let kind = try TestDatabase.fresh()
        try await TestApp.run(on: kind, keep: true, clock: Date()) { _ in }
        do {
            #expect(
                try await docket(["rulebook", "import", try file("new.json", try text(try rulebook(version: "2026", from: "2026-01-01")))], on: kind).status
                    == 0)
            let older = try file("old.json", try text(try rulebook(version: "2024", from: "2024-01-01")))
            let refused = try await docket(["rulebook", "import", older], on: kind)
            #expect(refused.status == 1)
            #expect(refused.err.contains("import again with --backdate"), "\(refused.err)")
            let done = try await docket(["rulebook", "import", older, "--backdate"], on: kind)
            #expect(done.status == 0, "\(done.err)")
            #expect(done.out.contains("in force from 2024-01-01") && done.out.contains("backdated"))
            let verify = try await docket(["audit", "verify"], on: kind)
            #expect(verify.status == 0, "\(verify.err)")
            #expect(verify.out.contains("Verified 2 events"), "\(verify.out)")
        } catch {
            try? await TestApp.run(on: kind, keep: false) { _ in }
            throw error
        }
        try await TestApp.run(on: kind, keep: false) { _ in }
    }
}
