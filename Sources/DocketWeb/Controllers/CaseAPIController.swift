import Crypto
import DocketCore
import DocketStore
import Fluent
import Vapor

/// `/api/v1/cases`: file a complaint, list and read the cases in your scope, and take each step
/// of the procedure. A case outside your scope answers 404 whether or not it exists.
struct CaseAPIController: RouteCollection {
    struct NewComplaint: Content {
        var respondentId: UUID?
        var respondentMembershipNumber: String?
        /// Who the complaint is about, in the complainant's words, when they know no number.
        var respondentName: String?
        var relation: ComplainantRelation
        var category: String
        var summary: String
        var conductDate: Day?
        var protectedDisclosure: Bool?
        var identityProtected: Bool?
    }

    struct CaseListItem: Content {
        var id: UUID
        var reference: String
        var stage: String
        var category: String
        var stageDueAt: Date?
    }

    struct TimelineEntry: Content {
        var seq: Int64
        var kind: String
        var at: Date
        var actorId: UUID?
        var payload: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("cases")
        cases.post(use: file)
        cases.get(use: list)
        cases.get(":caseID", use: show)
        cases.get(":caseID", "timeline", use: timeline)
        cases.on(.POST, ":caseID", ":action", body: .collect(maxSize: "4mb"), use: command)
    }

    func file(req: Request) async throws -> Response {
        let (person, actor) = try req.actor()
        let body = try req.content.decode(NewComplaint.self)
        // As on the form: the words are matched silently, and an answer never says whether
        // anyone is a member. What matches nobody exactly goes to the independent reviewers.
        let words = [body.respondentMembershipNumber, body.respondentName].compactMap { $0 }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        var respondent: Person?
        if let id = body.respondentId { respondent = try await Person.find(id, on: req.db) }
        if respondent == nil, let number = body.respondentMembershipNumber { respondent = try await Person.matchRespondent(number, on: req.db) }
        if respondent == nil, let name = body.respondentName { respondent = try await Person.matchRespondent(name, on: req.db) }
        let named = words.isEmpty ? body.respondentId?.uuidString : words
        let respondentId = respondent?.id, official = respondent?.isOfficial ?? false
        let store = try await req.docket.store(on: req.db)
        let name = person.displayName
        let file = try await store.file(by: actor, at: req.docket.clock(), on: req.db) { id, reference in
            Complaint(
                caseId: id, reference: reference, complainantId: actor.id, complainantName: name, relation: body.relation,
                respondentId: respondentId, respondentIsOfficial: official, category: body.category,
                summary: body.summary, conductDate: body.conductDate, respondentNamed: named
            ).protected(disclosure: body.protectedDisclosure ?? false, identity: body.identityProtected ?? false)
        }
        let view = CaseView(file, procedure: store.procedure, now: req.docket.clock(), actor: actor)
        return try await view.encodeResponse(status: .created, for: req)
    }

    func list(req: Request) async throws -> [CaseListItem] {
        let (_, actor) = try req.actor()
        return try await CaseSummary.visible(to: actor, on: req.db).map {
            CaseListItem(
                id: $0.id!, reference: $0.reference, stage: $0.stage, category: $0.category,
                stageDueAt: $0.stageDueAt.map(Instant.date(millis:)))
        }
    }

    private func scoped(_ req: Request) async throws -> (CaseFile, Set<CaseAccess>, Actor, CaseStore) {
        let scope = try await CaseScope.load(req)
        return (scope.file, scope.access, scope.actor, scope.store)
    }

    func show(req: Request) async throws -> CaseView {
        let (file, _, actor, store) = try await scoped(req)
        let now = req.docket.clock()
        try await req.docket.accessLog.record(.init(caseId: file.id, actorId: actor.id, purpose: "api: case file", at: now), on: req.application.db)
        return CaseView(file, procedure: store.procedure, now: now, actor: actor)
    }

    /// Handlers see every event with its payload; parties see the steps, not the internals.
    func timeline(req: Request) async throws -> [TimelineEntry] {
        let (file, access, actor, _) = try await scoped(req)
        try await req.docket.accessLog.record(
            .init(caseId: file.id, actorId: actor.id, purpose: "api: timeline", at: req.docket.clock()), on: req.application.db)
        let kinds = file.disclosure(to: access).recordKinds
        let knows = file.knowsComplainant(access: access, viewer: actor.id)
        let keys = kinds == nil ? try await SubjectKey.ring(for: [file.id], on: req.db) : [:]
        return try await EventRecord.query(on: req.db).filter(\.$caseId == file.id).sort(\.$id).all().compactMap { e in
            guard let kinds else {
                // The words as written, opened with the case's keys ("[erased]" once they are gone).
                // A protected complainant's words and name stay with the custodian: the team sees the step.
                if !knows, e.actorId != nil, e.actorId == file.complainantId || e.kind == CaseEvent.complaintFiledKind {
                    return TimelineEntry(seq: e.id!, kind: e.kind, at: Instant.date(millis: e.occurredAt), actorId: nil, payload: nil)
                }
                var payload = Sealing.isSealed(e.payload) ? Sealing.unseal(e.payload, keys: keys) : e.payload
                // Draws list who was left out and why, a hearing who attended, an erasure the
                // figures' key: none of them names a protected complainant to the team.
                if !knows,
                    e.kind == CaseEvent.contentErasedKind
                        || file.complainantId.map({ payload.localizedCaseInsensitiveContains($0.uuidString) }) == true
                {
                    payload = "{}"
                }
                return TimelineEntry(seq: e.id!, kind: e.kind, at: Instant.date(millis: e.occurredAt), actorId: e.actorId, payload: payload)
            }
            guard kinds.contains(e.kind) else { return nil }
            return TimelineEntry(seq: e.id!, kind: e.kind, at: Instant.date(millis: e.occurredAt), actorId: nil, payload: nil)
        }
    }

    func command(req: Request) async throws -> CaseView {
        let (file, _, actor, store) = try await scoped(req)
        let action = req.parameters.get("action") ?? ""
        guard CommandBody.actions.contains(action) else {
            throw DueProcessError.invalid("unknown_action", "There is no step called '\(action)'. Steps: \(CommandBody.actions.joined(separator: ", ")).")
        }
        let command = try await CommandBody.command(action, for: file, req)
        let now = req.docket.clock()
        let after = try await store.execute(command, on: file.id, by: actor, at: now, on: req.db)
        return CaseView(after, procedure: store.procedure, now: now, actor: actor)
    }
}
