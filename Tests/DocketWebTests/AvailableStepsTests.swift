import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing

@testable import DocketWeb

/// The steps offered are the steps `decide` accepts: over simulated histories, every step the
/// simulation takes (as a user would, picking what the case needs next) was offered to whoever
/// took it, every step not offered is refused, and each case page shows a form for exactly the
/// steps offered to the person reading it.
@Suite("Steps offered are steps accepted")
struct AvailableStepsTests {
    /// The demo's world, checking each command against what was offered just before it.
    final class CheckingWorld: SimulationWorld, @unchecked Sendable {
        let inner: StoreWorld
        var taken = 0
        var missing: [String] = []
        var notOfferedButAccepted: [String] = []
        let outsider: Actor
        init(_ inner: StoreWorld, outsider: Actor) { self.inner = inner; self.outsider = outsider }
        var procedure: Procedure { inner.procedure }
        func load(_ id: CaseID) async throws -> CaseFile? { try await inner.load(id) }
        func file(by actor: Actor, at: Date, _ complaint: @escaping @Sendable (CaseID, String) -> Complaint) async throws -> CaseFile {
            try await inner.file(by: actor, at: at, complaint)
        }
        func execute(_ command: CaseCommand, on id: CaseID, by actor: Actor, at: Date) async throws {
            if let step = CaseStep(command), let file = try await inner.load(id) {
                let offered = procedure.availableSteps(file, for: actor, at: at)
                if !offered.contains(step) { missing.append("\(step.rawValue) by \(actor.roles) at \(file.stage.rawValue)") }
                // Nobody is offered a step decide would refuse them, and an outsider nothing.
                for other in CaseStep.allCases where !offered.contains(other) {
                    if let input = procedure.validInput(for: other, in: file, by: actor, at: at),
                        (try? procedure.decide(input, on: file, by: actor, at: at)) != nil
                    {
                        notOfferedButAccepted.append(other.rawValue)
                    }
                }
                let strangers = procedure.availableSteps(file, for: outsider, at: at);
                if !strangers.isEmpty { notOfferedButAccepted.append("outsider offered \(strangers.map(\.rawValue)) at \(file.stage.rawValue)") }
                taken += 1
            }
            try await inner.execute(command, on: id, by: actor, at: at)
        }
        func candidates(_ role: Role) async throws -> [Candidate] { try await inner.candidates(role) }
        func finished(_ id: CaseID) async throws { try await inner.finished(id) }
    }

    @Test func every_step_the_simulation_takes_was_offered_and_no_other_is_accepted() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            var rng = SplitMix64(seed: 11)
            let org = try await DemoOrganisation.build(memberCount: 60, rng: &rng, on: t.app.db)
            let store = try await t.app.docket.store(on: t.app.db)
            let world = CheckingWorld(StoreWorld(store: store, db: t.app.db), outsider: Actor(id: UUID(), roles: [.member]))
            var sim = DemoSimulation(org: org, world: world, rng: rng, now: t.clock.now)
            try await sim.run(cases: 40) { _, _ in }
            #expect(world.taken > 200, "only \(world.taken) steps were taken")
            #expect(world.missing.isEmpty, "taken but not offered: \(world.missing.prefix(5))")
            #expect(world.notOfferedButAccepted.isEmpty, "accepted but not offered: \(world.notOfferedButAccepted.prefix(5))")
        }
    }

    /// Each person's case page has a form for exactly the steps offered to them.
    @Test func the_case_page_has_a_form_for_exactly_the_steps_offered() async throws {
        try await TestApp.run { t in
            try await t.installRulebook()
            let org = try await t.simulate(cases: 40, seed: 5)
            let hash = try TestApp.hash("long enough password")
            let store = try await t.app.docket.store(on: t.app.db)
            let procedure = store.procedure
            let people = try await Person.query(on: t.app.db).all()
            for p in people { p.passwordHash = hash; p.email = p.email ?? "p\(p.id!)@example.org"; try await p.save(on: t.app.db) }
            let byId = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
            let summaries = try await CaseSummary.query(on: t.app.db).all()
            var clients: [UUID: WebClient] = [:]
            var compared = 0
            for summary in summaries.prefix(25) {
                let file = try #require(try await store.load(summary.id!, on: t.app.db))
                var readers = [file.complainantId, file.respondentId, file.caseworkerId].compactMap { $0 } + (file.panel?.members ?? [])
                readers += [org.governance.first?.id, org.reviewers.first?.id].compactMap { $0 }
                for id in Set(readers) {
                    guard let person = byId[id] else { continue }
                    let actor = person.actor
                    guard !file.access(for: actor).isEmpty else { continue }
                    let web: WebClient
                    if let c = clients[id] {
                        web = c
                    } else {
                        web = WebClient(t)
                        try await web.signIn(person.email!, "long enough password")
                        clients[id] = web
                    }
                    let page = try await web.get(SiteURL.caseFile(file.id))
                    #expect(page.status == .ok)
                    let prefix = "action=\"/cases/\(file.id.uuidString.lowercased())/"
                    var forms: Set<String> = []
                    var rest = page.body[...]
                    while let r = rest.range(of: prefix) {
                        let name = rest[r.upperBound...].prefix { $0 != "\"" }
                        forms.insert(String(name))
                        rest = rest[r.upperBound...]
                    }
                    let offered = Set(procedure.availableSteps(file, for: actor, at: t.clock.now).map(\.rawValue))
                    #expect(
                        forms == offered,
                        "\(summary.reference) at \(file.stage.rawValue) for \(person.roles): forms \(forms.sorted()), offered \(offered.sorted())")
                    compared += 1
                }
            }
            #expect(compared > 60)
        }
    }
}
