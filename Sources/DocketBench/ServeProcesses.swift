import DocketWeb
import Foundation
import Vapor

/// The scale-out path, measured: N `docket serve` processes on one PostgreSQL database behind
/// one port (Debian's HAProxy, round robin by connection, 127.0.0.1 only), loaded by `wrk` page
/// after page beside `/health` through the same port, as `HistoryBenchmark.load` does for one.
enum ServeProcesses {
    static func load(_ app: Application, count: Int, databaseURL: String, schema: String, password: String, seconds: Int) async throws {
        guard let haproxy = ["/usr/sbin/haproxy", "/usr/bin/haproxy"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CommandFailure("--serve needs HAProxy (apt-get install haproxy)")
        }
        let docket = ".build/release/docket"
        guard FileManager.default.isExecutableFile(atPath: docket) else {
            throw CommandFailure("--serve runs \(docket): build it first (swift build -c release --product docket)")
        }
        let base = 18_600
        var processes: [Process] = []
        defer { for p in processes where p.isRunning { p.terminate() } }
        for i in 0..<count {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: docket)
            p.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(base + 1 + i)]
            var env = ProcessInfo.processInfo.environment
            env["DATABASE_URL"] = databaseURL
            env["DOCKET_PG_SCHEMA"] = schema
            env["DOCKET_ORG_NAME"] = "Benchmark"
            env["LOG_LEVEL"] = "warning"
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            processes.append(p)
        }
        let config = """
            global
              maxconn 4096
            defaults
              mode tcp
              timeout connect 5s
              timeout client 120s
              timeout server 120s
            frontend docket
              bind 127.0.0.1:\(base)
              default_backend serve
            backend serve
              balance roundrobin
            \((0..<count).map { "  server s\($0) 127.0.0.1:\(base + 1 + $0)" }.joined(separator: "\n"))
            """
        let file = NSTemporaryDirectory() + "docket-bench-haproxy.cfg"
        try (config + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: haproxy)
        proxy.arguments = ["-f", file, "-db"]
        proxy.standardOutput = FileHandle.nullDevice
        try proxy.run()
        processes.append(proxy)
        // Every process answers /health before the load starts.
        for i in 0...count {
            let port = i == count ? base : base + 1 + i
            var up = false
            for _ in 0..<240 where !up {
                up = (try? await app.client.get(URI(string: "http://127.0.0.1:\(port)/health")).status) == .ok
                if !up { try await Task.sleep(for: .milliseconds(500)) }
            }
            guard up else { throw CommandFailure("port \(port) did not answer /health in two minutes") }
        }
        HistoryBenchmark.say("\(count) docket serve processes on PostgreSQL behind HAProxy on 127.0.0.1:\(base).")
        let front = "http://127.0.0.1:\(base)"
        let cookie = try await HistoryBenchmark.signIn(app, base: front, email: "caseworker1@staff.example", password: password)
        try await HistoryBenchmark.load(app, base: front, seconds: seconds, cookie: cookie)
    }
}
