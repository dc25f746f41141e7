import DocketCore
import DocketStore
import Fluent
import Vapor

/// The case pages: my cases, the case file, and every step of the procedure as a form.
struct CaseWebController: RouteCollection {
    struct ListPage: Encodable {
        struct Item: Encodable { var href: String; var reference: String; var stage: String; var part: String; var due: String?; var overdue: Bool }
        var chrome: Chrome
        var items: [Item]
    }

    struct Messages: Encodable {
        struct Item: Encodable { var at: String; var subject: String; var body: String; var href: String }
        var chrome: Chrome
        var items: [Item]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", use: list)
        routes.get("notifications", use: messages)
        routes.get("cases", ":caseID", use: show)
        routes.form("cases", ":caseID", "evidence", maxSize: "12mb", use: addEvidence)
        routes.get("cases", ":caseID", "evidence", ":evidenceID", use: download)
        routes.form("cases", ":caseID", ":action", maxSize: "4mb", use: step)
    }

    /// The cases a person stands in, as party or handler. Committees use their own pages.
    func list(req: Request) async throws -> View {
        let person = try req.auth.require(Person.self)
        let memberships = try await CaseMembership.query(on: req.db).filter(\.$personId == person.id!).all()
        let parts = Dictionary(grouping: memberships, by: \.caseId).mapValues { $0.map(\.relation).joined(separator: ", ") }
        let ids = Array(parts.keys)
        let summaries = ids.isEmpty ? [] : try await CaseSummary.query(on: req.db).filter(\.$id ~~ ids).sort(\.$receivedAt, .descending).all()
        let now = Instant.millis(req.docket.clock())
        // Each person's own next deadline (`Procedure.ownDeadline`, kept on their membership row):
        // a respondent sees when their answer is due, not when the stage ends.
        let own = Dictionary(grouping: memberships.filter { $0.dueAt != nil }, by: \.caseId)
            .compactMapValues { $0.min { $0.dueAt! < $1.dueAt! } }
        let items = summaries.map { c in
            let due = own[c.id!]
            return ListPage.Item(
                href: SiteURL.caseFile(c.id!), reference: c.reference, stage: CaseStage(rawValue: c.stage)?.title ?? c.stage,
                part: Display.kind(parts[c.id!] ?? ""),
                due: due.map { d in
                    let kind = OwnDeadline.Kind(rawValue: d.dueKind ?? "") ?? .stage
                    return "\(kind.label) \(Display.deadline(Instant.date(millis: d.dueAt!)))\(kind != .stage && d.dueAt! <= now ? " (passed)" : "")"
                },
                overdue: due?.dueKind == OwnDeadline.Kind.stage.rawValue && (due?.dueAt ?? .max) <= now)
        }
        return try await req.page("cases", ListPage(chrome: Chrome(req, title: "My cases"), items: items))
    }

    func messages(req: Request) async throws -> View {
        let person = try req.auth.require(Person.self)
        var items = try await Notification.inbox(of: person.id!, on: req.db).map {
            (
                at: $0.createdAt,
                item: Messages.Item(at: Display.time(Instant.date(millis: $0.createdAt)), subject: $0.subject, body: $0.body, href: SiteURL.caseFile($0.caseId))
            )
        }
        items += try await AccountMessage.query(on: req.db).filter(\.$personId == person.id!).all().map {
            (
                at: $0.createdAt,
                item: Messages.Item(at: Display.time(Instant.date(millis: $0.createdAt)), subject: $0.subject, body: $0.body, href: SiteURL.statements)
            )
        }
        return try await req.page("messages", Messages(chrome: Chrome(req, title: "Messages"), items: items.sorted { $0.at > $1.at }.map(\.item)))
    }

    func show(req: Request) async throws -> View {
        let scope = try await CaseScope.load(req)
        try await scope.recordRead(req, "web: case file")
        let events = try await EventRecord.forCase(scope.file.id, on: req.db)
        let names = try await PartiesController.names(for: scope.file, events: events, on: req.db)
        let page = CasePage(scope, names: names, timeline: events, chrome: Chrome(req, title: scope.file.reference), now: req.docket.clock())
        return try await req.page("case", page)
    }

