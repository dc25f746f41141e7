import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// Each role lands where its work starts, and *My cases* finds, filters and pages what a person
/// stands in, open cases first, each row the core's answer for that person.
@Suite("Landing pages and My cases")
struct MyCasesTests {
    static let password = "long enough password"

    @Test func each_role_lands_on_the_page_its_work_starts_on() async throws {
        try await TestApp.run { t in
            let expected: [(Set<Role>, String)] = [
                ([.governance], SiteURL.governance), ([.reviewer], SiteURL.review), ([.auditor], SiteURL.audit),
                ([.editor], SiteURL.publications), ([.admin], SiteURL.adminUsers), ([.member], SiteURL.cases), ([.caseworker], SiteURL.cases),
                ([.panelMember], SiteURL.cases), ([.member, .governance], SiteURL.governance),
            ]
            for (i, (roles, path)) in expected.enumerated() {
                let u = try await t.account("Person \(i)", roles)
                let web = WebClient(t)
                _ = try await web.get(SiteURL.login)
                let page = try await web.post(SiteURL.login, [("email", u.person.email!), ("password", Self.password)])
                #expect(page.location == path, "\(roles.map(\.rawValue)) landed on \(page.location ?? "nothing")")
                #expect(try await web.get(path).status == .ok, "\(path) for \(roles.map(\.rawValue))")
            }
        }
    }

