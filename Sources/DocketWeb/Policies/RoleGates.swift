import DocketCore
import DocketStore
import Vapor

// The role gates of the web pages, in one place. Pages outside a person's roles answer 404, the
// same as a page that does not exist, so a gate tells nobody what is there. What a person may
// see and do within a case is not gated here: the core decides it (`CaseFile.access`,
// `CaseFile.disclosure`, `Procedure.availableSteps`), and `CaseScope` asks it.
//
// | pages | gate |
// |---|---|
// | `/`, `/login`, `/password/forgot`, `/reset/…`, `/invite/…`, `/complaints/new`, `/receipt`, `/statements`, `/published`, `/reports` | anyone |
// | `/cases`, `/cases/…`, `/notifications`, `/account/…` | `RequireSignIn` |
// | `/governance` | `RequireRole(.governance)` |
// | `/review`, `/review/programmes` | `RequireRole(.reviewer)` |
// | `/audit`, `/audit/…` | `RequireRole(.auditor)` |
// | `/oversight`, `/oversight/<table>.csv` | `RequireAnyRole([.governance, .reviewer, .auditor])` |
// | `/oversight/cases` (the cases behind a figure) | `RequireAnyRole([.governance, .reviewer])` |
// | `/publications`, `/publications/…` | `RequireAnyRole([.editor, .reviewer])` |
// | `/moderation`, publishing statements, closing comments | `RequireRole(.editor)` |
// | commenting on a statement | `RequireSignIn` |
// | `/admin/…` | `RequireRole(.admin)` |
// | `/api/v1/…` | a bearer token (`BearerAuthenticator`); the case routes then ask the core |

/// Pages behind sign-in send a visitor to the sign-in page and back again afterwards.
struct RequireSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(Person.self) else {
            let target = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            var query = "next=\(target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")"
            if request.browser.expired { query += "&expired=1" }
            return request.redirect(to: "\(SiteURL.login)?\(query)")
        }
        return try await next.respond(to: request)
    }
}

/// A page for one role only; everyone else gets the same 404 as for a page that does not exist.
struct RequireRole: AsyncMiddleware {
    let role: Role
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.get(Person.self)?.roles.contains(role) == true else { throw Abort(.notFound) }
        return try await next.respond(to: request)
    }
}

/// A page for anyone holding one of several roles; everyone else gets 404.
struct RequireAnyRole: AsyncMiddleware {
    let roles: Set<Role>
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let person = request.auth.get(Person.self), !person.roles.isDisjoint(with: roles) else { throw Abort(.notFound) }
        return try await next.respond(to: request)
    }
}
