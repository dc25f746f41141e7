import Vapor

/// Headers every response carries, errors included: no framing, no sniffing, no referrer
/// leakage, scripts and styles from this origin only, nothing kept in shared caches unless the
/// page says so; and, where Docket is reached over https, HSTS.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let h = response.headers
        response.headers.replaceOrAdd(
            name: "Content-Security-Policy",
            value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        if h.first(name: .cacheControl) == nil { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        if request.docket.config.publicURL.hasPrefix("https://") {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        return response
    }
}
