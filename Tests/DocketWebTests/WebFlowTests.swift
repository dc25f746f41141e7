import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

@Suite("The web application")
struct WebFlowTests {
    static let password = "long enough password"

    @Test func a_non_member_complains_and_follows_up_with_a_receipt_code() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            _ = try await t.user("Bob Respondent", [.member], number: "A0000002")
            let web = WebClient(t)
            let page = try await web.upload(
                "/complaints",
                fields: [
                    ("yourName", "Nadia Neighbour"), ("yourEmail", "nadia@example.net"), ("respondent", "bob respondent"),
                    ("relation", "witness"), ("conductDate", "2026-02-20"), ("summary", "Shouted abuse at a tenants' meeting."),
                    ("clauses[]", "2.1"), ("confirmed", "true"),
                ],
                file: ("evidence", "notes.txt", Data("What I heard, written the same evening.".utf8)))
            // Post, redirect, get: the receipt is a page of its own, and reloading it files nothing.
            #expect(page.status == .seeOther)
            #expect(page.location == "/complaints/received")
            let shown = try await web.get("/complaints/received")
            #expect(try await web.get("/complaints/received").body == shown.body)
            #expect(try await CaseSummary.query(on: t.app.db).count() == 1)
            let code = try #require(shown.body.range(of: #"id="receipt-code">"#).map { String(shown.body[$0.upperBound...].prefix(19)) })
            #expect(code.count == 19)
            #expect(shown.body.contains("DK-2026-00001"))

            // Nothing about the code is stored but its hash; the complaint is there with its evidence.
            let receipt = try #require(try await Receipt.query(on: t.app.db).first())
            #expect(receipt.codeHash != code && receipt.codeHash.count == 64)
            #expect(try await EvidenceFile.query(on: t.app.db).count() == 1)
            let queued = try await OutboxMessage.query(on: t.app.db).filter(\OutboxMessage.$to == "nadia@example.net").count()
            #expect(queued == 1)

