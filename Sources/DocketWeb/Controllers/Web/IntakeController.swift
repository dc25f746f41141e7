import Crypto
import DocketCore
import DocketStore
import Fluent
import Vapor

/// Complaint intake for members and non-members, and the receipt-code follow-up for non-members.
///
/// The form never says whether the person complained about is a member: membership of a party or
/// a union is special-category personal data. The complainant's words are matched silently; an
/// exact match decides the route, and anything else goes to the independent reviewers, who
/// identify the person before anyone on the ordinary route sees the complaint.
struct IntakeController: RouteCollection {
    struct ClauseOption: Encodable {
        var id: String; var title: String; var text: String
        var definitions: [Definition]; var breach: [String]; var notBreach: [String]; var checked: Bool
    }

    struct Option: Encodable { var value: String; var label: String; var checked: Bool }

    struct Page: Encodable {
        var chrome: Chrome
        var signedIn: Bool
        var clauses: [ClauseOption]
        var relations: [Option]
        var respondent: String
        var conductDate: String
        var summary: String
        var yourName: String
        var yourEmail: String
        var formToken: String
        var errors: [String]
        var limits = Limits()
    }

    /// The maximum lengths the form's fields announce, the same that `decide` enforces.
    struct Limits: Encodable {
        var name = TextLimit.name.rawValue
        var reasons = TextLimit.reasons.rawValue
    }

    struct Form: Content {
        var respondent: String?
        var relation: String?
        var conductDate: String?
        var summary: String?
        var clauses: [String]?
        var yourName: String?
        var yourEmail: String?
        var evidence: File?
        var formToken: String?
    }

    struct ReceiptPage: Encodable {
        var chrome: Chrome
        var code: String?
        var reference: String?
        var status: ReceiptStatus?
        var error: String?
        var shownBefore = false
    }

    struct ReceiptStatus: Encodable {
        var reference: String; var stage: String; var next: String; var received: String
        var messages: [Message]
    }

    struct Message: Encodable { var at: String; var subject: String; var body: String }

    static let receivedPath = SiteURL.complaintReceived
    static let receiptCookie = "docket_receipt"
    /// Holds the receipt code a complainant showed, while they follow their case.
    static let followCookie = "docket_follow"
    static let followMinutes = 30

    func boot(routes: any RoutesBuilder) throws {
        routes.get("complaints", "new", use: form)
        routes.form("complaints", maxSize: "12mb", use: submit)
        routes.get("complaints", "received", use: received)
        routes.get("receipt", use: receiptForm)
        routes.form("receipt", maxSize: "16kb", use: receiptLookup)
    }

    static let relationLabels: [(ComplainantRelation, String)] = [
        (.directlyAffected, "I was directly affected"), (.witness, "I saw or heard it happen"),
        (.thirdParty, "I was not there; I am reporting what I know"),
    ]

    func page(_ req: Request, form: Form? = nil, errors: [String] = []) async throws -> Page {
        let procedure = try await req.docket.procedure(on: req.db)
        let chosen = Set(form?.clauses ?? [])
        let clauses = (procedure.rulebook.current?.clauses ?? []).map {
            ClauseOption(
                id: $0.id, title: $0.title, text: $0.text, definitions: $0.definitions, breach: $0.breachExamples,
                notBreach: $0.nonBreachExamples, checked: chosen.contains($0.id))
        }
        let relation = form?.relation ?? ""
        // A token that was sent with a form that came back with mistakes is kept, so that the
        // corrected form still files only once.
        let token = form?.formToken.flatMap { TokenHash.looksLikeToken($0) ? $0 : nil } ?? TokenHash.newToken()
        return Page(
            chrome: Chrome(req, title: "Make a complaint", forms: true), signedIn: req.auth.has(Person.self), clauses: clauses,
            relations: Self.relationLabels.map { Option(value: $0.0.rawValue, label: $0.1, checked: relation == $0.0.rawValue) },
            respondent: form?.respondent ?? "", conductDate: form?.conductDate ?? "", summary: form?.summary ?? "",
            yourName: form?.yourName ?? "", yourEmail: form?.yourEmail ?? "", formToken: token, errors: errors)
    }

    func form(req: Request) async throws -> View {
        try await req.page("complaint", try await page(req))
    }

