import Fluent
import SQLKit
import Vapor

/// `GET /health`: 200 with the database kind when the database answers, 503 when it does not.
struct HealthController: RouteCollection {
    struct Health: Content {
        var status: String
        var database: String
        var organisation: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
    }

    func health(req: Request) async throws -> Response {
        let kind = req.docket.config.database.name
        let ok = (try? await (req.db as! any SQLDatabase).raw("SELECT 1 AS one").first()) != nil
        let body = Health(status: ok ? "ok" : "database unavailable", database: kind, organisation: req.docket.config.organisationName)
        let response = Response(status: ok ? .ok : .serviceUnavailable)
        try response.content.encode(body, as: .json)
        return response
    }
}

/// The front page: who runs this instance and where to go.
struct HomeController: RouteCollection {
    struct Page: Encodable {
        var chrome: Chrome
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(req: Request) async throws -> View {
        try await req.page("home", Page(chrome: Chrome(req, title: "Home")))
    }
}
