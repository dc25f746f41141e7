import DocketCore
import DocketStore
import Fluent
import Foundation
import Vapor

/// `docket demo`: a realistic synthetic organisation with cases at every stage, built by replaying
/// commands through the same `decide` the application uses, so the demo obeys every rule.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "cases", help: "How many cases to create (default 220)")
        var cases: Int?
        @Option(name: "members", help: "How many members in the register (default 300)")
        var members: Int?
        @Option(name: "seed", help: "Seed for the generator (default 2026)")
        var seed: Int?
        @Option(name: "password", help: "Give every demo account this password, to sign in as them (none by default)")
        var password: String?
    }

    var help: String { "Fills an empty database with a demo organisation and cases at every stage." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let db = app.db
        guard try await CaseSummary.query(on: db).count() == 0 else {
            throw CommandFailure("this database already has cases; run the demo on an empty one (set DOCKET_DB to a new file)")
        }
        if try await RulebookRecord.query(on: db).count() == 0 {
            try await RulebookFile.store(DemoRulebook.versions, on: db)
        }
        var rng = SplitMix64(seed: UInt64(signature.seed ?? 2026))
        let org = try await DemoOrganisation.build(memberCount: max(50, signature.members ?? 300), rng: &rng, on: db)
        if let password = signature.password {
            guard password.count >= 12 else { throw CommandFailure("--password must be at least 12 characters") }
            // One hash for every demo account: bcrypt is deliberately slow.
            let hash = try Bcrypt.hash(password)
            try await Person.query(on: db).set(\.$passwordHash, to: hash).update()
            context.console.output("Every demo account signs in with the password you gave.".consoleText(.info))
        }
        let procedure = try await app.docket.procedure(on: db)
        var sim = DemoSimulation(org: org, store: CaseStore(procedure: procedure), rng: rng, now: app.docket.clock(), on: db)
        let console = context.console
        let count = max(1, signature.cases ?? 220)
        try await sim.run(cases: count) { done, commands in
            console.output("  \(done)/\(count) cases played, \(commands) commands".consoleText(.info))
        }
        let stages = try await CaseSummary.query(on: db).all().reduce(into: [String: Int]()) { $0[$1.stage, default: 0] += 1 }
        console.output("Demo organisation ready: \(org.members.count) members, \(count) cases, \(sim.commands) commands.".consoleText(.success))
        for stage in CaseStage.allCases { console.output("  \(stage.title): \(stages[stage.rawValue] ?? 0)".consoleText()) }
        console.output(
            "Accounts: member1@members.example … member\(org.members.count)@members.example, caseworker1@staff.example, panel-member1@staff.example, governance1@staff.example, reviewer1@staff.example, auditor1@staff.example, editor1@staff.example"
                .consoleText())
    }
}
