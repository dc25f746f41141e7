import DocketCore
import DocketStore
import Fluent
import Foundation
import Testing
import Vapor

@testable import DocketWeb

/// Every route of the pages and the API, as every role and as nobody, against a case in scope,
/// a complaint about an official (independent route), and a case that does not exist. Each answer
/// is checked against the table below; a route the table does not know fails the test.
@Suite("Who may do what")
struct AuthorizationMatrixTests {
    enum Who: String, CaseIterable {
        case nobody, complainant, respondent, caseworker, otherCaseworker, governance, reviewer, auditor, admin, outsider, panelist, editor
    }

    /// Who stands in scope of the case at triage (C1): parties, its caseworker, governance, reviewers.
    static let inScope: Set<Who> = [.complainant, .respondent, .caseworker, .governance, .reviewer]

    /// Answers of the API steps on C1 at triage, with bodies that decode but say nothing.
    /// Order: complainant, respondent, caseworker, governance, reviewer.
    static let steps: [String: [Int]] = [
        "identify-respondent": [403, 403, 403, 403, 409],
        "allocate-caseworker": [403, 403, 403, 409, 403],
        "dismiss": [403, 403, 422, 403, 403],
        "resolve": [403, 403, 409, 403, 403],
        "open-investigation": [403, 403, 422, 403, 403],
        "allegations": [403, 403, 409, 403, 403],
        "correct-allegation": [403, 403, 409, 403, 403],
        "withdraw-allegation": [403, 403, 409, 403, 403],
        "serve-notice": [403, 403, 409, 403, 403],
        "representative": [403, 422, 403, 403, 403],
        "respond": [403, 409, 403, 403, 403],
        "report": [403, 403, 409, 403, 403],
        "appoint-panel": [403, 403, 403, 409, 403],
        "schedule-hearing": [403, 403, 403, 409, 403],
        "object-to-panel-member": [403, 409, 403, 403, 403],
        "decide-objection": [403, 403, 403, 409, 403],
        "request-adjournment": [409, 409, 403, 403, 403],
        "decide-adjournment": [403, 403, 403, 403, 403],
        "hearing": [403, 403, 403, 403, 403],
        "decide": [409, 409, 409, 409, 409],
        "vote": [409, 409, 409, 409, 409],
        // A party writes only in their own thread; the caseworker and the appointing authority in any
        // party's (a reviewer oversees this standard-route case but does not correspond on it).
        "message": [422, 403, 422, 422, 403],
        "disclose-message": [403, 403, 422, 422, 403],
        "appeal": [403, 409, 403, 403, 403],
        "appoint-appeal-panel": [403, 403, 403, 409, 403],
        "decide-appeal": [409, 409, 409, 409, 409],
        "close": [403, 403, 409, 409, 403],
        "declare-conflict": [403, 403, 422, 422, 422],
        "pause-clock": [403, 403, 422, 422, 403],
        "resume-clock": [403, 403, 409, 409, 403],
        "suspend": [403, 403, 403, 422, 403],
        "renew-suspension": [403, 403, 403, 409, 403],
        "lift-suspension": [403, 403, 403, 409, 403],
        "note": [403, 403, 422, 422, 422],
        "interference": [403, 403, 422, 422, 422],
        "review-decision": [403, 403, 403, 403, 409],
        "conclude-review": [403, 403, 403, 403, 403],
        // C1's complainant asked for no protection, and no flag is open on it.
        "withhold-identity": [409, 409, 409, 409, 409],
        "request-reveal": [403, 403, 409, 409, 409],
        "decide-reveal": [403, 403, 403, 403, 403],
        "decide-flag": [403, 403, 403, 403, 409],
        "concur-suspension": [403, 403, 403, 403, 409],
    ]

    static let order: [Who] = [.complainant, .respondent, .caseworker, .governance, .reviewer]

