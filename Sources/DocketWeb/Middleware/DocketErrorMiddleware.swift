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
            return await Self.response(for: error, to: request)
        }
    }

    struct ErrorPage: Encodable { var chrome: Chrome; var status: Int; var message: String }

    /// The answer to a failed request: a page for browsers, JSON for everything else. It never
    /// fails itself; if even the page cannot be drawn, the answer is plain JSON.
    static func response(for error: any Error, to request: Request) async -> Response {
        let (status, body) = classify(error, request)
        var response: Response?
        if wantsHTML(request) {
            let page = ErrorPage(chrome: Chrome(request, title: status.reasonPhrase), status: Int(status.code), message: body.message)
            if let view = try? await request.view.render("error", page) {
                response = try? await view.encodeResponse(status: status, for: request)
            }
        }
        let answer =
            response
            ?? {
                let r = Response(status: status)
                if (try? r.content.encode(body, as: .json)) == nil { r.body = .init(string: #"{"error":"internal","message":"Something went wrong."}"#) }
                return r
            }()
        // Retry-After and the like travel with the refusal that needs them.
        if let e = error as? any AbortError {
            for (name, value) in e.headers where name.lowercased() != "content-type" { answer.headers.replaceOrAdd(name: name, value: value) }
        }
        return answer
    }

    /// Browsers get a page; the API and anything asking for JSON get JSON.
    private static func wantsHTML(_ req: Request) -> Bool {
        !isAPI(req) && req.url.path != SiteURL.health && (req.headers.first(name: .accept)?.contains("text/html") ?? false)
    }

    static func isAPI(_ req: Request) -> Bool { req.url.path.hasPrefix(SiteURL.apiPrefix) }

    static let internalMessage = "Something went wrong on our side; it has been logged."

    private static func classify(_ error: any Error, _ request: Request) -> (HTTPResponseStatus, Body) {
        switch error {
        case let e as DueProcessError:
            return (HTTPResponseStatus(statusCode: e.httpStatus), Body(error: e.code, message: e.message))
        case let e as DecodingError:
            return (.unprocessableEntity, Body(error: "invalid_input", message: describe(e, api: isAPI(request))))
        case let e as any AbortError:
            // A server-side failure that arrives as an AbortError (a template error, say) is still ours to fix.
            if e.status.code >= 500, e.status != .serviceUnavailable {
                request.logger.report(error: e)
                return (e.status, Body(error: "internal", message: internalMessage))
            }
            switch e.status {
            case .notFound: return (.notFound, Body(error: "not_found", message: "Not found."))
            case .unauthorized:
                return (
                    .unauthorized,
                    Body(
                        error: "unauthorised",
                        message: isAPI(request)
                            ? "This needs a valid API token in an Authorization: Bearer header." : e.reason)
                )
            case .unsupportedMediaType:
                return (
                    .unsupportedMediaType,
                    Body(
                        error: "unsupported_media_type",
                        message: isAPI(request)
                            ? "Send the body as JSON, with the header Content-Type: application/json."
                            : "The form was sent in a way Docket does not read; send it from the page again.")
                )
            case .payloadTooLarge:
                return (
                    .payloadTooLarge,
                    Body(
                        error: "too_large",
                        message: e.reason.contains(" ")
                            ? e.reason
                            : "What you sent is larger than this page accepts. Nothing was saved; send a smaller file or a shorter text.")
                )
            case .tooManyRequests: return (.tooManyRequests, Body(error: "too_many_requests", message: e.reason))
            case .serviceUnavailable: return (.serviceUnavailable, Body(error: "busy", message: e.reason))
            case .forbidden: return (.forbidden, Body(error: "forbidden", message: e.reason))
            default: return (e.status, Body(error: "invalid_input", message: e.reason))
            }
        default:
            request.logger.report(error: error)
            return (.internalServerError, Body(error: "internal", message: internalMessage))
        }
    }

    /// Names the field as the caller spells it: snake_case for the API, as the form names it otherwise.
    static func describe(_ e: DecodingError, api: Bool) -> String {
        func name(_ key: any CodingKey) -> String { api ? snakeCase(key.stringValue) : key.stringValue }
        func path(_ c: [any CodingKey]) -> String {
            c.map { $0.intValue.map { "[\($0)]" } ?? name($0) }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch e {
        case .keyNotFound(let key, let ctx): return "The field \(path(ctx.codingPath + [key])) is missing."
        case .typeMismatch(let type, let ctx):
            return "The field \(path(ctx.codingPath)) has the wrong type; it should be \(expected(type))."
        case .valueNotFound(let type, let ctx):
            return "The field \(path(ctx.codingPath)) is empty; it should be \(expected(type))."
        case .dataCorrupted(let ctx):
            return ctx.codingPath.isEmpty ? "The request body is not valid JSON." : "The field \(path(ctx.codingPath)) is invalid: \(ctx.debugDescription)"
        @unknown default: return "The request body could not be read."
        }
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "\(type)".contains("Array") ? "a list" : "an object or value of the documented kind"
        }
    }

    static func snakeCase(_ s: String) -> String {
        var out = ""
        for c in s {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
