import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// Nobody takes over an account: a password is reset only by a link e-mailed to the person,
/// single use and short-lived, which no administrator sees; each person keeps their own API
/// tokens, with an expiry, a last use and a revoke button.
@Suite("Password resets and API tokens")
struct PasswordAndTokenTests {
    static let password = "long enough password"

    func link(in body: String, _ marker: String = "/reset/") -> String? {
        body.range(of: marker).map { String(body[$0.lowerBound...].prefix { !$0.isWhitespace }) }
    }

    @Test func a_forgotten_password_is_reset_by_a_link_e_mailed_to_the_person_once() async throws {
        try await TestApp.run { t in
            let mo = try await t.account("Mo Member", [.member], number: "A1")
            let email = mo.person.email!
            let elsewhere = WebClient(t)
            try await elsewhere.signIn(email, Self.password)
            #expect(try await elsewhere.get("/cases").status == .ok)

            let asker = WebClient(t)
            var page = try await asker.get("/login")
            #expect(page.body.contains("href=\"/password/forgot\""))
            _ = try await asker.get("/password/forgot")
            page = try await asker.post("/password/forgot", [("email", email.uppercased())])
            #expect(page.status == .ok)
            let known = page.body
            #expect(known.contains("a link to choose a new password is on its way"))
            // An address with no account gets the same answer, and no mail.
            page = try await asker.post("/password/forgot", [("email", "nobody@example.org")])
            #expect(page.body.replacingOccurrences(of: "nobody@example.org", with: email) == known)
            #expect(try await OutboxMessage.query(on: t.app.db).filter(\.$to == "nobody@example.org").count() == 0)
            #expect(try await asker.post("/password/forgot", [("email", "not an address")]).status == .unprocessableEntity)

            let mails = try await OutboxMessage.query(on: t.app.db).filter(\.$to == email).all()
            #expect(mails.count == 1)
            let url = try #require(link(in: mails[0].body))
            #expect(url.hasPrefix("/reset/") && mails[0].subject.hasPrefix("Reset your password"))

            let user = WebClient(t)
            page = try await user.get(url)
            #expect(page.status == .ok && page.body.contains("Choose a new password"))
            page = try await user.post(url, [("new", "short"), ("confirm", "short")])
            #expect(page.status == .unprocessableEntity)
            page = try await user.post(url, [("new", "a brand new passphrase"), ("confirm", "a brand new passphrase")])
            #expect(page.status == .seeOther)
            #expect(try await user.get("/cases").status == .ok)
            // The link is used up; the old password and the other session are over.
            #expect(try await WebClient(t).get(url).status == .notFound)
            #expect(try await elsewhere.get("/cases").status == .seeOther)
            let old = WebClient(t)
            _ = try await old.get("/login")
            #expect(try await old.post("/login", [("email", email), ("password", Self.password)]).status != .seeOther)
            let fresh = WebClient(t)
            try await fresh.signIn(email, "a brand new passphrase")
            #expect(try await fresh.get("/cases").status == .ok)
            // Recorded, and the person told.
            let events = try await EventRecord.query(on: t.app.db).filter(\.$kind == "password_reset").all()
            #expect(events.count == 1 && events.first?.actorId == mo.id)
            let told = try await OutboxMessage.query(on: t.app.db).filter(\.$to == email).all().map(\.body)
            #expect(told.contains { $0.contains("was just changed through a reset link") })
            #expect(try await AuditVerifier.verify(on: t.app.db).events == 1)
        }
    }