    @Test func my_cases_pages_by_keyset_filters_in_the_url_and_keeps_closed_cases_apart() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.account("Alice Complainant", [.member], number: "A0000001")
            let respondent = try await t.account("Bob Respondent", [.member], number: "A0000002")
            let caseworker = try await t.user("Dee Caseworker", [.caseworker])
            let governance = try await t.user("Eve Governance", [.governance])
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
            // Two are dismissed at triage: they leave the open list for the closed one.
            for id in ids.prefix(2) {
                _ = try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance)
                #expect(try await t.call(.POST, "/api/v1/cases/\(id)/dismiss", as: caseworker, json: ["reasons": "No clause is engaged."]).status == .ok)
            }
            let web = WebClient(t)
            try await web.signIn(complainant.person.email!, Self.password)
            func references(_ body: String) -> [String] {
                body.components(separatedBy: "\">DK-2026-").dropFirst().map { "DK-2026-" + $0.prefix(5) }
            }
            let first = try await web.get(SiteURL.cases)
            let page1 = references(first.body)
            #expect(page1.count == CaseWebController.pageSize)
            #expect(page1.first == "DK-2026-00030", "newest first")
            let next = try #require(first.body.components(separatedBy: "\" rel=\"next\"").first?.components(separatedBy: "href=\"").last)
            let page2 = references(try await web.get(next.replacingOccurrences(of: "&amp;", with: "&")).body)
            #expect(page2.count == 3, "\(page2)")
            #expect(Set(page1).isDisjoint(with: page2) && page1.count + page2.count == 28)
            #expect(!(page1 + page2).contains("DK-2026-00001") && !(page1 + page2).contains("DK-2026-00002"))
            // Closed cases sit behind their filter; the filters live in the URL.
            #expect(Set(references(try await web.get(SiteURL.casesPage(closed: true)).body)) == ["DK-2026-00001", "DK-2026-00002"])
            #expect(references(try await web.get(SiteURL.casesPage(q: "dk-2026-00017")).body) == ["DK-2026-00017"])
            let antisemitism = references(try await web.get(SiteURL.casesPage(kind: "antisemitism")).body)
            #expect(antisemitism.count == 9 && !antisemitism.contains("DK-2026-00002"), "\(antisemitism)")
            #expect(try await web.get(SiteURL.casesPage(stage: "appeal")).body.contains("No case matches these filters."))
            // Each row: the kind, who it is about, the stage and what happens next.
            // (the complainant is shown the words they gave, never whom they matched).
            #expect(first.body.contains("about A0000002") && !first.body.contains("Bob Respondent"))
            #expect(first.body.contains("A caseworker will be allocated to your complaint.") && first.body.contains("Antisemitism"))
            // Messages: twenty at a time, new ones marked and then read, filtered by case.
            func subjects(_ body: String) -> [String] { body.components(separatedBy: "<section class=\"panel").dropFirst().map { String($0.prefix(200)) } }
            let inbox = try await web.get(SiteURL.notifications).body
            #expect(subjects(inbox).count == 20 && subjects(inbox).allSatisfy { $0.contains("New") })
            let unread = subjects(try await web.get(SiteURL.messagesPage(unread: true)).body)
            #expect(unread.count == 14, "34 messages (30 received, 2 allocated, 2 dismissed), 20 of them read by now: \(unread.count)")
            let one = try await web.get(SiteURL.messagesPage(case: "DK-2026-00001")).body
            #expect(
                one.contains("Complaint DK-2026-00001 received") && one.contains("Complaint DK-2026-00001 dismissed") && !one.contains("DK-2026-00002 received")
            )
            let older = try #require(inbox.components(separatedBy: "\" rel=\"next\"").first?.components(separatedBy: "href=\"").last)
            #expect(subjects(try await web.get(older.replacingOccurrences(of: "&amp;", with: "&")).body).count == 14)
            // The respondent's row says what they must do and by when.
            let id = try #require(ids.last)
            _ = try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance)
            _ = try await t.call(.POST, "/api/v1/cases/\(id)/open-investigation", as: caseworker, json: ["reasons": "Breach if proved."])
            _ = try await t.call(
                .POST, "/api/v1/cases/\(id)/allegations", as: caseworker, json: ["clause_id": "2.1", "conduct_date": "2026-02-10", "basis": "x"])
            _ = try await t.call(.POST, "/api/v1/cases/\(id)/serve-notice", as: caseworker, json: ["window_working_days": 10])
            let theirs = WebClient(t)
            try await theirs.signIn(respondent.person.email!, Self.password)
            let listed = try await theirs.get(SiteURL.cases).body
            #expect(listed.contains("Respond by end of") && listed.contains("10 working days after today"), "\(listed)")
            #expect(!listed.contains("from Alice Complainant"), "the respondent is not told who complained")
        }
    }

    @Test func the_users_page_finds_and_pages_people_and_each_has_a_page_of_their_own() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            for i in 1...30 { _ = try await t.user(String(format: "Caseworker %02d", i), [.caseworker]) }
            let zed = try await t.user("Zed Reviewer", [.reviewer])
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            func names(_ body: String) -> [String] {
                body.components(separatedBy: "<td data-label=\"Name\"><a href=").dropFirst().compactMap {
                    $0.components(separatedBy: ">").dropFirst().first?.components(separatedBy: "<").first
                }
            }
            let first = try await web.get(SiteURL.adminUsers)
            #expect(names(first.body).count == AdminController.usersPerPage && first.body.contains("32 found"))
            #expect(!first.body.contains("roles[]\" value=\"governance\" checked"), "no form per person on the list")
            let next = try #require(first.body.components(separatedBy: "\" rel=\"next\"").first?.components(separatedBy: "href=\"").last)
            let second = names(try await web.get(next.replacingOccurrences(of: "&amp;", with: "&")).body)
            #expect(second.count == 7 && Set(second).isDisjoint(with: names(first.body)))
            #expect(names(try await web.get(SiteURL.usersPage(q: "worker 17")).body) == ["Caseworker 17"])
            // A "+" in a search survives the next page's address (a form decoder reads a bare "+" as a space).
            #expect(SiteURL.usersPage(q: "jane+x@example.org", after: zed.id.uuidString).contains("q=jane%2Bx@example.org"))
            #expect(names(try await web.get(SiteURL.usersPage(role: "reviewer")).body) == ["Zed Reviewer"])
            let own = try await web.get(SiteURL.userPage(zed.id))
            #expect(
                own.status == .ok && own.body.contains("Zed Reviewer") && own.body.components(separatedBy: "name=\"roles[]\"").count == Role.allCases.count + 1)
            let saved = try await web.post(SiteURL.userRoles(zed.id), [("roles[]", "reviewer"), ("roles[]", "auditor")])
            #expect(saved.location == SiteURL.userPage(zed.id))
            #expect(try await Person.find(zed.id, on: t.app.db)?.roles == [.reviewer, .auditor])
            #expect(try await web.get(SiteURL.userPage(UUID())).status == .notFound)
        }
    }

    @Test func the_outbox_counts_filters_and_pages_its_queue() async throws {
        try await TestApp.run { t in
            let admin = try await t.account("Ada Admin", [.admin])
            for i in 0..<62 {
                let m = OutboxMessage(to: "person\(i)@example.org", subject: "News on case DK-2026-000\(i % 10)", body: "There is news.", at: t.clock.now)
                m.status = i % 10 == 0 ? "failed" : "queued"
                try await m.create(on: t.app.db)
                t.clock.set(t.clock.now.addingTimeInterval(1))
            }
            let web = WebClient(t)
            try await web.signIn(admin.person.email!, Self.password)
            func rows(_ body: String) -> Int { body.components(separatedBy: "<td data-label=\"Queued\">").count - 1 }
            let first = try await web.get(SiteURL.adminOutbox).body
            #expect(rows(first) == AdminController.outboxPerPage && first.contains("Queued: 55") && first.contains("Failed: 7"), "\(rows(first))")
            let older = try #require(first.components(separatedBy: "\" rel=\"next\"").first?.components(separatedBy: "href=\"").last)
            #expect(rows(try await web.get(older.replacingOccurrences(of: "&amp;", with: "&")).body) >= 12)
            let failed = try await web.get(SiteURL.outboxPage(status: "failed")).body
            #expect(rows(failed) == 7 && failed.components(separatedBy: "<span class=\"tag\">failed</span>").count == 8)
        }
    }
}

