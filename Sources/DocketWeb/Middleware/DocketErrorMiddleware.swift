import DocketCore
import Vapor

/// Turns every failure into a clear answer: refusals keep their sentence and status; anything
/// unexpected is logged in full and shown only as a generic message, never a stack trace.
struct DocketErrorMiddleware: AsyncMiddleware {
    struct Body: Content {
        var error: String
        var message: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, body) = classify(error, request)
            if wantsHTML(request) {
                let page = ErrorPage(chrome: Chrome(request, title: status.reasonPhrase), status: Int(status.code), message: body.message)
                if let view = try? await request.view.render("error", page) {
                    return try await view.encodeResponse(status: status, for: request)
                }
            }
            let response = Response(status: status)
            try response.content.encode(body, as: .json)
            return response
        }
    }

    struct ErrorPage: Encodable { var chrome: Chrome; var status: Int; var message: String }

    /// Browsers get a page; the API and anything asking for JSON get JSON.
    private func wantsHTML(_ req: Request) -> Bool {
        !req.url.path.hasPrefix("/api/") && req.url.path != "/health"
            && (req.headers.first(name: .accept)?.contains("text/html") ?? false)
    }

    private func classify(_ error: any Error, _ request: Request) -> (HTTPResponseStatus, Body) {
        switch error {
        case let e as DueProcessError:
            return (HTTPResponseStatus(statusCode: e.httpStatus), Body(error: e.code, message: e.message))
        case let e as DecodingError:
            return (.unprocessableEntity, Body(error: "invalid_input", message: describe(e)))
        case let e as any AbortError:
            // A server-side failure that arrives as an AbortError (a template error, say) is still ours to fix.
            if e.status.code >= 500 {
                request.logger.report(error: e)
                return (e.status, Body(error: "internal", message: "Something went wrong on our side; it has been logged."))
            }
            if e.status == .notFound { return (.notFound, Body(error: "not_found", message: "Not found.")) }
            return (e.status, Body(error: e.status.code == 401 ? "unauthorised" : "invalid_input", message: e.reason))
        default:
            request.logger.report(error: error)
            return (.internalServerError, Body(error: "internal", message: "Something went wrong on our side; it has been logged."))
        }
    }

    private func describe(_ e: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String { c.map(\.stringValue).joined(separator: ".") }
        switch e {
        case .keyNotFound(let key, let ctx): return "The field \(path(ctx.codingPath + [key])) is missing."
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "The field \(path(ctx.codingPath)) has the wrong type."
        case .dataCorrupted(let ctx):
            return ctx.codingPath.isEmpty ? "The request body is not valid JSON." : "The field \(path(ctx.codingPath)) is invalid: \(ctx.debugDescription)"
        @unknown default: return "The request body could not be read."
        }
    }
}
