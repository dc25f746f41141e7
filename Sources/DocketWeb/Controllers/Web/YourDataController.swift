import DocketCore
import DocketStore
import Fluent
import Vapor

/// A person's own data: what Docket holds about them, to download as JSON or as a readable page,
/// and how long ended cases are kept. Each download is recorded on the chain, and the person is
/// told by e-mail, so a copy taken by whoever borrowed their session does not go unnoticed.
struct YourDataController: RouteCollection {
    struct Page: Encodable {
        var chrome: Chrome; var cases: Int; var retention: [String]; var json: String; var html: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("account", "data", use: page)
        routes.get("account", "data.json", use: json)
        routes.get("account", "data.html", use: html)
    }

    func page(req: Request) async throws -> View {
        let person = try req.auth.require(Person.self)
        let cases = try await CaseMembership.query(on: req.db).filter(\.$personId == person.requireID()).all()
            .filter { SubjectAccessExport.standings.contains($0.relation) }.map(\.caseId)
        let procedure = try await req.docket.procedure(on: req.db)
        return try await req.page(
            "your-data",
            Page(
                chrome: Chrome(req, title: "Your data"), cases: Set(cases).count, retention: RetentionText.schedule(procedure.policy.retention),
                json: SiteURL.yourDataJSON, html: SiteURL.yourDataHTML))
    }

    func json(req: Request) async throws -> Response {
        let (person, export) = try await build(req, format: "json")
        let response = Response(status: .ok, body: .init(string: export.json))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(Self.filename(person, "json"))\"")
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    func html(req: Request) async throws -> Response {
        let (person, export) = try await build(req, format: "html")
        let view = try await SubjectAccessPage.render(export, on: req.application)
        let response = Response(status: .ok, body: .init(string: view))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(Self.filename(person, "html"))\"")
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    private func build(_ req: Request, format: String) async throws -> (Person, SubjectAccessExport) {
        let person = try req.auth.require(Person.self)
        let export = try await SubjectAccessExport.build(for: person, services: req.docket, on: req.db)
        try await SubjectAccessExport.record(export, of: person, format: format, by: person.id, services: req.docket, on: req.db)
        return (person, export)
    }

    static func filename(_ person: Person, _ ext: String) -> String {
        "docket-your-data-\(person.membershipNumber ?? "account").\(ext)".filter { $0.isLetter || $0.isNumber || "-.".contains($0) }
    }
}

/// The export as a readable, self-contained HTML page (no scripts, no outside resources).
enum SubjectAccessPage {
    static func render(_ export: SubjectAccessExport, on app: Application) async throws -> String {
        let view = try await app.leaf.renderer.render("subject-access", export).get()
        return String(buffer: view.data)
    }
}
