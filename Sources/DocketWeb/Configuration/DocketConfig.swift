import DocketCore
import Foundation
import NIOCore

/// Everything Docket reads from its environment, read once, in one place. Start-up fails with
/// the whole list of what is wrong rather than the first problem.
public struct DocketConfig: Sendable {
    public enum DatabaseKind: Sendable, Equatable {
        case sqlite(path: String)
        /// `schema`, when set, puts every table in that PostgreSQL schema (the tests use one each).
        /// `owner`, when set, is the role that owns the tables and runs the migrations; Docket
        /// itself then connects as the role of `url`, which may only insert into the logs.
        case postgres(url: String, schema: String?, owner: String? = nil)

        public var name: String {
            switch self {
            case .sqlite: "sqlite"
            case .postgres: "postgresql"
            }
        }
    }

    public struct SMTP: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var from: String
    }

    public var database: DatabaseKind
    public var organisationName: String
    /// Where people reach this instance; links in e-mails use it, and `https` makes cookies Secure.
    public var publicURL: String = "http://127.0.0.1:8080"
    /// The relay e-mail goes through; nil keeps messages queued for the administrator.
    public var smtp: SMTP?
    /// The Ed25519 key that signs checkpoints of the chains, kept outside the database.
    public var signingKeyFile: String?
    /// Whether members' comments wait for a moderator before they appear.
    public var commentsPremoderated = false
    /// How many reports hide a comment until a moderator decides.
    public var commentReportsToHide = 3
    /// An open case with no activity for longer than this many days shows as idle on the oversight page.
    public var idleDays = 30
    /// A signed-in session ends after this long without a request…
    public var sessionIdle: TimeInterval = 60 * 60
    /// …and this long after sign-in, whatever happens.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// Proxies whose `X-Forwarded-For` is believed; from anyone else it is ignored.
    var trustedProxies: [IPRange] = []
    /// Complaints from people who are not signed in: at most this many an hour from one address…
    public var anonymousComplaintsPerAddress = 5
    /// …and this many an hour in all.
    public var anonymousComplaintsPerHour = 100
    /// Passwords are checked (bcrypt) on this many threads, with at most `signInQueue` waiting;
    /// more sign-ins at once are told to try again in a moment.
    public var signInThreads = max(1, System.coreCount - 1)
    public var signInQueue = 8 * max(1, System.coreCount - 1)
    /// API requests a minute from one token (or, without one, from one address).
    public var apiRequestsPerMinute = 600
    /// PostgreSQL connections per event loop. Appends to the record queue on one row lock, so more
    /// connections mostly help readers; SQLite always has one (see `configure`).
    public var databaseConnectionsPerLoop = 4
    /// How long a request waits for a free database connection before it is answered with an
    /// error. Writers queue on the chain lock, so under a burst the last in the queue waits for all
    /// before it; ten seconds (the drivers' default) turned bursts on a slow machine into 500s.
    public var databaseWait: TimeInterval = 60
    /// The working calendar before the settings page adds local days: the time zone, the bank
    /// holidays of `holidayRegion`, and `DOCKET_HOLIDAYS`.
    public var calendar: WorkingCalendar
    /// Whose bank holidays are not working days (`DOCKET_HOLIDAY_REGION`); nil for none.
    public var holidayRegion: BankHolidays.Region?
    public var policy: ProcedurePolicy

    public init(
        database: DatabaseKind, organisationName: String = "Docket", calendar: WorkingCalendar = .init(),
        policy: ProcedurePolicy = .init()
    ) {
        self.database = database
        self.organisationName = organisationName
        self.calendar = calendar
        self.policy = policy
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var problems: [String]
        public var description: String {
            "Docket cannot start; fix these settings:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Reads `DATABASE_URL`, `DOCKET_DB`, `DOCKET_ORG_NAME`, `DOCKET_TIMEZONE`, `DOCKET_HOLIDAYS`,
    /// `DOCKET_MIN_RESPONSE_DAYS` and `DOCKET_APPEAL_DAYS`. None is a secret, so each has a default.
    public static func fromEnvironment(_ env: [String: String]) throws -> DocketConfig {
        var problems: [String] = []
        var database = DatabaseKind.sqlite(path: env["DOCKET_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "docket.sqlite")
        if let url = env["DATABASE_URL"], !url.isEmpty {
            if let u = URLComponents(string: url), ["postgres", "postgresql"].contains(u.scheme ?? ""), u.host != nil {
                let schema = env["DOCKET_PG_SCHEMA"].flatMap { $0.isEmpty ? nil : $0 }
                if let schema, !schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) || schema.count > 63 {
                    problems.append("DOCKET_PG_SCHEMA must be a schema name of letters, digits and _ (at most 63)")
                }
                var owner: String?
                if let o = env["DATABASE_OWNER_URL"], !o.isEmpty {
                    if let u = URLComponents(string: o), ["postgres", "postgresql"].contains(u.scheme ?? ""), u.host != nil {
                        owner = o
                    } else {
                        problems.append("DATABASE_OWNER_URL must look like postgres://OWNER:PASSWORD@HOST:PORT/DATABASE")
                    }
                }
                database = .postgres(url: url, schema: schema, owner: owner)
            } else {
                problems.append("DATABASE_URL must look like postgres://USER:PASSWORD@HOST:PORT/DATABASE")
            }
        }
        var calendar = WorkingCalendar()
        if let tz = env["DOCKET_TIMEZONE"], !tz.isEmpty {
            if let zone = TimeZone(identifier: tz) {
                calendar.timeZone = zone
            } else {
                problems.append("DOCKET_TIMEZONE '\(tz)' is not a time zone name such as Europe/London")
            }
        }
        // England and Wales unless told otherwise: deadlines must not fall on Christmas Day.
        var region: BankHolidays.Region? = .englandAndWales
        if let text = env["DOCKET_HOLIDAY_REGION"]?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
            if text == "none" {
                region = nil
            } else if let r = BankHolidays.Region(rawValue: text) {
                region = r
            } else {
                problems.append(
                    "DOCKET_HOLIDAY_REGION '\(text)' is not one of \(BankHolidays.Region.allCases.map(\.rawValue).joined(separator: ", ")) or none")
            }
        }
        if let region { calendar.holidays.formUnion(BankHolidays.days(region).map(\.day)) }
        for item in (env["DOCKET_HOLIDAYS"] ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            if let day = Day(item) {
                calendar.holidays.insert(day)
            } else {
                problems.append("DOCKET_HOLIDAYS: '\(item)' is not a date in the form YYYY-MM-DD")
            }
        }
        var policy = ProcedurePolicy()
        func days(_ key: String, _ range: ClosedRange<Int>, _ apply: (Int) -> Void) {
            guard let text = env[key], !text.isEmpty else { return }
            if let n = Int(text), range.contains(n) {
                apply(n)
            } else {
                problems.append("\(key) must be a whole number of working days from \(range.lowerBound) to \(range.upperBound)")
            }
        }
        days("DOCKET_MIN_RESPONSE_DAYS", ProcedurePolicy.Bounds.minimumResponse) { policy.minimumResponseWorkingDays = $0 }
        days("DOCKET_MAX_RESPONSE_DAYS", ProcedurePolicy.Bounds.maximumResponse) { policy.maximumResponseWorkingDays = $0 }
        days("DOCKET_APPEAL_DAYS", ProcedurePolicy.Bounds.appealWindow) { policy.appealWindowWorkingDays = $0 }
        days("DOCKET_HEARING_NOTICE_DAYS", ProcedurePolicy.Bounds.hearingNotice) { policy.hearingNoticeWorkingDays = $0 }
        if policy.maximumResponseWorkingDays < policy.minimumResponseWorkingDays {
            problems.append("DOCKET_MAX_RESPONSE_DAYS cannot be shorter than DOCKET_MIN_RESPONSE_DAYS")
        }
        var publicURL = "http://127.0.0.1:8080"
        if let url = env["DOCKET_PUBLIC_URL"], !url.isEmpty {
            if url.hasPrefix("http://") || url.hasPrefix("https://") {
                publicURL = String(url.reversed().drop { $0 == "/" }.reversed())
            } else {
                problems.append("DOCKET_PUBLIC_URL must start with http:// or https://")
            }
        }
        var smtp: SMTP?
        if let host = env["DOCKET_SMTP_HOST"], !host.isEmpty {
            let port = Int(env["DOCKET_SMTP_PORT"] ?? "25")
            let from = env["DOCKET_SMTP_FROM"] ?? ""
            if port == nil { problems.append("DOCKET_SMTP_PORT must be a port number") }
            if !from.contains("@") { problems.append("DOCKET_SMTP_FROM must be the sender's e-mail address when DOCKET_SMTP_HOST is set") }
            smtp = SMTP(host: host, port: port ?? 25, from: from)
        }
        var premoderated = false
        if let v = env["DOCKET_COMMENTS_PREMODERATED"], !v.isEmpty {
            switch v.lowercased() {
            case "yes", "true", "1": premoderated = true
            case "no", "false", "0": premoderated = false
            default: problems.append("DOCKET_COMMENTS_PREMODERATED must be yes or no")
            }
        }
        var reportsToHide = 3
        if let text = env["DOCKET_COMMENT_REPORTS_TO_HIDE"], !text.isEmpty {
            if let n = Int(text), n > 0 {
                reportsToHide = n
            } else {
                problems.append("DOCKET_COMMENT_REPORTS_TO_HIDE must be a positive whole number of reports")
            }
        }
        var idleDays = 30
        if let text = env["DOCKET_IDLE_DAYS"], !text.isEmpty {
            if let n = Int(text), n > 0 { idleDays = n } else { problems.append("DOCKET_IDLE_DAYS must be a positive whole number of days") }
        }
        func positive(_ key: String, _ what: String, range: ClosedRange<Int> = 1...1_000_000) -> Int? {
            guard let text = env[key], !text.isEmpty else { return nil }
            guard let n = Int(text), range.contains(n) else {
                problems.append("\(key) must be a whole number of \(what) from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return n
        }
        let sessionIdle = positive("DOCKET_SESSION_IDLE_MINUTES", "minutes", range: 1...1440)
        let sessionHours = positive("DOCKET_SESSION_HOURS", "hours", range: 1...720)
        let perAddress = positive("DOCKET_ANONYMOUS_COMPLAINTS_PER_ADDRESS", "complaints an hour")
        let perHour = positive("DOCKET_ANONYMOUS_COMPLAINTS_PER_HOUR", "complaints an hour")
        let signInThreads = positive("DOCKET_SIGN_IN_THREADS", "threads", range: 1...64)
        let signInQueue = positive("DOCKET_SIGN_IN_QUEUE", "sign-ins", range: 0...10_000)
        let apiPerMinute = positive("DOCKET_API_REQUESTS_PER_MINUTE", "requests a minute", range: 1...1_000_000)
        let connections = positive("DOCKET_DB_CONNECTIONS_PER_LOOP", "connections", range: 1...64)
        let dbWait = positive("DOCKET_DB_WAIT_SECONDS", "seconds", range: 1...600)
        if let idle = sessionIdle, let hours = sessionHours, idle > hours * 60 {
            problems.append("DOCKET_SESSION_IDLE_MINUTES cannot be longer than DOCKET_SESSION_HOURS")
        }
        var proxies: [IPRange] = []
        for item in (env["DOCKET_TRUSTED_PROXIES"] ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            if let r = IPRange(item) {
                proxies.append(r)
            } else {
                problems.append("DOCKET_TRUSTED_PROXIES: '\(item)' is not an IP address or a block such as 10.0.0.0/8")
            }
        }
        guard problems.isEmpty else { throw Invalid(problems: problems) }
        let name = env["DOCKET_ORG_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "Docket"
        var config = DocketConfig(database: database, organisationName: name, calendar: calendar, policy: policy)
        config.holidayRegion = region
        config.publicURL = publicURL
        config.smtp = smtp
        config.commentsPremoderated = premoderated
        config.commentReportsToHide = reportsToHide
        config.idleDays = idleDays
        if let m = sessionIdle { config.sessionIdle = TimeInterval(m * 60) }
        if let h = sessionHours { config.sessionLifetime = TimeInterval(h * 3600) }
        if let n = perAddress { config.anonymousComplaintsPerAddress = n }
        if let n = perHour { config.anonymousComplaintsPerHour = n }
        if let n = signInThreads { config.signInThreads = n; config.signInQueue = 8 * n }
        if let n = signInQueue { config.signInQueue = n }
        if let n = apiPerMinute { config.apiRequestsPerMinute = n }
        if let n = connections { config.databaseConnectionsPerLoop = n }
        if let n = dbWait { config.databaseWait = TimeInterval(n) }
        config.trustedProxies = proxies
        config.signingKeyFile = env["DOCKET_SIGNING_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        return config
    }
}
