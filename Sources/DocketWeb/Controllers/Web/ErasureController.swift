import DocketCore
import DocketStore
import Fluent
import Vapor

/// The independent reviewers' list of erasure requests: each pending one with who proposed it,
/// the reasons and the cases it would erase, to approve or refuse with reasons.
struct ErasureController: RouteCollection {
    struct Page: Encodable {
        struct Request: Encodable {
            var person: String; var number: String?; var proposedBy: String; var proposedAt: String; var reasons: String
            var status: String; var decidedBy: String?; var decidedAt: String?; var decisionReasons: String?; var action: String
            var cases: [String]; var pending: Bool
        }
        var chrome: Chrome; var pending: [Request]; var decided: [Request]
    }

    func boot(routes: any RoutesBuilder) throws {
        let reviewers = routes.grouped(RequireRole(role: .reviewer))
        reviewers.get("review", "erasures", use: page)
        reviewers.post("review", "erasures", ":requestID", use: decide)
    }

    func page(req: Request) async throws -> View {
        let store = try await req.docket.store(on: req.db)
        var names: [UUID: Person] = [:]
        func person(_ id: UUID?) async throws -> Person? {
            guard let id else { return nil }
            if names[id] == nil { names[id] = try await Person.find(id, on: req.db) }
            return names[id]
        }
        var pending: [Page.Request] = [], decided: [Page.Request] = []
        for r in try await ErasureRequest.query(on: req.db).sort(\.$proposedAt, .descending).range(..<200).all() {
            let subject = try await person(r.personId)
            var cases: [String] = []
            if r.status == "pending", let subject {
                let all = try await ErasureOnRequest.subject(subject, store: store, on: req.db).cases
                // A case where they are a protected complainant is counted, not named, unless this reviewer holds the identity.
                let reviewer = req.auth.get(Person.self)?.id
                let hidden = all.filter { $0.identityProtected && !$0.identityRevealed && $0.complainantId == subject.id && $0.custodian != reviewer }
                cases = all.filter { c in !hidden.contains { $0.id == c.id } }.map { "\($0.reference) (\($0.stage.title))" }
                if !hidden.isEmpty { cases.append("\(hidden.count) case\(hidden.count == 1 ? "" : "s") whose complainant's identity is protected") }
            }
            let row = Page.Request(
                person: subject?.displayName ?? "Erased person", number: subject?.membershipNumber,
                proposedBy: try await person(r.proposedBy)?.displayName ?? "—", proposedAt: Display.time(Instant.date(millis: r.proposedAt)),
                reasons: r.reasons, status: r.status, decidedBy: try await person(r.decidedBy)?.displayName,
                decidedAt: r.decidedAt.map { Display.time(Instant.date(millis: $0)) }, decisionReasons: r.decisionReasons,
                action: SiteURL.erasure(try r.requireID()), cases: cases, pending: r.status == "pending")
            if row.pending { pending.append(row) } else { decided.append(row) }
        }
        return try await req.page("review-erasures", Page(chrome: Chrome(req, title: "Erasure requests"), pending: pending, decided: decided))
    }

    func decide(req: Request) async throws -> Response {
        struct Form: Content { var decision: String; var reasons: String? }
        guard let id = req.parameters.get("requestID", as: UUID.self), let request = try await ErasureRequest.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let reviewer = try req.auth.require(Person.self)
        let form = try req.content.decode(Form.self)
        guard form.decision == "approve" || form.decision == "refuse" else {
            return req.back(to: SiteURL.erasures, "error", "Choose whether to approve or refuse the erasure.")
        }
        let reasons = (form.reasons ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            let done = try await ErasureOnRequest.decide(
                request, approve: form.decision == "approve", reasons: reasons, by: reviewer, services: req.docket, on: req.db)
            return req.back(
                to: SiteURL.erasures, "ok",
                form.decision == "approve"
                    ? "Erased: \(done.cases) case\(done.cases == 1 ? "" : "s"), and the person's identity. \(done.vacuum ?? "")"
                    : "The erasure is refused; the administrator and the auditors can see why.")
        } catch let refused as ErasureOnRequest.Refused {
            return req.back(to: SiteURL.erasures, "error", refused.message)
        }
    }
}