@Suite("Searching one's cases")
struct CaseSearchTests {
    static let password = "long enough password"

    static func references(_ page: WebClient.Page) -> [String] {
        page.body.components(separatedBy: "<td data-label=\"Case\"><a href=\"").dropFirst().compactMap { part in
            part.range(of: #"DK-\d{4}-\d{5}"#, options: .regularExpression).map { String(part[$0]) }
        }
    }

    @Test func search_finds_by_reference_name_kind_and_stage_but_only_through_what_the_viewer_may_see() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let complainant = try await t.account("Alice Zephyrine", [.member], number: "A0000001")
            let respondent = try await t.account("Bob Quillfeather", [.member], number: "A0000002")
            let caseworker = try await t.account("Dee Caseworker", [.caseworker])
            let governance = try await t.user("Eve Governance", [.governance])
            // Two cases: one about Bob in the complainant's own words, one about nobody known.
            let web = WebClient(t)
            try await web.signIn(complainant.person.email!, Self.password)
            for words in ["A0000002", "Somebody Unknown"] {
                let sent = try await web.post(
                    SiteURL.complaints,
                    [
                        ("respondent", words), ("relation", "directly_affected"), ("summary", "Shouted at me."), ("clauses[]", "2.1"),
                        ("confirmed", "true"),
                    ])
                #expect(sent.status == .seeOther)
            }
            let first = try #require(try await CaseSummary.query(on: t.app.db).filter(\.$reference == "DK-2026-00001").first())
            let base = "/api/v1/cases/\(first.id!.uuidString)"
            #expect(try await t.call(.POST, "\(base)/allocate-caseworker", as: governance).status == .ok)
            _ = try await t.call(.POST, "\(base)/open-investigation", as: caseworker, json: ["reasons": "Breach if proved."])
            _ = try await t.call(.POST, "\(base)/allegations", as: caseworker, json: ["clause_id": "2.1", "conduct_date": "2026-02-10", "basis": "Shouting."])
            _ = try await t.call(.POST, "\(base)/serve-notice", as: caseworker, json: ["window_working_days": 10])

            func found(_ client: WebClient, _ q: String) async throws -> [String] {
                Self.references(try await client.get(SiteURL.withQuery(SiteURL.cases, [("q", q)])))
            }
            // The complainant finds by their own words and by reference, not by the register's name.
            #expect(try await found(web, "a0000002") == ["DK-2026-00001"])
            #expect(try await found(web, "DK-2026-00002") == ["DK-2026-00002"])
            #expect(try await found(web, "Quillfeather").isEmpty, "the register's name for the respondent is not the complainant's to search")
            // The caseworker finds by either party's name, by kind and by stage.
            let worker = WebClient(t)
            try await worker.signIn(caseworker.person.email!, Self.password)
            #expect(try await found(worker, "quillfeather") == ["DK-2026-00001"])
            #expect(try await found(worker, "zeph") == ["DK-2026-00001"], "a word is found by its beginning")
            #expect(try await found(worker, "bullying notice") == ["DK-2026-00001"])
            // The respondent finds their case, but never by the complainant's name.
            let them = WebClient(t)
            try await them.signIn(respondent.person.email!, Self.password)
            #expect(try await found(them, "bullying") == ["DK-2026-00001"])
            #expect(try await found(them, "Zephyrine").isEmpty, "the complainant's name is not the respondent's to search")
            // Only what the index holds counts, as the viewer sees it: the viewer's own part on
            // the row ("Respondent") finds nothing, so no word of a hidden name can slip through.
            #expect(try await found(them, "respondent").isEmpty)

            // Filters that live in the address: route, received between two days, overdue. The
            // route and the stage maximum are the case team's to know: a party filters on neither.
            func listed(_ fields: [(String, String?)], as client: WebClient? = nil) async throws -> [String] {
                Self.references(try await (client ?? web).get(SiteURL.withQuery(SiteURL.cases, fields)))
            }
            let today = Display.calendar.day(of: t.clock.now)
            #expect(try await listed([("route", "independent")]).isEmpty, "whether the respondent is an official is not the complainant's to learn")
            #expect(try await listed([("route", "standard")], as: worker) == ["DK-2026-00001"])
            #expect(try await listed([("route", "independent")], as: worker).isEmpty)
            #expect(Set(try await listed([("from", today.description), ("to", today.description)])) == ["DK-2026-00002", "DK-2026-00001"])
            #expect(try await listed([("to", today.adding(days: -1).description)]).isEmpty)
            #expect(try await listed([("overdue", "1")], as: worker).isEmpty)
            t.advance(workingDays: 80)
            try await web.signIn(complainant.person.email!, Self.password)  // the sessions ran out meanwhile
            try await worker.signIn(caseworker.person.email!, Self.password)
            #expect(try await listed([("overdue", "1")]).isEmpty, "a party is not told the case is past its stage maximum")
            #expect(try await listed([("overdue", "1")], as: worker) == ["DK-2026-00001"])
            let kept = try await worker.get(SiteURL.withQuery(SiteURL.cases, [("route", "independent"), ("overdue", "1")]))
            #expect(kept.body.contains("<option value=\"independent\" selected>") && kept.body.contains("name=\"overdue\" value=\"1\" checked"))
        }
    }
}

