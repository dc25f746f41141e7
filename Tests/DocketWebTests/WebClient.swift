import DocketCore
import Foundation
import NIOCore
import Synchronization
import Testing
import VaporTesting

@testable import DocketWeb

/// A browser-like client for the server-rendered pages: it keeps the session cookie and sends
/// the CSRF token the last page carried.
final class WebClient: @unchecked Sendable {
    let t: TestApp
    /// Every cookie the server set, by name, as a browser keeps them.
    var cookies: [String: String] = [:]
    var csrf: String?
    /// The session cookie, for tests that look at it or take it from another browser.
    var cookie: String? {
        get { cookies["docket_session"].map { "docket_session=\($0)" } }
        set {
            cookies["docket_session"] = nil
            if let v = newValue, let eq = v.firstIndex(of: "=") { cookies[String(v[..<eq])] = String(v[v.index(after: eq)...]) }
        }
    }

    init(_ t: TestApp) { self.t = t }

    struct Page {
        var status: HTTPStatus
        var body: String
        var headers: HTTPHeaders
        var location: String? { headers.first(name: .location) }
    }

    @discardableResult
    func get(_ path: String, headers extra: [(HTTPHeaders.Name, String)] = []) async throws -> Page {
        try await send(.GET, path, body: nil, contentType: nil, extra: extra)
    }

    /// Posts a form; `_csrf` is added unless `withToken` is false.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], withToken: Bool = true) async throws -> Page {
        if withToken, csrf == nil { try await get("/login") }
        var all = fields
        if withToken, let csrf { all.append(("_csrf", csrf)) }
        let body = all.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, body: ByteBuffer(string: body), contentType: .urlEncodedForm)
    }

    /// Posts a multipart form with one file.
    @discardableResult
    func upload(_ path: String, fields: [(String, String)], file: (name: String, filename: String, data: Data)?) async throws -> Page {
        if csrf == nil { try await get("/login") }
        let boundary = "docket-test-boundary"
        var body = Data()
        for (k, v) in fields + [("_csrf", csrf ?? "")] {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8))
        }
        if let file {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        .utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await send(
            .POST, path, body: ByteBuffer(data: body), contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    func signIn(_ email: String, _ password: String) async throws {
        try await get("/login")
        let page = try await post("/login", [("email", email), ("password", password)])
        #expect(page.status == .seeOther, "sign-in of \(email) answered \(page.status)")
    }

    private func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    private func send(
        _ method: HTTPMethod, _ path: String, body: ByteBuffer?, contentType: HTTPMediaType?, extra: [(HTTPHeaders.Name, String)] = []
    ) async throws -> Page {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .accept, value: "text/html")
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let contentType { headers.contentType = contentType }
        let res = try await t.app.testing().sendRequest(method, path, headers: headers, body: body)
        for set in res.headers[.setCookie] {
            let parts = set.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let pair = parts.first, let eq = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<eq]), value = String(pair[pair.index(after: eq)...])
            if parts.contains(where: { $0.lowercased() == "max-age=0" }) || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = res.body.string
        if let range = text.range(of: #"name="_csrf" value=""#) {
            csrf = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        return Page(status: res.status, body: text, headers: res.headers)
    }
}

extension TestApp {
    /// A person with a password, for the pages.
    func account(
        _ name: String, _ roles: Set<Role>, password: String = "long enough password", official: Bool = false, number: String? = nil,
        cost: Int = TestApp.passwordCost
    ) async throws -> User {
        let u = try await user(name, roles, official: official, number: number)
        u.person.passwordHash = try Self.hash(password, cost: cost)
        try await u.person.save(on: app.db)
        return u
    }

    /// The cost of the passwords the in-process tests give their people: bcrypt's lowest, so
    /// that each sign-in checks in a millisecond rather than a quarter of a second of a core
    /// (hundreds of sign-ins took a tenth of the suite's time). The cost is written in the hash,
    /// so Docket checks these as it checks any; what Docket itself writes is always at
    /// `PasswordGate.cost` (SessionSecurityTests checks it), and the test that times a refusal,
    /// and the live servers, use the real cost.
    static let passwordCost = 4

    /// One bcrypt hash per password and cost for the whole run.
    static func hash(_ password: String, cost: Int = passwordCost) throws -> String {
        let key = "\(cost):\(password)"
        if let known = hashes.withLock({ $0[key] }) { return known }
        let made = try Bcrypt.hash(password, cost: cost)
        hashes.withLock { $0[key] = made }
        return made
    }

    private static let hashes = Mutex<[String: String]>([:])
}
