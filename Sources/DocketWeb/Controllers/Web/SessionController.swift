import DocketCore
import DocketStore
import Fluent
import Vapor

extension Person: ModelSessionAuthenticatable {}

/// Sign in and out, change password, accept an invitation.
///
/// Failed sign-ins are counted per account and per network address in the database, so every
/// instance sees them: five failures for one account, or twenty from one address, within fifteen
/// minutes lock further tries until the oldest of them is fifteen minutes old.
struct SessionController: RouteCollection {
    static let window: TimeInterval = 15 * 60
    static let perAccount = 5
    static let perAddress = 20
    static let minimumPasswordLength = 12

    struct LoginPage: Encodable { var chrome: Chrome; var email: String; var next: String; var error: String? }
    struct LoginForm: Content { var email: String; var password: String; var next: String? }
    struct PasswordPage: Encodable { var chrome: Chrome; var error: String?; var invitation: String?; var name: String? }
    struct PasswordForm: Content { var current: String?; var new: String; var confirm: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        routes.get("invite", ":token", use: invitationPage)
        routes.post("invite", ":token", use: acceptInvitation)
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get("account", "password", use: passwordPage)
        signedIn.post("account", "password", use: changePassword)
    }

    func loginPage(req: Request) async throws -> View {
        try await req.page("login", LoginPage(chrome: Chrome(req, title: "Sign in"), email: "", next: safeNext(req.query["next"]), error: nil))
    }

    func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//") else { return Paths.cases }
        return next
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = form.email.trimmingCharacters(in: .whitespaces).lowercased()
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        let now = req.docket.clock()
        let since = now.addingTimeInterval(-Self.window)
        for (key, limit) in [("email:\(email)", Self.perAccount), ("address:\(address)", Self.perAddress)] {
            if try await LoginAttempt.failures(key, since: since, on: req.db) >= limit {
                let oldest = try await LoginAttempt.oldest(key, since: since, on: req.db) ?? now
                let minutes = max(1, Int((oldest.addingTimeInterval(Self.window).timeIntervalSince(now) / 60).rounded(.up)))
                let page = LoginPage(chrome: Chrome(req, title: "Sign in"), email: email, next: safeNext(form.next),
                                     error: "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").")
                return try await req.page("login", page).encodeResponse(status: .tooManyRequests, for: req)
            }
        }
        if let person = try await Person.byEmail(email, on: req.db), let hash = person.passwordHash,
           try await req.password.async.verify(form.password, created: hash) {
            req.auth.login(person)
            req.session.authenticate(person)
            return req.redirect(to: safeNext(form.next))
        }
        try await LoginAttempt(key: "email:\(email)", at: now).create(on: req.db)
        try await LoginAttempt(key: "address:\(address)", at: now).create(on: req.db)
        let page = LoginPage(chrome: Chrome(req, title: "Sign in"), email: email, next: safeNext(form.next),
                             error: "That e-mail address and password do not match an account.")
        return try await req.page("login", page).encodeResponse(status: .unauthorized, for: req)
    }

    func logout(req: Request) async throws -> Response {
        req.auth.logout(Person.self)
        req.session.destroy()
        return req.redirect(to: Paths.home)
    }

    func passwordPage(req: Request) async throws -> View {
        try await req.page("password", PasswordPage(chrome: Chrome(req, title: "Change password")))
    }

    func problem(with form: PasswordForm) -> String? {
        if form.new.count < Self.minimumPasswordLength { return "The new password must be at least \(Self.minimumPasswordLength) characters long." }
        if form.new != form.confirm { return "The two new passwords do not match." }
        return nil
    }

    func changePassword(req: Request) async throws -> Response {
        let person = try req.auth.require(Person.self)
        let form = try req.content.decode(PasswordForm.self)
        var error = problem(with: form)
        if error == nil, try await !req.password.async.verify(form.current ?? "", created: person.passwordHash ?? "") {
            error = "Your current password is not right."
        }
        if let error {
            return try await req.page("password", PasswordPage(chrome: Chrome(req, title: "Change password"), error: error))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        person.passwordHash = try await req.password.async.hash(form.new)
        try await person.save(on: req.db)
        return req.back(to: Paths.cases, "ok", "Your password has been changed.")
    }

    func invitation(_ req: Request) async throws -> Invitation? {
        guard let token = req.parameters.get("token") else { return nil }
        guard let inv = try await Invitation.query(on: req.db).filter(\.$tokenHash == TokenHash.of(token)).with(\.$person).first(),
              inv.usedAt == nil, inv.expiresAt > Instant.millis(req.docket.clock()) else { return nil }
        return inv
    }

    func invitationPage(req: Request) async throws -> View {
        guard let inv = try await invitation(req) else { throw Abort(.notFound) }
        return try await req.page("password", PasswordPage(chrome: Chrome(req, title: "Set your password"),
                                                           invitation: req.parameters.get("token"), name: inv.person.displayName))
    }

    func acceptInvitation(req: Request) async throws -> Response {
        guard let inv = try await invitation(req) else { throw Abort(.notFound) }
        let form = try req.content.decode(PasswordForm.self)
        if let error = problem(with: form) {
            return try await req.page("password", PasswordPage(chrome: Chrome(req, title: "Set your password"), error: error,
                                                               invitation: req.parameters.get("token"), name: inv.person.displayName))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let hash = try await req.password.async.hash(form.new)
        let now = Instant.millis(req.docket.clock())
        try await req.db.transaction { tx in
            inv.person.passwordHash = hash
            try await inv.person.save(on: tx)
            inv.usedAt = now
            try await inv.save(on: tx)
        }
        req.auth.login(inv.person)
        req.session.authenticate(inv.person)
        return req.back(to: Paths.cases, "ok", "Welcome, \(inv.person.displayName). Your password is set.")
    }
}

/// Pages behind sign-in send a visitor to the sign-in page and back again afterwards.
struct RequireSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(Person.self) else {
            let target = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            return request.redirect(to: "\(Paths.login)?next=\(target.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/")")
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