    static func blankBody(_ action: String) -> [String: Any]? {
        switch action {
        case "allocate-caseworker", "appoint-panel", "appoint-appeal-panel": nil
        case "resolve": ["summary": "", "complainant_consents": false, "respondent_consents": false]
        case "allegations": ["clause_id": "", "conduct_date": "2026-02-01", "basis": ""]
        case "correct-allegation": ["number": 1, "clause_id": "", "conduct_date": "2026-02-01", "basis": "", "reasons": ""]
        case "withdraw-allegation": ["number": 1, "reasons": ""]
        case "serve-notice": ["window_working_days": 1]
        case "representative": ["person_id": UUID().uuidString]
        case "respond", "report", "note": ["text": ""]
        case "interference": ["from": "", "summary": ""]
        case "conclude-review": ["conclusion": "stands", "reasons": ""]
        case "review-decision": ["verdict": "verified", "reasons": ""]
        case "hearing": ["notes": ""]
        case "schedule-hearing": ["starts_at": "2026-01-01T10:00", "place": ""]
        case "object-to-panel-member": ["member": UUID().uuidString, "reasons": ""]
        case "decide-objection": ["number": 1, "upheld": false, "reasons": ""]
        case "decide-adjournment": ["number": 1, "granted": false, "reasons": ""]
        case "decide-reveal": ["number": 1, "reveal": false, "reasons": ""]
        case "decide-flag": ["number": 1, "confirmed": false, "reasons": ""]
        case "disclose-message": ["number": 1, "reasons": ""]
        case "vote": ["concurs": true, "reasons": ""]
        case "message": ["thread": "complainant", "text": ""]
        case "decide": ["findings": [] as [Any]]
        case "appeal": ["grounds": ""]
        case "decide-appeal": ["outcome": "dismissed", "reasons": ""]
        case "suspend", "renew-suspension": ["reasons": "", "scope": "", "review_date": "2026-03-20"]
        default: ["reasons": ""]
        }
    }

    struct World {
        var users: [Who: TestApp.User] = [:]
        var web: [Who: WebClient] = [:]
        var c1: UUID
        var c2: UUID
        var ghost = UUID()
        var evidence: UUID
        /// Whose roles the role-change route is sent for: nobody in the table, because changing
        /// a person's roles ends that person's sessions.
        var target: UUID
    }

    func build(_ t: TestApp) async throws -> World {
        try await t.installRulebook()
        var users: [Who: TestApp.User] = [:]
        users[.complainant] = try await t.account("Alice Complainant", [.member], number: "A1")
        users[.respondent] = try await t.account("Bob Respondent", [.member], number: "A2")
        users[.caseworker] = try await t.account("Cas Worker", [.caseworker])
        users[.governance] = try await t.account("Gov Ernance", [.governance])
        users[.reviewer] = try await t.account("Rev Iewer", [.reviewer])
        let official = try await t.user("Olga Official", [.member], official: true, number: "A9")
        let third = try await t.user("Tom Third", [.member], number: "A8")
        // C1: filed by Alice about Bob, with evidence, allocated to the caseworker (the only one yet).
        var r = try await t.call(
            .POST, "/api/v1/cases", as: users[.complainant]!,
            json: [
                "respondent_membership_number": "A2", "relation": "directly_affected", "category": "bullying", "summary": "Messages",
            ])
        let c1 = UUID(uuidString: r["id"] as! String)!
        let store = try await t.app.docket.store(on: t.app.db)
        let item = EvidenceItem(id: UUID(), filename: "messages.txt", contentType: "text/plain", size: 5, sha256: String(repeating: "a", count: 64))
        _ = try await store.execute(
            .addEvidence(item), on: c1, by: users[.complainant]!.person.actor, at: t.clock.now, on: t.app.db,
            alongside: EvidenceUpload.store([(item, Data("hello".utf8))], at: t.clock.now))
        r = try await t.call(.POST, "/api/v1/cases/\(c1)/allocate-caseworker", as: users[.governance]!)
        #expect(r.status == .ok)
        // C2: a complaint about an official, between two people not in the table.
        r = try await t.call(
            .POST, "/api/v1/cases", as: third,
            json: [
                "respondent_membership_number": official.person.membershipNumber!, "relation": "witness", "category": "bullying", "summary": "Shouting",
            ])
        let c2 = UUID(uuidString: r["id"] as! String)!
        users[.otherCaseworker] = try await t.account("Other Caseworker", [.caseworker])
        users[.auditor] = try await t.account("Aud Itor", [.auditor])
        users[.admin] = try await t.account("Ad Min", [.admin])
        users[.outsider] = try await t.account("Out Sider", [.member], number: "A7")
        users[.panelist] = try await t.account("Pan Elist", [.panelMember])
        users[.editor] = try await t.account("Ed Itor", [.editor])
        var web: [Who: WebClient] = [:]
        for who in Who.allCases {
            let client = WebClient(t)
            if let u = users[who] { try await client.signIn(u.person.email!, "long enough password") } else { try await client.get("/login") }
            web[who] = client
        }
        let target = try await t.user("Ta Rget", [.member], number: "A6")
        return World(users: users, web: web, c1: c1, c2: c2, evidence: item.id, target: target.id)
    }

