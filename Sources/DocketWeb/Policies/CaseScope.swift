import DocketCore
import DocketStore
import Fluent
import Vapor

/// Loads a case once and decides how the signed-in person may see it. Outside your scope the
/// answer is 404, exactly as for a case that does not exist, so nobody can probe for cases.
struct CaseScope {
    var file: CaseFile
    var access: Set<CaseAccess>
    /// Nil for a complainant who follows the case by receipt code.
    var person: Person?
    var actor: Actor
    var store: CaseStore
    /// The events the file was made from, for its timeline.
    var events: [RecordedEvent]

    var isHandler: Bool { access.contains { !$0.isParty } }

    static func load(_ req: Request) async throws -> CaseScope {
        let person = try req.auth.require(Person.self)
        let actor = person.actor
        guard let id = req.parameters.get("caseID", as: UUID.self) else { throw DueProcessError.notFound }
        let store = try await req.docket.store(on: req.db)
        guard let (file, events) = try await store.loadWithEvents(id, on: req.db) else { throw DueProcessError.notFound }
        let access = file.access(for: actor)
        guard !access.isEmpty else { throw DueProcessError.notFound }
        return CaseScope(file: file, access: access, person: person, actor: actor, store: store, events: events)
    }

    /// The complainant without an account, by the receipt code they showed (kept, for a little
    /// while, in a cookie of its own). Nil when there is no code or it matches nothing.
    static func receipt(_ req: Request) async throws -> CaseScope? {
        guard let code = req.cookies[req.docket.sessionRules.name(IntakeController.followCookie)]?.string, !code.isEmpty else { return nil }
        let hash = TokenHash.of(IntakeController.normalise(code))
        guard let receipt = try await Receipt.query(on: req.db).filter(\Receipt.$codeHash == hash).first()
        else { return nil }
        let store = try await req.docket.store(on: req.db)
        guard let (file, events) = try await store.loadWithEvents(receipt.caseId, on: req.db) else { return nil }
        let actor = Actor(id: IntakeController.publicIntake, roles: [], receiptFor: file.id)
        let access = file.access(for: actor)
        guard !access.isEmpty else { return nil }
        return CaseScope(file: file, access: access, person: nil, actor: actor, store: store, events: events)
    }

    /// Records that this person opened the case file, and how. A receipt-code reader has no id.
    func recordRead(_ req: Request, _ purpose: String) async throws {
        try await req.docket.accessLog.record(
            .init(caseId: file.id, actorId: person == nil ? nil : actor.id, purpose: purpose, at: req.docket.clock()), on: req.application.db)
    }

    /// Runs one step of the procedure as this person.
    func run(_ command: CaseCommand, _ req: Request, alongside: CaseStore.Hook? = nil) async throws -> CaseFile {
        try await store.execute(command, on: file.id, by: actor, at: req.docket.clock(), on: req.db, alongside: alongside)
    }
}
