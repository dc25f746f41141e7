import DocketCore
import DocketStore
import Fluent
import Vapor

/// A complainant without an account follows their case by receipt code: the case as the core
/// lets a complainant see it, the messages they were sent, their thread with the case team
/// (answering a question included), evidence they add, and a request to adjourn the hearing.
/// Every page is a read in the case's access log; every step is the complainant's on the chain.
struct ReceiptController: RouteCollection {
    struct Page: Encodable {
        var chrome: Chrome
        var page: CasePage
        var messages: [IntakeController.Message]
        var minutes: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("receipt", "case", use: show)
        routes.get("receipt", "bundle") { req in try await PartiesController.bundle(req, try await Self.scope(req), paths: .receipt) }
        routes.get("receipt", "hearing.ics") { req in try await PartiesController.hearingICS(req, try await Self.scope(req)) }
        routes.get("receipt", "files", ":evidenceID", use: download)
        routes.form("receipt", "message", maxSize: "12mb") { req in
            let scope = try await Self.scope(req)
            return try await PartiesController.message(req, scope, back: SiteURL.receiptCase) { posted, problems, status in
                try await Self.again(req, scope, action: SiteURL.receiptMessage, posted, problems, status: status)
            }
        }
        routes.form("receipt", "evidence", maxSize: "12mb", use: addEvidence)
        routes.form("receipt", "request-adjournment", maxSize: "64kb", use: requestAdjournment)
        routes.form("receipt", "leave", maxSize: "16kb", use: leave)
    }

    /// The receipt-code scope, or a 404 like any case outside one's scope.
    static func scope(_ req: Request) async throws -> CaseScope {
        guard let scope = try await CaseScope.receipt(req) else { throw Abort(.notFound) }
        return scope
    }

    func show(req: Request) async throws -> Response {
        guard let scope = try await CaseScope.receipt(req) else {
            return try await req.page(
                "receipt",
                IntakeController.ReceiptPage(
                    chrome: Chrome(req, title: "Follow a complaint", forms: true),
                    error:
                        "Enter your receipt code to follow your complaint; it is kept on this browser for \(IntakeController.followMinutes) minutes at a time.")
            ).encodeResponse(for: req)
        }
        return try await Self.page(req, scope).encodeResponse(for: req)
    }

    /// The case as its complainant may see it; the read goes into the access log.
    static func page(_ req: Request, _ scope: CaseScope) async throws -> View {
        try await scope.recordRead(req, "web: receipt code")
        let events = scope.events
        let names = try await PartiesController.names(for: scope.file, events: events, on: req.db)
        let chrome = Chrome(req, title: "Your complaint", forms: true)
        let page = CasePage(scope, names: names, timeline: events, chrome: chrome, now: req.docket.clock(), paths: .receipt)
        let messages = try await Notification.query(on: req.db).filter(\.$caseId == scope.file.id).filter(\.$recipientId == nil)
            .filter(\.$audience == CaseAccess.complainant.rawValue).sort(\.$eventSeq, .descending).all()
            .map { IntakeController.Message(at: Display.date(Instant.date(millis: $0.createdAt)), subject: $0.subject, body: $0.body) }
        return try await req.page("receipt-case", Page(chrome: chrome, page: page, messages: messages, minutes: IntakeController.followMinutes))
    }

    /// The page again, with the form as it was sent and what is wrong with it.
    static func again(_ req: Request, _ scope: CaseScope, action: String, _ posted: PostedForm, _ problems: [FormProblem], status: HTTPStatus)
        async throws -> Response
    {
        let html = try await page(req, scope).html
        return CaseWebController.html(FormRefill.page(html, action: action, posted: posted, problems: problems), status: status)
    }

    func download(req: Request) async throws -> Response { try await CaseWebController.download(req, try await Self.scope(req)) }

    func addEvidence(req: Request) async throws -> Response {
        struct Body: Content { var evidence: File? }
        let scope = try await Self.scope(req)
        do {
            guard let upload = try EvidenceUpload.item(from: try req.content.decode(Body.self).evidence) else {
                return req.back(to: SiteURL.receiptCase, "error", "Choose a file to add.")
            }
            _ = try await scope.run(.addEvidence(upload.0), req, alongside: EvidenceUpload.store([upload], at: req.docket.clock()))
            return req.back(to: SiteURL.receiptCase, "ok", "\(upload.0.filename) was added; its SHA-256 is on the record.")
        } catch let e as DueProcessError where e.kind != .notFound {
            return req.back(to: SiteURL.receiptCase, "error", e.message)
        }
    }

    func requestAdjournment(req: Request) async throws -> Response {
        let scope = try await Self.scope(req)
        let posted = PostedForm.read(req)
        do {
            _ = try await scope.run(.requestAdjournment(reasons: try req.content.decode(CommandBody.Reasons.self).reasons), req)
            return req.back(to: SiteURL.receiptCase, "ok", "Your request to adjourn was sent to the panel.")
        } catch let e as DueProcessError where e.kind != .notFound {
            return try await Self.again(
                req, scope, action: SiteURL.receiptAdjournment, posted, [FormProblem(e)], status: HTTPStatus(statusCode: e.httpStatus))
        } catch let e as DecodingError {
            return try await Self.again(req, scope, action: SiteURL.receiptAdjournment, posted, [FormProblem(e)], status: .unprocessableEntity)
        }
    }

    /// Forgets the code on this browser.
    func leave(req: Request) async throws -> Response {
        let res = req.back(to: SiteURL.receipt, "ok", "Your receipt code is no longer kept on this browser.")
        res.cookies[req.docket.sessionRules.name(IntakeController.followCookie)] = req.docket.sessionRules.cookie(
            "", maxAge: 0, path: SiteURL.receipt, sameSite: .strict)
        return res
    }
}
