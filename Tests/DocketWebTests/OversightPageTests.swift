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