    func again(_ req: Request, _ form: Form, _ errors: [String], status: HTTPStatus = .unprocessableEntity, retryAfter: Int? = nil) async throws -> Response {
        let res = try await req.page("complaint", try await page(req, form: form, errors: errors)).encodeResponse(status: status, for: req)
        if let retryAfter { res.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter)) }
        return res
    }

    static let rateWindow: TimeInterval = 3600

    func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let person = req.auth.get(Person.self)
        var errors: [String] = []
        let words = (form.respondent ?? "").trimmingCharacters(in: .whitespaces)
        if words.isEmpty { errors.append("Say who the complaint is about.") }
        let relation = ComplainantRelation(rawValue: form.relation ?? "")
        if relation == nil { errors.append("Say how you know about what happened.") }
        var conduct: Day?
        if let text = form.conductDate, !text.isEmpty {
            conduct = Day(text)
            if conduct == nil { errors.append("The date of what happened must be a date such as 2026-03-14.") }
        }
        let procedure = try await req.docket.procedure(on: req.db)
        let clauses = (form.clauses ?? []).compactMap { procedure.rulebook.current?.clause($0) }
        if clauses.isEmpty { errors.append("Choose at least one rule that you think was broken.") }
        if (form.summary ?? "").isBlank { errors.append("Describe what happened.") }
        let name = person?.displayName ?? (form.yourName ?? "").trimmingCharacters(in: .whitespaces)
        if person == nil, name.isEmpty { errors.append("Give your name so that the caseworker can contact you.") }
        let email = person == nil ? form.yourEmail.flatMap { $0.contains("@") ? $0.trimmingCharacters(in: .whitespaces) : nil } : nil
        if let email { do { try TextLimit.name.check(email, "Your e-mail address") } catch { errors.append(error.message) } }
        var uploads: [(EvidenceItem, Data)] = []
        do { if let u = try EvidenceUpload.item(from: form.evidence) { uploads.append(u) } } catch let e as DueProcessError { errors.append(e.message) }
        guard errors.isEmpty, let relation, let category = clauses.first?.category else { return try await again(req, form, errors) }

        let now = req.docket.clock()
        if person == nil {
            // Complaints from people who are not signed in are limited per address and in all,
            // so that nobody can flood the caseworkers or fill the disk.
            let config = req.docket.config
            let keys = [
                ("complaint:address:\(req.clientAddress)", config.anonymousComplaintsPerAddress),
                ("complaint:all", config.anonymousComplaintsPerHour),
            ]
            if case .refused(let wait) = try await LoginAttempt.reserve(keys, window: Self.rateWindow, at: now, on: req.db) {
                let minutes = max(1, Int((wait / 60).rounded(.up)))
                return try await again(
                    req, form,
                    [
                        "Too many complaints have been sent without signing in in the last hour. Nothing was filed. Try again in \(minutes) minute\(minutes == 1 ? "" : "s"), or sign in if you are a member."
                    ], status: .tooManyRequests, retryAfter: Int(wait.rounded(.up)))
            }
        }

        let respondent = try await Person.matchRespondent(words, on: req.db)
        let actor = person?.actor ?? Actor(id: Self.publicIntake, roles: [])
        let code = person == nil ? Self.newReceiptCode() : nil
        let store = CaseStore(procedure: procedure, siteURL: req.docket.config.publicURL)
        let evidenceHook = EvidenceUpload.store(uploads, at: now)
        let summary = form.summary ?? ""
        let conductDate = conduct
        let tokenHash = form.formToken.flatMap { TokenHash.looksLikeToken($0) ? TokenHash.of($0) : nil }
        let file: CaseFile
        do {
            file = try await store.file(
                by: actor, at: now, on: req.db, evidence: uploads.map(\.0),
                alongside: { file, tx in
                    if let tokenHash {
                        // Under the chain lock: a second sending of the same form sees the first.
                        if let used = try await UsedFormToken.find(tokenHash, on: tx) { throw AlreadySent(caseId: used.caseId) }
                        try await UsedFormToken(tokenHash: tokenHash, caseId: file.id, at: now).create(on: tx)
                    }
                    try await evidenceHook(file, tx)
                    if let code { try await Receipt(caseId: file.id, codeHash: TokenHash.of(Self.normalise(code)), contactEmail: email).create(on: tx) }
                }
            ) { id, reference in
                Complaint(
                    caseId: id, reference: reference, complainantId: person?.id, complainantName: name, relation: relation,
                    respondentId: respondent?.id, respondentIsOfficial: respondent?.isOfficial ?? false, category: category,
                    summary: summary, conductDate: conductDate, clauseIds: clauses.map(\.id), respondentNamed: words)
            }
        } catch let sent as AlreadySent {
            let reference = try await CaseSummary.find(sent.caseId, on: req.db)?.reference ?? "an earlier reference"
            if person != nil {
                return req.back(
                    to: SiteURL.caseFile(sent.caseId), "warn", "This complaint was already sent and received as \(reference); it was not filed twice.")
            }
            return try await req.page("receipt", ReceiptPage(chrome: Chrome(req, title: "Complaint received"), reference: reference, shownBefore: true))
                .encodeResponse(status: .ok, for: req)
        } catch let e as DueProcessError {
            return try await again(req, form, [e.message])
        }
        if let code {
            // Post, redirect, get: reloading the receipt page shows the code again for a little
            // while, and never sends the complaint a second time.
            let res = req.redirect(to: Self.receivedPath, redirectType: .normal)
            res.cookies[req.docket.sessionRules.name(Self.receiptCookie)] = req.docket.sessionRules.cookie(
                "\(code).\(file.reference)", maxAge: 15 * 60, path: "/", sameSite: .strict)
            return res
        }
        return req.back(to: SiteURL.caseFile(file.id), "ok", "Your complaint has been received as \(file.reference). You will be told at each stage.")
    }

    struct AlreadySent: Error { var caseId: UUID }

    /// The receipt, after the redirect: the code and reference from a short-lived cookie.
    func received(req: Request) async throws -> Response {
        let raw = req.cookies[req.docket.sessionRules.name(Self.receiptCookie)]?.string ?? ""
        let parts = raw.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].count == 19, parts[1].hasPrefix("DK-") else {
            return try await req.page("receipt", ReceiptPage(chrome: Chrome(req, title: "Complaint received"), shownBefore: true)).encodeResponse(for: req)
        }
        return try await req.page("receipt", ReceiptPage(chrome: Chrome(req, title: "Complaint received"), code: parts[0], reference: parts[1]))
            .encodeResponse(for: req)
    }

    /// The actor for complaints from people without an account.
    static let publicIntake = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa1))

    /// Sixteen characters from an alphabet without look-alikes: about 80 bits, shown once.
    static func newReceiptCode() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        let chars = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
        return stride(from: 0, to: 16, by: 4).map { String(chars[$0..<$0 + 4]) }.joined(separator: "-")
    }

    static func normalise(_ code: String) -> String {
        code.uppercased().filter { $0.isLetter || $0.isNumber }
    }

    func receiptForm(req: Request) async throws -> View {
        try await req.page("receipt", ReceiptPage(chrome: Chrome(req, title: "Follow a complaint", forms: true)))
    }

    func receiptLookup(req: Request) async throws -> Response {
        struct Body: Content { var code: String }
        let code = Self.normalise(String(try req.content.decode(Body.self).code.prefix(64)))
        guard let receipt = try await Receipt.query(on: req.db).filter(\.$codeHash == TokenHash.of(code)).first(),
            let file = try await req.docket.store(on: req.db).load(receipt.caseId, on: req.db)
        else {
            return try await req.page(
                "receipt",
                ReceiptPage(
                    chrome: Chrome(req, title: "Follow a complaint", forms: true),
                    error: "No complaint has that receipt code. Check it and try again.")
            )
            .encodeResponse(status: .notFound, for: req)
        }
        // The code is kept for a little while in a cookie of its own, path /receipt, so that the
        // complainant can read their case, answer a question and add evidence without an account.
        _ = file
        let res = req.redirect(to: SiteURL.receiptCase, redirectType: .normal)
        res.cookies[req.docket.sessionRules.name(Self.followCookie)] = req.docket.sessionRules.cookie(
            code, maxAge: Self.followMinutes * 60, path: SiteURL.receipt, sameSite: .strict)
        return res
    }
}
