import DocketCore
import DocketRedact
import DocketStore
import Fluent
import SQLKit
import Vapor

/// Publication with redaction: an editor uploads a document, Docket proposes redactions from the
/// member register, another editor or an independent reviewer decides each one and may mark more,
/// and only their approval puts the redacted version on a public page. The original, the map and
/// the verdicts stay internal; the record holds their hashes and counts.
struct PublicationController: RouteCollection {
    struct ListPage: Encodable {
        struct Item: Encodable { var title: String; var href: String; var status: String; var created: String }
        var chrome: Chrome; var items: [Item]; var canUpload: Bool
    }
    struct ReviewPage: Encodable {
        struct Segment: Encodable { var text: String; var number: Int?; var kind: String?; var verdict: String? }
        struct Row: Encodable { var number: Int; var original: String; var replacement: String; var reason: String; var verdict: String; var source: String }
        var chrome: Chrome; var id: String; var title: String; var status: String; var segments: [Segment]; var rows: [Row]
        var canReview: Bool; var isEditor: Bool; var undecided: Int; var publicHref: String?
    }
    struct PublicPage: Encodable {
        struct Item: Encodable { var title: String; var href: String; var published: String }
        var chrome: Chrome; var title: String?; var published: String?; var paragraphs: [String]; var items: [Item]
    }

    func boot(routes: any RoutesBuilder) throws {
        let cached = routes.grouped(PublicPageMiddleware())
        cached.get("published", use: publicList)
        cached.get("published", ":slug", use: publicPage)
        let staff = routes.grouped(RequireSignIn(), RequireAnyRole(roles: [.editor, .reviewer]))
        staff.get("publications", use: list)
        staff.form("publications", maxSize: "20mb", use: upload)
        staff.get("publications", ":pubID", use: review)
        staff.post("publications", ":pubID", "verdicts", use: verdicts)
        staff.post("publications", ":pubID", "mark", use: mark)
        staff.post("publications", ":pubID", "approve", use: approve)
    }

    static func reason(_ kind: String) -> String {
        switch kind {
        case "member": "a member on the register"
        case "unknown_name": "a name on no list (check it)"
        case "email": "an e-mail address"
        case "phone": "a phone number"
        case "membership_number": "a membership number"
        case "postcode": "a postcode"
        default: "marked by the reviewer"
        }
    }

    func list(req: Request) async throws -> View {
        let person = try req.auth.require(Person.self)
        let items = try await Publication.query(on: req.db).field(\.$id).field(\.$title).field(\.$status).field(\.$createdAt)
            .sort(\.$createdAt, .descending).all().map {
                ListPage.Item(
                    title: $0.title, href: SiteURL.publication($0.id!),
                    status: $0.reviewStatus == .published ? "Published" : "In review", created: Display.date(Instant.date(millis: $0.createdAt)))
            }
        return try await req.page(
            "publications",
            ListPage(chrome: Chrome(req, title: "Publications"), items: items, canUpload: PublicationReview.offers(nil, to: person.actor).contains(.upload)))
    }

    /// The roster and public list from the register: members who are not public are private;
    /// public members and staff are named.
    static func lists(on db: any Database) async throws -> ([PrivatePerson], [PublicPerson]) {
        let people = try await Person.query(on: db).all()
        let privateMembers = people.filter { $0.membershipNumber != nil && !$0.isPublic }
            .map { PrivatePerson(memberId: $0.membershipNumber!, fullName: $0.displayName) }
        let officials = people.filter { $0.isPublic || ($0.membershipNumber == nil && !$0.roles.subtracting([.member]).isEmpty) }
            .map { PublicPerson(name: $0.displayName) }
        return (privateMembers, officials)
    }

    func upload(req: Request) async throws -> Response {
        struct Form: Content { var title: String; var format: String?; var text: String?; var file: File? }
        let person = try req.auth.require(Person.self)
        guard PublicationReview.offers(nil, to: person.actor).contains(.upload) else { throw Abort(.notFound) }
        let form = try req.content.decode(Form.self)
        var text = form.text ?? ""
        if let file = form.file, file.data.readableBytes > 0 {
            guard let t = String(data: Data(buffer: file.data), encoding: .utf8) else {
                return req.back(to: SiteURL.publications, "error", "\(file.filename) is not UTF-8 text, Markdown or HTML.")
            }
            text = t
        }
        let format = DocumentFormat(rawValue: form.format ?? "text") ?? .text
        let (roster, officials) = try await Self.lists(on: req.db)
        let proposals = text.isBlank ? [] : Redactor(roster: roster, publicList: officials).redact(text, format: format).map
        let events: [RecordEvent]
        do {
            events = try PublicationReview.decide(
                .upload(title: form.title, format: format.rawValue, original: text, proposals: proposals.count), on: nil, by: person.actor)
        } catch { return req.back(to: SiteURL.publications, "error", error.message) }
        let id = UUID()
        let now = req.docket.clock()
        let slug = Slug.make(form.title, id: id)
        let title = form.title
        let original = text
        try await req.db.transaction { tx in
            let p = Publication()
            p.id = id; p.editorId = person.id!; p.title = title; p.slug = slug; p.format = format.rawValue
            p.status = PublicationStatus.inReview.rawValue; p.original = original; p.createdAt = Instant.millis(now)
            try await p.create(on: tx)
            for (i, e) in proposals.enumerated() {
                try await PublicationRedaction(
                    publicationId: id, number: i + 1, start: e.start, end: e.end, original: e.original,
                    replacement: e.replacement, kind: e.kind.rawValue, memberId: e.memberId,
                    source: "engine", verdict: .proposed
                ).create(on: tx)
            }
            try await EventLog.append(stream: id, events: events, actorId: person.id, at: now, on: tx)
        }
        return req.back(to: SiteURL.publication(id), "ok", "Uploaded; \(proposals.count) redactions are proposed for review.")
    }