@Suite("Governance queues in full")
struct GovernanceQueueTests {
    static let password = "long enough password"

    @Test func a_queue_pages_by_fifty_in_its_own_order_with_filters_in_the_address() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let member = try await t.user("Alice Complainant", [.member], number: "A0000001")
            _ = try await t.user("Bob Respondent", [.member], number: "A0000002")
            for i in 0..<60 {
                t.clock.set(t.clock.now.addingTimeInterval(60))
                let r = try await t.call(
                    .POST, "/api/v1/cases", as: member,
                    json: [
                        "respondent_membership_number": "A0000002", "relation": "directly_affected", "category": i % 3 == 0 ? "misogyny" : "bullying",
                        "summary": "Case \(i).",
                    ])
                #expect(r.status == .created || r.status == .ok, "\(r.status) \(r.text)")
            }
            let governance = try await t.account("Gov Ernance", [.governance])
            let web = WebClient(t)
            try await web.signIn(governance.person.email!, Self.password)
            func refs(_ page: WebClient.Page) -> [String] {
                page.body.components(separatedBy: "<td data-label=\"Case\"><a href=\"").dropFirst().compactMap { part in
                    part.range(of: #"DK-\d{4}-\d{5}"#, options: .regularExpression).map { String(part[$0]) }
                }
            }
            let summary = try await web.get(SiteURL.governance)
            #expect(summary.body.contains("href=\"/governance/queues/awaiting-caseworker\">All 60, with search and filters →"))
            let first = try await web.get(SiteURL.governanceQueue("awaiting-caseworker"))
            #expect(first.status == .ok && first.body.contains("<span class=\"tag\">60</span>"))
            let page1 = refs(first)
            #expect(page1.count == 50 && page1.first == "DK-2026-00001", "oldest first")
            let next = try #require(first.body.range(of: #"href="/governance/queues/awaiting-caseworker\?after=[^"]+""#, options: .regularExpression))
            let page2 = refs(try await web.get(String(first.body[next].dropFirst(6).dropLast()).replacingOccurrences(of: "&amp;", with: "&")))
            #expect(page2.count == 10 && Set(page1).isDisjoint(with: page2))
            // Filters live in the address and combine with the search.
            let kind = try await web.get(SiteURL.withQuery(SiteURL.governanceQueue("awaiting-caseworker"), [("kind", "misogyny")]))
            #expect(refs(kind).count == 20 && kind.body.contains("<option value=\"misogyny\" selected>"))
            let one = try await web.get(SiteURL.withQuery(SiteURL.governanceQueue("awaiting-caseworker"), [("q", "DK-2026-00042")]))
            #expect(refs(one) == ["DK-2026-00042"])
            // Only governance has the queues; an unknown queue is a 404.
            #expect(try await web.get(SiteURL.governanceQueue("everything")).status == .notFound)
            let other = WebClient(t)
            let them = try await t.account("Mem Ber", [.member])
            try await other.signIn(them.person.email!, Self.password)
            #expect(try await other.get(SiteURL.governanceQueue("overdue")).status == .notFound)
        }
    }
}
