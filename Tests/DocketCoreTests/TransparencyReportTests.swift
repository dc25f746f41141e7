import Foundation
import Testing

@testable import DocketCore

@Suite("Transparency report")
struct TransparencyReportTests {
    @Test func a_cell_of_three_people_is_suppressed_and_cannot_be_recovered_from_the_total() {
        let cells = TransparencyReport.suppress([("antisemitism", 3), ("bullying", 12), ("misogyny", 7)], total: 22, threshold: 5)
        #expect(cells.map(\.value) == ["fewer than 5", "12", "not shown"])
    }

    @Test func zero_is_shown_and_a_small_total_hides_its_group() {
        #expect(TransparencyReport.suppress([("a", 0), ("b", 9), ("c", 6)], total: 15, threshold: 5).map(\.value) == ["0", "9", "6"])
        #expect(TransparencyReport.suppress([("a", 2), ("b", 1)], total: 3, threshold: 5).map(\.value) == ["fewer than 5", "fewer than 5"])
    }

    @Test func quarters_are_read_as_their_three_months() {
        #expect(TransparencyReport.quarter("2026-Q3").map { "\($0.0)…\($0.1)" } == "2026-07-01…2026-09-30")
        #expect(TransparencyReport.quarter("2026-Q4").map { "\($0.0)…\($0.1)" } == "2026-10-01…2026-12-31")
        #expect(TransparencyReport.quarter("2026-Q5") == nil && TransparencyReport.quarter("Q3") == nil)
    }

    @Test func the_report_counts_the_period_and_suppresses_what_is_small() {
        let cal = WorkingCalendar()
        let inQ3 = cal.start(of: Day("2026-08-03")!), before = cal.start(of: Day("2026-05-04")!)
        var cases: [OversightCase] = []
        for i in 0..<12 { cases.append(.init(reference: "B\(i)", category: "bullying", caseworker: nil, complainant: "b\(i)", receivedAt: inQ3)) }
        for i in 0..<3 {
            cases.append(.init(reference: "A\(i)", category: "antisemitism", caseworker: nil, complainant: "a\(i)", relation: .thirdParty, receivedAt: inQ3))
        }
        for i in 0..<9 { cases.append(.init(reference: "M\(i)", category: "misogyny", caseworker: nil, complainant: "m\(i)", receivedAt: inQ3)) }
        cases.append(.init(reference: "OLD", category: "bullying", caseworker: nil, complainant: "o", receivedAt: before))
        let r = TransparencyReport.build(
            period: "2026-Q3", from: Day("2026-07-01")!, to: Day("2026-09-30")!, cases: cases,
            calendar: cal, eventsThroughSeq: 99, head: "abc")
        let received = r.sections.first { $0.title == "Complaints received" }!
        #expect(received.cells.first?.value == "24")
        let kinds = r.sections.first { $0.title == "Received, by kind of complaint" }!
        #expect(kinds.cells.map(\.value) == ["fewer than 5", "12", "not shown"])
        let source = r.sections.first { $0.title == "Received, by source" }!
        // 24 − 0 − 21 would give the 3 away, so the 21 is withheld too.
        #expect(source.cells.map(\.value) == ["not shown", "0", "fewer than 5"])
        #expect(r.csv.contains("\"Received, by kind of complaint\",antisemitism,fewer than 5"))
        #expect(r.eventsThroughSeq == 99)
    }
}