    @Test func reset_links_lapse_are_limited_per_hour_and_never_reach_a_deactivated_account() async throws {
        try await TestApp.run { t in
            let mo = try await t.account("Mo Member", [.member])
            let email = mo.person.email!
            let asker = WebClient(t)
            _ = try await asker.get("/password/forgot")
            for _ in 0..<5 { _ = try await asker.post("/password/forgot", [("email", email)]) }
            let mails = try await OutboxMessage.query(on: t.app.db).filter(\.$to == email).sort(\.$createdAt).all()
            #expect(mails.count == PasswordLinks.resetsPerHour)
            // Only the newest link works; after an hour, not even that.
            let links = mails.compactMap { link(in: $0.body) }
            #expect(try await WebClient(t).get(links[0]).status == .notFound)
            #expect(try await WebClient(t).get(links[links.count - 1]).status == .ok)
            t.clock.set(t.clock.now.addingTimeInterval(PasswordLinks.resetLifetime + 1))
            #expect(try await WebClient(t).get(links[links.count - 1]).status == .notFound)
            // An invitation link does not open the reset page, nor the other way round.
            let token = String(links[links.count - 1].dropFirst("/reset/".count))
            #expect(try await WebClient(t).get(SiteURL.invitation(token)).status == .notFound)

            let gone = try await t.account("Gone Member", [.member])
            gone.person.deactivatedAt = Date()
            try await gone.person.save(on: t.app.db)
            _ = try await asker.post("/password/forgot", [("email", gone.person.email!)])
            #expect(try await OutboxMessage.query(on: t.app.db).filter(\.$to == gone.person.email!).count() == 0)
        }
    }

