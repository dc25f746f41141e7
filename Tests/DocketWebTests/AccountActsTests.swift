import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// What an administrator can do to accounts, and what they cannot: every act is on the chain,
/// nobody changes their own roles, an invitation is no way into an existing account, and a
/// deactivated person is out at once.
@Suite("Administrators and accounts")
struct AccountActsTests {
    static let password = "long enough password"

    func acts(_ t: TestApp, _ kind: String) async throws -> [EventRecord] {
        try await EventRecord.query(on: t.app.db).filter(\.$kind == kind).sort(\.$id).all()
    }

    @Test func nobody_grants_themselves_a_role_and_an_administrator_opens_no_case_files() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let bob = try await t.account("Bob Staff", [.member])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            var page = try await web.post(SiteURL.userRoles(admin.id), [("roles[]", "admin"), ("roles[]", "reviewer")])
            #expect(page.status == .seeOther)
            page = try await web.get(SiteURL.adminUsers)
            #expect(page.body.contains("Nobody changes their own roles"))
            #expect(try await Person.find(admin.id, on: t.app.db)?.roles == [.admin])
            // Nor by making someone else an administrator who handles cases.
            _ = try await web.post(SiteURL.userRoles(bob.id), [("roles[]", "admin"), ("roles[]", "caseworker")])
            page = try await web.get(SiteURL.adminUsers)
            #expect(page.body.contains("An administrator cannot also hold a role that opens case files (Caseworker)"))
            #expect(try await Person.find(bob.id, on: t.app.db)?.roles == [.member])
            #expect(try await acts(t, "roles_changed").isEmpty)
        }
    }

    @Test func a_role_change_is_recorded_ends_the_persons_sessions_and_tells_them_and_the_auditors() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let bob = try await t.account("Bob Staff", [.member])
            let auditor = try await t.account("Aud Itor", [.auditor])
            let bobWeb = WebClient(t)
            try await bobWeb.signIn(bob.person.email!, Self.password)
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            #expect(try await web.post(SiteURL.userRoles(bob.id), [("roles[]", "member"), ("roles[]", "caseworker")]).status == .seeOther)
            #expect(try await Person.find(bob.id, on: t.app.db)?.roles == [.member, .caseworker])
            let recorded = try await acts(t, "roles_changed")
            #expect(recorded.count == 1)
            #expect(recorded.first?.actorId == admin.id && recorded.first?.caseId == bob.id)
            #expect(recorded.first?.payload.contains("\"to\":[\"caseworker\",\"member\"]") == true)
            #expect(try await bobWeb.get("/cases").status == .seeOther)  // signed out: sign in again under the new roles
            let mail = try await OutboxMessage.query(on: t.app.db).all().map(\.to)
            #expect(mail.contains(bob.person.email!) && mail.contains(auditor.person.email!))
            let au = WebClient(t)
            try await au.signIn(auditor.person.email!, Self.password)
            let audit = try await au.get("/audit")
            #expect(audit.body.contains("roles changed") && audit.body.contains("Ada Admin") && audit.body.contains("Bob Staff"))
            #expect(try await AuditVerifier.verify(on: t.app.db).events == 1)
        }
    }

    /// Whoever runs the server can make an administrator, but not unseen: it is on the chain,
    /// with the command line as the actor, and the auditors are told.
    @Test func an_administrator_made_on_the_command_line_is_recorded() async throws {
        let kind = try TestDatabase.fresh()
        try await TestApp.run(on: kind, keep: true, clock: Date()) { t in _ = try await t.user("Aud Itor", [.auditor]) }
        do {
            let r = try await LiveServer.command(["admin", "create", "--email", "new.admin@example.org"], on: kind)
            #expect(r.status == 0, "\(r.err)")
            try await TestApp.run(on: kind, keep: false, clock: Date()) { t in
                let made = try await acts(t, "administrator_created")
                #expect(made.count == 1 && made.first?.actorId == nil)
                #expect(try await OutboxMessage.query(on: t.app.db).filter(\.$to == "aud.itor@example.org").count() == 1)
                #expect(try await AuditVerifier.verify(on: t.app.db).events == 1)
            }
        } catch {
            try? await TestApp.run(on: kind, keep: false) { _ in }
            throw error
        }
    }

    @Test func an_invitation_is_no_way_into_an_existing_account() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let member = try await t.account("Mo Member", [.member], number: "A1")
            let hash = member.person.passwordHash
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            let page = try await web.post("/admin/users", [("name", "Anyone"), ("email", member.person.email!.uppercased()), ("roles[]", "reviewer")])
            #expect(page.status == .seeOther)
            #expect(!page.body.contains("/invite/"))
            #expect(try await web.get(SiteURL.adminUsers).body.contains("already has an account. An invitation is for a new address only"))
            #expect(try await Invitation.query(on: t.app.db).count() == 0)
            let after = try #require(try await Person.find(member.id, on: t.app.db))
            #expect(after.passwordHash == hash && after.roles == [.member])
            // A new address is invited, and that is recorded.
            #expect(try await web.post("/admin/users", [("name", "Cas Worker"), ("email", "cas@example.org"), ("roles[]", "caseworker")]).status == .seeOther)
            #expect(try await acts(t, "account_invited").count == 1)
        }
    }

    @Test func a_deactivated_person_is_out_at_once_and_keeps_their_place_in_the_record() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let admin = try await t.account("Ada Admin", [.admin])
            let cas = try await t.account("Cas Worker", [.caseworker])
            let complainant = try await t.user("Alice", [.member], number: "A1")
            _ = try await t.user("Bob", [.member], number: "A2")
            let governance = try await t.user("Gov", [.governance])
            let r = try await t.call(
                .POST, "/api/v1/cases", as: complainant,
                json: [
                    "respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S",
                ])
            let id = try #require(r["id"] as? String)
            #expect(try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance).status == .ok)
            let casWeb = WebClient(t)
            try await casWeb.signIn(cas.person.email!, Self.password)
            #expect(try await t.call(.GET, "/api/v1/cases/\(id)", as: cas).status == .ok)

            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            #expect(try await web.post(SiteURL.userAccount(cas.id, "deactivate")).status == .seeOther)
            // Session and token end at once; signing in again is refused; no new case is drawn to them.
            #expect(try await casWeb.get("/cases/\(id)").status == .seeOther)
            #expect(try await t.call(.GET, "/api/v1/cases/\(id)", as: cas).status == .unauthorized)
            #expect(try await ApiToken.query(on: t.app.db).filter(\.$person.$id == cas.id).count() == 0)
            let again = WebClient(t)
            try await again.get("/login")
            #expect(try await again.post("/login", [("email", cas.person.email!), ("password", Self.password)]).status != .seeOther)
            #expect(try await Person.candidates(with: .caseworker, on: t.app.db).isEmpty)
            // Still the caseworker of record on the case.
            let file = try #require(try await t.app.docket.store(on: t.app.db).load(UUID(uuidString: id)!, on: t.app.db))
            #expect(file.caseworkerId == cas.id)
            let page = try await web.get(SiteURL.adminUsers)
            #expect(page.body.contains("Deactivated"))
            // Reactivated, they sign in again; the old token stays revoked.
            #expect(try await web.post(SiteURL.userAccount(cas.id, "reactivate")).status == .seeOther)
            try await WebClient(t).signIn(cas.person.email!, Self.password)
            #expect(try await t.call(.GET, "/api/v1/me", as: cas).status == .unauthorized)
            #expect(try await acts(t, "account_deactivated").count == 1)
            #expect(try await acts(t, "account_reactivated").count == 1)
            // Nobody deactivates themselves.
            _ = try await web.post(SiteURL.userAccount(admin.id, "deactivate"))
            #expect(try await Person.find(admin.id, on: t.app.db)?.isActive == true)
        }
    }

    @Test func settings_and_register_imports_are_recorded() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            #expect(
                try await web.post(
                    "/admin/settings",
                    [
                        ("minimumResponse", "12"), ("maximumResponse", "40"), ("appealWindow", "10"),
                        ("panelSize", "3"), ("holidays", ""),
                    ]
                ).status == .seeOther)
            let csv = "membership_number,full_name,email,is_public,public_role\nA0000001,Alice Example,alice@example.org,no,\n"
            #expect(try await web.upload("/admin/register", fields: [], file: ("file", "register.csv", Data(csv.utf8))).status == .ok)
            let settings = try await acts(t, "settings_changed"), register = try await acts(t, "register_imported")
            #expect(settings.count == 1 && settings[0].actorId == admin.id && settings[0].payload.contains("12"))
            #expect(register.count == 1 && register[0].payload.contains("\"added\":1") && register[0].payload.contains(EvidenceUpload.sha256(Data(csv.utf8))))
        }
    }
}