    /// What a GET should answer: the status for signed-in `who`, given which page it is.
    func expectedGet(_ route: String, case id: UUID, _ who: Who, _ w: World) -> Int? {
        let signedIn = who != .nobody
        let api = route.hasPrefix("/api/")
        let denied = api ? 401 : 303
        let sees: Bool = id == w.c1 ? Self.inScope.contains(who) : id == w.c2 ? who == .reviewer : false
        switch route {
        case "/", "/login", "/complaints/new", "/complaints/received", "/receipt", "/health", "/api/v1/openapi.json", "/published", "/reports",
            "/reports/:period",
            "/statements", "/password/forgot":
            return 200
        case "/account/tokens", "/account/calendar", "/account/data", "/account/data.json", "/account/data.html": return signedIn ? 200 : denied
        case "/statements/:slug": return 404
        // Without the receipt code's cookie, the form that asks for it; with none, nothing else.
        case "/receipt/case": return 200
        case "/receipt/bundle", "/receipt/hearing.ics", "/receipt/files/:evidenceID", "/calendar/:feed": return 404
        case "/cases/:caseID/bundle": return signedIn ? (sees ? 200 : 404) : denied
        // No hearing is scheduled in this world: there is no entry to give anyone.
        case "/cases/:caseID/hearing.ics": return signedIn ? 404 : denied
        case "/moderation": return signedIn ? (who == .editor ? 200 : 404) : denied
        case "/invite/:token", "/reset/:token", "/published/:slug": return 404
        case "/publications": return signedIn ? ([.reviewer, .editor].contains(who) ? 200 : 404) : denied
        case "/publications/:pubID": return signedIn ? 404 : denied
        case "/oversight", "/oversight/:table":
            return signedIn ? ([.governance, .reviewer, .auditor].contains(who) ? 200 : 404) : denied
        // Without saying which figure: a clear 422 for those who may follow figures to cases.
        case "/oversight/cases": return signedIn ? ([.governance, .reviewer].contains(who) ? 422 : 404) : denied
        case "/cases", "/notifications", "/account/password", "/api/v1/me", "/api/v1/notifications", "/api/v1/cases":
            return signedIn ? 200 : denied
        case "/governance", "/governance/queues/:queue": return signedIn ? (who == .governance ? 200 : 404) : denied
        case "/review/programmes": return signedIn ? (who == .reviewer ? 200 : 404) : denied
        case "/review", "/review/erasures": return signedIn ? (who == .reviewer ? 200 : 404) : denied
        case "/audit", "/api/v1/audit/verify": return signedIn ? (who == .auditor ? 200 : 404) : denied
        case "/audit/checkpoint": return signedIn ? (who == .auditor ? 409 : 404) : denied  // no signing key in this world
        case let r where r.hasPrefix("/admin/"): return signedIn ? (who == .admin ? 200 : 404) : denied
        case "/cases/:caseID", "/api/v1/cases/:caseID", "/api/v1/cases/:caseID/timeline":
            return signedIn ? (sees ? 200 : 404) : denied
        case "/cases/:caseID/evidence/:evidenceID":
            // The complainant's evidence, not yet disclosed: the respondent cannot have it.
            return signedIn ? (sees && who != .respondent && id == w.c1 ? 200 : 404) : denied
        default: return nil
        }
    }

