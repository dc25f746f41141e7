import DocketCore
import Foundation

/// Every URL of the web application, so views and redirects never spell one out by hand.
enum SiteURL {
    // Every path a page, a redirect or a link names is built here, and nowhere else (a test
    // scans the controllers and views for path literals). The routes register the same
    // components; the templates' form actions use the paths the pages are given.
    static let statements = "/statements"
    static func statement(_ slug: String) -> String { "/statements/\(slug)" }
    static let moderation = "/moderation"
    static let publications = "/publications"
    static func publication(_ id: UUID) -> String { "/publications/\(id.uuidString.lowercased())" }
    static let published = "/published"
    static func publishedItem(_ slug: String) -> String { "/published/\(slug)" }
    static let reports = "/reports"
    static let reviewProgrammes = "/review/programmes"
    static let oversight = "/oversight"
    static let oversightCases = "/oversight/cases"
    static func oversight(from: Day, to: Day) -> String { "/oversight?from=\(from)&to=\(to)" }
    static let complaintReceived = "/complaints/received"
    static let health = "/health"
    static let apiPrefix = "/api/"
    /// The path prefixes of links that set a password, which the outbox forgets once delivered.
    static let passwordLinkPrefixes = ["/reset/", "/invite/"]

    static let home = "/"
    static let login = "/login"
    static let logout = "/logout"
    static let password = "/account/password"
    static let newComplaint = "/complaints/new"
    static let complaints = "/complaints"
    static let receipt = "/receipt"
    static let cases = "/cases"
    /// My cases with its filters, as a bookmarkable address.
    static func casesPage(
        stage: String? = nil, kind: String? = nil, q: String? = nil, closed: Bool = false, route: String? = nil, overdue: Bool = false,
        from: String? = nil, to: String? = nil, sort: String? = nil, after: String? = nil
    ) -> String {
        withQuery(
            cases,
            [
                ("q", q), ("stage", stage), ("kind", kind), ("route", route), ("overdue", overdue ? "1" : nil), ("from", from), ("to", to),
                ("closed", closed ? "1" : nil), ("sort", sort), ("after", after),
            ])
    }

    /// A list's address with its filters and position: the empty ones left out, the rest encoded.
    static func withQuery(_ path: String, _ fields: [(String, String?)]) -> String {
        var c = URLComponents()
        c.path = path
        let items = fields.compactMap { k, v in v.flatMap { $0.isEmpty ? nil : URLQueryItem(name: k, value: $0) } }
        c.queryItems = items.isEmpty ? nil : items
        // URLComponents leaves "+" as it is, which a form decoder reads as a space.
        c.percentEncodedQuery = c.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return c.string ?? path
    }

    /// Messages, filtered and paged, as a bookmarkable address.
    static func messagesPage(case reference: String? = nil, unread: Bool = false, sort: String? = nil, after: String? = nil) -> String {
        withQuery(notifications, [("case", reference), ("unread", unread ? "1" : nil), ("sort", sort), ("after", after)])
    }

    /// Where a person lands after signing in: the page their work starts on.
    static func landing(for roles: Set<Role>) -> String {
        if roles.contains(.governance) { return governance }
        if roles.contains(.reviewer) { return review }
        if roles.contains(.caseworker) || roles.contains(.panelMember) || roles.contains(.member) { return cases }
        if roles.contains(.auditor) { return audit }
        if roles.contains(.editor) { return publications }
        if roles.contains(.admin) { return adminUsers }
        return cases
    }
    static let notifications = "/notifications"
    static let governance = "/governance"
    static func governanceQueue(_ queue: String) -> String { "/governance/queues/\(queue)" }
    static let review = "/review"
    static let audit = "/audit"
    static let adminUsers = "/admin/users"
    static let adminRulebook = "/admin/rulebook"
    static let adminSettings = "/admin/settings"
    static let adminRegister = "/admin/register"
    static let adminOutbox = "/admin/outbox"

    static func caseFile(_ id: UUID) -> String { "/cases/\(id.uuidString.lowercased())" }
    static func caseStep(_ id: UUID, _ action: String) -> String { "\(caseFile(id))/\(action)" }
    static func evidence(_ caseId: UUID, _ id: UUID) -> String { "\(caseFile(caseId))/evidence/\(id.uuidString.lowercased())" }
    static func caseBundle(_ id: UUID) -> String { "\(caseFile(id))/bundle" }
    static func hearingICS(_ id: UUID) -> String { "\(caseFile(id))/hearing.ics" }
    static func caseMessage(_ id: UUID) -> String { "\(caseFile(id))/message" }
    static let receiptCase = "/receipt/case"
    static let receiptBundle = "/receipt/bundle"
    static let receiptICS = "/receipt/hearing.ics"
    static let receiptMessage = "/receipt/message"
    static let receiptEvidence = "/receipt/evidence"
    static let receiptAdjournment = "/receipt/request-adjournment"
    static let receiptLeave = "/receipt/leave"
    static func receiptFile(_ id: UUID) -> String { "/receipt/files/\(id.uuidString.lowercased())" }
    static let calendar = "/account/calendar"
    static let calendarNew = "/account/calendar/new"
    static let calendarRevoke = "/account/calendar/revoke"
    static func calendarFeed(_ token: String) -> String { "/calendar/\(token).ics" }
    static func outboxPage(status: String? = nil, domain: String? = nil, sort: String? = nil, after: String? = nil) -> String {
        withQuery(adminOutbox, [("status", status), ("domain", domain), ("sort", sort), ("after", after)])
    }
    static func userPage(_ id: UUID) -> String { "/admin/users/\(id.uuidString.lowercased())" }
    static func usersPage(q: String? = nil, role: String? = nil, sort: String? = nil, after: String? = nil) -> String {
        withQuery(adminUsers, [("q", q), ("role", role), ("sort", sort), ("after", after)])
    }
    static func userRoles(_ id: UUID) -> String { "/admin/users/\(id.uuidString.lowercased())/roles" }
    static func userAccount(_ id: UUID, _ act: String) -> String { "/admin/users/\(id.uuidString.lowercased())/\(act)" }
    static func userErasure(_ id: UUID) -> String { "/admin/users/\(id.uuidString.lowercased())/erasure" }
    static let erasures = "/review/erasures"
    static func erasure(_ id: UUID) -> String { "/review/erasures/\(id.uuidString.lowercased())" }
    static func invitation(_ token: String) -> String { "/invite/\(token)" }
    static func reset(_ token: String) -> String { "/reset/\(token)" }
    static let forgotPassword = "/password/forgot"
    static let apiTokens = "/account/tokens"
    static let yourData = "/account/data"
    static let yourDataJSON = "/account/data.json"
    static let yourDataHTML = "/account/data.html"
    static func revokeToken(_ id: UUID) -> String { "/account/tokens/\(id.uuidString.lowercased())/revoke" }
}
