import DocketCore
import DocketStore
import Fluent
import Vapor

/// What the parties need to take part: messages with the case team, the hearing in their
/// calendar, and the hearing bundle. The same pages serve a signed-in person and a complainant
/// who follows by receipt code; what each may see is the core's answer for their scope.
struct PartiesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":caseID", "bundle") { req in try await Self.bundle(req, try await CaseScope.load(req), paths: .signedIn) }
        routes.get("cases", ":caseID", "hearing.ics") { req in try await Self.hearingICS(req, try await CaseScope.load(req)) }
        routes.form("cases", ":caseID", "message", maxSize: "12mb") { req in
            let scope = try await CaseScope.load(req)
            return try await Self.message(req, scope, back: SiteURL.caseFile(scope.file.id)) { posted, problems, status in
                try await CaseWebController().again(req, scope, CaseStep.message.rawValue, posted, problems, status: status)
            }
        }
    }

    static func names(for f: CaseFile, events: [RecordedEvent], on db: any Database) async throws -> [UUID: String] {
        var ids = Set(events.compactMap(\.actorId))
        ids.formUnion([f.respondentId, f.caseworkerId, f.representativeId, f.complainantId].compactMap { $0 })
        ids.formUnion((f.panel?.members ?? []) + (f.appealPanel?.members ?? []) + [f.custodian].compactMap { $0 })
        ids.formUnion(f.objections.flatMap { [$0.member] + [$0.replacement].compactMap { $0 } })
        ids.formUnion(f.proposals.flatMap { [$0.by] + $0.votes.map(\.member) })
        guard !ids.isEmpty else { return [:] }
        return try await Person.query(on: db).filter(\.$id ~~ Array(ids)).all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.displayName }
    }

    /// Everything for a hearing, in order, as this person may see it; printable as it stands.
    static func bundle(_ req: Request, _ scope: CaseScope, paths: CasePage.Paths) async throws -> View {
        try await scope.recordRead(req, "web: hearing bundle")
        let events = scope.events
        let names = try await names(for: scope.file, events: events, on: req.db)
        let page = CasePage(
            scope, names: names, timeline: events, chrome: Chrome(req, title: "Hearing bundle, \(scope.file.reference)"), now: req.docket.clock(),
            paths: paths)
        return try await req.page("bundle", page)
    }

    /// The hearing as a calendar entry, for whoever is told of it.
    static func hearingICS(_ req: Request, _ scope: CaseScope) async throws -> Response {
        let entries = scope.store.procedure.calendarEntries(scope.file, for: scope.access).filter { $0.kind == .hearing }
        guard !entries.isEmpty else { throw Abort(.notFound) }
        try await scope.recordRead(req, "web: hearing calendar entry")
        let base = req.docket.config.publicURL
        let body = ICalendar.document(
            entries, name: "Hearing, case \(scope.file.reference)", url: { _ in scope.person == nil ? nil : base + SiteURL.caseFile(scope.file.id) },
            stamp: req.docket.clock())
        let res = Response(status: .ok, body: .init(string: body))
        res.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"hearing-\(scope.file.reference).ics\"")
        return res
    }

    struct MessageForm: Content { var thread: String?; var text: String?; var asks: String?; var answering: String?; var file: File? }

    /// A message in a thread, with a file if one is attached; a party answers a question by
    /// choosing it. The file is kept with the message, and its SHA-256 is on the record.
    /// A refusal comes back through `again`: the page, with the form as it was sent.
    static func message(
        _ req: Request, _ scope: CaseScope, back: String, again: (PostedForm, [FormProblem], HTTPStatus) async throws -> Response
    ) async throws -> Response {
        let posted = PostedForm.read(req)
        do {
            let form = try req.content.decode(MessageForm.self)
            let own = scope.access.filter(\.isParty).sorted().first
            guard let thread = CaseAccess(rawValue: form.thread ?? own?.rawValue ?? "") else {
                throw DueProcessError.invalid("unknown_thread", "Choose whose thread the message is for.").on("thread")
            }
            var uploads: [(EvidenceItem, Data)] = []
            do { if let u = try EvidenceUpload.item(from: form.file) { uploads.append(u) } } catch let e as DueProcessError { throw e.on("file") }
            var answering: Int?
            if let text = form.answering?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                guard let n = Int(text), n > 0 else {
                    throw DueProcessError.invalid("not_a_question", "Choose the question you are answering from the list.").on("answering")
                }
                answering = n
            }
            let command = CaseCommand.postMessage(
                thread: thread, text: form.text ?? "", attachments: uploads.map(\.0), asks: form.asks == "true", answering: answering)
            _ = try await scope.run(command, req, alongside: uploads.isEmpty ? nil : EvidenceUpload.store(uploads, at: req.docket.clock()))
            return req.back(to: back, "ok", answering != nil ? "Your answer was sent to the case team." : "The message was sent.")
        } catch let e as DueProcessError where e.kind != .notFound {
            return try await again(posted, [FormProblem(e)], HTTPStatus(statusCode: e.httpStatus))
        } catch let e as DecodingError {
            return try await again(posted, [FormProblem(e)], .unprocessableEntity)
        }
    }
}
