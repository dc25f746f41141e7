import Foundation
import Testing

@testable import DocketCore

/// The in-memory oversight projection must equal a fresh computation whatever order concurrent
/// filings commit in. Before this was so, a case that committed after a later-received one was
/// inserted without moving the columns, and the next report trapped ("Index out of range").
@Suite("Oversight snapshot: any order of commits gives the fresh answer")
struct OversightSnapshotTests {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
    static let categories = ["bullying", "antisemitism", "misogyny", "islamophobia"]

    /// A random case: receipts fall on a coarse grid so that ties happen often.
    func newCase(_ n: Int, _ rng: inout SplitMix64, people: [PersonID]) -> OversightCase {
        let received = Self.t0.addingTimeInterval(Double(Int.random(in: 0..<40, using: &rng)) * 3_600)
        return OversightCase(
            id: UUID(), reference: "DK-\(n)", category: Self.categories.randomElement(using: &rng)!,
            stage: .received, route: .standard, caseworker: nil, panel: [],
            complainant: "c\(Int.random(in: 0..<8, using: &rng))",
            relation: ComplainantRelation.allCases.randomElement(using: &rng)!, receivedAt: received,
            triagedAt: nil, dismissedAtTriage: false, noticeAt: nil, decidedAt: nil, appealDecidedAt: nil,
            appealOutcome: nil, allegations: 0, upheld: 0, sanction: nil, suspension: nil, hearingHeld: false,
            lastActivity: received)
    }

    /// A later step on the case: triage, a decision, a panel, a dismissal.
    func step(_ c: OversightCase, _ rng: inout SplitMix64, people: [PersonID]) -> OversightCase {
        var c = c
        let later = c.receivedAt.addingTimeInterval(Double(Int.random(in: 1...90, using: &rng)) * 86_400)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: c.caseworker = people.randomElement(using: &rng); c.triagedAt = later; c.stage = .investigation
        case 1: c.triagedAt = c.triagedAt ?? later; c.dismissedAtTriage = true; c.stage = .dismissed
        case 2: c.panel = Array(people.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng))); c.stage = .hearing
        default:
            c.decidedAt = later; c.allegations = Int.random(in: 1...4, using: &rng)
            c.upheld = Int.random(in: 0...c.allegations, using: &rng); c.stage = .decided
        }
        c.lastActivity = later
        return c
    }

    struct Answers: Equatable {
        var timeliness: [[Oversight.Timeliness]] = []
        var outcomes: [[Oversight.Rate]] = []
        var complainants: [Oversight.Complainants] = []
    }

    /// Everything a page reads from a snapshot, over a few ranges.
    func answers(_ s: OversightSnapshot, names: [PersonID: String]) -> Answers {
        var out = Answers()
        let n = s.count
        for range in [0..<n, 0..<(n / 2), (n / 3)..<n] {
            for g in Oversight.Grouping.allCases {
                let f = s.columns.figures(range, by: g, names: names)
                out.timeliness.append(f.timeliness)
                out.outcomes.append(f.outcomes)
            }
            out.complainants.append(s.columns.complainants(range))
        }
        return out
    }

    func expectSame(_ merged: OversightSnapshot, _ rows: [PersonID: OversightCase], names: [PersonID: String], _ note: String) {
        let fresh = OversightSnapshot(Array(rows.values).shuffled())
        #expect(merged.cases == fresh.cases, "cases differ \(note)")
        #expect(merged.columns.count == merged.cases.count, "columns and cases out of step \(note)")
        #expect(answers(merged, names: names) == answers(fresh, names: names), "figures differ \(note)")
    }

    @Test func random_interleavings_of_filings_and_updates_match_a_fresh_computation() {
        let people = (0..<6).map { _ in UUID() }
        let names = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, "Person \($0)") })
        for seed in 1...300 as ClosedRange<UInt64> {
            var rng = SplitMix64(seed: seed)
            var merged = OversightSnapshot()
            var latest: [CaseID: OversightCase] = [:]  // what the database holds
            var pending: [OversightCase] = []  // rows committed since the last refresh, in commit order
            var filed = 0
            for _ in 0..<Int.random(in: 5...80, using: &rng) {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0..<5:
                    filed += 1
                    let c = newCase(filed, &rng, people: people)
                    latest[c.id] = c; pending.append(c)
                case 5..<8 where !latest.isEmpty:
                    let c = step(latest.values.randomElement(using: &rng)!, &rng, people: people)
                    latest[c.id] = c; pending.append(c)
                default:
                    // A refresh reads each changed row once, as it stands now.
                    var seen = Set<CaseID>()
                    let batch = pending.reversed().filter { seen.insert($0.id).inserted }.map { latest[$0.id]! }.shuffled(using: &rng)
                    merged.merge(batch)
                    pending = []
                    expectSame(merged, latest, names: names, "(seed \(seed), after a refresh)")
                }
            }
            merged.merge(pending)
            expectSame(merged, latest, names: names, "(seed \(seed), at the end)")
        }
    }

    @Test func a_case_committed_after_a_later_received_one_takes_its_place_in_order() {
        var rng = SplitMix64(seed: 7)
        let first = newCase(1, &rng, people: [])
        var second = newCase(2, &rng, people: [])
        var early = newCase(3, &rng, people: [])
        second.receivedAt = first.receivedAt.addingTimeInterval(60)
        early.receivedAt = first.receivedAt.addingTimeInterval(30)  // received before `second`, committed after it
        var s = OversightSnapshot([first, second])
        s.merge([early])
        #expect(s.cases.map(\.reference) == ["DK-1", "DK-3", "DK-2"])
        // A later change to the case that was moved along lands on that case, not its neighbour.
        var decided = second
        decided.decidedAt = second.receivedAt.addingTimeInterval(86_400); decided.allegations = 2; decided.upheld = 2
        s.merge([decided])
        #expect(s.cases[2] == decided)
        #expect(s.cases[1] == early)
        #expect(s.columns.figures(0..<3, by: .category, names: [:]).outcomes.map(\.successes).reduce(0, +) == 2)
    }
}
