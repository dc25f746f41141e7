import DocketCore
import DocketStore
import Fluent
import SQLKit
import Vapor

/// Users and roles, rulebook versions, settings, the member register and the e-mail outbox.
/// Administrators see no case contents unless a case is assigned to them in another role.
struct AdminController: RouteCollection {
    struct UsersPage: Encodable {
        struct User: Encodable {
            var name: String; var email: String; var roles: [RoleBox]; var action: String; var invited: Bool
            var active: Bool; var toggle: String; var me: Bool
        }
        struct RoleBox: Encodable { var value: String; var label: String; var checked: Bool }
        struct Row: Encodable { var name: String; var href: String; var email: String; var roles: String; var invited: Bool; var active: Bool }
        var chrome: Chrome; var rows: [Row]; var roles: [RoleBox]; var q: String; var role: String; var roleOptions: [RoleBox]
        var more: String?; var total: Int; var sorts: [CaseWebController.ListPage.Option]
    }
    struct PersonPage: Encodable {
        var chrome: Chrome; var user: UsersPage.User; var number: String?; var erasure: String; var pendingErasure: Bool
    }
    struct RulebookPage: Encodable {
        struct Version: Encodable { var version: String; var from: String; var clauses: Int; var imported: String; var backdated: Bool }
        var chrome: Chrome; var versions: [Version]; var errors: [String]
    }
    struct SettingsPage: Encodable {
        struct Limit: Encodable { var stage: String; var label: String; var target: Int; var maximum: Int }
        var chrome: Chrome; var minimumResponse: Int; var maximumResponse: Int; var appealWindow: Int; var hearingNotice: Int; var panelSize: Int;
        var holidays: String
        /// The days that come from the configuration, which the page cannot remove: the region's
        /// bank holidays and DOCKET_HOLIDAYS.
        var region: String; var fixedCount: Int; var fixedUpcoming: [String]
        var limits: [Limit]; var errors: [String]
        struct Retention: Encodable { var key: String; var label: String; var months: Int }
        var retention: [Retention]
        var retaliationWindow: Int
    }
    struct RegisterPage: Encodable { var chrome: Chrome; var members: Int; var officials: Int; var errors: [String]; var result: String? }
    struct OutboxPage: Encodable {
        struct Message: Encodable { var at: String; var to: String; var kind: String; var status: String; var attempts: Int; var error: String? }
        struct Status: Encodable { var value: String; var label: String; var count: Int; var selected: Bool }
        var chrome: Chrome; var relay: Bool; var messages: [Message]; var statuses: [Status]; var more: String?; var filtered: Bool
        var domain: String; var status: String; var sorts: [CaseWebController.ListPage.Option]
    }

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin").grouped(RequireRole(role: .admin))
        admin.get("users", use: users)
        admin.get("users", ":personID", use: person)
        admin.post("users", use: invite)
        admin.post("users", ":personID", "roles", use: setRoles)
        admin.post("users", ":personID", "deactivate", use: deactivate)
        admin.post("users", ":personID", "reactivate", use: reactivate)
        admin.post("users", ":personID", "erasure", use: proposeErasure)
        admin.get("rulebook", use: rulebook)
        admin.form("rulebook", maxSize: "2mb", use: importRulebook)
        admin.get("settings", use: settings)
        admin.post("settings", use: saveSettings)
        admin.get("register", use: register)
        admin.form("register", maxSize: "20mb", use: importRegister)
        admin.get("outbox", use: outbox)
    }

    func roleBoxes(_ roles: Set<Role>) -> [UsersPage.RoleBox] {
        Role.allCases.map { UsersPage.RoleBox(value: $0.rawValue, label: $0.title, checked: roles.contains($0)) }
    }

    struct UsersQuery: Content { var q: String?; var role: String?; var after: String?; var sort: String? }
    static let usersPerPage = 25
    static let userOrders = [
        ListOrder(name: "name", label: "By name", column: "display_name", descending: false, key: .text),
        ListOrder(name: "name-desc", label: "By name, Z to A", column: "display_name", descending: true, key: .text),
    ]

    /// Staff and volunteers (everyone with a role beyond member, and every deactivated account),
    /// found by name, e-mail address or membership number and by role, 25 at a time by name; each
    /// person's roles and account are changed on their own page. The database finds and pages
    /// them (keyset in the chosen order), so a register of a million members costs one page.
    func users(req: Request) async throws -> View {
        let query = (try? req.query.decode(UsersQuery.self)) ?? UsersQuery()
        let q = Person.query(on: req.db).group(.or) { $0.filter(\.$rolesText != Role.member.rawValue).filter(\.$deactivatedAt != nil) }
        let text = String((query.q ?? "").trimmingCharacters(in: .whitespaces).lowercased().prefix(100))
        if !text.isEmpty {
            let pattern = likePattern(containing: text)
            let columns = ["display_name", "email", "membership_number"].map { c -> SQLQueryString in
                "LOWER(COALESCE(\(ident: Person.schema).\(ident: c), '')) LIKE \(bind: pattern) ESCAPE '\\'"
            }
            q.filter(.sql(embed: "(\(columns[0]) OR \(columns[1]) OR \(columns[2]))"))
        }
        let role = query.role.flatMap(Role.init(rawValue:))
        if let role { q.filter(.sql(embed: "(',' || \(ident: Person.schema).\(ident: "roles") || ',') LIKE \(bind: "%," + role.rawValue + ",%")")) }
        let total = try await q.copy().count()
        let order = ListOrder.chosen(query.sort, from: Self.userOrders)
        order.apply(q, table: Person.schema, after: query.after)
        let fetched = try await q.limit(Self.usersPerPage + 1).all()
        let page = fetched.prefix(Self.usersPerPage)
        let more =
            fetched.count > Self.usersPerPage
            ? page.last.map {
                SiteURL.usersPage(q: query.q, role: query.role, sort: order.field(in: Self.userOrders).1, after: order.cursor($0.displayName, id: $0.id!))
            } : nil
        return try await req.page(
            "admin-users",
            UsersPage(
                chrome: Chrome(req, title: "Users and roles"),
                rows: page.map { p in
                    .init(
                        name: p.displayName, href: SiteURL.userPage(p.id!), email: p.email ?? "", roles: p.roles.sorted().map(\.title).joined(separator: ", "),
                        invited: p.passwordHash == nil, active: p.isActive)
                }, roles: roleBoxes([]), q: query.q ?? "", role: role?.rawValue ?? "",
                roleOptions: Role.allCases.map { .init(value: $0.rawValue, label: $0.title, checked: $0 == role) }, more: more, total: total,
                sorts: ListOrder.options(Self.userOrders, chosen: order)))
    }

    func person(req: Request) async throws -> View {
        let me = try req.auth.require(Person.self)
        guard let id = req.parameters.get("personID", as: UUID.self), let p = try await Person.find(id, on: req.db) else { throw Abort(.notFound) }
        let user = UsersPage.User(
            name: p.displayName, email: p.email ?? "", roles: roleBoxes(p.roles), action: SiteURL.userRoles(id), invited: p.passwordHash == nil,
            active: p.isActive, toggle: SiteURL.userAccount(id, p.isActive ? "deactivate" : "reactivate"), me: id == me.id)
        let pending = try await ErasureRequest.query(on: req.db).filter(\.$personId == id).filter(\.$status == "pending").first() != nil
        return try await req.page(
            "admin-user",
            PersonPage(
                chrome: Chrome(req, title: p.displayName), user: user, number: p.membershipNumber, erasure: SiteURL.userErasure(id),
                pendingErasure: pending))
    }

    struct InviteForm: Content { var name: String; var email: String; var roles: [String]? }

    /// Creates the account of someone new, with their roles, and e-mails them a one-time link to
    /// set a password; the administrator never sees it. An address that already has an account is refused: an invitation is never a way
    /// into someone else's account.
    func invite(req: Request) async throws -> Response {
        let form = try req.content.decode(InviteForm.self)
        let admin = try req.auth.require(Person.self)
        let email = form.email.trimmingCharacters(in: .whitespaces).lowercased()
        guard email.contains("@"), !form.name.isBlank else { return req.back(to: SiteURL.adminUsers, "error", "Give a name and an e-mail address.") }
        let chosen = Set((form.roles ?? []).compactMap(Role.init(rawValue:)))
        let roles = chosen.isEmpty ? [.member] : chosen
        if try await Person.byEmail(email, on: req.db) != nil {
            return req.back(
                to: SiteURL.adminUsers, "error",
                "\(email) already has an account. An invitation is for a new address only; change that person's roles in the table, and they can reset their own password from the sign-in page."
            )
        }
        if roles.contains(.admin), !roles.isDisjoint(with: AccountActs.caseRoles) {
            return req.back(to: SiteURL.adminUsers, "error", "An administrator cannot also hold a role that opens case files.")
        }
        let token = TokenHash.newToken()
        let now = req.docket.clock()
        let base = req.docket.config.publicURL
        let org = req.docket.config.organisationName
        try await req.db.transaction { tx in
            let person = Person(displayName: form.name, email: email, roles: roles)
            try await person.create(on: tx)
            try await Invitation(
                personId: person.id!, tokenHash: TokenHash.of(token), expiresAt: now.addingTimeInterval(PasswordLinks.invitationLifetime), at: now
            ).create(on: tx)
            try await OutboxMessage(
                to: email, subject: "Your account with \(org)",
                body: "Set your password within seven days: \(base)\(SiteURL.invitation(token))", at: now
            ).create(on: tx)
            try await AccountActs.record(
                .accountInvited(.init(from: [], to: roles.map(\.rawValue).sorted())), about: nil, stream: person.requireID(),
                by: admin.id, at: now, org: org, on: tx)
        }
        return req.back(
            to: SiteURL.adminUsers, "ok",
            req.docket.config.smtp != nil
                ? "Invitation e-mailed to \(email). Its link works once, within seven days."
                : "Invitation queued for \(email), but no e-mail relay is configured (DOCKET_SMTP_HOST), so it waits in the outbox. Whoever runs the server can print a link with `docket admin reset-link --email \(email)`; that is recorded."
        )
    }

    func setRoles(req: Request) async throws -> Response {
        struct Form: Content { var roles: [String]? }
        guard let id = req.parameters.get("personID", as: UUID.self), let person = try await Person.find(id, on: req.db) else { throw Abort(.notFound) }
        let me = try req.auth.require(Person.self)
        let roles = Set((try req.content.decode(Form.self).roles ?? []).compactMap(Role.init(rawValue:)))
        do {
            let changed = try await AccountActs.setRoles(roles, of: person, by: me, at: req.docket.clock(), org: req.docket.config.organisationName, on: req.db)
            return req.back(
                to: SiteURL.userPage(id), "ok",
                changed ? "Roles of \(person.displayName) saved; their sessions were ended, and the change is recorded." : "Nothing changed.")
        } catch let refused as AccountActs.Refused {
            return req.back(to: SiteURL.userPage(id), "error", refused.message)
        }
    }

    /// Proposes the erasure of a person's data, with reasons; an independent reviewer decides.
    func proposeErasure(req: Request) async throws -> Response {
        struct Form: Content { var reasons: String? }
        guard let id = req.parameters.get("personID", as: UUID.self), let person = try await Person.find(id, on: req.db) else { throw Abort(.notFound) }
        let me = try req.auth.require(Person.self)
        let reasons = (try req.content.decode(Form.self).reasons ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            _ = try await ErasureOnRequest.propose(person, reasons: reasons, by: me, services: req.docket, on: req.db)
        } catch let refused as ErasureOnRequest.Refused {
            return req.back(to: SiteURL.userPage(id), "error", refused.message)
        }
        return req.back(
            to: SiteURL.userPage(id), "ok",
            "The erasure of \(person.displayName)'s data is proposed. An independent reviewer decides it; nothing is erased until then.")
    }

    func deactivate(req: Request) async throws -> Response { try await activation(req, deactivate: true) }
    func reactivate(req: Request) async throws -> Response { try await activation(req, deactivate: false) }

    func activation(_ req: Request, deactivate: Bool) async throws -> Response {
        guard let id = req.parameters.get("personID", as: UUID.self), let person = try await Person.find(id, on: req.db) else { throw Abort(.notFound) }
        let me = try req.auth.require(Person.self)
        let now = req.docket.clock(), org = req.docket.config.organisationName
        do {
            if deactivate {
                try await AccountActs.deactivate(person, by: me, at: now, org: org, on: req.db)
            } else {
                try await AccountActs.reactivate(person, by: me, at: now, org: org, on: req.db)
            }
        } catch let refused as AccountActs.Refused {
            return req.back(to: SiteURL.userPage(id), "error", refused.message)
        }
        return req.back(
            to: SiteURL.userPage(id), "ok",
            deactivate
                ? "\(person.displayName) is deactivated: their sessions and tokens ended, and they keep their place in the record."
                : "\(person.displayName) is active again. They sign in with their password; tokens must be issued anew.")
    }

    func rulebook(req: Request, errors: [String]) async throws -> View {
        // Which versions came in backdated, as the chain recorded their import.
        struct Recorded: Decodable { var backdated: Bool }
        let backdated = Set(
            try await EventRecord.query(on: req.db).filter(\.$kind == RecordEvent.Kind.rulebookImported.rawValue).all()
                .filter { (try? JSONDecoder().decode(Recorded.self, from: Data($0.payload.utf8)))?.backdated == true }.map(\.caseId))
        let versions = try await RulebookRecord.query(on: req.db).sort(\.$effectiveFrom).all().compactMap { r in
            (try? r.decoded()).map { v in
                RulebookPage.Version(
                    version: v.version, from: Display.day(v.effectiveFrom), clauses: v.clauses.count,
                    imported: r.importedAt.map(Display.date) ?? "—", backdated: r.id.map(backdated.contains) ?? false)
            }
        }
        return try await req.page("admin-rulebook", RulebookPage(chrome: Chrome(req, title: "Rulebook"), versions: versions, errors: errors))
    }

    func rulebook(req: Request) async throws -> View { try await rulebook(req: req, errors: []) }

    func importRulebook(req: Request) async throws -> Response {
        struct Form: Content { var file: File; var backdate: String? }
        let form = try req.content.decode(Form.self)
        let person = try req.auth.require(Person.self)
        do {
            let versions = try RulebookFile.parse(Data(buffer: form.file.data), name: form.file.filename)
            let imported = try await RulebookFile.importVersions(versions, backdate: form.backdate == "on", by: person.id, at: req.docket.clock(), on: req.db)
            let backdated = imported.filter(\.backdated).map(\.version.version)
            return req.back(
                to: SiteURL.adminRulebook, "ok",
                "Imported rulebook version \(imported.map(\.version.version).joined(separator: ", "))."
                    + (backdated.isEmpty ? "" : " Recorded as backdated: \(backdated.joined(separator: ", "))."))
        } catch let e as CommandFailure {
            return try await rulebook(req: req, errors: e.description.split(separator: "\n").map(String.init)).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
    }

    func settingsPage(_ req: Request, errors: [String] = []) async throws -> View {
        let p = try await req.docket.procedure(on: req.db)
        let config = req.docket.config
        // The page edits only the local days it added; the configured ones are listed apart.
        let local = Set(try await ProcedureSettings.load(on: req.db)?.holidays ?? []).subtracting(config.calendar.holidays)
        let today = config.calendar.day(of: req.docket.clock())
        let limits = CaseStage.allCases.compactMap { s in
            p.policy.limit(for: s).map { SettingsPage.Limit(stage: s.rawValue, label: s.title, target: $0.target, maximum: $0.maximum) }
        }
        return try await req.page(
            "admin-settings",
            SettingsPage(
                chrome: Chrome(req, title: "Settings"), minimumResponse: p.policy.minimumResponseWorkingDays,
                maximumResponse: p.policy.maximumResponseWorkingDays,
                appealWindow: p.policy.appealWindowWorkingDays, hearingNotice: p.policy.hearingNoticeWorkingDays, panelSize: p.policy.panelSize,
                holidays: local.sorted().map(\.description).joined(separator: "\n"),
                region: config.holidayRegion.map { "the bank holidays of \($0.title), 2024–2030" } ?? "no bank holidays (DOCKET_HOLIDAY_REGION=none)",
                fixedCount: config.calendar.holidays.count,
                fixedUpcoming: config.calendar.holidays.filter { $0 >= today }.sorted().prefix(8).map { Display.date(config.calendar.start(of: $0)) },
                limits: limits, errors: errors,
                retention: RetentionClass.allCases.map { .init(key: $0.rawValue, label: $0.title, months: p.policy.retention.months(for: $0)) },
                retaliationWindow: p.policy.retaliationWindowMonths))
    }

    func settings(req: Request) async throws -> View { try await settingsPage(req) }

    func saveSettings(req: Request) async throws -> Response {
        struct Form: Content {
            var minimumResponse: Int; var maximumResponse: Int?; var appealWindow: Int; var hearingNotice: Int?; var panelSize: Int; var holidays: String?
            var target: [String: Int]?; var maximum: [String: Int]?; var retention: [String: Int]?; var retaliationWindow: Int?
        }
        let form = try req.content.decode(Form.self)
        var errors: [String] = []
        var policy = try await req.docket.procedure(on: req.db).policy
        typealias B = ProcedurePolicy.Bounds
        let maximumResponse = form.maximumResponse ?? policy.maximumResponseWorkingDays
        func within(_ v: Int, _ r: ClosedRange<Int>, _ what: String) {
            if !r.contains(v) { errors.append("\(what) must be from \(r.lowerBound) to \(r.upperBound) working days; \(v) was given.") }
        }
        within(form.minimumResponse, B.minimumResponse, "The minimum response window")
        within(maximumResponse, B.maximumResponse, "The maximum response window")
        if maximumResponse < form.minimumResponse { errors.append("The maximum response window cannot be shorter than the minimum.") }
        within(form.appealWindow, B.appealWindow, "The appeal window")
        if let h = form.hearingNotice { within(h, B.hearingNotice, "The notice of a hearing") }
        if !B.panelSize.contains(form.panelSize) { errors.append("A panel has between 1 and 9 members.") }
        var holidays: [Day] = []
        for (i, line) in (form.holidays ?? "").split(whereSeparator: \.isNewline).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            if let d = Day(t) { holidays.append(d) } else { errors.append("Holidays, line \(i + 1): '\(t)' is not a date such as 2026-12-25.") }
        }
        for stage in CaseStage.allCases {
            guard let t = form.target?[stage.rawValue], let m = form.maximum?[stage.rawValue] else { continue }
            if !B.stageTarget.contains(t) || !B.stageMaximum.contains(m) || m < t {
                errors.append(
                    "\(stage.title): the target must be from 1 to \(B.stageTarget.upperBound) working days, the maximum no more than \(B.stageMaximum.upperBound), and the target no more than the maximum."
                )
            }
            policy.stageLimits[stage.rawValue] = StageLimit(target: t, maximum: m)
        }
        for c in RetentionClass.allCases {
            guard let m = form.retention?[c.rawValue] else { continue }
            let r = RetentionSchedule.bounds
            if !r.contains(m) {
                errors.append("Retention, \(c.title): from \(r.lowerBound) to \(r.upperBound) months after closure; \(m) was given.")
            }
            policy.retention.months[c.rawValue] = m
        }
        if let w = form.retaliationWindow {
            if (1...60).contains(w) {
                policy.retaliationWindowMonths = w
            } else {
                errors.append("The retaliation watch looks back from 1 to 60 months; \(w) was given.")
            }
        }
        guard errors.isEmpty else { return try await settingsPage(req, errors: errors).encodeResponse(status: .unprocessableEntity, for: req) }
        policy.minimumResponseWorkingDays = form.minimumResponse
        policy.maximumResponseWorkingDays = maximumResponse
        policy.appealWindowWorkingDays = form.appealWindow
        if let h = form.hearingNotice { policy.hearingNoticeWorkingDays = h }
        policy.panelSize = form.panelSize
        policy.appealPanelSize = form.panelSize
        let admin = try req.auth.require(Person.self)
        let now = req.docket.clock(), org = req.docket.config.organisationName
        let settings = ProcedureSettings(policy: policy, holidays: holidays)
        try await req.db.transaction { tx in
            try await settings.save(on: tx)
            try await AccountActs.record(
                .settingsChanged(.init(policy: settings.policy, holidays: settings.holidays)), about: nil, stream: AccountActs.settingsStream,
                by: admin.id, at: now, org: org, on: tx)
        }
        return req.back(to: SiteURL.adminSettings, "ok", "Settings saved. They apply to every step taken from now on.")
    }

    func registerPage(_ req: Request, errors: [String] = [], result: String? = nil) async throws -> View {
        let members = try await Person.query(on: req.db).filter(\.$membershipNumber != nil).count()
        let officials = try await Person.query(on: req.db).filter(\.$membershipNumber != nil).filter(\.$isPublic == true).count()
        return try await req.page(
            "admin-register",
            RegisterPage(chrome: Chrome(req, title: "Member register"), members: members, officials: officials, errors: errors, result: result))
    }

    func register(req: Request) async throws -> View { try await registerPage(req) }

    func importRegister(req: Request) async throws -> Response {
        struct Form: Content { var file: File }
        let file = try req.content.decode(Form.self).file
        guard let text = String(data: Data(buffer: file.data), encoding: .utf8) else {
            return try await registerPage(req, errors: ["\(file.filename) is not UTF-8 text."]).encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            let rows = try RegisterImport.parse(text)
            let admin = try req.auth.require(Person.self)
            let now = req.docket.clock(), org = req.docket.config.organisationName
            let digest = EvidenceUpload.sha256(Data(buffer: file.data))
            let outcome = try await RegisterImport.apply(
                rows, on: req.db,
                alongside: { outcome, tx in
                    try await AccountActs.record(
                        .registerImported(
                            .init(lines: rows.count, added: outcome.added, updated: outcome.updated, sha256: digest, erased: outcome.erased)),
                        about: nil, stream: AccountActs.registerStream,
                        by: admin.id, at: now, org: org, on: tx)
                })
            return try await registerPage(
                req,
                result: "Imported \(rows.count) lines: \(outcome.added) new members, \(outcome.updated) updated."
                    + RegisterImport.erasedNote(outcome.erased)
            )
            .encodeResponse(for: req)
        } catch let e as RegisterImport.Invalid {
            return try await registerPage(req, errors: e.problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    /// Delivery status only. Who is written to about which case would tell who complained about
    /// whom, so the page shows neither a whole address nor a case reference, nor any message body.
    struct OutboxQuery: Content { var status: String?; var domain: String?; var after: String?; var sort: String? }
    static let outboxPerPage = 50
    static let outboxOrders = [
        ListOrder(name: "newest", label: "Newest first", column: "created_at", descending: true),
        ListOrder(name: "oldest", label: "Oldest first", column: "created_at", descending: false),
    ]

    /// The queue, newest first, fifty at a time (keyset on when each was queued), with a count
    /// per status and filters by status and by the domain written to, in the URL. A search by
    /// whole address would tell an administrator whether someone was written to about a case,
    /// so the search takes a domain only, which the page shows anyway.
    func outbox(req: Request) async throws -> View {
        let query = (try? req.query.decode(OutboxQuery.self)) ?? OutboxQuery()
        let known = ["queued", "sent", "failed"]
        let status = query.status.flatMap { known.contains($0) ? $0 : nil }
        var counts: [String: Int] = [:]
        for s in known { counts[s] = try await OutboxMessage.query(on: req.db).filter(\.$status == s).count() }
        let q = OutboxMessage.query(on: req.db)
        if let status { q.filter(\.$status == status) }
        let domain = String((query.domain ?? "").trimmingCharacters(in: .whitespaces).drop { $0 == "@" }.lowercased().prefix(200))
        if !domain.isEmpty {
            // The address ends with "@" and the domain typed; a wildcard typed is a character.
            let pattern = String(likePattern(containing: "@" + domain).dropLast())
            q.filter(.sql(embed: "LOWER(\(ident: OutboxMessage.schema).\(ident: "to_address")) LIKE \(bind: pattern) ESCAPE '\\'"))
        }
        let order = ListOrder.chosen(query.sort, from: Self.outboxOrders)
        order.apply(q, table: OutboxMessage.schema, after: query.after)
        let rows = try await q.limit(Self.outboxPerPage + 1).all()
        let page = rows.prefix(Self.outboxPerPage)
        let more =
            rows.count > Self.outboxPerPage
            ? page.last.map {
                SiteURL.outboxPage(status: status, domain: domain, sort: order.field(in: Self.outboxOrders).1, after: order.cursor($0.createdAt, id: $0.id!))
            } : nil
        let messages = page.map {
            OutboxPage.Message(
                at: Display.time(Instant.date(millis: $0.createdAt)), to: Self.masked($0.to), kind: Self.kind(of: $0.subject),
                status: $0.status, attempts: $0.attempts, error: $0.lastError.map { Self.withoutAddresses(String($0.prefix(200))) })
        }
        return try await req.page(
            "admin-outbox",
            OutboxPage(
                chrome: Chrome(req, title: "Outbox"), relay: req.docket.config.smtp != nil, messages: messages,
                statuses: known.map { .init(value: $0, label: Display.kind($0), count: counts[$0] ?? 0, selected: $0 == status) }, more: more,
                filtered: status != nil || !domain.isEmpty || order != Self.outboxOrders[0], domain: domain, status: status ?? "",
                sorts: ListOrder.options(Self.outboxOrders, chosen: order)))
    }

    /// `jane@example.org` → `j…@example.org`: enough to see which domain refuses mail.
    static func masked(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@"), at > address.startIndex else { return "…" }
        return "\(address[address.startIndex])…\(address[at...])"
    }

    static func kind(of subject: String) -> String {
        if subject.hasPrefix("News on case") { return "News on a case" }
        if subject.hasPrefix("Reset your password") { return "Password reset link" }
        if subject.hasPrefix("An administrative act") { return "Administrative act, to an auditor" }
        if subject.hasPrefix(CheckpointMail.subjectPrefix) { return "Signed checkpoint, to an auditor" }
        if subject.hasPrefix("Your account") { return "About their account" }
        return "Other"
    }

    /// A relay's error can quote the recipient; the page keeps only the domain.
    static func withoutAddresses(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.contains("@") ? masked(word.trimmingCharacters(in: CharacterSet(charactersIn: "<>,;:\"'()[]"))) : String(word)
        }.joined(separator: " ")
    }
}
