import DocketCore
import DocketStore
import Fluent
import Foundation
import NIOCore
import Testing
import VaporTesting

@testable import DocketWeb

@Suite("Sessions, sign-in and the doors an outsider can push")
struct SessionSecurityTests {
    static let password = "long enough password"

    func sessions(_ t: TestApp) async throws -> [WebSession] { try await WebSession.query(on: t.app.db).all() }

    @Test func the_session_is_new_at_sign_in_and_a_planted_id_gets_nowhere() async throws {
        try await TestApp.run { t in
            let alice = try await t.account("Alice", [.member])
            let web = WebClient(t)
            // Someone plants a session cookie of their choosing before the victim signs in.
            let planted = TokenHash.newToken()
            web.cookies["docket_session"] = planted
            try await web.signIn(alice.person.email!, Self.password)
            let first = try #require(web.cookies["docket_session"])
            #expect(first != planted)
            let attacker = WebClient(t)
            attacker.cookies["docket_session"] = planted
            #expect(try await attacker.get("/cases").status == .seeOther)  // to sign-in
            // Signing out and in again gives another id; the old one is dead.
            _ = try await web.post("/logout")
            try await web.signIn(alice.person.email!, Self.password)
            let second = try #require(web.cookies["docket_session"])
            #expect(second != first)
            let stale = WebClient(t)
            stale.cookies["docket_session"] = first
            #expect(try await stale.get("/cases").status == .seeOther)
            // Only the hash of the id is kept.
            #expect(try await sessions(t).map(\.id) == [TokenHash.of(second)])
        }
    }

    @Test func a_session_ends_after_an_hour_idle_and_after_twelve_hours_whatever_happens() async throws {
        try await TestApp.run { t in
            let alice = try await t.account("Alice", [.member])
            let web = WebClient(t)
            try await web.signIn(alice.person.email!, Self.password)
            t.clock.set(t.clock.now.addingTimeInterval(59 * 60))
            #expect(try await web.get("/cases").status == .ok)
            t.clock.set(t.clock.now.addingTimeInterval(61 * 60))
            let gone = try await web.get("/cases")
            #expect(gone.status == .seeOther)
            #expect(gone.location?.contains("expired=1") == true)
            #expect(try await web.get(gone.location!).body.contains("Your session ended"))
            #expect(try await sessions(t).isEmpty)

            // Busy all day, still out after twelve hours.
            try await web.signIn(alice.person.email!, Self.password)
            for _ in 0..<14 {
                t.clock.set(t.clock.now.addingTimeInterval(50 * 60))
                #expect(try await web.get("/cases").status == .ok)
            }
            t.clock.set(t.clock.now.addingTimeInterval(25 * 60))  // 12 h 5 min after signing in
            #expect(try await web.get("/cases").status == .seeOther)
        }
    }

    @Test func reading_pages_does_not_write_the_session_each_time() async throws {
        try await TestApp.run { t in
            let alice = try await t.account("Alice", [.member])
            let web = WebClient(t)
            try await web.signIn(alice.person.email!, Self.password)
            let seen = try #require(try await sessions(t).first).lastSeenAt
            for _ in 0..<5 {
                t.clock.set(t.clock.now.addingTimeInterval(10))
                #expect(try await web.get("/cases").status == .ok)
            }
            #expect(try #require(try await sessions(t).first).lastSeenAt == seen)
            t.clock.set(t.clock.now.addingTimeInterval(20))
            _ = try await web.get("/cases")
            #expect(try #require(try await sessions(t).first).lastSeenAt > seen)
        }
    }

