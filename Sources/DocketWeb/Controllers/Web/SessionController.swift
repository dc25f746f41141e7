import DocketCore
import DocketStore
import Fluent
import Vapor

/// Sign in and out, change password, accept an invitation, reset a forgotten password.
///
/// Every try is counted before its password is checked, per account and per network address, in
/// the database so that every instance sees it: five failures for one account, or twenty from
/// one address, within fifteen minutes, and further tries wait until the oldest of them is
/// fifteen minutes old. Tries that arrive together are each reserved first, so a burst cannot
/// slip past the limit.
struct SessionController: RouteCollection {
    static let window: TimeInterval = 15 * 60
    static let perAccount = 5
    static let perAddress = 20

    struct LoginPage: Encodable { var chrome: Chrome; var email: String; var next: String; var error: String?; var notice: String? }
    struct LoginForm: Content { var email: String; var password: String; var next: String? }
    struct PasswordPage: Encodable {
        var chrome: Chrome; var error: String?; var invitation: String?; var name: String?
        var action: String = SiteURL.password; var reset = false
    }
    struct PasswordForm: Content { var current: String?; var new: String; var confirm: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: loginPage)
        routes.form("login", maxSize: "64kb", use: login)
        routes.form("logout", maxSize: "16kb", use: logout)
        routes.get("invite", ":token", use: invitationPage)
        routes.form("invite", ":token", maxSize: "64kb", use: acceptInvitation)
        routes.get("reset", ":token", use: resetPage)
        routes.form("reset", ":token", maxSize: "64kb", use: acceptReset)
        routes.get("password", "forgot", use: forgotPage)
        routes.form("password", "forgot", maxSize: "16kb", use: forgot)
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get("account", "password", use: passwordPage)
        signedIn.form("account", "password", maxSize: "64kb", use: changePassword)
    }

    func loginPage(req: Request) async throws -> View {
        let notice =
            req.query[String.self, at: "expired"] != nil || req.browser.expired
            ? "Your session ended after a while without activity, or at its time limit. Sign in again to go on." : nil
        return try await req.page(
            "login",
            LoginPage(
                chrome: Chrome(req, title: "Sign in", forms: true), email: "",
                next: SafeRedirect.path(req.query["next"]) ?? SiteURL.cases, error: nil, notice: notice))
    }

    func refuse(_ req: Request, _ email: String, _ next: String?, _ status: HTTPStatus, _ error: String, retryAfter: Int? = nil) async throws -> Response {
        let page = LoginPage(chrome: Chrome(req, title: "Sign in", forms: true), email: email, next: SafeRedirect.path(next) ?? SiteURL.cases, error: error)
        let res = try await req.page("login", page).encodeResponse(status: status, for: req)
        if let retryAfter { res.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter)) }
        return res
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = form.email.trimmingCharacters(in: .whitespaces).lowercased()
        let now = req.docket.clock()
        let keys = [("email:\(email)", Self.perAccount), ("address:\(req.clientAddress)", Self.perAddress)]
        let reservation = try await LoginAttempt.reserve(keys, window: Self.window, at: now, on: req.db)
        guard case .reserved(let ids) = reservation else {
            if case .refused(let wait) = reservation {
                let minutes = max(1, Int((wait / 60).rounded(.up)))
                return try await refuse(
                    req, email, form.next, .tooManyRequests,
                    "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
                    retryAfter: Int(wait.rounded(.up)))
            }
            return try await refuse(req, email, form.next, .tooManyRequests, "Too many failed sign-ins. Try again later.")
        }
        let person = try await Person.byEmail(email, on: req.db)
        // An unknown address is checked against a hash too, so that it takes as long to refuse.
        let matches: Bool
        do {
            matches = try await req.docket.passwords.verify(form.password, against: person?.passwordHash ?? PasswordGate.dummyHash)
        } catch let busy as any AbortError where busy.status == .tooManyRequests {
            try await LoginAttempt.release(ids, on: req.db)  // not checked, so not counted
            return try await refuse(req, email, form.next, .tooManyRequests, busy.reason, retryAfter: 5)
        } catch {
            try await LoginAttempt.release(ids, on: req.db)
            throw error
        }
        if matches, let person, person.canSignIn {
            try await LoginAttempt.release(ids, on: req.db)
            try await req.browser.signIn(person, on: req)
            return req.redirect(to: SafeRedirect.path(form.next) ?? SiteURL.landing(for: person.roles))
        }
        return try await refuse(req, email, form.next, .unauthorized, "That e-mail address and password do not match an account.")
    }

    func logout(req: Request) async throws -> Response {
        try await req.browser.signOut(on: req)
        return req.redirect(to: SiteURL.home)
    }

    func passwordPage(req: Request) async throws -> View {
        try await req.page("password", PasswordPage(chrome: Chrome(req, title: "Change password")))
    }

    func problem(with form: PasswordForm, _ req: Request, email: String?) -> String? {
        if let p = req.docket.passwordRules.problem(with: form.new, email: email) { return p }
        if form.new != form.confirm { return "The two new passwords do not match." }
        return nil
    }

    /// A new password ends every other session of the person, and this one continues under a new
    /// id: whoever had the old password, or an old session, is out.
    func changePassword(req: Request) async throws -> Response {
        let person = try req.auth.require(Person.self)
        let form = try req.content.decode(PasswordForm.self)
        var error = problem(with: form, req, email: person.email)
        if error == nil, try await !req.docket.passwords.verify(form.current ?? "", against: person.passwordHash ?? PasswordGate.dummyHash) {
            error = "Your current password is not right."
        }
        if let error {
            return try await req.page("password", PasswordPage(chrome: Chrome(req, title: "Change password"), error: error))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        person.passwordHash = try await req.docket.passwords.hash(form.new)
        try await person.save(on: req.db)
        try await WebSession.endAll(of: person.requireID(), on: req.db)
        try await req.browser.signIn(person, on: req)
        return req.back(to: SiteURL.cases, "ok", "Your password has been changed. Every other place you were signed in has been signed out.")
    }

    /// The set-password page an e-mailed link opens: an invitation (`/invite/…`) or a reset
    /// (`/reset/…`). A link that is used, lapsed, of the other kind, or unknown is a 404.
    func link(_ req: Request, purpose: String?) async throws -> Invitation {
        guard let link = try await PasswordLinks.open(req.parameters.get("token"), purpose: purpose, at: req.docket.clock(), on: req.db)
        else { throw Abort(.notFound) }
        return link
    }

    func linkPage(_ req: Request, _ link: Invitation, error: String? = nil) async throws -> View {
        let token = req.parameters.get("token") ?? ""
        let reset = link.purpose == Invitation.reset
        return try await req.page(
            "password",
            PasswordPage(
                chrome: Chrome(req, title: reset ? "Choose a new password" : "Set your password", forms: true),
                error: error, invitation: token, name: link.person.displayName,
                action: reset ? SiteURL.reset(token) : SiteURL.invitation(token), reset: reset))
    }

    func invitationPage(req: Request) async throws -> View { try await linkPage(req, link(req, purpose: nil)) }
    func resetPage(req: Request) async throws -> View { try await linkPage(req, link(req, purpose: Invitation.reset)) }
    func acceptInvitation(req: Request) async throws -> Response { try await accept(req, link(req, purpose: nil)) }
    func acceptReset(req: Request) async throws -> Response { try await accept(req, link(req, purpose: Invitation.reset)) }

    func accept(_ req: Request, _ link: Invitation) async throws -> Response {
        let form = try req.content.decode(PasswordForm.self)
        if let error = problem(with: form, req, email: link.person.email) {
            return try await linkPage(req, link, error: error).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let hash = try await req.docket.passwords.hash(form.new)
        try await PasswordLinks.use(link, passwordHash: hash, at: req.docket.clock(), org: req.docket.config.organisationName, on: req.db)
        try await req.browser.signIn(link.person, on: req)
        return req.back(
            to: SiteURL.cases, "ok",
            link.purpose == Invitation.reset
                ? "Your new password is set. Every other place you were signed in has been signed out."
                : "Welcome, \(link.person.displayName). Your password is set.")
    }

    struct ForgotPage: Encodable { var chrome: Chrome; var email: String; var sent: Bool; var error: String? }
    struct ForgotForm: Content { var email: String }

    func forgotPage(req: Request) async throws -> View {
        try await req.page("forgot", ForgotPage(chrome: Chrome(req, title: "Reset your password", forms: true), email: "", sent: false))
    }

    /// The same answer whether or not the address has an account.
    func forgot(req: Request) async throws -> Response {
        let form = try req.content.decode(ForgotForm.self)
        let email = form.email.trimmingCharacters(in: .whitespaces).lowercased()
        guard email.contains("@"), email.utf8.count <= 320 else {
            return try await req.page(
                "forgot",
                ForgotPage(
                    chrome: Chrome(req, title: "Reset your password", forms: true), email: form.email,
                    sent: false, error: "Give the e-mail address you sign in with, such as name@example.org.")
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await PasswordLinks.request(email: email, services: req.docket, on: req.db)
        return try await req.page("forgot", ForgotPage(chrome: Chrome(req, title: "Reset your password", forms: true), email: email, sent: true))
            .encodeResponse(for: req)
    }
}

/// Where sign-in may send a person afterwards: a path on this site, and nothing a browser would
/// read as another site. Browsers treat `\` as `/`, drop tabs and new lines inside a URL, and read
/// `//host` as a host, so each of these is refused, whatever its encoding once decoded.
enum SafeRedirect {
    static func path(_ next: String?) -> String? {
        guard let next, next.utf8.count <= 2048, next.hasPrefix("/") else { return nil }
        for c in next.unicodeScalars {
            if c == "\\" || c.value < 0x21 || c.value == 0x7F || c.properties.isWhitespace { return nil }
        }
        let second = next.dropFirst().first
        if second == "/" || second == "\\" { return nil }
        // Read it as a browser would, against a made-up origin: it must stay on that origin.
        guard let url = URL(string: "https://docket.invalid" + next), url.host == "docket.invalid",
            url.scheme == "https", url.user == nil, url.port == nil
        else { return nil }
        return next
    }
}
