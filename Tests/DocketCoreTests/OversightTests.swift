import Foundation
import Testing

@testable import DocketCore

@Suite("Oversight figures with known answers")
struct OversightTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
    func day(_ n: Double) -> Date { Self.t0.addingTimeInterval(n * 86_400) }

    @Test func a_category_whose_cases_wait_twice_as_long_shows_it() {
        var cases: [OversightCase] = []
        for i in 0..<20 {
            cases.append(.init(reference: "B\(i)", category: "bullying", caseworker: nil, complainant: "c\(i)", receivedAt: day(0), triagedAt: day(10)))
            cases.append(.init(reference: "A\(i)", category: "antisemitism", caseworker: nil, complainant: "d\(i)", receivedAt: day(0), triagedAt: day(20)))
        }
        let t = Oversight.timeliness(cases, by: .category).filter { $0.measure == "to triage" }
        #expect(t.first { $0.group == "antisemitism" }?.median == 20)
        #expect(t.first { $0.group == "bullying" }?.median == 10)
        #expect(t.first { $0.group == "antisemitism" }?.count == 20)
    }

    @Test func a_caseworker_who_upholds_everything_is_flagged_and_the_rest_are_not() {
        let extreme = UUID(), ordinary = (0..<4).map { _ in UUID() }
        var cases: [OversightCase] = []
        for i in 0..<15 {
            cases.append(
                .init(
                    reference: "X\(i)", category: "bullying", caseworker: extreme, complainant: "x\(i)", receivedAt: day(0),
                    triagedAt: day(1), decidedAt: day(30), allegations: 2, upheld: 2))
        }
        for (k, worker) in ordinary.enumerated() {
            for i in 0..<15 {
                cases.append(
                    .init(
                        reference: "O\(k)-\(i)", category: "bullying", caseworker: worker, complainant: "o\(k)\(i)", receivedAt: day(0),
                        triagedAt: day(1), decidedAt: day(30), allegations: 2, upheld: i % 2))
            }
        }
        let names = [extreme: "Caseworker X"]
        let upheld = Oversight.outcomes(cases, by: .caseworker, names: names).filter { $0.measure == "allegations upheld" }
        let x = try! #require(upheld.first { $0.group == "Caseworker X" })
        #expect(x.share == 1.0)
        #expect(x.outlier)
        #expect(x.z > 3)
        #expect(x.low > 0.85 && x.high == 1.0)
        #expect(upheld.filter(\.outlier).count == 1)
    }

    @Test func a_small_group_is_never_flagged_however_extreme() {
        var cases: [OversightCase] = []
        let lone = UUID()
        for i in 0..<5 {
            cases.append(
                .init(
                    reference: "L\(i)", category: "c", caseworker: lone, complainant: "l\(i)", receivedAt: day(0), triagedAt: day(1), decidedAt: day(2),
                    allegations: 1, upheld: 1))
        }
        for i in 0..<60 {
            cases.append(
                .init(
                    reference: "R\(i)", category: "c", caseworker: UUID(), complainant: "r\(i)", receivedAt: day(0), triagedAt: day(1), decidedAt: day(2),
                    allegations: 1, upheld: 0))
        }
        #expect(Oversight.outcomes(cases, by: .caseworker).allSatisfy { !$0.outlier })
    }

    @Test func a_complainant_behind_a_third_of_all_complaints_shows_in_the_concentration() {
        var cases: [OversightCase] = []
        for i in 0..<30 {
            let serial = i % 3 == 0
            cases.append(
                .init(
                    reference: "C\(i)", category: "c", caseworker: nil, complainant: serial ? "serial" : "person\(i)",
                    relation: serial ? .thirdParty : .directlyAffected, receivedAt: day(0)))
        }
        let c = Oversight.complainants(cases)
        #expect(c.complaints == 30)
        #expect(abs(c.top1 - 1.0 / 3.0) < 1e-9)
        #expect(abs(c.top5 - 14.0 / 30.0) < 1e-9)
        #expect(c.byRelation[.thirdParty] == 10)
        // 1/9 from the serial complainant, plus 20 people at (1/30)² each.
        #expect(abs(c.concentration - (1.0 / 9.0 + 20.0 / 900.0)) < 1e-9)
    }

    /// Selection must give exactly what sorting gives, with ties, odd and even sizes, any q.
    @Test func quantiles_by_selection_equal_quantiles_by_sorting() {
        var rng = SplitMix64(seed: 5)
        for size in [1, 2, 3, 7, 10, 64, 1_001, 5_000] {
            for spread in [3, 1_000_000] {
                let values = (0..<size).map { _ in Double(rng.next() % UInt64(spread)) / 4 }
                let sorted = values.sorted()
                for q in [0.0, 0.1, 0.5, 0.9, 0.99, 1.0] {
                    let rank = max(1, Int((q * Double(size)).rounded(.up)))
                    var copy = values
                    #expect(Statistics.quantile(selecting: &copy, q) == sorted[min(rank, size) - 1], "size \(size), spread \(spread), q \(q)")
                }
            }
        }
    }

    @Test func quantiles_and_intervals_are_the_textbook_ones() {
        #expect(Statistics.quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9)
        #expect(Statistics.quantile([5], 0.5) == 5)
        let w = Statistics.wilson(0, 10)
        #expect(w.low == 0 && abs(w.high - 0.2775) < 0.001)
    }
}

@Suite("Idle cases")
struct IdleTests {
    @Test func an_open_case_with_nothing_done_for_too_long_is_idle_wherever_it_sits() {
        let t0 = Date(timeIntervalSince1970: 1_767_225_600)
        var quiet = OversightCase(reference: "Q", category: "c", caseworker: nil, complainant: "a", receivedAt: t0, triagedAt: t0.addingTimeInterval(86_400))
        quiet.stage = .investigation
        var busy = OversightCase(reference: "B", category: "c", caseworker: nil, complainant: "b", receivedAt: t0)
        busy.stage = .investigation
        busy.lastActivity = t0.addingTimeInterval(40 * 86_400)
        let finished = OversightCase(reference: "F", category: "c", caseworker: nil, complainant: "c", receivedAt: t0, triagedAt: t0, dismissed: true)
        let idle = Oversight.idle([quiet, busy, finished], days: 30, at: t0.addingTimeInterval(45 * 86_400))
        #expect(idle.map(\.reference) == ["Q"])
    }
}
