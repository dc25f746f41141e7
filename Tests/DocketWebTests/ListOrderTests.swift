import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// Every list can be put in another order, and its pages, followed link by link as a person
/// would, cover each row once, in that order, with the filters and the order kept.
@Suite("Lists in the order asked")
struct ListOrderTests {
    static let password = "long enough password"

    /// Follows a list's "next" links from an address, gathering what `rows` reads off each page.
    static func walk(_ web: WebClient, from path: String, rows: (String) -> [String]) async throws -> (pages: [[String]], links: [String]) {
        var pages: [[String]] = []
        var links: [String] = []
        var next: String? = path
        while let here = next, pages.count < 50 {
            let body = try await web.get(here).body
            pages.append(rows(body))
            next = body.components(separatedBy: "\" rel=\"next\"").dropLast().last?.components(separatedBy: "href=\"").last?
                .replacingOccurrences(of: "&amp;", with: "&")
            if let next { links.append(next) }
        }
        return (pages, links)
    }

    static func references(_ body: String) -> [String] {
        body.components(separatedBy: "\">DK-2026-").dropFirst().map { "DK-2026-" + $0.prefix(5) }
    }

    /// Thirty complaints a minute apart from one member, the sixth to the first also changed
    /// later (most recent activity), and a caseworker allocated to every one.
    static func filings(_ t: TestApp) async throws -> (complainant: TestApp.User, caseworker: TestApp.User, governance: TestApp.User, ids: [String]) {
        try await t.installRulebook()
        let complainant = try await t.account("Alice Complainant", [.member], number: "A0000001")
        _ = try await t.account("Bob Respondent", [.member], number: "A0000002")
        let caseworker = try await t.account("Dee Caseworker", [.caseworker])
        let governance = try await t.account("Eve Governance", [.governance])
        var ids: [String] = []
        for i in 0..<30 {
            let r = try await t.call(
                .POST, "/api/v1/cases", as: complainant,
                json: [
                    "respondent_membership_number": "A0000002", "relation": "directly_affected", "category": i % 3 == 0 ? "antisemitism" : "bullying",
                    "summary": "Complaint \(i).",
                ])
            ids.append(try #require(r["id"] as? String))
            t.clock.set(t.clock.now.addingTimeInterval(60))
        }
        for id in ids.prefix(6).reversed() {
            #expect(try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance).status == .ok)
        }
        return (complainant, caseworker, governance, ids)
    }

    @Test func my_cases_pages_oldest_first_by_reference_and_by_last_activity() async throws {
        try await TestApp.run { t in
            let (complainant, _, _, _) = try await Self.filings(t)
            let web = WebClient(t)
            try await web.signIn(complainant.person.email!, Self.password)
            let all = (1...30).map { String(format: "DK-2026-%05d", $0) }
            let oldest = try await Self.walk(web, from: SiteURL.casesPage(sort: "oldest"), rows: Self.references)
            #expect(oldest.pages.map(\.count) == [25, 5])
            #expect(oldest.pages.flatMap { $0 } == all, "every case once, oldest first")
            #expect(oldest.links.allSatisfy { $0.contains("sort=oldest") }, "the order is kept in the next page's address")
            let byReference = try await Self.walk(web, from: SiteURL.casesPage(sort: "reference"), rows: Self.references)
            #expect(byReference.pages.flatMap { $0 } == all)
            // The six allocated last, the first of them most recently: first when sorted by activity.
            let active = try await Self.walk(web, from: SiteURL.casesPage(sort: "activity"), rows: Self.references)
            #expect(Array(active.pages.flatMap { $0 }.prefix(6)) == Array(all.prefix(6)), "\(active.pages)")
            #expect(Set(active.pages.flatMap { $0 }) == Set(all) && active.pages.flatMap { $0 }.count == 30)
            // With a filter, the order and the filter both hold across pages.
            let kind = try await Self.walk(web, from: SiteURL.casesPage(kind: "bullying", sort: "oldest"), rows: Self.references)
            #expect(kind.pages.flatMap { $0 } == all.enumerated().filter { $0.offset % 3 != 0 }.map(\.element))
            let page = try await web.get(SiteURL.casesPage(sort: "oldest")).body
            #expect(page.contains("<option value=\"oldest\" selected>") && page.contains("oldest first</caption>"))
            // An order that does not exist is the natural one, not an error.
            #expect(Self.references(try await web.get(SiteURL.casesPage(sort: "nonsense")).body).first == "DK-2026-00030")
        }
    }

    @Test func messages_outbox_and_queues_page_in_the_order_asked() async throws {
        try await TestApp.run { t in
            let (complainant, _, governance, _) = try await Self.filings(t)
            // Messages, oldest first: the first receipt, then on, every one once.
            let web = WebClient(t)
            try await web.signIn(complainant.person.email!, Self.password)
            func subjects(_ body: String) -> [String] {
                body.components(separatedBy: "<section class=\"panel").dropFirst().compactMap {
                    $0.components(separatedBy: "\">").dropFirst(2).first?.components(separatedBy: "<").first
                }
            }
            let messages = try await Self.walk(web, from: SiteURL.messagesPage(sort: "oldest"), rows: subjects)
            let told = messages.pages.flatMap { $0 }
            #expect(told.count == 36 && messages.pages.first?.count == 20, "30 received, 6 allocated: \(told.count)")
            #expect(told.first == "Complaint DK-2026-00001 received", "\(told.prefix(3))")
            // The outbox: by the domain written to, oldest first.
            for i in 0..<60 {
                let domain = i == 0 || i == 2 ? "union.example" : "mail.example"
                try await OutboxMessage(to: "p\(i)@\(domain)", subject: "Your account", body: "x", at: t.clock.now).create(on: t.app.db)
            }
            let admin = try await t.account("Ada Admin", [.admin])
            let adminWeb = WebClient(t)
            try await adminWeb.signIn(admin.person.email!, Self.password)
            func queued(_ body: String) -> [String] {
                body.components(separatedBy: "<td data-label=\"To\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
            }
            let union = queued(try await adminWeb.get(SiteURL.outboxPage(domain: "UNION.example", sort: "oldest")).body)
            #expect(union == ["p…@union.example", "p…@union.example"], "\(union)")
            let everyone = try await Self.walk(adminWeb, from: SiteURL.outboxPage(sort: "oldest"), rows: queued)
            let total = try await OutboxMessage.query(on: t.app.db).count()
            #expect(everyone.pages.count == (total + 49) / 50 && everyone.pages.flatMap { $0 }.count == total)
            #expect(everyone.pages.first?.count == 50 && everyone.links.allSatisfy { $0.contains("sort=oldest") })
            #expect(try await adminWeb.get(SiteURL.outboxPage(domain: "%")).body.contains("No messages."), "a wildcard is a letter, not everything")
            // A governance queue, newest received first: 24 cases still wait for a caseworker.
            let committee = WebClient(t)
            try await committee.signIn(governance.person.email!, Self.password)
            let queue = try await Self.walk(
                committee, from: SiteURL.withQuery(SiteURL.governanceQueue("awaiting-caseworker"), [("sort", "newest")]), rows: Self.references)
            #expect(queue.pages.flatMap { $0 } == (7...30).reversed().map { String(format: "DK-2026-%05d", $0) })
            let byReference = try await committee.get(SiteURL.withQuery(SiteURL.governanceQueue("awaiting-caseworker"), [("sort", "reference")])).body
            #expect(Self.references(byReference).first == "DK-2026-00007" && byReference.contains("by reference, fifty at a time"))
        }
    }

    @Test func users_and_the_access_log_are_found_and_paged_by_the_database() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            for i in 1...30 { _ = try await t.user(String(format: "Caseworker %02d", i), [.caseworker]) }
            _ = try await t.user("Per_cent 100%", [.reviewer])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            func names(_ body: String) -> [String] {
                body.components(separatedBy: "<td data-label=\"Name\"><a href=").dropFirst().compactMap {
                    $0.components(separatedBy: ">").dropFirst().first?.components(separatedBy: "<").first
                }
            }
            let backwards = try await Self.walk(web, from: SiteURL.usersPage(role: "caseworker", sort: "name-desc"), rows: names)
            #expect(backwards.pages.flatMap { $0 } == (1...30).reversed().map { String(format: "Caseworker %02d", $0) })
            #expect(backwards.links.allSatisfy { $0.contains("sort=name-desc") && $0.contains("role=caseworker") })
            // What is typed is looked for as typed: "_" and "%" are characters, not wildcards.
            #expect(names(try await web.get(SiteURL.usersPage(q: "per_cent 100%")).body) == ["Per_cent 100%"])
            #expect(names(try await web.get(SiteURL.usersPage(q: "_")).body) == ["Per_cent 100%"])
            #expect(names(try await web.get(SiteURL.usersPage(q: "%")).body) == ["Per_cent 100%"])

            // The access log: one reader's reads, oldest first, fifty at a time.
            try await t.installRulebook()
            let reader = try await t.account("Rita Reader", [.caseworker])
            let other = try await t.account("Otto Other", [.caseworker])
            let complainant = try await t.account("Cal Complainant", [.member], number: "A0000003")
            let filed = try await t.call(
                .POST, "/api/v1/cases", as: complainant, json: ["respondent_name": "Someone", "relation": "witness", "category": "bullying", "summary": "x"])
            let filedId = try #require(filed["id"] as? String)
            let caseId = try #require(UUID(uuidString: filedId))
            for i in 0..<60 {
                try await AccessLog.record(caseId: caseId, actorId: (i % 4 == 3 ? other : reader).id, purpose: "test: read \(i)", at: t.clock.now, on: t.app.db)
            }
            let auditor = try await t.account("Ada Auditor", [.auditor])
            let audit = WebClient(t)
            try await audit.signIn(auditor.person.email!, Self.password)
            func purposes(_ body: String) -> [String] {
                body.components(separatedBy: "<td data-label=\"How\">test: read ").dropFirst().map { String($0.prefix { $0 != "<" }) }
            }
            let reads = try await Self.walk(
                audit, from: SiteURL.withQuery(SiteURL.audit, [("reads_who", "rita reader"), ("reads_sort", "oldest")]), rows: purposes)
            let ritas: [String] = (0..<60).filter { $0 % 4 != 3 }.map { String($0) }
            let found: [String] = reads.pages.flatMap { $0 }
            #expect(found == ritas, "\(reads.pages)")
            #expect(reads.pages.first?.count == 45 && reads.links.isEmpty, "45 of Rita's reads fit one page of fifty")
            let byAddress = purposes(try await audit.get(SiteURL.withQuery(SiteURL.audit, [("reads_who", other.person.email!)])).body)
            let ottos: [String] = (0..<60).filter { $0 % 4 == 3 }.reversed().map { String($0) }
            #expect(byAddress == ottos)
            #expect(purposes(try await audit.get(SiteURL.withQuery(SiteURL.audit, [("reads_who", "nobody at all")])).body).isEmpty)
        }
    }