    @Test func every_route_answers_every_role_as_the_table_says() async throws {
        try await TestApp.run { t in
            let w = try await build(t)
            var checked = 0
            // Signing out ends every session, so it goes last.
            let routes = t.app.routes.all.map { ($0.method, "/" + $0.path.map(\.description).joined(separator: "/")) }
                .sorted { a, _ in a.1 != "/logout" }
            for (method, route) in routes {
                let ids = route.contains(":caseID") ? [w.c1, w.c2, w.ghost] : [w.c1]
                for id in ids {
                    for who in Who.allCases {
                        let status = try await send(method, route, id: id, who: who, w, t)
                        guard let expected = expected(method, route, id: id, who: who, w) else {
                            Issue.record("\(method) \(route) has no entry in the authorization table")
                            continue
                        }
                        #expect(
                            expected.contains(status),
                            "\(method) \(route) [\(id == w.c1 ? "C1" : id == w.c2 ? "C2" : "ghost")] as \(who): \(status), expected \(expected)")
                        checked += route.hasSuffix(":action") ? CommandBody.actions.count : 1
                    }
                }
            }
            #expect(checked > 1000)
        }
    }

    func path(_ route: String, id: UUID, action: String?, _ w: World) -> String {
        route.replacingOccurrences(of: ":caseID", with: id.uuidString.lowercased())
            .replacingOccurrences(of: ":evidenceID", with: w.evidence.uuidString.lowercased())
            .replacingOccurrences(of: ":action", with: action ?? "")
            .replacingOccurrences(of: ":token", with: "not-a-token")
            .replacingOccurrences(of: ":personID", with: w.target.uuidString.lowercased())
            .replacingOccurrences(of: ":slug", with: "no-such-report")
            .replacingOccurrences(of: ":table", with: "backlog.csv")
            .replacingOccurrences(of: ":period", with: "2026-Q1")
            .replacingOccurrences(of: ":queue", with: "overdue")
            .replacingOccurrences(of: ":commentID", with: w.ghost.uuidString.lowercased())
            .replacingOccurrences(of: ":pubID", with: w.ghost.uuidString.lowercased())
            .replacingOccurrences(of: ":tokenID", with: w.ghost.uuidString.lowercased())
    }

    func send(_ method: HTTPMethod, _ route: String, id: UUID, who: Who, _ w: World, _ t: TestApp) async throws -> Int {
        if route.hasSuffix(":action") {
            // Every step, one after the other; the status of the last differing one is reported.
            var statuses: [Int] = []
            for action in CommandBody.actions {
                statuses.append(try await sendOne(method, route, id: id, action: action, who: who, w, t))
            }
            let expected = expectedSteps(route, id: id, who: who, w)
            var ok = true
            for (i, action) in CommandBody.actions.enumerated() where !expected[i].contains(statuses[i]) {
                Issue.record("\(method) \(route) action \(action) as \(who): \(statuses[i]), expected \(expected[i].sorted())")
                ok = false
            }
            return ok ? -1 : 0
        }
        return try await sendOne(method, route, id: id, action: nil, who: who, w, t)
    }

    func sendOne(_ method: HTTPMethod, _ route: String, id: UUID, action: String?, who: Who, _ w: World, _ t: TestApp) async throws -> Int {
        let p = path(route, id: id, action: action, w)
        if route.hasPrefix("/api/") {
            let body: [String: Any]? = method == .POST ? (action.map { Self.blankBody($0) } ?? [:]) ?? nil : nil
            return Int(try await t.call(method, p, as: w.users[who], json: body).status.code)
        }
        let client = w.web[who]!
        let page = method == .GET ? try await client.get(p) : try await client.post(p, route.hasSuffix(":action") ? [("reasons", "")] : [])
        if page.status == .seeOther, let location = page.location {
            // A redirect back to the case is a step the procedure answered; to sign-in, a refusal.
            return location.hasPrefix("/login") ? 3030 : 303
        }
        return Int(page.status.code)
    }

    /// The reviewer is the appointing authority of C2, the complaint about an official; the
    /// steps there depend on the order they run in, so the table only asks that none is a 404.
    static let anyButNotFound: Set<Int> = [200, 403, 409, 422]

    func expectedSteps(_ route: String, id: UUID, who: Who, _ w: World) -> [Set<Int>] {
        let api = route.hasPrefix("/api/")
        return CommandBody.actions.map { action in
            if who == .nobody { return [api ? 401 : 3030] }
            // The pages send a step taken back to the case (303), and a refusal comes back on the
            // case page with the form (403, 409 or 422: the pages read the form before the core
            // is asked, so an empty one may be refused as incomplete first). Outside one's scope,
            // a 404, exactly as the API.
            let refused: Set<Int> = [403, 409, 422]
            if id == w.c2, who == .reviewer { return api ? Self.anyButNotFound : refused.union([303]) }
            if id != w.c1 { return [404] }
            guard let i = Self.order.firstIndex(of: who) else { return [404] }
            let status = Self.steps[action]![i]
            if api { return [status] }
            return status == 200 ? [303] : status == 404 ? [404] : refused
        }
    }

    func expected(_ method: HTTPMethod, _ route: String, id: UUID, who: Who, _ w: World) -> Set<Int>? {
        if method == .GET {
            guard let e = expectedGet(route, case: id, who, w) else { return nil }
            return [e == 303 ? 3030 : e]
        }
        let signedIn = who != .nobody
        switch route {
        case "/api/v1/cases/:caseID/:action", "/cases/:caseID/:action": return [-1]
        case "/login", "/receipt": return [422]  // an empty form
        case "/logout": return [303]
        case "/complaints": return [422]
        case "/invite/:token", "/reset/:token": return [404]
        case "/password/forgot": return [422]  // an empty form
        case "/account/tokens": return signedIn ? [422] : [3030]
        case "/account/tokens/:tokenID/revoke": return signedIn ? [404] : [3030]  // another's token, or none, is a 404
        case "/account/password": return signedIn ? [422] : [3030]
        case "/api/v1/cases": return signedIn ? [422] : [401]
        case "/receipt/message", "/receipt/evidence", "/receipt/request-adjournment": return [404]
        case "/receipt/leave": return [303]
        case "/account/calendar/new": return signedIn ? [200] : [3030]
        case "/account/calendar/revoke": return signedIn ? [303] : [3030]
        case "/cases/:caseID/evidence", "/cases/:caseID/message":
            if !signedIn { return [3030] }
            let sees = id == w.c1 ? Self.inScope.contains(who) : id == w.c2 && who == .reviewer
            // An empty message comes back on the case page with the form; no file, with a message.
            return sees ? (route.hasSuffix("message") ? [403, 409, 422] : [303]) : [404]
        case "/review/programmes":
            return signedIn ? (who == .reviewer ? [422] : [404]) : [3030]
        case "/statements/:slug/comments/:commentID/report": return [404]
        case "/statements/:slug/comments": return signedIn ? [404] : [3030]
        // An editor's empty form is a clear 422; a statement or comment that does not exist, a 404.
        case "/statements": return signedIn ? (who == .editor ? [422] : [404]) : [3030]
        case "/statements/:slug/close", "/moderation/:commentID": return signedIn ? [404] : [3030]
        case "/audit/verify": return signedIn ? (who == .auditor ? [303] : [404]) : [3030]
        case "/admin/users":
            return signedIn ? (who == .admin ? [422] : [404]) : [3030]
        case "/admin/users/:personID/roles", "/admin/users/:personID/deactivate", "/admin/users/:personID/reactivate",
            "/admin/users/:personID/erasure":
            return signedIn ? (who == .admin ? [303] : [404]) : [3030]
        // A request that does not exist, for a reviewer; the page itself, for anyone else.
        case "/review/erasures/:requestID": return signedIn ? [404] : [3030]
        case "/publications": return signedIn ? (who == .editor ? [422] : [404]) : [3030]
        case "/publications/:pubID/verdicts", "/publications/:pubID/mark", "/publications/:pubID/approve":
            return signedIn ? [404] : [3030]
        case "/admin/rulebook", "/admin/settings", "/admin/register":
            return signedIn ? (who == .admin ? [422] : [404]) : [3030]
        default: return nil
        }
    }
}
