import AsyncHTTPClient
import DocketCore
import DocketStore
import Fluent
import Foundation
import NIOCore
import NIOHTTP1
import SQLKit
import Testing
import Vapor

@testable import DocketWeb

/// Through a real `docket serve`: what the in-process tester cannot show.
@Suite("A real server", .serialized)
struct LiveServerTests {
    static let password = "correct horse battery staple"

    /// People with passwords, hashed once (at the real cost) and shared, so seeding is quick.
    static func accounts(_ t: TestApp, _ specs: [(String, Set<Role>, String?)]) async throws -> [TestApp.User] {
        let hash = try Bcrypt.hash(password, cost: PasswordGate.cost)
        var out: [TestApp.User] = []
        for (name, roles, number) in specs {
            let u = try await t.user(name, roles, number: number)
            u.person.passwordHash = hash
            try await u.person.save(on: t.app.db)
            out.append(u)
        }
        return out
    }

    /// Every link on a page that stays on the site, for following them all.
    static func links(_ html: String, under prefix: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let r = rest.range(of: "href=\"") {
            let tail = rest[r.upperBound...]
            let link = String(tail.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            if link.hasPrefix(prefix) { out.append(link) }
            rest = tail
        }
        return Array(Set(out)).sorted()
    }

    static var quarter: String {
        let c = WorkingCalendar().day(of: Date()).civil
        return "\(c.year)-Q\((c.month - 1) / 3 + 1)"
    }

    @Test func concurrent_filings_then_every_oversight_page_and_report_answer() async throws {
        final class Seed: @unchecked Sendable { var filers: [TestApp.User] = []; var staff: [TestApp.User] = [] }
        let seed = Seed()
        try await LiveServer.run(prepare: { t in
            try await t.installRulebook()
            for i in 1...6 { seed.filers.append(try await t.user("Filer \(i)", [.member], number: "F000000\(i)")) }
            _ = try await t.user("Rory Respondent", [.member], number: "R0000001")
            seed.staff = try await Self.accounts(t, [("Gov One", [.governance], nil), ("Rev One", [.reviewer], nil), ("Aud One", [.auditor], nil)])
        }) { server in
            let quarter = Self.quarter
            let poller = LiveClient(server)
            // Filings from six members at once, while anonymous readers keep asking for the report.
            let polling = Task { () -> [HTTPResponseStatus] in
                var seen: [HTTPResponseStatus] = []
                while !Task.isCancelled {
                    if let r = try? await poller.get("/reports/\(quarter)") { seen.append(r.status) }
                    try? await Task.sleep(for: .milliseconds(20))
                }
                return seen
            }
            let filed = try await withThrowingTaskGroup(of: Int.self) { group in
                for filer in seed.filers {
                    group.addTask {
                        var ok = 0
                        for n in 1...15 {
                            let r = try await LiveClient(server).api(
                                .POST, "/api/v1/cases", token: filer.token,
                                json: [
                                    "respondent_membership_number": "R0000001", "relation": "witness", "category": "bullying",
                                    "summary": "Filing \(n) by \(filer.person.displayName)",
                                ])
                            if r.status == .created { ok += 1 }
                        }
                        return ok
                    }
                }
                return try await group.reduce(0, +)
            }
            polling.cancel()
            let polled = await polling.value
            #expect(filed == 90)
            #expect(!polled.isEmpty && polled.allSatisfy { $0 == .ok }, "report answers during filing: \(Set(polled.map(\.code)))")

            // Then one anonymous request of every report, and every oversight page of every role.
            for path in ["/reports", "/reports/\(quarter)", "/reports/\(quarter).csv", "/reports/\(quarter).json"] {
                #expect(try await LiveClient(server).get(path).status == .ok, "\(path)")
            }
            for staff in seed.staff {
                let web = LiveClient(server)
                #expect(try await web.signIn(staff.person.email!, Self.password).status == .seeOther)
                let oversight = try await web.get("/oversight")
                #expect(oversight.status == .ok)
                for link in Self.links(oversight.body, under: "/oversight") + ["/governance", "/review", "/audit", "/review/programmes"] {
                    let status = try await web.get(link).status
                    #expect(status == .ok || status == .notFound, "\(link) as \(staff.person.displayName): \(status)")
                    #expect(status.code < 500)
                }
            }
            #expect(server.isRunning, "the server died:\n\(server.output.suffix(3000))")
        }
    }

    /// A case at the notice stage, with its parties' accounts.
    struct NoticeCase { var id: UUID; var complainant: TestApp.User; var respondent: TestApp.User; var caseworker: TestApp.User }

    static func caseAtNotice(_ t: TestApp, serve: Bool = true) async throws -> NoticeCase {
        try await t.installRulebook()
        let people = try await accounts(
            t,
            [
                ("Cara Complainant", [.member], "C0000001"), ("Reg Respondent", [.member], "C0000002"),
                ("Cas Worker", [.caseworker], nil), ("Gov Ernance", [.governance], nil),
            ])
        var r = try await t.call(
            .POST, "/api/v1/cases", as: people[0],
            json: [
                "respondent_membership_number": "C0000002", "relation": "directly_affected", "category": "bullying", "summary": "Messages.",
            ])
        let id = try #require(r["id"] as? String)
        let base = "/api/v1/cases/\(id)"
        r = try await t.call(.POST, "\(base)/allocate-caseworker", as: people[3])
        #expect(r.status == .ok)
        #expect(try await t.call(.POST, "\(base)/open-investigation", as: people[2], json: ["reasons": "Prima facie"]).status == .ok)
        let today = WorkingCalendar().day(of: t.clock.now).description
        #expect(
            try await t.call(.POST, "\(base)/allegations", as: people[2], json: ["clause_id": "2.1", "conduct_date": today, "basis": "Messages"]).status == .ok)
        if serve { #expect(try await t.call(.POST, "\(base)/serve-notice", as: people[2], json: ["window_working_days": 10]).status == .ok) }
        return NoticeCase(id: try #require(UUID(uuidString: id)), complainant: people[0], respondent: people[1], caseworker: people[2])
    }

    /// Through a real server: a 2 MB file the complainant sent, disclosed on the caseworker's
    /// form by id, opens for the respondent byte for byte, and *My cases* gives their own deadline.
    @Test func the_respondent_downloads_the_disclosed_file_from_a_live_server() async throws {
        final class Seed: @unchecked Sendable { var c: NoticeCase? }
        let seed = Seed()
        try await LiveServer.run(prepare: { t in seed.c = try await Self.caseAtNotice(t, serve: false) }) { server in
            let c = try #require(seed.c)
            let complainant = LiveClient(server)
            #expect(try await complainant.signIn(c.complainant.person.email!, Self.password).status == .seeOther)
            try await complainant.get(SiteURL.caseFile(c.id))
            let line = "Screenshot transcript: the messages of 3 February, as received. "
            let text = String(String(repeating: line, count: 2 * 1024 * 1024 / line.count + 1).prefix(2 * 1024 * 1024))
            let added = try await complainant.upload(
                SiteURL.caseStep(c.id, "evidence"), fields: [], file: ("evidence", "screenshots.txt", Data(text.utf8)))
            #expect(added.status == .seeOther)

            let worker = LiveClient(server)
            #expect(try await worker.signIn(c.caseworker.person.email!, Self.password).status == .seeOther)
            let page = try await worker.get(SiteURL.caseFile(c.id))
            let marker = #"name="disclosedEvidence[]" value=""#
            let range = try #require(page.body.range(of: marker))
            let evidenceID = String(page.body[range.upperBound...].prefix { $0 != "\"" })
            // The form first shows the notice as the respondent will get it; confirming serves it.
            let preview = try await worker.post(SiteURL.caseStep(c.id, "serve-notice"), [("windowWorkingDays", "10"), ("disclosedEvidence[]", evidenceID)])
            #expect(preview.status == .ok && preview.body.contains("Check the notice before you serve it") && preview.body.contains("screenshots.txt"))
            let served = try await worker.post(
                SiteURL.caseStep(c.id, "serve-notice"), [("windowWorkingDays", "10"), ("disclosedEvidence[]", evidenceID), ("confirmed", "true")])
            #expect(served.status == .seeOther)

            let respondent = LiveClient(server)
            #expect(try await respondent.signIn(c.respondent.person.email!, Self.password).status == .seeOther)
            let file = try await respondent.get(SiteURL.caseFile(c.id))
            #expect(file.body.contains("<dt>Disclosed evidence</dt><dd>screenshots.txt</dd>"))
            let download = try await respondent.get(SiteURL.evidence(c.id, try #require(UUID(uuidString: evidenceID))))
            #expect(download.status == .ok)
            #expect(download.body == text)
            #expect(try await respondent.get(SiteURL.cases).body.contains("Respond by"))
            #expect(server.isRunning)
        }
    }

    @Test func large_forms_arrive_whole_a_5_mb_file_and_a_20000_character_response() async throws {
        final class Seed: @unchecked Sendable { var c: NoticeCase? }
        let seed = Seed()
        try await LiveServer.run(prepare: { t in seed.c = try await Self.caseAtNotice(t) }) { server in
            let c = try #require(seed.c)
            // The complainant adds a 5 MB PDF on a fresh connection.
            let complainant = LiveClient(server)
            #expect(try await complainant.signIn(c.complainant.person.email!, Self.password).status == .seeOther)
            try await complainant.get(SiteURL.caseFile(c.id))
            var pdf = Data("%PDF-1.4\n".utf8)
            pdf.append(Data((0..<(5 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }))
            let added = try await complainant.upload(SiteURL.caseFile(c.id) + "/evidence", fields: [], file: ("evidence", "statement.pdf", pdf))
            #expect(added.status == .seeOther, "5 MB upload answered \(added.status): \(added.body.prefix(300))")
            let casePage = try await complainant.get(SiteURL.caseFile(c.id))
            #expect(casePage.body.contains("statement.pdf was added"))

            // The respondent sends a response of 20,000 characters, accents and all.
            let respondent = LiveClient(server)
            #expect(try await respondent.signIn(c.respondent.person.email!, Self.password).status == .seeOther)
            try await respondent.get(SiteURL.caseFile(c.id))
            let unit = "Ich widerspreche — réponse détaillée, point par point. "
            let text = String(String(repeating: unit, count: 20_000 / unit.count + 1).prefix(20_000))
            let responded = try await respondent.post(SiteURL.caseStep(c.id, "respond"), [("text", text)])
            #expect(responded.status == .seeOther)
            #expect(try await respondent.get(SiteURL.caseFile(c.id)).body.contains("Done: Respond"))

            // A file over the 10 MB limit is refused with its reason, and nothing is stored.
            var big = Data("%PDF-1.4\n".utf8)
            big.append(Data(count: 10 * 1024 * 1024))
            let refused = try await complainant.upload(SiteURL.caseFile(c.id) + "/evidence", fields: [], file: ("evidence", "huge.pdf", big))
            #expect(refused.status == .seeOther)
            #expect(try await complainant.get(SiteURL.caseFile(c.id)).body.contains("huge.pdf is larger than 10 MB"))
            // A body over the form's own limit is answered 413 with a sentence, not a dropped connection.
            let tooBig = try await complainant.upload(
                SiteURL.caseFile(c.id) + "/evidence", fields: [], file: ("evidence", "bigger.pdf", Data(count: 13 * 1024 * 1024)))
            #expect(tooBig.status == .payloadTooLarge)
            #expect(tooBig.body.contains("larger than the 12 MB this form accepts"))
            #expect(server.isRunning)
            await server.stop()
            try await TestApp.run(on: server.kind, keep: true) { (t: TestApp) async throws in
                let files = try await EvidenceFile.query(on: t.app.db).all()
                #expect(files.map(\.filename) == ["statement.pdf"])
                // The hash on the record is the hash of the bytes that arrived.
                let stored = try #require(files.first)
                #expect(stored.data == pdf)
                #expect(stored.sha256 == EvidenceUpload.sha256(pdf))
                let file = try #require(try await t.app.docket.store(on: t.app.db).load(c.id, on: t.app.db))
                #expect(file.response?.text == text)
                #expect(file.evidence.first?.item.sha256 == stored.sha256)
            }
        }
    }

    /// Many case-file reads at once through a real server: each is answered only once its entry
    /// is on the access log (group commit), none is lost, and the chain still verifies.
    @Test func concurrent_case_file_reads_are_each_chained_on_the_access_log() async throws {
        final class Prepared: @unchecked Sendable { var cases: [UUID] = []; var email = "" }
        let prepared = Prepared()
        try await LiveServer.run(prepare: { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 10, seed: 4)
            prepared.cases = try await CaseSummary.query(on: t.app.db).filter(\.$route == CaseRoute.standard.rawValue).all().map { $0.id! }
            prepared.email = try await t.account("Gov Reader", [.governance]).person.email!
        }) { server in
            let cases = prepared.cases
            #expect(cases.count >= 4)
            var clients: [LiveClient] = []
            for _ in 0..<6 {
                let c = LiveClient(server)
                _ = try await c.signIn(prepared.email, "long enough password")
                clients.append(c)
            }
            let statuses = try await withThrowingTaskGroup(of: [HTTPResponseStatus].self) { group in
                for (n, client) in clients.enumerated() {
                    group.addTask {
                        var out: [HTTPResponseStatus] = []
                        for i in 0..<8 { out.append(try await client.get(SiteURL.caseFile(cases[(n + i) % cases.count])).status) }
                        return out
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(statuses.count == 48 && statuses.allSatisfy { $0 == .ok })
            await server.stop()
            try await TestApp.run(on: server.kind, keep: true) { (t: TestApp) async throws in
                let reads = try await AccessRecord.query(on: t.app.db).filter(\.$purpose == "web: case file").count()
                #expect(reads == 48, "every page shown has its entry")
                let report = try await AuditVerifier.verify(on: t.app.db)
                #expect(report.accesses == Int64(try await AccessRecord.query(on: t.app.db).count()))
            }
        }
    }

    @Test func an_anonymous_complaint_with_evidence_is_filed_once() async throws {
        try await LiveServer.run(prepare: { t in try await t.installRulebook() }) { server in
            let web = LiveClient(server)
            let form = try await web.get("/complaints/new")
            let token = try #require(form.body.range(of: #"name="formToken" value=""#).map { String(form.body[$0.upperBound...].prefix(43)) })
            var pdf = Data("%PDF-1.4\n".utf8)
            pdf.append(Data(count: 1024 * 1024))
            let fields = [
                ("yourName", "Nadia Neighbour"), ("respondent", "Someone I saw"), ("relation", "witness"),
                ("summary", String(repeating: "What I saw at the meeting. ", count: 200)), ("clauses[]", "2.1"), ("formToken", token),
            ]
            // The form shows the answers to check first, and holds the file until the complaint is sent.
            let check = try await web.upload("/complaints", fields: fields, file: ("evidence", "photo.pdf", pdf))
            #expect(check.status == .ok && check.body.contains("Check your answers") && check.body.contains("photo.pdf (1.0 MB)"))
            #expect(!check.body.contains("enctype=\"multipart/form-data\""), "the check page sends no file again")
            let sent = try await web.post("/complaints", fields + [("confirmed", "true")])
            #expect(sent.status == .seeOther, "\(sent.status): \(sent.body.components(separatedBy: "<main").last?.prefix(900) ?? "")")
            #expect(sent.location == "/complaints/received")
            let receipt = try await web.get("/complaints/received")
            #expect(receipt.body.contains("id=\"receipt-code\""))
            // The same form sent again (a double click, the back button) files nothing more.
            let again = try await web.upload("/complaints", fields: fields + [("confirmed", "true")], file: ("evidence", "photo.pdf", pdf))
            #expect(again.status == .ok)
            #expect(again.body.contains("already sent"))
            await server.stop()
            try await TestApp.run(on: server.kind, keep: true) { (t: TestApp) async throws in
                #expect(try await CaseSummary.query(on: t.app.db).count() == 1)
                #expect(try await EvidenceFile.query(on: t.app.db).count() == 1)
                // Nobody matched the words: the complaint waits for the independent reviewers.
                #expect(try await CaseSummary.query(on: t.app.db).first()?.route == CaseRoute.independent.rawValue)
            }
        }
    }

    /// Rows in every table, to see whether anything was written.
    static func rowCounts(_ t: TestApp) async throws -> [String: Int] {
        let tables: [String]
        if t.isPostgres {
            tables = try await t.sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()").all()
                .map { try $0.decode(column: "name", as: String.self) }
        } else {
            tables = try await t.sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
        var out: [String: Int] = [:]
        for name in tables {
            out[name] = try await t.sql.raw("SELECT count(*) AS n FROM \(ident: name)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return out
    }

    @Test func a_thousand_anonymous_page_views_write_nothing() async throws {
        final class Seed: @unchecked Sendable { var before: [String: Int] = [:] }
        let seed = Seed()
        try await LiveServer.run(prepare: { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 20, seed: 3)
            // Nothing is due for erasure, so that the daily retention run at start writes nothing
            // either: what is measured is what anonymous reading writes.
            var policy = try await t.app.docket.procedure(on: t.app.db).policy
            policy.retention = RetentionSchedule(months: Dictionary(uniqueKeysWithValues: RetentionClass.allCases.map { ($0, 360) }))
            try await ProcedureSettings(policy: policy, holidays: []).save(on: t.app.db)
            seed.before = try await Self.rowCounts(t)
        }) { server in
            let pages = [
                "/", "/reports", "/reports/\(Self.quarter)", "/reports/\(Self.quarter).csv", "/statements", "/published",
                "/login", "/complaints/new", "/receipt", "/health", "/nothing-here",
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        let web = LiveClient(server)  // keeps what cookies it is given, as a browser would
                        for i in 0..<250 { _ = try await web.get(pages[(i + worker) % pages.count]) }
                    }
                }
                try await group.waitForAll()
            }
            await server.stop()
            try await TestApp.run(on: server.kind, keep: true) { (t: TestApp) async throws in
                let after = try await Self.rowCounts(t)
                #expect(after == seed.before, "rows changed: \(after.filter { seed.before[$0.key] != $0.value })")
                #expect(after["web_sessions"] == 0)
            }
        }
    }

    @Test func the_address_throttle_counts_the_client_behind_a_trusted_proxy_and_ignores_the_header_otherwise() async throws {
        for trusted in [true, false] {
            try await LiveServer.run(env: trusted ? ["DOCKET_TRUSTED_PROXIES": "127.0.0.1, ::1"] : [:]) { server in
                let first = LiveClient(server)
                first.headers = [("X-Forwarded-For", "203.0.113.5")]
                try await first.get("/login")
                for i in 0..<SessionController.perAddress {
                    #expect(try await first.post("/login", [("email", "guess\(i)@example.org"), ("password", "wrong")]).status == .unauthorized)
                }
                #expect(try await first.post("/login", [("email", "one-more@example.org"), ("password", "wrong")]).status == .tooManyRequests)
                // Another person behind the same proxy is a different address only if the proxy is trusted.
                let second = LiveClient(server)
                second.headers = [("X-Forwarded-For", "198.51.100.7")]
                try await second.get("/login")
                let status = try await second.post("/login", [("email", "someone@example.org"), ("password", "wrong")]).status
                #expect(status == (trusted ? .unauthorized : .tooManyRequests), "trusted: \(trusted)")
            }
        }
    }

    @Test func a_burst_of_sign_ins_is_answered_without_a_server_error_and_pages_stay_quick() async throws {
        final class Seed: @unchecked Sendable { var people: [TestApp.User] = [] }
        let seed = Seed()
        try await LiveServer.run(
            env: ["DOCKET_SIGN_IN_QUEUE": "8", "DOCKET_TRUSTED_PROXIES": "127.0.0.1,::1"],
            prepare: { t in
                seed.people = try await Self.accounts(t, (1...40).map { ("Member \($0)", [.member], "M\(String(format: "%07d", $0))") })
            }
        ) { server in
            let started = Date()
            async let health: [Double] = {
                var times: [Double] = []
                let probe = LiveClient(server)
                while Date().timeIntervalSince(started) < 3 {
                    let t0 = Date()
                    _ = try? await probe.get("/health")
                    times.append(Date().timeIntervalSince(t0))
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return times
            }()
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponseStatus, String?).self) { group in
                for (i, p) in seed.people.enumerated() {
                    group.addTask {
                        let web = LiveClient(server)
                        web.headers = [("X-Forwarded-For", "192.0.2.\(i + 1)")]  // forty people, forty addresses
                        try await web.get("/login")
                        let r = try await web.post("/login", [("email", p.person.email!), ("password", Self.password)])
                        return (r.status, r.headers.first(name: "Retry-After"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let times = await health
            let signedIn = statuses.filter { $0.0 == .seeOther }.count
            let busy = statuses.filter { $0.0 == .tooManyRequests }
            #expect(signedIn + busy.count == 40, "statuses: \(statuses.map(\.0.code).sorted())")
            #expect(signedIn >= 9)
            #expect(busy.allSatisfy { $0.1 != nil }, "a busy answer without Retry-After")
            let slowest = times.max() ?? 0
            #expect(slowest < 1.5, "/health took \(slowest) s during the burst")
            #expect(server.isRunning)
        }
    }
}