@Suite("Nothing in transit says who")
struct ContentlessMailTests {
    @Test func notification_emails_say_only_that_there_is_news_on_a_case() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let alice = try await t.user("Alice Complainant", [.member], number: "A1")
            _ = try await t.user("Bob Respondent", [.member], number: "A2")
            let governance = try await t.user("Gov Ernance", [.governance])
            let cas = try await t.user("Cas Worker", [.caseworker])
            let r = try await t.call(
                .POST, "/api/v1/cases", as: alice,
                json: [
                    "respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "Shouted at the AGM",
                ])
            let id = try #require(r["id"] as? String)
            _ = try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance)
            _ = try await t.call(.POST, "/api/v1/cases/\(id)/open-investigation", as: cas, json: ["reasons": "Bob Respondent may have breached 2.1"])
            let mail = try await OutboxMessage.query(on: t.app.db).all()
            #expect(!mail.isEmpty)
            for m in mail {
                #expect(m.subject == "News on case DK-2026-00001", "\(m.subject)")
                #expect(m.body.hasSuffix("/cases/\(id.lowercased())"), "\(m.body)")  // and a link to it
                for secret in ["Alice", "Bob", "Respondent", "Shouted", "2.1", "bullying"] {
                    #expect(!m.subject.contains(secret) && !m.body.contains(secret), "\(secret) in \(m.subject) / \(m.body)")
                }
            }
            // In the app, signed in, the notice says what happened.
            let notices = try await t.call(.GET, "/api/v1/notifications", as: alice)
            #expect(!notices.array.isEmpty)
        }
    }
}