    /// Every step posts here with the same names as the API; a refusal comes back as the message.
    func step(req: Request) async throws -> Response {
        let scope = try await CaseScope.load(req)
        let action = req.parameters.get("action") ?? ""
        let back = SiteURL.caseFile(scope.file.id)
        guard CommandBody.actions.contains(action) else { throw Abort(.notFound) }
        do {
            let command: CaseCommand
            switch action {
            case "representative":
                struct Body: Content { var email: String }
                guard let rep = try await Person.byEmail(try req.content.decode(Body.self).email, on: req.db) else {
                    return req.back(to: back, "error", "Nobody with that e-mail address has an account; ask them to contact the organisation first.")
                }
                command = .nameRepresentative(rep.id!)
            default:
                command = try await CommandBody.command(action, for: scope.file, req)
            }
            // A notice is served only once the caseworker has seen exactly what the respondent will
            // receive and confirmed it: until then the form shows the preview, and nothing is written.
            if CaseStep(command) == .serveNotice, (try? req.content.get(String.self, at: "confirmed")) != "true" {
                return try await noticePreview(req, scope, command).encodeResponse(for: req)
            }
            _ = try await scope.run(command, req)
            return req.back(to: back, "ok", "Done: \(Display.kind(command.name)).")
        } catch let e as DueProcessError where e.kind != .notFound {
            return req.back(to: back, "error", e.message)
        } catch is DecodingError {
            return req.back(to: back, "error", "Some of the form was missing or not in the right form; please fill in every field.")
        }
    }

    struct NoticePreview: Encodable {
        struct Allegation: Encodable { var number: Int; var clause: String; var date: String; var basis: String }
        var chrome: Chrome; var reference: String; var back: String; var confirm: String
        var messages: [Messages.Item]; var respondBy: String; var disclosed: [String]; var allegations: [Allegation]
        var window: Int; var evidenceIds: [String]
    }

    /// The notice as the respondent will receive it, from the core's dry run of the step.
    func noticePreview(_ req: Request, _ scope: CaseScope, _ command: CaseCommand) async throws -> View {
        let p = scope.store.procedure
        let (served, notices) = try p.preview(command, on: scope.file, by: scope.actor, at: req.docket.clock())
        guard let notice = served.notice, case .serveNotice(let window, _) = command else { throw Abort(.internalServerError) }
        let respondent = notices.filter { $0.audience == .respondent }
        return try await req.page(
            "notice-preview",
            NoticePreview(
                chrome: Chrome(req, title: "Check the notice", forms: true), reference: served.reference, back: SiteURL.caseFile(served.id),
                confirm: SiteURL.caseStep(served.id, CaseStep.serveNotice.rawValue),
                messages: respondent.map { .init(at: "", subject: $0.subject, body: $0.body, href: SiteURL.caseFile(served.id)) },
                respondBy: Display.deadline(notice.responseDeadline), disclosed: notice.disclosedEvidence,
                allegations: served.allegations.map { a in
                    let title = p.rulebook.versions.first { $0.version == a.rulebookVersion }?.clause(a.clauseId)?.title ?? ""
                    return .init(number: a.number, clause: "\(a.clauseId) \(title)", date: Display.date(p.calendar.start(of: a.conductDate)), basis: a.basis)
                },
                window: window, evidenceIds: (notice.disclosedEvidenceIds ?? []).map { $0.uuidString.lowercased() }))
    }

    func addEvidence(req: Request) async throws -> Response {
        struct Body: Content { var evidence: File? }
        let scope = try await CaseScope.load(req)
        let back = SiteURL.caseFile(scope.file.id)
        do {
            guard let upload = try EvidenceUpload.item(from: try req.content.decode(Body.self).evidence) else {
                return req.back(to: back, "error", "Choose a file to add.")
            }
            _ = try await scope.run(.addEvidence(upload.0), req, alongside: EvidenceUpload.store([upload], at: req.docket.clock()))
            return req.back(to: back, "ok", "\(upload.0.filename) was added; its SHA-256 is on the record.")
        } catch let e as DueProcessError where e.kind != .notFound {
            return req.back(to: back, "error", e.message)
        }
    }

    func download(req: Request) async throws -> Response {
        let scope = try await CaseScope.load(req)
        guard let eid = req.parameters.get("evidenceID", as: UUID.self),
            scope.file.mayOpen(eid, access: scope.access),
            let stored = try await EvidenceFile.find(eid, on: req.db)
        else { throw Abort(.notFound) }
        // The purpose names the file by id: auditors read the access log, and a file name can say who.
        try await scope.recordRead(req, "web: evidence \(eid.uuidString.lowercased())")
        let res = Response(status: .ok, body: .init(data: stored.data))
        res.headers.contentType = HTTPMediaType.fileExtension(stored.filename.split(separator: ".").last.map(String.init) ?? "") ?? .binary
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(stored.filename.replacingOccurrences(of: "\"", with: ""))\"")
        return res
    }
}
