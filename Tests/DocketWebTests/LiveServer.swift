import AsyncHTTPClient
import DocketCore
import DocketStore
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SQLKit
import Testing

@testable import DocketWeb

#if canImport(Glibc)
    import Glibc
#endif

/// A real `docket serve`, started from the built binary on a loopback port, on a database the
/// test prepared. The in-process tester hands the application whole bodies on one connection;
/// this one is what a browser meets: streamed bodies, concurrent connections, commits in any order.
final class LiveServer: @unchecked Sendable {
    let kind: DocketConfig.DatabaseKind
    let port: Int
    let process: Process
    let log: URL
    var base: String { "http://127.0.0.1:\(port)" }

    private init(kind: DocketConfig.DatabaseKind, port: Int, process: Process, log: URL) {
        self.kind = kind; self.port = port; self.process = process; self.log = log
    }

    static var packageRoot: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// The `docket` that `swift build --build-tests` built beside these tests.
    static func binary() throws -> String {
        for path in [".build/debug/docket", ".build/x86_64-unknown-linux-gnu/debug/docket", ".build/aarch64-unknown-linux-gnu/debug/docket"] {
            let full = packageRoot.appendingPathComponent(path).path
            if FileManager.default.isExecutableFile(atPath: full) { return full }
        }
        throw CommandFailure("the docket binary is not built; run `swift build --build-tests` first")
    }

    /// A port nobody is listening on, found by asking the kernel for one.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw CommandFailure("no free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func environment(for kind: DocketConfig.DatabaseKind) -> [String: String] {
        switch kind {
        case .sqlite(let path): ["DOCKET_DB": path]
        case .postgres(let url, let schema, let owner): ["DATABASE_URL": url, "DOCKET_PG_SCHEMA": schema ?? "", "DATABASE_OWNER_URL": owner ?? ""]
        }
    }

    /// Starts `docket serve` and waits until `/health` answers.
    static func start(_ kind: DocketConfig.DatabaseKind, env extra: [String: String] = [:]) async throws -> LiveServer {
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(port)]
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = nil
        env["DOCKET_ORG_NAME"] = "Northfield Tenants' Union"
        for (k, v) in environment(for: kind).merging(extra, uniquingKeysWith: { $1 }) { env[k] = v }
        process.environment = env
        let log = URL(fileURLWithPath: NSTemporaryDirectory() + "docket-serve-\(port).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let server = LiveServer(kind: kind, port: port, process: process, log: log)
        let client = LiveClient(server)
        for _ in 0..<240 {
            if !process.isRunning { break }
            if let r = try? await client.get("/health"), r.status == .ok { return server }
            try await Task.sleep(for: .milliseconds(250))
        }
        await server.stop()
        throw CommandFailure("docket serve did not start:\n\(server.output)")
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
    var isRunning: Bool { process.isRunning }

    /// `docket ARGS` against the database `kind`, from the temporary directory. The wait happens
    /// on a thread of its own: blocking one of Swift's few cooperative threads for the seconds a
    /// command takes starves every other test's requests, and their database connections time out.
    static func command(_ arguments: [String], on kind: DocketConfig.DatabaseKind, env extra: [String: String] = [:]) async throws -> (
        status: Int32, out: String, err: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = nil
        for (k, v) in environment(for: kind).merging(extra, uniquingKeysWith: { $1 }) { env[k] = v }
        process.environment = env
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout; process.standardError = stderr
        try process.run()
        return await withCheckedContinuation { done in
            DispatchQueue.global().async {
                let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                done.resume(returning: (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)))
            }
        }
    }

    /// Stops the server as an operator would (SIGTERM) and waits for it.
    func stop() async {
        if process.isRunning { process.terminate() }
        for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Prepares a database, starts a server on it, runs the test, stops the server and removes
    /// the database. `prepare` runs in-process before the server starts.
    static func run(
        env: [String: String] = [:], prepare: (TestApp) async throws -> Void = { _ in },
        _ body: (LiveServer) async throws -> Void
    ) async throws {
        let kind = try TestDatabase.fresh()
        // The server keeps real time, so the database is prepared at the real time too.
        try await TestApp.run(on: kind, keep: true, clock: Date(), prepare)
        let server = try await start(kind, env: env)
        do {
            try await body(server)
        } catch {
            await server.stop()
            try? await TestApp.run(on: kind, keep: false) { _ in }
            throw error
        }
        await server.stop()
        try await TestApp.run(on: kind, keep: false) { _ in }
    }
}

