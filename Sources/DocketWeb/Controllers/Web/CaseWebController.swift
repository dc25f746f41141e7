import DocketCore
import DocketStore
import Fluent
import SQLKit
import Vapor

/// The case pages: my cases, the case file, and every step of the procedure as a form.
struct CaseWebController: RouteCollection {
    struct ListPage: Encodable {
        struct Item: Encodable {
            var href: String; var reference: String; var kind: String; var other: String; var stage: String; var part: String
            var due: String?; var overdue: Bool; var next: String
        }
        struct Option: Encodable { var value: String; var label: String; var selected: Bool }
        var chrome: Chrome
        var items: [Item]
        var stages: [Option]
        var kinds: [Option]
        var q: String
        var sorts: [Option]
        var order: String
        var closed: Bool
        var routes: [Option]
        var overdue: Bool
        var from: String
        var to: String
        var more: String?
        var filtered: Bool
        var emptyText: String
        var complain: Bool
    }

    struct Messages: Encodable {
        struct Item: Encodable { var at: String; var subject: String; var body: String; var href: String; var unread: Bool = false }
        var chrome: Chrome
        var items: [Item]
        var account: [Item] = []
        var caseReference = ""
        var unreadOnly = false
        var sorts: [ListPage.Option] = []
        var more: String?
        var filtered = false
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", use: list)
        routes.get("notifications", use: messages)
        routes.get("cases", ":caseID", use: show)
        routes.form("cases", ":caseID", "evidence", maxSize: "12mb", use: addEvidence)
        routes.get("cases", ":caseID", "evidence", ":evidenceID", use: download)
        routes.form("cases", ":caseID", ":action", maxSize: "4mb", use: step)
    }

    /// The cases a person stands in, as party or handler, open ones first: closed ones behind a
    /// filter. Filters live in the URL (`stage`, `kind`, `q` to search references, names, kinds
    /// and stages, `closed=1`) and the
    /// list pages by keyset (`after`), newest first. Each row is the core's answer for that person:
    /// the other party as they may see them, their own deadline, and what happens next.
    static let pageSize = 25
    /// Beyond this many cases, My cases walks cases newest first instead of fetching one's own.
    static let manyCases = 2_000

    struct ListQuery: Content {
        var stage: String?; var kind: String?; var q: String?; var closed: String?; var after: String?
        var route: String?; var overdue: String?; var from: String?; var to: String?; var sort: String?
    }

    /// The orders My cases offers; the first is its natural one.
    static let orders = [
        ListOrder(name: "newest", label: "Newest first", column: "received_at", descending: true),
        ListOrder(name: "oldest", label: "Oldest first", column: "received_at", descending: false),
        ListOrder(name: "activity", label: "Most recent activity first", column: "last_seq", descending: true),
        ListOrder(name: "reference", label: "By reference", column: "reference", descending: false, key: .text),
    ]

