import DocketCore
import DocketStore
import Foundation
import Testing

@testable import DocketWeb

@Suite("The public transparency report")
struct ReportTests {
    @Test func the_quarter_is_published_with_a_cell_of_three_suppressed() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let respondent = try await t.user("R", [.member], number: "A0")
            _ = respondent
            // 12 bullying complaints, 3 about antisemitism and 7 about misogyny, in Q1 2026.
            var n = 0
            for (category, count) in [("bullying", 12), ("antisemitism", 3), ("misogyny", 7)] {
                for _ in 0..<count {
                    n += 1
                    let m = try await t.user("M\(n)", [.member])
                    _ = try await t.call(
                        .POST, "/api/v1/cases", as: m,
                        json: [
                            "respondent_membership_number": "A0", "relation": "witness",
                            "category": category, "summary": "S",
                        ])
                }
            }
            let page = try await WebClient(t).get("/reports/2026-Q1")
            #expect(page.status == .ok)
            #expect(page.body.contains("<th scope=\"row\">Complaints received</th><td>22</td>"))
            #expect(page.body.contains("<th scope=\"row\">antisemitism</th><td>fewer than 5</td>"))
            #expect(page.body.contains("<th scope=\"row\">misogyny</th><td>not shown</td>"))
            #expect(page.body.contains("<th scope=\"row\">bullying</th><td>12</td>"))
            let json = try await t.call(.GET, "/reports/2026-Q1.json")
            #expect(json["events_through_seq"] == nil)  // the JSON keeps the model's own names
            #expect((json["eventsThroughSeq"] as? Int) == 22)
            let csv = try await WebClient(t).get("/reports/2026-Q1.csv")
            #expect(csv.body.contains("\"Received, by kind of complaint\",antisemitism,fewer than 5"))
            #expect(try await WebClient(t).get("/reports/2026-Q9").status == .notFound)
        }
    }
}