            let other = WebClient(t)
            // The code is kept in a cookie of its own, for the receipt pages only, while they follow it.
            var status = try await other.post("/receipt", [("code", code.lowercased())])
            #expect(status.status == .seeOther && status.location == "/receipt/case")
            status = try await other.get("/receipt/case")
            #expect(status.status == .ok)
            #expect(status.body.contains("Complaint DK-2026-00001"))
            #expect(status.body.contains("Complaint DK-2026-00001 received"))
            status = try await other.post("/receipt", [("code", "AAAA-BBBB-CCCC-DDDD")])
            #expect(status.status == .notFound)
            #expect(status.body.contains("No complaint has that receipt code"))
            let reads = try await AccessRecord.query(on: t.app.db).all()
            #expect(reads.map(\.purpose) == ["web: receipt code"])
        }
    }

    @Test func a_complaint_form_with_mistakes_keeps_what_was_typed_and_says_what_is_wrong() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let member = try await t.account("Alice", [.member], number: "A1")
            let web = WebClient(t)
            try await web.signIn(member.person.email!, Self.password)
            let page = try await web.upload(
                "/complaints", fields: [("respondent", "Nobody Known"), ("summary", "It happened."), ("conductDate", "16/11/2026")],
                file: ("evidence", "virus.exe", Data("MZ".utf8)))
            #expect(page.status == .unprocessableEntity)
            for message in [
                "Say how you know about what happened.",
                "must be a date such as 2026-03-14", "Choose at least one rule", "virus.exe is not a kind of file Docket accepts",
            ] {
                #expect(page.body.contains(message), "missing: \(message)")
            }
            #expect(page.body.contains("It happened."))
            // The form says nothing about whether the person named is on the register.
            #expect(!page.body.contains("register") && !page.body.contains("Nobody called"))
            #expect(try await CaseSummary.query(on: t.app.db).count() == 0)
        }
    }

    @Test func sign_in_is_throttled_per_account_and_lifts_after_fifteen_minutes() async throws {
        try await TestApp.run { t in
            let alice = try await t.account("Alice", [.member])
            let bob = try await t.account("Bob", [.member])
            let web = WebClient(t)
            try await web.get("/login")
            for _ in 0..<5 {
                #expect(try await web.post("/login", [("email", alice.person.email!), ("password", "wrong")]).status == .unauthorized)
            }
            // The right password no longer works until the window passes.
            let locked = try await web.post("/login", [("email", alice.person.email!), ("password", Self.password)])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("Too many failed sign-ins. Try again in 15 minutes."))
            // Another account from the same address is not locked out by five failures.
            #expect(try await web.post("/login", [("email", bob.person.email!), ("password", Self.password)]).status == .seeOther)
            t.clock.set(t.clock.now.addingTimeInterval(15 * 60 + 1))
            let again = WebClient(t)
            try await again.get("/login")
            #expect(try await again.post("/login", [("email", alice.person.email!), ("password", Self.password)]).status == .seeOther)
        }
    }

    @Test func sign_in_is_throttled_per_address() async throws {
        try await TestApp.run { t in
            let web = WebClient(t)
            try await web.get("/login")
            for i in 0..<SessionController.perAddress {
                _ = try await web.post("/login", [("email", "guess\(i)@example.org"), ("password", "x")])
            }
            #expect(try await web.post("/login", [("email", "another@example.org"), ("password", "x")]).status == .tooManyRequests)
        }
    }

    @Test func forms_without_the_csrf_token_are_refused_and_cookies_are_locked_down() async throws {
        try await TestApp.run { t in
            let member = try await t.account("Alice", [.member])
            let web = WebClient(t)
            let login = try await web.get("/login")
            let cookie = try #require(login.headers.first(name: .setCookie))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            let refused = try await web.post("/login", [("email", member.person.email!), ("password", Self.password)], withToken: false)
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("This form has expired"))
            try await web.signIn(member.person.email!, Self.password)
            #expect(
                try await web.post("/account/password", [("current", Self.password), ("new", "short"), ("confirm", "short")]).status == .unprocessableEntity)
            #expect(
                try await web.post("/account/password", [("current", Self.password), ("new", "a much longer password"), ("confirm", "a much longer password")])
                    .status == .seeOther)
            let fresh = WebClient(t)
            try await fresh.signIn(member.person.email!, "a much longer password")
        }
    }

    @Test func the_register_import_reports_bad_lines_and_imports_nothing() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            let bad = """
                membership_number,full_name,email,is_public,public_role
                A0000001,Alice Example,alice@example.org,no,
                A0000002,,bob@example.org,no,
                A0000003,"Cllr Carol, Jones",not-an-address,maybe,Councillor
                A0000001,Alice Again,,no,
                """
            var page = try await web.upload("/admin/register", fields: [], file: ("file", "register.csv", Data(bad.utf8)))
            #expect(page.status == .unprocessableEntity)
            for message in [
                "line 3: full_name is empty", "line 4: email &#39;not-an-address&#39; is not an e-mail address",
                "line 4: is_public must be yes or no, not &#39;maybe&#39;", "line 5: membership number A0000001 is also on line 2",
            ] {
                #expect(page.body.contains(message), "missing: \(message)")
            }
            #expect(try await Person.query(on: t.app.db).filter(\.$membershipNumber != nil).count() == 0)
            let good =
                "membership_number,full_name,email,is_public,public_role\nA0000001,Alice Example,alice@example.org,no,\nA0000003,\"Carol Jones, Cllr\",carol@example.org,yes,Councillor\n"
            page = try await web.upload("/admin/register", fields: [], file: ("file", "register.csv", Data(good.utf8)))
            #expect(page.body.contains("Imported 2 lines: 2 new members, 0 updated."))
            let carol = try #require(try await Person.lookup(id: nil, membershipNumber: "A0000003", on: t.app.db))
            #expect(carol.isPublic && carol.displayName == "Carol Jones, Cllr")
        }
    }

    @Test func an_administrator_invites_a_caseworker_who_sets_a_password() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            let page = try await web.post("/admin/users", [("name", "Cas Worker"), ("email", "cas@example.org"), ("roles[]", "caseworker")])
            #expect(page.status == .seeOther)
            // The administrator sees that it was queued, never the link itself.
            let users = try await web.get("/admin/users")
            #expect(users.body.contains("Invitation queued for cas@example.org") && users.body.contains("docket admin reset-link --email cas@example.org"))
            #expect(!users.body.contains("/invite/"))
            #expect(!(try await web.get("/admin/outbox")).body.contains("/invite/"))
            let mail = try #require(try await OutboxMessage.query(on: t.app.db).filter(\OutboxMessage.$to == "cas@example.org").first())
            let link = try #require(mail.body.range(of: "/invite/").map { String(mail.body[$0.lowerBound...].prefix { !$0.isWhitespace }) })
            let newcomer = WebClient(t)
            #expect(try await newcomer.get(link).status == .ok)
            #expect(try await newcomer.post(link, [("new", "caseworker password"), ("confirm", "caseworker password")]).status == .seeOther)
            #expect(try await newcomer.get("/cases").status == .ok)
            #expect(try await WebClient(t).get(link).status == .notFound)  // used once
            let cas = try #require(try await Person.byEmail("cas@example.org", on: t.app.db))
            #expect(cas.roles == [.caseworker])
            let queued = try await OutboxMessage.query(on: t.app.db).filter(\OutboxMessage.$to == "cas@example.org").count()
            #expect(queued == 1)
        }
    }
}