    @Test func the_cases_behind_a_figure_are_searched_filtered_sorted_and_paged() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.account("Alice Complainant", [.member], number: "A0000001")
            _ = try await t.account("Bob Respondent", [.member], number: "A0000002")
            let governance = try await t.account("Eve Governance", [.governance])
            _ = try await t.account("Dee Caseworker", [.caseworker])
            var ids: [String] = []
            for i in 0..<55 {
                let r = try await t.call(
                    .POST, "/api/v1/cases", as: complainant,
                    json: ["respondent_membership_number": "A0000002", "relation": "directly_affected", "category": "bullying", "summary": "Complaint \(i)."])
                ids.append(try #require(r["id"] as? String))
                t.clock.set(t.clock.now.addingTimeInterval(60))
            }
            for id in ids.suffix(3) { _ = try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance) }
            let web = WebClient(t)
            try await web.signIn(governance.person.email!, Self.password)
            let day = t.clock.now.description.prefix(10)
            let path = SiteURL.withQuery(
                SiteURL.oversightCases, [("by", "category"), ("group", "bullying"), ("from", "2026-01-01"), ("to", String(day))])
            let all = (1...55).map { String(format: "DK-2026-%05d", $0) }
            let newest = try await Self.walk(web, from: path, rows: Self.references)
            #expect(newest.pages.map(\.count) == [50, 5] && newest.pages.flatMap { $0 } == all.reversed())
            let oldest = try await Self.walk(web, from: path + "&sort=oldest", rows: Self.references)
            #expect(oldest.pages.flatMap { $0 } == all && oldest.links.allSatisfy { $0.contains("sort=oldest") && $0.contains("group=bullying") })
            let found = try await web.get(path + "&q=dk-2026-0001").body
            #expect(Self.references(found) == (10...19).reversed().map { String(format: "DK-2026-%05d", $0) })
            #expect(found.contains("10 match the filters"))
            let investigating = try await web.get(path + "&stage=investigation").body
            #expect(investigating.contains("No case matches these filters."), "nobody is under investigation yet")
            let triage = try await web.get(path + "&stage=triage").body
            #expect(Set(Self.references(triage)) == Set(all.suffix(3)), "the three allocated are in triage")
            // The CSV has every case the filters find, not a page of them.
            let csv = try await web.get(path + "&sort=reference&format=csv").body
            let lines = csv.split(whereSeparator: \.isNewline)
            #expect(lines.count == 56 && lines[1].hasPrefix("DK-2026-00001"), "a header and 55 cases: \(lines.prefix(3))")
        }
    }
}
