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
                _ = try await t.call(.POST, "/api/v1/cases", as: members[0], json: [
                    "respondent_membership_number": "A2", "relation": i == 0 ? "third_party" : "directly_affected",
                    "category": "bullying", "summary": "S\(i)"])
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

@Suite("Idle cases on the oversight page")
struct IdleCasePageTests {
    @Test func an_idle_case_links_to_its_file_for_governance_but_not_for_auditors() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            let r = try await t.call(.POST, "/api/v1/cases", as: a, json: ["respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S"])
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