    func load(_ req: Request) async throws -> Publication {
        guard let id = req.parameters.get("pubID", as: UUID.self), let p = try await Publication.find(id, on: req.db) else { throw Abort(.notFound) }
        return p
    }

    func review(req: Request) async throws -> View {
        let person = try req.auth.require(Person.self)
        let p = try await load(req)
        let redactions = try await PublicationRedaction.of(p.id!, on: req.db)
        let scalars = Array(p.original.unicodeScalars)
        var segments: [ReviewPage.Segment] = []
        var at = 0
        func text(_ a: Int, _ b: Int) -> String { var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[a..<b]); return String(v) }
        for r in redactions.sorted(by: { $0.start < $1.start }) where r.start >= at && r.end <= scalars.count {
            if r.start > at { segments.append(.init(text: text(at, r.start))) }
            segments.append(.init(text: text(r.start, r.end), number: r.number, kind: r.kind, verdict: r.verdict))
            at = r.end
        }
        if at < scalars.count { segments.append(.init(text: text(at, scalars.count))) }
        let rows = redactions.map {
            ReviewPage.Row(
                number: $0.number, original: $0.original, replacement: $0.replacement,
                reason: Self.reason($0.kind), verdict: $0.verdict, source: $0.source)
        }
        let state = p.state(redactions)
        let offered = PublicationReview.offers(state, to: person.actor)
        return try await req.page(
            "publication",
            ReviewPage(
                chrome: Chrome(req, title: p.title), id: p.id!.uuidString.lowercased(), title: p.title,
                status: p.reviewStatus == .published ? "Published" : "In review", segments: segments, rows: rows, canReview: offered.contains(.review),
                isEditor: p.editorId == person.id, undecided: state.undecided,
                publicHref: p.reviewStatus == .published ? SiteURL.publishedItem(p.slug) : nil))
    }

    /// Runs one review step under the publication's lock: the document and its redactions are
    /// read inside the transaction, so two reviewers (or one double click) never decide on the
    /// same copy, and a mark cannot slip in between an approval's read and its write. A refusal
    /// comes back as the page's message; nothing is written.
    func step(
        _ req: Request, _ body: @escaping @Sendable (any Database, Publication, [PublicationRedaction]) async throws -> String
    ) async throws -> Response {
        guard let id = req.parameters.get("pubID", as: UUID.self) else { throw Abort(.notFound) }
        do {
            let (to, text) = try await req.db.transaction { tx -> (String, String) in
                // The first write takes the lock: the row on PostgreSQL, the database on SQLite.
                try await (tx as! any SQLDatabase).raw("UPDATE publications SET status = status WHERE id = \(bind: id)").run()
                guard let p = try await Publication.find(id, on: tx) else { throw Abort(.notFound) }
                let text = try await body(tx, p, try await PublicationRedaction.of(id, on: tx))
                return (p.reviewStatus == .published ? SiteURL.publishedItem(p.slug) : SiteURL.publication(id), text)
            }
            return req.back(to: to, "ok", text)
        } catch let e as DueProcessError {
            return req.back(to: SiteURL.publication(id), "error", e.message)
        }
    }

    /// A document outside the person's reach, or none, is a 404 before the form is read.
    func mustExist(_ req: Request) async throws {
        guard let id = req.parameters.get("pubID", as: UUID.self), try await Publication.find(id, on: req.db) != nil else { throw Abort(.notFound) }
    }

    func verdicts(req: Request) async throws -> Response {
        struct Form: Content { var verdict: [String: String]? }
        let person = try req.auth.require(Person.self)
        try await mustExist(req)
        let chosen = (try req.content.decode(Form.self).verdict ?? [:]).reduce(into: [Int: RedactionVerdict]()) { out, pair in
            if let n = Int(pair.key), let v = RedactionVerdict(rawValue: pair.value) { out[n] = v }
        }
        let now = req.docket.clock()
        return try await step(req) { tx, p, redactions in
            let events = try PublicationReview.decide(.review(verdicts: chosen), on: p.state(redactions), by: person.actor)
            guard case .redactionsReviewed(let reviewed) = events.first else { throw Abort(.internalServerError) }
            let verdictOf = Dictionary(
                uniqueKeysWithValues: reviewed.accepted.map { ($0, RedactionVerdict.accepted) } + reviewed.rejected.map { ($0, .rejected) })
            for r in redactions {
                guard let v = verdictOf[r.number] else { continue }
                r.verdict = v.rawValue
                try await r.save(on: tx)
            }
            try await EventLog.append(stream: p.id!, events: events, actorId: person.id, at: now, on: tx)
            return "Your decisions are saved."
        }
    }

    func mark(req: Request) async throws -> Response {
        struct Form: Content { var phrase: String }
        let person = try req.auth.require(Person.self)
        try await mustExist(req)
        let phrase = try req.content.decode(Form.self).phrase
        let now = req.docket.clock()
        return try await step(req) { tx, p, redactions in
            // Only a phrase the rules accept is looked for (a one-letter phrase would match everywhere).
            let found = phrase.trimmingCharacters(in: .whitespaces).count >= 2 ? Replacements.occurrences(of: phrase, in: p.original) : []
            let events = try PublicationReview.decide(.mark(phrase: phrase, occurrences: found.count), on: p.state(redactions), by: person.actor)
            guard case .redactionsMarked(let marked) = events.first, marked.numbers.count == found.count else { throw Abort(.internalServerError) }
            for (number, range) in zip(marked.numbers, found) {
                try await PublicationRedaction(
                    publicationId: p.id!, number: number, start: range.lowerBound, end: range.upperBound, original: phrase,
                    replacement: "[redacted]", kind: "marked", memberId: nil, source: "reviewer", verdict: .accepted
                ).create(on: tx)
            }
            try await EventLog.append(stream: p.id!, events: events, actorId: person.id, at: now, on: tx)
            return "Marked \(found.count) occurrence\(found.count == 1 ? "" : "s") for redaction."
        }
    }

    func approve(req: Request) async throws -> Response {
        let person = try req.auth.require(Person.self)
        let now = req.docket.clock()
        return try await step(req) { tx, p, redactions in
            let accepted = redactions.filter { $0.verdict == RedactionVerdict.accepted.rawValue }
            let published = Replacements.apply(
                accepted.map { ChosenReplacement(start: $0.start, end: $0.end, replacement: $0.replacement) }, to: p.original)
            let events = try PublicationReview.decide(.approve(published: published), on: p.state(redactions), by: person.actor)
            p.status = PublicationStatus.published.rawValue
            p.published = published
            p.reviewerId = person.id
            p.publishedAt = Instant.millis(now)
            try await p.save(on: tx)
            try await EventLog.append(stream: p.id!, events: events, actorId: person.id, at: now, on: tx)
            return "Approved and published."
        }
    }

    /// The text of an HTML document without its tags, in one pass (a pattern match over a
    /// document with many `<` and no `>` takes time that grows with the square of its length).
    static func textOfHTML(_ html: String) -> String {
        var out = String.UnicodeScalarView()
        var inTag = false
        for c in html.unicodeScalars {
            if inTag { if c == ">" { inTag = false } } else if c == "<" { inTag = true } else { out.append(c) }
        }
        return String(out)
    }

    func publicList(req: Request) async throws -> View {
        let items = try await Publication.query(on: req.db).filter(\.$status == PublicationStatus.published.rawValue)
            .field(\.$id).field(\.$title).field(\.$slug).field(\.$publishedAt).field(\.$status)
            .sort(\.$publishedAt, .descending).all()
            .map { PublicPage.Item(title: $0.title, href: SiteURL.publishedItem($0.slug), published: Display.date(Instant.date(millis: $0.publishedAt ?? 0))) }
        return try await req.page("published", PublicPage(chrome: Chrome(req, title: "Publications"), paragraphs: [], items: items))
    }

    /// The approved, redacted version, as readable text: HTML is shown by its text, not its markup,
    /// so nothing uploaded can run in a reader's browser.
    func publicPage(req: Request) async throws -> View {
        guard let slug = req.parameters.get("slug"),
            let p = try await Publication.query(on: req.db).filter(\.$slug == slug).filter(\.$status == PublicationStatus.published.rawValue).first(),
            let published = p.published
        else { throw Abort(.notFound) }
        var text = published
        if p.format == DocumentFormat.html.rawValue { text = Self.textOfHTML(text) }
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return try await req.page(
            "published",
            PublicPage(
                chrome: Chrome(req, title: p.title), title: p.title,
                published: Display.date(Instant.date(millis: p.publishedAt ?? 0)), paragraphs: paragraphs, items: []))
    }
}