    func list(req: Request) async throws -> View {
        let person = try req.auth.require(Person.self)
        let query = (try? req.query.decode(ListQuery.self)) ?? ListQuery()
        let me = person.id!
        // One's cases, in the database: a caseworker may have handled tens of thousands. The
        // route and whether a case is overdue are the case team's to know, so those filters
        // look only at the cases one handles.
        let handlerOnly = query.route.flatMap(CaseRoute.init(rawValue:)) != nil || query.overdue == "1"
        let parties = SQLList(CaseAccess.allCases.filter(\.isParty).map { SQLBind($0.rawValue) })
        let sql = req.db as! any SQLDatabase
        // Someone in a few cases: their cases by id. Someone in thousands: cases newest first,
        // each asked whether it is theirs, until a page is full (an index on when each was
        // received), rather than fetching and sorting all of theirs on every view.
        let many =
            try await sql.raw("SELECT COUNT(*) AS n FROM (SELECT 1 FROM case_members WHERE person_id = \(bind: me) LIMIT \(bind: Self.manyCases + 1)) AS t")
            .first()?.decode(column: "n", as: Int.self) ?? 0 > Self.manyCases
        let relation: SQLQueryString = handlerOnly ? " AND relation NOT IN (\(parties))" : ""
        let mine: SQLQueryString =
            many
            ? "EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = \(ident: CaseSummary.schema).\(ident: "id") AND m.person_id = \(bind: me)\(relation))"
            : "\(ident: CaseSummary.schema).\(ident: "id") IN (SELECT case_id FROM case_members WHERE person_id = \(bind: me)\(relation))"
        let closed = query.closed == "1"
        let terminal = CaseStage.allCases.filter(\.isTerminal).map(\.rawValue)
        let now = req.docket.clock()
        let calendar = req.docket.config.calendar
        let from = query.from.flatMap(Day.init), to = query.to.flatMap(Day.init)
        let order = ListOrder.chosen(query.sort, from: Self.orders)
        func fetch(after: String?, limit: Int) async throws -> [CaseSummary] {
            let q = CaseSummary.query(on: req.db).filter(.sql(embed: mine))
            if closed { q.filter(\.$stage ~~ terminal) } else { q.filter(\.$stage !~ terminal) }
            if let stage = query.stage.flatMap(CaseStage.init(rawValue:)) { q.filter(\.$stage == stage.rawValue) }
            if let kind = query.kind, !kind.isEmpty { q.filter(\.$category == String(kind.prefix(100))) }
            if let route = query.route.flatMap(CaseRoute.init(rawValue:)) { q.filter(\.$route == route.rawValue) }
            if query.overdue == "1" { CaseSummary.onlyOverdue(q, at: now) }
            // Received between two days, inclusive, as the calendar counts days.
            if let from { q.filter(\.$receivedAt >= Instant.millis(calendar.start(of: from))) }
            if let to { q.filter(\.$receivedAt < Instant.millis(calendar.start(of: to.adding(days: 1)))) }
            // Search: the index says which cases may match (reference, names, kind, stage);
            // each row is then checked against what this person may see of it, below.
            if let text = query.q, let matching = CaseSearch.filter(text, column: "\(ident: CaseSummary.schema).\(ident: "id")", on: req.db) {
                q.filter(.sql(embed: matching))
            }
            // Keyset paging in the chosen order (newest first unless asked), then by id.
            order.apply(q, table: CaseSummary.schema, after: after)
            return try await q.limit(limit).all()
        }
        var position = query.after
        let store = try await req.docket.store(on: req.db)
        let p = store.procedure
        let actor = person.actor
        let terms = CaseSearch.terms(query.q ?? "")
        // Rows until the page is full: without a search, the first 25; with one, only rows on
        // which the viewer can see a searched word count, so a name hidden from them finds
        // nothing, and the page's length and its next link say nothing of it either.
        let batch = terms.isEmpty ? Self.pageSize + 1 : 100
        var items: [ListPage.Item] = []
        var more: String?
        var lastShown: String?
        var rounds = 0
        filling: while rounds < 20 {
            rounds += 1
            let rows = try await fetch(after: position, limit: batch)
            let memberships =
                rows.isEmpty ? [] : try await CaseMembership.query(on: req.db).filter(\.$personId == me).filter(\.$caseId ~~ rows.map { $0.id! }).all()
            let parts = Dictionary(grouping: memberships, by: \.caseId).mapValues { $0.map(\.relation).joined(separator: ", ") }
            let ids = Set(rows.flatMap { [$0.respondentId, $0.complainantId].compactMap { $0 } })
            let names =
                ids.isEmpty
                ? [:] : try await Person.query(on: req.db).filter(\.$id ~~ Array(ids)).all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.displayName }
            for row in rows {
                guard let f = try await store.load(row.id!, lastSeq: row.lastSeq, on: req.db) else { continue }
                let access = f.access(for: actor)
                let shown = f.disclosure(to: access, viewer: actor.id)
                var other: [String] = []
                var shownNames: [String] = []
                if !access.contains(.complainant) || access.count > 1, shown.complaint, let who = shown.complainant {
                    other.append("from \(who)")
                    if shown.knowsComplainant { shownNames.append(who) }
                }
                if !(access.contains(.respondent) || access.contains(.representative)) {
                    switch shown.respondent {
                    case .person(let id)?:
                        other.append("about \(names[id] ?? "—")")
                        shownNames.append(names[id] ?? "")
                    case .words(let w)?:
                        other.append("about \(w)")
                        shownNames.append(w)
                    case nil: break
                    }
                }
                // What the index holds, as this person sees it: reference, kind, stage, names shown.
                let words = CaseSearch.words(([f.reference, f.category, f.stage.title] + shownNames).joined(separator: " "))
                position = order.cursor(row.key(in: order), id: row.id!)
                guard terms.allSatisfy({ term in words.contains { $0.hasPrefix(term) } }) else { continue }
                if items.count == Self.pageSize {
                    // A visible row beyond the page: there is a next one, after the last shown.
                    more = lastShown.map { last in
                        SiteURL.casesPage(
                            stage: query.stage, kind: query.kind, q: query.q, closed: closed, route: query.route, overdue: query.overdue == "1",
                            from: from?.description, to: to?.description, sort: order.field(in: Self.orders).1, after: last)
                    }
                    break filling
                }
                let own = p.ownDeadline(in: f, for: access)
                let days = own.map { p.calendar.workingDays(from: now, to: $0.at.addingTimeInterval(-1)) }
                items.append(
                    ListPage.Item(
                        href: SiteURL.caseFile(f.id), reference: f.reference, kind: Display.kind(f.category), other: other.joined(separator: ", "),
                        stage: f.stage.title, part: Display.kind(parts[f.id] ?? ""),
                        due: own.map { d in
                            let left = days ?? 0
                            let when =
                                now >= d.at ? "passed" : left == 0 ? "today is the last day" : "\(left) working day\(left == 1 ? "" : "s") after today"
                            return "\(d.kind.label) \(Display.deadline(d.at)) (\(when))"
                        },
                        overdue: shown.caseTeam && p.isOverdue(f, at: now),
                        next: NextStep.action(f, steps: p.availableSteps(f, for: actor, at: now), access: access)))
                lastShown = order.cursor(row.key(in: order), id: row.id!)
            }
            if rows.count < batch { break }
        }
        // The kinds the rulebook has had: the choices, whichever of one's cases has which.
        let kinds = Set(p.rulebook.versions.flatMap { $0.clauses.map(\.category) }).sorted()
        let filtered =
            [query.stage, query.kind, query.q, query.route, query.overdue, query.from, query.to, order.field(in: Self.orders).1].contains {
                !($0 ?? "").isEmpty
            } || closed
        let member = person.roles.contains(.member)
        return try await req.page(
            "cases",
            ListPage(
                chrome: Chrome(req, title: "My cases"), items: items,
                stages: CaseStage.allCases.filter { $0.isTerminal == closed }.map {
                    .init(value: $0.rawValue, label: $0.title, selected: $0.rawValue == query.stage)
                },
                kinds: kinds.map { .init(value: $0, label: Display.kind($0), selected: $0 == query.kind) }, q: query.q ?? "",
                sorts: ListOrder.options(Self.orders, chosen: order), order: order.label.lowercased(), closed: closed,
                routes: [(CaseRoute.standard, "Standard"), (CaseRoute.independent, "Independent review")].map {
                    .init(value: $0.0.rawValue, label: $0.1, selected: $0.0.rawValue == query.route)
                }, overdue: query.overdue == "1", from: from?.description ?? "", to: to?.description ?? "", more: more,
                filtered: filtered,
                emptyText: filtered
                    ? "No case matches these filters."
                    : closed ? "None of your cases is closed." : member ? "You have no open cases." : "No case is allocated to you or waiting for you.",
                complain: member && !filtered))
    }

    struct MessageQuery: Content { var `case`: String?; var unread: String?; var after: String?; var sort: String? }

    /// The orders Messages offers: by position in the record, newest first unless asked.
    static let messageOrders = [
        ListOrder(name: "newest", label: "Newest first", column: "event_seq", descending: true),
        ListOrder(name: "oldest", label: "Oldest first", column: "event_seq", descending: false),
    ]

    /// What a person has been told, newest first, twenty at a time (keyset on the record's
    /// order), filtered by case or to the unread; what is shown is marked read.
    func messages(req: Request) async throws -> View {
        let person = try req.auth.require(Person.self)
        let query = (try? req.query.decode(MessageQuery.self)) ?? MessageQuery()
        let me = person.id!
        // A case by its reference, typed: a caseworker's messages may span thousands of cases.
        let reference = query.case?.trimmingCharacters(in: .whitespaces).uppercased() ?? ""
        let chosen = reference.isEmpty ? nil : try await CaseSummary.query(on: req.db).filter(\.$reference == String(reference.prefix(40))).first()?.id
        let unknownCase = !reference.isEmpty && chosen == nil
        let unreadOnly = query.unread == "1"
        let q = Notification.query(on: req.db).filter(\.$recipientId == me)
        if let chosen { q.filter(\.$caseId == chosen) } else if unknownCase { q.filter(\.$caseId == CaseSummary.unidentified) }
        if unreadOnly { q.filter(\.$readAt == nil) }
        let order = ListOrder.chosen(query.sort, from: Self.messageOrders)
        order.apply(q, table: Notification.schema, after: query.after)
        let page = try await q.limit(21).all()
        let shown = Array(page.prefix(20))
        let more =
            page.count > 20
            ? shown.last.map {
                SiteURL.messagesPage(
                    case: query.case, unread: unreadOnly, sort: order.field(in: Self.messageOrders).1, after: order.cursor($0.eventSeq, id: $0.id!))
            } : nil
        let items = shown.map {
            Messages.Item(
                at: Display.time(Instant.date(millis: $0.createdAt)), subject: $0.subject, body: $0.body, href: SiteURL.caseFile($0.caseId),
                unread: $0.readAt == nil)
        }
        let unread = shown.filter { $0.readAt == nil }.compactMap(\.id)
        if !unread.isEmpty {
            try await Notification.query(on: req.db).filter(\.$id ~~ unread).set(\.$readAt, to: Instant.millis(req.docket.clock())).update()
        }
        let account = try await AccountMessage.query(on: req.db).filter(\.$personId == me).sort(\.$createdAt, .descending).limit(10).all().map {
            Messages.Item(at: Display.time(Instant.date(millis: $0.createdAt)), subject: $0.subject, body: $0.body, href: SiteURL.statements)
        }
        return try await req.page(
            "messages",
            Messages(
                chrome: Chrome(req, title: "Messages"), items: items,
                account: reference.isEmpty && query.after == nil && !unreadOnly && order == Self.messageOrders[0] ? account : [],
                caseReference: reference, unreadOnly: unreadOnly, sorts: ListOrder.options(Self.messageOrders, chosen: order), more: more,
                filtered: !reference.isEmpty || unreadOnly || order != Self.messageOrders[0]))
    }

    func show(req: Request) async throws -> View {
        try await casePage(req, try await CaseScope.load(req))
    }

    /// The case file as this person may see it; the read goes into the access log.
    func casePage(_ req: Request, _ scope: CaseScope) async throws -> View {
        try await scope.recordRead(req, "web: case file")
        let events = scope.events
        let names = try await PartiesController.names(for: scope.file, events: events, on: req.db)
        let page = CasePage(scope, names: names, timeline: events, chrome: Chrome(req, title: scope.file.reference), now: req.docket.clock())
        return try await req.page("case", page)
    }

    /// Every step posts here with the same names as the API. A refusal comes back on the case
    /// page with the form as it was sent, the problem at the top and beside the field the core
    /// named. A step that cannot be taken back is shown first, with who will be told what, and
    /// taken when the person confirms it.
    func step(req: Request) async throws -> Response {
        let scope = try await CaseScope.load(req)
        let action = req.parameters.get("action") ?? ""
        let back = SiteURL.caseFile(scope.file.id)
        guard CommandBody.actions.contains(action) else { throw Abort(.notFound) }
        let posted = PostedForm.read(req)
        do {
            let command: CaseCommand
            switch action {
            case "representative":
                struct Body: Content { var email: String }
                guard let rep = try await Person.byEmail(try req.content.decode(Body.self).email, on: req.db) else {
                    throw DueProcessError.invalid(
                        "representative_unknown", "Nobody with that e-mail address has an account; ask them to contact the organisation first."
                    ).on("email")
                }
                command = .nameRepresentative(rep.id!)
            default:
                command = try await CommandBody.command(action, for: scope.file, req)
            }
            if posted.first("change") == "1" {
                let html = FormRefill.refilled(try await casePage(req, scope).html, action: SiteURL.caseStep(scope.file.id, action), posted: posted)
                return Self.html(html, status: .ok)
            }
            if let step = CaseStep(command), step.isIrreversible, posted.first("confirmed") != "true" {
                // A notice is served only once the caseworker has seen exactly what the respondent
                // will receive; every other such step shows what it records and who is told.
                if step == .serveNotice { return try await noticePreview(req, scope, command).encodeResponse(for: req) }
                return try await confirmation(req, scope, command, step, posted).encodeResponse(for: req)
            }
            _ = try await scope.run(command, req)
            return req.back(to: back, "ok", "Done: \(Display.kind(command.name)).")
        } catch let e as DueProcessError where e.kind != .notFound {
            return try await again(req, scope, action, posted, [FormProblem(e)], status: HTTPStatus(statusCode: e.httpStatus))
        } catch let e as DecodingError {
            return try await again(req, scope, action, posted, [FormProblem(e)], status: .unprocessableEntity)
        }
    }

    /// The case page again, with the form as it was sent and what is wrong with it.
    func again(_ req: Request, _ scope: CaseScope, _ action: String, _ posted: PostedForm, _ problems: [FormProblem], status: HTTPStatus)
        async throws -> Response
    {
        let html = try await casePage(req, scope).html
        return Self.html(FormRefill.page(html, action: SiteURL.caseStep(scope.file.id, action), posted: posted, problems: problems), status: status)
    }

    static func html(_ text: String, status: HTTPStatus) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: text))
    }

    struct Confirmation: Encodable {
        struct Field: Encodable { var name: String; var value: String }
        struct Told: Encodable { var who: String; var subject: String; var body: String }
        var chrome: Chrome; var reference: String; var back: String; var action: String
        var step: String; var stage: String; var stageAfter: String
        var fields: [Field]; var told: [Told]; var files: [String]
    }

    /// What the step would record and who would be told, from the core's dry run of it.
    func confirmation(_ req: Request, _ scope: CaseScope, _ command: CaseCommand, _ step: CaseStep, _ posted: PostedForm) async throws -> View {
        let (after, notices) = try scope.store.procedure.preview(command, on: scope.file, by: scope.actor, at: req.docket.clock())
        let label = Display.kind(step.rawValue.replacingOccurrences(of: "-", with: "_"))
        return try await req.page(
            "confirm-step",
            Confirmation(
                chrome: Chrome(req, title: "Check before you confirm", forms: true), reference: scope.file.reference, back: SiteURL.caseFile(scope.file.id),
                action: SiteURL.caseStep(scope.file.id, step.rawValue), step: label, stage: scope.file.stage.title, stageAfter: after.stage.title,
                fields: posted.resendable.map { .init(name: $0.name, value: $0.value) },
                told: notices.map { .init(who: Display.kind($0.audience.rawValue), subject: $0.subject, body: $0.body) },
                files: posted.files.map(\.filename)))
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

    func download(req: Request) async throws -> Response { try await Self.download(req, try await CaseScope.load(req)) }

    /// A file of the case this person may open (evidence, or a message's attachment), as an
    /// attachment; the read goes into the access log. Anything else is a 404.
    static func download(_ req: Request, _ scope: CaseScope) async throws -> Response {
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
