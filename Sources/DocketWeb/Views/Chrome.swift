import DocketCore
import DocketStore
import Vapor

/// What every page shows around its content: the organisation, who is signed in, the navigation
/// their roles allow, the CSRF token for its forms, and any message from the last step.
struct Chrome: Encodable {
    struct Link: Encodable { var label: String; var href: String; var current: Bool }

    var organisation: String
    var title: String
    var userName: String?
    var roles: String?
    var nav: [Link]
    var csrf: String
    var flash: Flash?

    init(organisation: String, title: String, userName: String?, roles: String?, nav: [Link], csrf: String, flash: Flash?) {
        self.organisation = organisation; self.title = title; self.userName = userName; self.roles = roles
        self.nav = nav; self.csrf = csrf; self.flash = flash
    }

    /// `forms`: the page has a form an anonymous visitor may send, so it needs their form token
    /// (a cookie, never a database row). Signed-in pages always have one, for signing out.
    init(_ req: Request, title: String, forms: Bool = false) {
        let person = req.auth.get(Person.self)
        organisation = req.docket.config.organisationName
        self.title = title
        userName = person?.displayName
        roles = person.map { $0.roles.sorted().map(\.title).joined(separator: ", ") }
        // Error pages can be drawn before the session middleware has run.
        csrf = req.isWebRequest && (req.browser.isSignedIn || forms) ? req.browser.csrfToken : ""
        flash = req.isWebRequest ? Flash.take(req) : nil
        var links: [(String, String)] = []
        if let person {
            let roles = person.roles
            links.append(("My cases", SiteURL.cases))
            links.append(("Make a complaint", SiteURL.newComplaint))
            links.append(("Messages", SiteURL.notifications))
            if roles.contains(.governance) { links.append(("Governance", SiteURL.governance)) }
            if roles.contains(.reviewer) {
                links.append(("Independent review", SiteURL.review))
                links.append(("Review programmes", SiteURL.reviewProgrammes))
                links.append(("Erasure requests", SiteURL.erasures))
            }
            if roles.contains(.auditor) { links.append(("Audit", SiteURL.audit)) }
            if !roles.isDisjoint(with: [.governance, .reviewer, .auditor]) { links.append(("Oversight", SiteURL.oversight)) }
            if roles.contains(.editor) || roles.contains(.reviewer) { links.append(("Publications", SiteURL.publications)) }
            if roles.contains(.editor) { links.append(("Moderation", SiteURL.moderation)) }
            links.append(("Statements", SiteURL.statements))
            if roles.contains(.admin) { links.append(("Administration", SiteURL.adminUsers)) }
        } else {
            links = [
                ("Make a complaint", SiteURL.newComplaint), ("Follow a complaint", SiteURL.receipt), ("Statements", SiteURL.statements),
                ("Published reports", SiteURL.published), ("Transparency", SiteURL.reports), ("Sign in", SiteURL.login),
            ]
        }
        let path = req.url.path
        nav = links.map { Link(label: $0.0, href: $0.1, current: path == $0.1 || (path.hasPrefix($0.1 + "/") && $0.1 != "/")) }
    }
}

extension Chrome {
    /// For pages rendered outside a request, such as `docket report --format html`.
    static func plain(_ app: Application, title: String) -> Chrome {
        Chrome(organisation: app.docket.config.organisationName, title: title, userName: nil, roles: nil, nav: [], csrf: "", flash: nil)
    }
}

extension Request {
    func page<C: Encodable>(_ template: String, _ context: C) async throws -> View {
        try await view.render(template, context)
    }

    /// Redirects back to a page with a message, after a form post.
    func back(to path: String, _ kind: String = "ok", _ text: String) -> Response {
        Flash.set(self, kind, text)
        return redirect(to: path, redirectType: .normal)
    }
}
