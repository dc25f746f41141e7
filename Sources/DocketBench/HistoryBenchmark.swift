import DocketCore
import DocketStore
import DocketWeb
import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Vapor

/// `docket-bench history`: generates a history of a million cases in SQLite through the real
/// procedure, then times `audit verify`, the quarterly report and every oversight page over HTTP
/// on 127.0.0.1. Run it in release mode; see docs/benchmarks.md.
public enum HistoryBenchmark {
    public static func run(arguments args: [String]) async throws {
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
            return v
        }
        let cases = option("--cases", 1_000_000)
        let members = option("--members", 5_000)
        let years = option("--years", 3)  // the demo rulebook is in force from 2023
        let runs = option("--runs", 5)
        let notesPerStep = Double(option("--notes-percent", 75)) / 100
        let path =
            args.firstIndex(of: "--db").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
            ?? NSTemporaryDirectory() + "docket-history.sqlite"
        let reuse = args.contains("--reuse") && FileManager.default.fileExists(atPath: path)
        // A fixed "now", so the same arguments give the same history.
        let now = WorkingCalendar().start(of: Day("2026-11-26")!).addingTimeInterval(12 * 3600)
        let password = "benchmark password"

        if !reuse { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let app = try await Application.make(Environment(name: "production", arguments: ["docket-bench"]))
        app.directory = AppDirectory.detect()
        app.logger.logLevel = .warning
        do {
            try await configure(
                app,
                services: DocketServices(
                    config: DocketConfig(database: .sqlite(path: path), organisationName: "Benchmark"),
                    clock: { now }))
            if !reuse {
                try await generate(app, cases: cases, members: members, years: years, notesPerStep: notesPerStep, now: now, password: password, path: path)
            }
            if let url = args.firstIndex(of: "--postgres").flatMap({ $0 + 1 < args.count ? args[$0 + 1] : nil }) {
                try await onPostgres(url: url, from: app, now: now, runs: runs, password: password, args: args)
            } else {
                try await measure(app, path: path, runs: runs, password: password, args: args)
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// The same history on PostgreSQL: copied from the SQLite file into a schema of its own
    /// (`docket_bench`, made anew unless `--reuse-postgres`), then measured as on SQLite; with
    /// `--serve N`, also under load through N `docket serve` processes behind one port.
    static func onPostgres(url: String, from sqlite: Application, now: Date, runs: Int, password: String, args: [String]) async throws {
        let schema = "docket_bench"
        let app = try await Application.make(Environment(name: "production", arguments: ["docket-bench"]))
        app.directory = AppDirectory.detect()
        app.logger.logLevel = .warning
        do {
            if !args.contains("--reuse-postgres") {
                var pg = try SQLPostgresConfiguration(url: url)
                pg.searchPath = ["public"]
                let admin = try await Application.make(Environment(name: "production", arguments: ["docket-bench"]))
                admin.databases.use(.postgres(configuration: pg), as: .psql)
                try await (admin.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
                try await admin.asyncShutdown()
            }
            try await configure(
                app,
                services: DocketServices(
                    config: DocketConfig(database: .postgres(url: url, schema: schema), organisationName: "Benchmark"), clock: { now }))
            let pg = app.db as! any SQLDatabase
            if try await pg.raw("SELECT COUNT(*) AS n FROM cases").first()?.decode(column: "n", as: Int.self) == 0 {
                say("Copying the history into PostgreSQL (schema \(schema))…")
                let start = ContinuousClock.now
                try await PostgresCopy.copy(from: sqlite.db as! any SQLDatabase, to: pg, say: say)
                say(String(format: "copied in %.0f s", seconds(since: start)))
            }
            try await measure(app, path: nil, runs: runs, password: password, args: args)
            if let n = args.firstIndex(of: "--serve").flatMap({ $0 + 1 < args.count ? Int(args[$0 + 1]) : nil }), n > 0 {
                try await ServeProcesses.load(
                    app, count: n, databaseURL: url, schema: schema, password: password,
                    seconds: args.firstIndex(of: "--load").flatMap { $0 + 1 < args.count ? Int(args[$0 + 1]) : nil } ?? 10)
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Written at once, not buffered: the generation takes minutes and shows its progress.
    static func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func generate(_ app: Application, cases: Int, members: Int, years: Int, notesPerStep: Double, now: Date, password: String, path: String) async throws
    {
        say("Generating \(cases) cases over \(years) years into \(path)…")
        try await RulebookFile.store(DemoRulebook.versions, on: app.db)
        var rng = SplitMix64(seed: 2026)
        let org = try await DemoOrganisation.build(memberCount: members, rng: &rng, on: app.db)
        let hash = try Bcrypt.hash(password)
        try await Person.query(on: app.db).filter(\.$rolesText != Role.member.rawValue).set(\.$passwordHash, to: hash).update()
        let procedure = try await app.docket.procedure(on: app.db)
        let writer = try HistoryWriter(path: path)
        let addresses = try await Person.query(on: app.db).all().reduce(into: [PersonID: String]()) { out, p in
            if let email = p.email { out[p.id!] = email }
        }
        let world = MemoryWorld(
            procedure: procedure, writer: writer,
            people: [.caseworker: org.caseworkers.map(\.id), .panelMember: org.panel.map(\.id), .reviewer: org.reviewers.map(\.id)],
            mailer: try await app.docket.store(on: app.db), addresses: addresses)
        var sim = DemoSimulation(org: org, world: world, rng: rng, now: now)
        sim.spanDays = years * 365
        sim.notesPerStep = notesPerStep
        let start = ContinuousClock.now
        try await sim.run(cases: cases) { done, commands in
            if done % 50_000 == 0 || done == cases {
                let s = seconds(since: start)
                say(String(format: "  %7d cases finished, %9lld events, %6.0f s, %7.0f events/s", done, writer.head.seq, s, Double(writer.head.seq) / s))
            }
        }
        try writer.finish()
        // What `docket serve` does when it starts on this database: planner statistics.
        try await (app.db as! any SQLDatabase).raw("PRAGMA optimize=0x10002").run()
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        say(
            String(
                format: "Generated %d cases and %lld events (%d commands) in %.0f s; file %.1f GB.",
                cases, writer.head.seq, sim.commands, seconds(since: start), Double(size) / 1e9))
    }

    /// `path` is the SQLite file, or nil on PostgreSQL.
    static func measure(_ app: Application, path: String?, runs: Int, password: String, args: [String]) async throws {
        if path != nil { try await (app.db as! any SQLDatabase).raw("PRAGMA optimize=0x10002").run() }
        let head = try await ChainHead.find("events", on: app.db)
        let caseCount = try await CaseSummary.query(on: app.db).count()
        say("History: \(caseCount) cases, \(head?.seq ?? 0) events.")
        // Every table `CaseStore` writes, counted: a generator that skipped one would show here.
        var counts: [String] = []
        for table in ["case_facts", "case_members", "interference_register", "programme_reviews", "notifications", "outbox"] {
            let n = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? 0
            counts.append("\(table) \(n)")
            // The simulation opens no review programme; every other table has rows in any history.
            if n == 0, table != "programme_reviews" { throw CommandFailure("the generated history has no rows in \(table)") }
        }
        say("Rows: " + counts.joined(separator: ", ") + ".")
        // The generator writes no search rows; index the history as a migrated database would be.
        if try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM case_search").first()?.decode(column: "n", as: Int.self) == 0 {
            let start = ContinuousClock.now
            try await CaseSearch.backfill(on: app.db)
            say(String(format: "indexed %d cases for search (as migration M022 does): %.1f s", caseCount, seconds(since: start)))
        }

        // audit verify, on one core (the verifier is one sequential walk).
        var rates: [Double] = []
        for _ in 0..<(args.contains("--skip-verify") || path == nil ? 0 : runs) {
            let start = ContinuousClock.now
            let report = try AuditVerifier.verify(sqlite: path!)
            let s = seconds(since: start)
            rates.append(Double(report.events + report.accesses) / s)
            say(String(format: "  audit verify: %lld events + %lld reads in %.2f s = %.2f M entries/s", report.events, report.accesses, s, rates.last! / 1e6))
        }
        if !rates.isEmpty { say(String(format: "audit verify median: %.2f M entries/s", Statistics.quantile(rates, 0.5)! / 1e6)) }

        // The first use in a process reads the whole projection into memory; later uses read only
        // the rows written since.
        var start = ContinuousClock.now
        let all = try await app.docket.oversightCases(on: app.db)
        say(String(format: "first load of the oversight projection (%d cases) into memory: %.2f s", all.count, seconds(since: start)))
        start = ContinuousClock.now
        _ = try await app.docket.oversightCases(on: app.db)
        say(String(format: "bringing it up to date when nothing changed: %.4f s", seconds(since: start)))

        // The quarterly report as `docket report` builds it.
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            _ = try await OversightData.report(period: "2026-Q3", threshold: 5, on: app.db, services: app.docket)
            times.append(seconds(since: start))
        }
        say(String(format: "docket report --period 2026-Q3: median %.3f s, max %.3f s", Statistics.quantile(times, 0.5)!, times.max()!))

        // Every oversight page over HTTP, as the people who use them.
        // Redirects are answers to check, not to follow: a page that sends to the login form failed.
        app.http.client.configuration.redirectConfiguration = .disallow
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        try await app.server.start(address: nil)
        defer { Task { await app.server.shutdown() } }
        guard let port = app.http.server.shared.localAddress?.port else { throw CommandFailure("the server did not start") }
        let base = "http://127.0.0.1:\(port)"
        // The audit page builds on the last full verification: record one, as `docket audit
        // verify` from cron would, so that the page timed is the one auditors read, not the
        // "verification running" page of a record never verified.
        start = ContinuousClock.now
        let (run, _) = try await app.docket.fullVerification(on: app.db, startedBy: nil)
        guard run.passed == true else { throw CommandFailure("the full verification of the generated history failed: \(run.detail ?? "")") }
        say(String(format: "full verification, recorded for the audit page: %.2f s", seconds(since: start)))

        // Each page with what it must show: a page that answers 200 but lacks it (an empty
        // table, an error text) fails the benchmark rather than being timed.
        let pages: [(String?, String, String)] = [
            ("governance1@staff.example", "/oversight", "Open cases by stage"),
            ("governance1@staff.example", "/oversight?from=2023-01-01&to=2026-11-26", "Open cases by stage"),
            ("governance1@staff.example", "/oversight/timeliness-caseworker.csv?from=2023-01-01&to=2026-11-26", "caseworker"),
            ("governance1@staff.example", "/oversight/outcomes-caseworker.csv", "caseworker"),
            ("governance1@staff.example", "/governance", "Overdue cases"),
            // My cases reads `case_members`, with each person's own deadline; a search, and a
            // filter, page the same way. Messages and the audit page's access log page too.
            ("caseworker1@staff.example", "/cases", "DK-"),
            ("caseworker1@staff.example", "/cases?q=bullying", "DK-"),
            ("caseworker1@staff.example", "/cases?overdue=1&route=standard", "My cases"),
            ("caseworker1@staff.example", "/notifications", "Messages"),
            ("auditor1@staff.example", "/audit?reads_case=DK-2023-00001", "Access log"),
            ("reviewer1@staff.example", "/review", "Decisions to verify or veto"),
            ("reviewer1@staff.example", "/review/programmes", "Review programmes"),
            ("auditor1@staff.example", "/oversight", "Open cases by stage"),
            ("auditor1@staff.example", "/audit", "The last full verification"),
            (nil, "/reports", "Transparency reports"),
            (nil, "/reports/2026-Q3", "Transparency report 2026-Q3"),
            (nil, "/reports/2026-Q3.csv", "section"),
            (nil, "/reports/2026-Q3.json", "\"period\""),
        ]
        var sessions: [String: String] = [:]  // by e-mail address: the session cookie
        say("page | median s | max s | bytes")
        let only = args.firstIndex(of: "--only").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
        for (who, page, mustShow) in pages where only.map({ page.hasPrefix($0) }) ?? true {
            var cookie: String?
            if let who {
                if sessions[who] == nil { sessions[who] = try await signIn(app, base: base, email: who, password: password) }
                cookie = sessions[who]
            }
            var times: [Double] = []
            var bytes = 0
            for _ in 0..<runs {
                var headers = HTTPHeaders()
                if let cookie { headers.add(name: .cookie, value: cookie) }
                let start = ContinuousClock.now
                let res = try await app.client.get(URI(string: base + page), headers: headers)
                times.append(seconds(since: start))
                guard res.status == .ok else { throw CommandFailure("\(page) as \(who ?? "the public") answered \(res.status)") }
                bytes = res.body?.readableBytes ?? 0
                let text = res.body.map { String(buffer: $0) } ?? ""
                guard text.contains(mustShow), bytes >= 200 else {
                    throw CommandFailure("\(page) as \(who ?? "the public") answered 200 without \"\(mustShow)\" (\(bytes) bytes)")
                }
            }
            say(String(format: "%@%@ | %.3f | %.3f | %d", page, who.map { " (\($0))" } ?? "", Statistics.quantile(times, 0.5)!, times.max()!, bytes))
        }

        let loadSeconds = args.firstIndex(of: "--load").flatMap { $0 + 1 < args.count ? Int(args[$0 + 1]) : nil } ?? 0
        if loadSeconds > 0 {
            let caseworker = "caseworker1@staff.example"
            if sessions[caseworker] == nil { sessions[caseworker] = try await signIn(app, base: base, email: caseworker, password: password) }
            try await load(app, base: base, seconds: loadSeconds, cookie: sessions[caseworker]!)
        }
    }

    /// Requests per second under load, each page beside `/health` on the same server in the same
    /// run: wrk from Debian's packages, 16 connections, on 127.0.0.1 only, for `seconds` each.
    static func load(_ app: Application, base: String, seconds: Int, cookie: String) async throws {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CommandFailure("--load needs wrk (apt-get install wrk)")
        }
        // A case the caseworker handles, from their own list.
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: cookie)
        let list = try await app.client.get(URI(string: base + "/cases"), headers: headers)
        let text = list.body.map { String(buffer: $0) } ?? ""
        guard let at = text.range(of: #"/cases/[0-9a-f-]{36}"#, options: .regularExpression) else {
            throw CommandFailure("the caseworker's list shows no case to open")
        }
        let casePage = String(text[at])
        let targets: [(label: String, path: String, signedIn: Bool)] = [
            ("/health", "/health", false),
            ("public quarterly report (anonymous)", "/reports/2026-Q3", false),
            ("transparency index (anonymous)", "/reports", false),
            ("My cases, caseworker (signed in)", "/cases", true),
            ("Messages, caseworker (signed in)", "/notifications", true),
            ("case page, caseworker (signed in; one access-log entry per view)", casePage, true),
            ("/health, again", "/health", false),
        ]
        say("Load: wrk -t2 -c16 -d\(seconds)s on 127.0.0.1, one page after another on this server.")
        say("page | requests/s | p50 ms | p99 ms | share of /health")
        var results: [(String, Double, Double, Double)] = []
        for t in targets {
            var arguments = ["-t2", "-c16", "-d\(seconds)s", "--latency", "-H", "Accept: text/html"]
            if t.signedIn { arguments += ["-H", "Cookie: \(cookie)"] }
            arguments.append(base + t.path)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: wrk)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            func figure(_ pattern: String) -> Double? {
                guard let r = output.range(of: pattern, options: .regularExpression) else { return nil }
                let found = String(output[r])
                let number = found.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) ?? ""
                if number.hasSuffix("ms") { return Double(number.dropLast(2)) }
                if number.hasSuffix("us") { return Double(number.dropLast(2)).map { $0 / 1000 } }
                if number.hasSuffix("s") { return Double(number.dropLast(1)).map { $0 * 1000 } }
                return Double(number)
            }
            if output.contains("Non-2xx or 3xx responses") {
                throw CommandFailure("\(t.path) answered errors under load:\n\(output)")
            }
            guard let rate = figure(#"Requests/sec:\s+[0-9.]+"#) else { throw CommandFailure("wrk gave no figure for \(t.path):\n\(output)") }
            let p50 = figure(#"50%\s+[0-9.]+(us|ms|s)"#) ?? 0, p99 = figure(#"99%\s+[0-9.]+(us|ms|s)"#) ?? 0
            results.append((t.label, rate, p50, p99))
        }
        let health = (results.first!.1 + results.last!.1) / 2
        for (label, rate, p50, p99) in results {
            say(String(format: "%@ | %.0f | %.1f | %.1f | %.0f%%", label, rate, p50, p99, 100 * rate / health))
        }
    }

    /// Signs in through the login form, as a browser would; returns the session cookie.
    static func signIn(_ app: Application, base: String, email: String, password: String) async throws -> String {
        let form = try await app.client.get(URI(string: base + "/login"))
        guard let cookie = form.headers.first(name: .setCookie)?.split(separator: ";").first.map(String.init),
            let body = form.body.map({ String(buffer: $0) }), let range = body.range(of: #"name="_csrf" value=""#)
        else {
            throw CommandFailure("the login page gave no session or CSRF token")
        }
        let csrf = String(body[range.upperBound...].prefix { $0 != "\"" })
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: cookie)
        let res = try await app.client.post(URI(string: base + "/login"), headers: headers) { req in
            try req.content.encode(["email": email, "password": password, "_csrf": csrf], as: .urlEncodedForm)
        }
        guard res.status == .seeOther else { throw CommandFailure("sign-in of \(email) answered \(res.status)") }
        return res.headers.first(name: .setCookie)?.split(separator: ";").first.map(String.init) ?? cookie
    }
}