    @Test func a_new_password_or_new_roles_sign_out_every_other_session() async throws {
        try await TestApp.run { t in
            let alice = try await t.account("Alice", [.member])
            let laptop = WebClient(t), phone = WebClient(t)
            try await laptop.signIn(alice.person.email!, Self.password)
            try await phone.signIn(alice.person.email!, Self.password)
            let before = laptop.cookies["docket_session"]
            #expect(
                try await laptop.post("/account/password", [("current", Self.password), ("new", "a different long one"), ("confirm", "a different long one")])
                    .status == .seeOther)
            #expect(laptop.cookies["docket_session"] != before)
            #expect(try await laptop.get("/cases").status == .ok)
            #expect(try await phone.get("/cases").status == .seeOther)

            let admin = try await t.account("Ada Admin", [.admin])
            let console = WebClient(t)
            try await console.signIn(admin.person.email!, Self.password)
            #expect(try await console.post(SiteURL.userRoles(alice.id), [("roles[]", "member"), ("roles[]", "caseworker")]).status == .seeOther)
            #expect(try await laptop.get("/cases").status == .seeOther)
        }
    }

    @Test func after_sign_in_only_paths_on_this_site_are_followed() async throws {
        for bad in [
            "//evil.example", "/\\evil.example", "\\/evil.example", "/\t/evil.example", "/\n/evil.example", "https://evil.example",
            "javascript:alert(1)", "evil.example", "/ /evil.example", "", "//", "/\u{2028}/x", "/\u{0}x",
        ] {
            #expect(SafeRedirect.path(bad) == nil, "accepted \(bad.debugDescription)")
        }
        for good in ["/cases", "/cases/abc?tab=notes", "/oversight/cases?by=category&group=bullying", "/.//evil.example"] {
            #expect(SafeRedirect.path(good) == good)
        }
        try await TestApp.run { t in
            let alice = try await t.account("Alice", [.member])
            for next in ["/%5Cevil.example", "%2F%2Fevil.example", "/%09/evil.example", "%5C%5Cevil.example"] {
                let web = WebClient(t)
                try await web.get("/login")
                // The form field carries what the query said, decoded once, as a browser sends it.
                let decoded = next.removingPercentEncoding ?? next
                let page = try await web.post("/login", [("email", alice.person.email!), ("password", Self.password), ("next", decoded)])
                #expect(page.location == SiteURL.cases, "next=\(next) went to \(page.location ?? "nowhere")")
            }
        }
    }

    @Test func a_burst_of_guesses_gets_no_more_checks_than_the_limit() async throws {
        try await TestApp.run { t in
            // At the real cost, so that the guesses overlap as a real burst's would.
            let alice = try await t.account("Alice", [.member], cost: PasswordGate.cost)
            let web = WebClient(t)
            try await web.get("/login")
            let email = alice.person.email!
            // Forty guesses at once, one of them right.
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<40 {
                    let guess = i == 20 ? Self.password : "guess number \(i)"
                    let csrf = web.csrf ?? "", cookies = web.cookies
                    group.addTask {
                        let c = WebClient(t)
                        c.csrf = csrf; c.cookies = cookies
                        return try await c.post("/login", [("email", email), ("password", guess)]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let checked = statuses.filter { $0 == .unauthorized || $0 == .seeOther }.count
            #expect(checked <= SessionController.perAccount, "\(checked) guesses were checked: \(statuses.map(\.code).sorted())")
            #expect(statuses.allSatisfy { [.unauthorized, .seeOther, .tooManyRequests].contains($0) })
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 40 - SessionController.perAccount)
        }
    }

    @Test func an_unknown_address_takes_as_long_to_refuse_as_a_wrong_password() async throws {
        try await TestApp.run { t in
            // At the cost Docket writes, as every real account's password is.
            let alice = try await t.account("Alice", [.member], cost: PasswordGate.cost)
            let web = WebClient(t)
            try await web.get("/login")
            _ = PasswordGate.dummyHash
            func time(_ email: String) async throws -> Double {
                let t0 = Date()
                #expect(try await web.post("/login", [("email", email), ("password", "not the password")]).status == .unauthorized)
                return Date().timeIntervalSince(t0)
            }
            var known: [Double] = [], unknown: [Double] = []
            for i in 0..<3 {
                known.append(try await time(alice.person.email!))
                unknown.append(try await time("nobody\(i)@example.org"))
            }
            let k = known.sorted()[1], u = unknown.sorted()[1]
            // Both pay for one bcrypt check; neither is a tenth of the other.
            #expect(u > k / 3 && k > u / 3, "known \(k) s, unknown \(u) s")
            #expect(u > 0.05, "an unknown address was refused in \(u) s")
        }
    }

    @Test func common_and_over_long_passwords_are_refused_with_a_reason() async throws {
        try await TestApp.run { t in
            let alice = try await t.account("Alice", [.member])
            let web = WebClient(t)
            try await web.signIn(alice.person.email!, Self.password)
            func change(_ new: String) async throws -> WebClient.Page {
                try await web.post("/account/password", [("current", Self.password), ("new", new), ("confirm", new)])
            }
            var page = try await change("qwerty123456")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("10,000 most common passwords"))
            page = try await change("QWERTYQWERTY")
            #expect(page.status == .unprocessableEntity)
            page = try await change(String(repeating: "é", count: 40))  // 80 bytes
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("80 bytes long"))
            page = try await change(String(repeating: "x", count: 71) + "y")  // exactly 72 bytes
            #expect(page.status == .seeOther)
            // Docket hashes a new password at its own cost, whatever the old one was hashed at.
            let stored = try #require(try await Person.find(alice.id, on: t.app.db)?.passwordHash)
            #expect(stored.hasPrefix("$2b$\(PasswordGate.cost)$"), "\(stored.prefix(7))")
        }
        let rules = try PasswordRules.load(resources: LiveServer.packageRoot.path + "/Resources/")
        #expect(rules.common.count > 9_900)
        #expect(rules.problem(with: "leavemealone", email: nil) != nil)
        #expect(rules.problem(with: "a sentence nobody has used", email: nil) == nil)
    }

    @Test func a_form_with_a_wrong_token_or_another_sessions_token_is_refused_everywhere() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin, .editor, .reviewer, .auditor, .governance])
            let other = try await t.account("Olga Other", [.member])
            let web = WebClient(t), theirs = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            try await theirs.signIn(other.person.email!, Self.password)
            let events = try await EventRecord.query(on: t.app.db).count()
            let forms = t.app.routes.all.filter { $0.method == .POST && $0.path.first?.description != "api" }
            #expect(forms.count > 20)
            for route in forms {
                let path =
                    "/"
                    + route.path.map { c -> String in
                        if case .parameter = c { return UUID().uuidString.lowercased() }
                        return c.description
                    }.joined(separator: "/")
                for token in [TokenHash.newToken(), theirs.csrf ?? ""] {
                    web.csrf = token
                    let page = try await web.post(path, [("reasons", "x")])
                    #expect(page.status == .forbidden, "\(path) with a foreign token answered \(page.status)")
                }
                let page = try await web.post(path, [], withToken: false)
                #expect(page.status == .forbidden, "\(path) without a token answered \(page.status)")
            }
            #expect(try await EventRecord.query(on: t.app.db).count() == events)
        }
    }

    @Test func under_https_cookies_are_secure_and_host_only_and_hsts_is_sent() async throws {
        try await TestApp.run(settings: { $0.publicURL = "https://docket.example.org" }) { t in
            let alice = try await t.account("Alice", [.member])
            let res = try await t.app.testing().sendRequest(.GET, "/login", headers: ["Accept": "text/html"])
            let set = try #require(res.headers.first(name: .setCookie))
            #expect(set.hasPrefix("__Host-docket_csrf="))
            #expect(set.contains("Secure") && set.contains("HttpOnly") && set.contains("SameSite=Lax"))
            #expect(res.headers.first(name: "Strict-Transport-Security")?.contains("max-age=31536000") == true)
            let web = WebClient(t)
            try await web.get("/login")
            let login = try await web.post("/login", [("email", alice.person.email!), ("password", Self.password)])
            let session = try #require(login.headers[.setCookie].first { $0.hasPrefix("__Host-docket_session=") })
            #expect(session.contains("Secure") && session.contains("HttpOnly") && session.contains("Path=/"))
        }
    }

    struct Failure: Error {}

    @Test func every_answer_carries_the_security_headers_errors_included() async throws {
        try await TestApp.run { t in
            t.app.get("test-failure") { _ -> String in throw Failure() }
            let member = try await t.user("Mo Member", [.member])
            let web = WebClient(t)
            try await web.get("/login")
            var answers: [(String, HTTPStatus, HTTPHeaders)] = []
            func record(_ what: String, _ status: HTTPStatus, _ headers: HTTPHeaders) { answers.append((what, status, headers)) }
            let page = try await web.get("/")
            record("home", page.status, page.headers)
            let missing = try await web.get("/nothing/here")
            record("404", missing.status, missing.headers)
            let forged = try await web.post("/login", [("email", "x")], withToken: false)
            record("403", forged.status, forged.headers)
            let r401 = try await t.call(.GET, "/api/v1/cases")
            record("401", r401.status, r401.headers)
            let r422 = try await t.call(.POST, "/api/v1/cases", as: member, json: ["relation": "nope"])
            record("422", r422.status, r422.headers)
            let big = try await web.post("/login", [("email", String(repeating: "a", count: 70_000)), ("password", "x")])
            record("413", big.status, big.headers)
            for i in 0..<SessionController.perAccount { _ = try await web.post("/login", [("email", "x@example.org"), ("password", "wrong \(i)")]) }
            let throttled = try await web.post("/login", [("email", "x@example.org"), ("password", "wrong")])
            record("429", throttled.status, throttled.headers)
            let failed = try await t.app.testing().sendRequest(.GET, "/test-failure", headers: ["Accept": "text/html"])
            record("500", failed.status, failed.headers)
            #expect(answers.map(\.1.code) == [200, 404, 403, 401, 422, 413, 429, 500])
            for (what, _, headers) in answers {
                #expect(headers.first(name: "X-Frame-Options") == "DENY", "\(what)")
                #expect(headers.first(name: "X-Content-Type-Options") == "nosniff", "\(what)")
                #expect(headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true, "\(what)")
                #expect(headers.first(name: "Referrer-Policy") == "no-referrer", "\(what)")
                #expect(headers.first(name: .cacheControl) == "no-store", "\(what)")
            }
            #expect(throttled.headers.first(name: .retryAfter) != nil)
            #expect(big.body.contains("larger than the 64 KB this form accepts"))
            #expect(!failed.body.string.contains("Failure"))
        }
    }

    @Test func every_page_is_neither_framed_nor_cached() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let admin = try await t.account("Ada Admin", [.admin, .editor, .reviewer, .auditor, .governance])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            let pages = t.app.routes.all.filter { $0.method == .GET && !$0.path.contains { if case .parameter = $0 { true } else { false } } }
            #expect(pages.count > 15)
            for route in pages {
                let path = "/" + route.path.map(\.description).joined(separator: "/")
                let page = try await web.get(path)
                #expect(page.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                #expect(page.headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
        }
    }

    @Test func when_every_password_thread_is_busy_sign_in_says_to_wait_instead_of_failing() async throws {
        try await TestApp.run(settings: {
            $0.signInThreads = 1; $0.signInQueue = 0
        }) { t in
            // At the real cost, so that the one thread is busy while the others ask.
            let people = try await (0..<6).asyncMap { try await t.account("Person \($0)", [.member], cost: PasswordGate.cost) }
            let statuses = try await withThrowingTaskGroup(of: (HTTPStatus, String?).self) { group in
                for p in people {
                    group.addTask {
                        let c = WebClient(t)
                        try await c.get("/login")
                        let page = try await c.post("/login", [("email", p.person.email!), ("password", Self.password)])
                        return (page.status, page.headers.first(name: .retryAfter))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0.0 == .seeOther || $0.0 == .tooManyRequests }, "\(statuses.map(\.0.code))")
            #expect(statuses.contains { $0.0 == .seeOther })
            #expect(statuses.filter { $0.0 == .tooManyRequests }.allSatisfy { $0.1 == "5" })
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ f: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await f(e)) }
        return out
    }
}
