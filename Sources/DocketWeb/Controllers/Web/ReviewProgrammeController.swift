import DocketCore
import DocketStore
import Fluent
import Vapor

/// `/review/programmes`: an independent reviewer selects past decisions by rule; each is opened
/// for review and assigned by rule to a reviewer who had no part in it.
struct ReviewProgrammeController: RouteCollection {
    struct Page: Encodable {
        struct Programme: Encodable { var title: String; var created: String; var selected: Int; var concluded: Int; var rule: String }
        struct Option: Encodable { var value: String; var label: String }
        struct Assigned: Encodable { var href: String; var reference: String; var programme: String }
        var chrome: Chrome
        var programmes: [Programme]
        var assigned: [Assigned]
        var categories: [Option]
        var officials: [Option]
        var sanctions: [Option]
    }

    func boot(routes: any RoutesBuilder) throws {
        let reviewers = routes.grouped(RequireRole(role: .reviewer))
        reviewers.get("review", "programmes", use: page)
        reviewers.post("review", "programmes", use: open)
    }

    func page(req: Request) async throws -> View {
        let person = try req.auth.require(Person.self)
        let records = try await ReviewProgrammeRecord.query(on: req.db).sort(\.$createdAt, .descending).all()
        var concluded: [UUID: Int] = [:]
        for r in try await ProgrammeReviewEntry.query(on: req.db).filter(\.$concluded == true).all() { concluded[r.programmeId, default: 0] += 1 }
        let programmes = records.map { r in
            Page.Programme(
                title: r.title, created: Display.date(Instant.date(millis: r.createdAt)), selected: r.selected,
                concluded: concluded[r.id!] ?? 0, rule: r.rule)
        }
        let titles = Dictionary(uniqueKeysWithValues: records.map { ($0.id!, $0.title) })
        let assigned = try await ProgrammeReviewEntry.query(on: req.db).filter(\.$reviewerId == person.id!).filter(\.$concluded == false)
            .sort(\.$reference).all().map {
                Page.Assigned(href: SiteURL.caseFile($0.caseId), reference: $0.reference, programme: titles[$0.programmeId] ?? "")
            }
        let categories = Set(try await req.docket.oversightCases(on: req.db).map(\.category))
        let staff = try await Person.query(on: req.db).all().filter { !$0.roles.isDisjoint(with: [.caseworker, .panelMember]) }
        return try await req.page(
            "programmes",
            Page(
                chrome: Chrome(req, title: "Review programmes"), programmes: programmes, assigned: assigned,
                categories: categories.sorted().map { .init(value: $0, label: Display.kind($0)) },
                officials: staff.sorted { $0.displayName < $1.displayName }.map { .init(value: $0.id!.uuidString, label: $0.displayName) },
                sanctions: SanctionKind.allCases.map { .init(value: $0.rawValue, label: $0.title) }))
    }

    func open(req: Request) async throws -> Response {
        struct Form: Content {
            var title: String; var from: String?; var to: String?; var category: String?; var outcome: String?
            var official: String?; var sanction: String?
        }
        let person = try req.auth.require(Person.self)
        let form = try req.content.decode(Form.self)
        func text(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        let rule = ReviewRule(
            decidedFrom: text(form.from).flatMap(Day.init), decidedTo: text(form.to).flatMap(Day.init), category: text(form.category),
            outcome: text(form.outcome), official: text(form.official).flatMap(UUID.init(uuidString:)),
            sanction: text(form.sanction).flatMap(SanctionKind.init(rawValue:)))
        for (name, value) in [("The start of the period", form.from), ("The end of the period", form.to)] {
            if let value = text(value), Day(value) == nil {
                return req.back(to: SiteURL.reviewProgrammes, "error", "\(name) must be a date such as 2026-03-31.")
            }
        }
        // The rules are checked before any case is opened, so a refused programme opens nothing.
        do { try ProgrammeDesk.check(title: form.title, rule: rule, by: person.actor) } catch {
            return req.back(to: SiteURL.reviewProgrammes, "error", error.message)
        }
        let store = try await req.docket.store(on: req.db)
        // The projection narrows the search to decided cases of the period and kind; the rule
        // itself is then applied to each case file.
        let calendar = store.procedure.calendar
        let candidates = CaseFacts.query(on: req.db).filter(\.$decidedAt != nil)
        if let from = rule.decidedFrom { candidates.filter(\.$decidedAt >= Instant.millis(calendar.start(of: from))) }
        if let to = rule.decidedTo { candidates.filter(\.$decidedAt < Instant.millis(calendar.start(of: to.adding(days: 1)))) }
        if let category = rule.category { candidates.filter(\.$category == category) }
        var selected: [CaseFile] = []
        for id in try await candidates.sort(\.$receivedAt).all(\.$id) {
            if let file = try await store.load(id, on: req.db), rule.matches(file, calendar: calendar) { selected.append(file) }
        }
        let id = UUID()
        let now = req.docket.clock()
        var opened = 0, skipped: [String] = []
        // Opening a programme review adds no case memberships, so reviewers' loads do not change here.
        let pool = try await Person.candidates(with: .reviewer, on: req.db)
        for file in selected {
            do {
                _ = try await store.execute(
                    .openProgrammeReview(programme: id, pool: pool, seed: req.docket.seeds()), on: file.id,
                    by: person.actor, at: now, on: req.db)
                opened += 1
            } catch let e as DueProcessError {
                skipped.append("\(file.reference): \(e.message)")
            }
        }
        let record = try ReviewProgrammeRecord(id: id, createdBy: person.id!, title: form.title, rule: rule, selected: opened, at: now)
        let events = try ProgrammeDesk.decide(title: form.title, rule: rule, opened: opened, skipped: skipped.count, by: person.actor)
        try await req.db.transaction { tx in
            try await record.create(on: tx)
            try await EventLog.append(stream: id, events: events, actorId: person.id, at: now, on: tx)
        }
        let note = skipped.isEmpty ? "" : " Not opened: " + skipped.joined(separator: "; ")
        return req.back(
            to: SiteURL.reviewProgrammes, skipped.isEmpty ? "ok" : "warn",
            "Programme opened: \(opened) decision\(opened == 1 ? "" : "s") selected for review.\(note)")
    }
}