    /// With no relay, whoever runs the server prints the link; the chain records it and the
    /// person and the auditors are told. The administrator's pages never show a link.
    @Test func the_command_line_prints_a_link_only_without_a_relay_and_it_is_recorded() async throws {
        let kind = try TestDatabase.fresh()
        let email = "cas.worker@example.org"
        try await TestApp.run(on: kind, keep: true, clock: Date()) { t in
            _ = try await t.account("Cas Worker", [.caseworker])
            _ = try await t.account("Aud Itor", [.auditor])
        }
        do {
            var r = try await LiveServer.command(["admin", "reset-link", "--email", "nobody@example.org"], on: kind)
            #expect(r.status == 1 && r.err.contains("nobody has the e-mail address nobody@example.org"), "\(r.err)")
            r = try await LiveServer.command(["admin", "reset-link", "--email", email], on: kind)
            #expect(r.status == 0 && r.out.contains("No e-mail relay is configured"), "\(r.out)\(r.err)")
            let url = try #require(link(in: r.out, "/reset/"))
            try await TestApp.run(on: kind, keep: false, clock: Date()) { t in
                let printed = try await EventRecord.query(on: t.app.db).filter(\.$kind == "reset_link_printed").all()
                #expect(printed.count == 1 && printed.first?.actorId == nil)
                #expect(try await OutboxMessage.query(on: t.app.db).filter(\.$to == "aud.itor@example.org").count() == 1)
                #expect(
                    try await OutboxMessage.query(on: t.app.db).filter(\.$to == email).all().contains {
                        $0.body.contains("printed on the server's command line")
                    })
                let web = WebClient(t)
                #expect(try await web.get(url).status == .ok)
                #expect(try await web.post(url, [("new", "a brand new passphrase"), ("confirm", "a brand new passphrase")]).status == .seeOther)
                #expect(try await web.get("/cases").status == .ok)
            }
        } catch {
            try? await TestApp.run(on: kind, keep: false) { _ in }
            throw error
        }
    }

    @Test func the_outbox_page_shows_delivery_not_who_or_which_case() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            try await OutboxMessage(
                to: "alice.complainant@example.org", subject: "News on case DK-2026-00042",
                body: "There is news on case DK-2026-00042.", at: t.clock.now
            ).create(on: t.app.db)
            let failed = OutboxMessage(to: "bob@example.org", subject: "Reset your password for X", body: "link", at: t.clock.now)
            failed.status = "failed"; failed.attempts = 3; failed.lastError = "550 <bob@example.org> mailbox unavailable"
            try await failed.create(on: t.app.db)
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            let page = try await web.get("/admin/outbox")
            #expect(page.status == .ok)
            for hidden in ["alice.complainant@", "DK-2026-00042", "bob@example.org", "There is news"] {
                #expect(!page.body.contains(hidden), "the outbox shows \(hidden)")
            }
            #expect(page.body.contains("a…@example.org") && page.body.contains("News on a case"))
            #expect(page.body.contains("mailbox unavailable") && page.body.contains("Password reset link"))
        }
    }

    @Test func a_delivered_link_is_not_kept_in_the_outbox() {
        let body = "Open this link within an hour; it works once:\n\nhttps://d.example/reset/abcDEF123_-xyz\n\nIf it was not you, ignore it."
        let kept = OutboxDelivery.withoutLinkTokens(body)
        #expect(!kept.contains("abcDEF123_-xyz"))
        #expect(kept.contains("https://d.example/reset/[removed once delivered]\n\nIf it was not you"))
        #expect(
            OutboxDelivery.withoutLinkTokens("Set your password: http://x/invite/tok1 and http://x/invite/tok2")
                == "Set your password: http://x/invite/[removed once delivered] and http://x/invite/[removed once delivered]")
    }

    @Test func each_person_makes_sees_and_revokes_their_own_tokens() async throws {
        try await TestApp.run { t in
            let mo = try await t.account("Mo Member", [.member])
            let other = try await t.account("Other Person", [.member])
            let web = WebClient(t)
            try await web.signIn(mo.person.email!, Self.password)
            var page = try await web.get("/account/tokens")
            #expect(page.status == .ok && page.body.contains("Make a token"))
            // Bad input is named and nothing is made.
            page = try await web.post("/account/tokens", [("name", "  "), ("days", "30")])
            #expect(page.status == .unprocessableEntity && page.body.contains("Give the token a name"))
            page = try await web.post("/account/tokens", [("name", "script"), ("days", "9999")])
            #expect(page.status == .unprocessableEntity && page.body.contains("Choose how long the token lasts"))
            page = try await web.post("/account/tokens", [("name", String(repeating: "n", count: 101)), ("days", "30")])
            #expect(page.status == .unprocessableEntity && page.body.contains("the limit is 100"))
            let before = try await ApiToken.query(on: t.app.db).filter(\.$person.$id == mo.id).count()

            page = try await web.post("/account/tokens", [("name", "membership office script"), ("days", "30")])
            #expect(page.status == .created)
            let start = try #require(page.body.range(of: "id=\"token-value\">"))
            let token = String(page.body[start.upperBound...].prefix { $0 != "<" })
            #expect(TokenHash.looksLikeToken(token))
            #expect(try await ApiToken.query(on: t.app.db).filter(\.$person.$id == mo.id).count() == before + 1)
            #expect(try await ApiToken.query(on: t.app.db).filter(\.$tokenHash == token).count() == 0)  // only its hash
            // Shown once: the list shows its name, never the token.
            page = try await web.get("/account/tokens")
            #expect(page.body.contains("membership office script") && !page.body.contains(token))

            let user = TestApp.User(person: mo.person, token: token)
            let me = try await t.call(.GET, "/api/v1/me", as: user)
            #expect(me.status == .ok && me["display_name"] as? String == "Mo Member")
            let row = try #require(try await ApiToken.query(on: t.app.db).filter(\.$tokenHash == TokenHash.of(token)).first())
            #expect(row.lastUsedAt != nil)
            #expect(row.expiresAt == Instant.millis(t.clock.now.addingTimeInterval(30 * 86_400)))

            // Nobody revokes another's token.
            let otherWeb = WebClient(t)
            try await otherWeb.signIn(other.person.email!, Self.password)
            #expect(try await otherWeb.post(SiteURL.revokeToken(row.id!)).status == .notFound)
            #expect(try await t.call(.GET, "/api/v1/me", as: user).status == .ok)

            // It lapses at its expiry…
            t.clock.set(t.clock.now.addingTimeInterval(31 * 86_400))
            #expect(try await t.call(.GET, "/api/v1/me", as: user).status == .unauthorized)
            try await web.signIn(mo.person.email!, Self.password)  // the session did not last a month
            page = try await web.get("/account/tokens")
            #expect(page.body.contains("expired"))
            // …and is gone once revoked.
            #expect(try await web.post(SiteURL.revokeToken(row.id!)).status == .seeOther)
            #expect(try await ApiToken.find(row.id, on: t.app.db) == nil)
            let made = try await EventRecord.query(on: t.app.db).filter(\.$kind == "api_token_created").count()
            let revoked = try await EventRecord.query(on: t.app.db).filter(\.$kind == "api_token_revoked").count()
            #expect(made == 1 && revoked == 1)
            let told = try await OutboxMessage.query(on: t.app.db).filter(\.$to == mo.person.email!).all().map(\.body)
            #expect(told.contains { $0.contains("An API token named 'membership office script' was made") })
        }
    }
}
