import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// The oversight projection is only a faster way to read the log: it must always say exactly what
/// replaying the log says, and it must be rebuildable from the log alone.
@Suite("The oversight projection")
struct OversightProjectionTests {
    /// What oversight would see by replaying every case from the event log.
    func replayed(_ t: TestApp) async throws -> [UUID: OversightCase] {
        let store = try await t.app.docket.store(on: t.app.db)
        var out: [UUID: OversightCase] = [:]
        for id in try await CaseSummary.query(on: t.app.db).all(\.$id) {
            out[id] = OversightCase(try #require(try await store.load(id, on: t.app.db)))
        }
        return out
    }

    func projected(_ t: TestApp) async throws -> [UUID: OversightCase] {
        Dictionary(uniqueKeysWithValues: try await t.app.docket.oversightCases(on: t.app.db).map { ($0.id, $0) })
    }

    @Test func equals_a_replay_of_the_log_after_a_simulated_year_and_after_a_rebuild() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let org = try await t.simulate(cases: 60, seed: 11)
            var truth = try await replayed(t)
            #expect(truth.count == 60)
            // The history reaches the moments oversight counts.
            #expect(truth.values.contains { $0.triagedAt != nil && $0.dismissedAtTriage })
            #expect(truth.values.contains { $0.decidedAt != nil && $0.upheld > 0 })
            #expect(truth.values.contains { !$0.panel.isEmpty })
            #expect(try await projected(t) == truth)

            // The copy in memory follows new complaints and new steps on old cases.
            let member = try #require(org.members.first)
            let respondent = try #require(try await Person.find(org.members[1].id, on: t.app.db))
            let filer = try #require(try await Person.find(member.id, on: t.app.db))
            let user = TestApp.User(person: filer, token: try await TokenHash.issue(to: filer.id!, label: "test", on: t.app.db))
            let r = try await t.call(
                .POST, "/api/v1/cases", as: user,
                json: [
                    "respondent_membership_number": respondent.membershipNumber!, "relation": "witness", "category": "bullying", "summary": "New",
                ])
            #expect(r.status == .created)
            let open = try #require(truth.values.first { $0.stage == .received && $0.route == .standard })
            let store = try await t.app.docket.store(on: t.app.db)
            let governance = try #require(org.governance.first)
            _ = try await store.execute(
                .allocateCaseworker(pool: try await Person.candidates(with: .caseworker, on: t.app.db), seed: 1),
                on: open.id, by: governance, at: t.clock.now, on: t.app.db)
            truth = try await replayed(t)
            #expect(truth.count == 61)
            #expect(truth[open.id]?.stage == .triage)
            #expect(try await projected(t) == truth)
            // The columns kept beside the cases give the figures a fresh computation gives, for
            // every case and for a period cut from the middle.
            let (all, columns) = try await t.app.docket.oversightFigures(on: t.app.db)
            let middle = all.startIndex + 10..<all.endIndex - 10
            for g in Oversight.Grouping.allCases {
                #expect(columns.figures(all.indices, by: g, names: [:]) == Oversight.figures(all, by: g))
                #expect(columns.figures(middle, by: g, names: [:]) == Oversight.figures(all[middle], by: g))
            }
            #expect(columns.complainants(middle) == Oversight.complainants(all[middle]))

            // Wiped and rebuilt from the log alone, it is the same again.
            let procedure = try await t.app.docket.procedure(on: t.app.db)
            #expect(try await Projections.rebuild(all: true, procedure: procedure, on: t.app.db) == 61)
            #expect(try await projected(t) == truth)
            // Only a period's cases when a period is asked for.
            let day = procedure.calendar.day(of: truth.values.map(\.receivedAt).min()!)
            let firstDay = Set(try await t.app.docket.oversightCases(on: t.app.db, receivedFrom: day, to: day).map(\.id))
            let expected = Set(truth.values.filter { procedure.calendar.day(of: $0.receivedAt) == day }.map(\.id))
            #expect(!expected.isEmpty)
            #expect(firstDay == expected)
        }
    }

    @Test func a_hand_edited_row_is_reported_not_guessed() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let a = try await t.user("A", [.member], number: "A1")
            _ = try await t.user("B", [.member], number: "A2")
            _ = try await t.call(
                .POST, "/api/v1/cases", as: a, json: ["respondent_membership_number": "A2", "relation": "witness", "category": "bullying", "summary": "S"])
            try await t.sql.raw("UPDATE case_facts SET stage = 'limbo'").run()
            await #expect(throws: DueProcessError.self) { try await t.app.docket.oversightCases(on: t.app.db) }
        }
    }
}