/// A browser-like client of a live server: it keeps cookies and sends the form token the last
/// page carried.
final class LiveClient: @unchecked Sendable {
    static let http: HTTPClient = {
        var config = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(120)))
        config.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 128)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }()
    let server: LiveServer
    var cookies: [String: String] = [:]
    var csrf: String?
    var headers: [(String, String)] = []

    init(_ server: LiveServer) { self.server = server }

    struct Page: Sendable {
        var status: HTTPResponseStatus
        var body: String
        var headers: HTTPHeaders
        var location: String? { headers.first(name: "Location") }
    }

    @discardableResult
    func get(_ path: String) async throws -> Page { try await send(.GET, path, body: nil, contentType: nil) }

    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], withToken: Bool = true) async throws -> Page {
        var all = fields
        if withToken, let csrf { all.append(("_csrf", csrf)) }
        let body = all.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, body: ByteBuffer(string: body), contentType: "application/x-www-form-urlencoded")
    }

    @discardableResult
    func upload(_ path: String, fields: [(String, String)], file: (name: String, filename: String, data: Data)?) async throws -> Page {
        let boundary = "docket-live-\(UUID().uuidString)"
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
        return try await send(.POST, path, body: ByteBuffer(data: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// A JSON API call with a bearer token.
    func api(_ method: HTTPMethod, _ path: String, token: String, json: [String: Any]? = nil) async throws -> (status: HTTPResponseStatus, json: [String: Any])
    {
        var req = HTTPClientRequest(url: server.base + path)
        req.method = method
        req.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let json {
            req.headers.add(name: "Content-Type", value: "application/json")
            req.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: json)))
        }
        let res = try await Self.http.execute(req, timeout: .seconds(120))
        let data = try await res.body.collect(upTo: 50 << 20)
        return (res.status, (try? JSONSerialization.jsonObject(with: Data(buffer: data))) as? [String: Any] ?? [:])
    }

    func signIn(_ email: String, _ password: String) async throws -> Page {
        try await get("/login")
        return try await post("/login", [("email", email), ("password", password)])
    }

    private func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }

    func send(_ method: HTTPMethod, _ path: String, body: ByteBuffer?, contentType: String?) async throws -> Page {
        var req = HTTPClientRequest(url: server.base + path)
        req.method = method
        req.headers.add(name: "Accept", value: "text/html")
        if !cookies.isEmpty {
            req.headers.add(name: "Cookie", value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        for (k, v) in headers { req.headers.add(name: k, value: v) }
        if let contentType { req.headers.add(name: "Content-Type", value: contentType) }
        if let body { req.body = .bytes(body) }
        let res = try await Self.http.execute(req, timeout: .seconds(120))
        let data = try await res.body.collect(upTo: 50 << 20)
        for set in res.headers["Set-Cookie"] {
            let parts = set.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let pair = parts.first, let eq = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<eq]), value = String(pair[pair.index(after: eq)...])
            if parts.contains(where: { $0.lowercased() == "max-age=0" }) || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: data)
        if let range = text.range(of: #"name="_csrf" value=""#) {
            let token = String(text[range.upperBound...].prefix { $0 != "\"" })
            if !token.isEmpty { csrf = token }
        }
        return Page(status: res.status, body: text, headers: res.headers)
    }
}
