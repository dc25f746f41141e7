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
        var protectedDisclosure = false
        var identityProtected = false
        var formToken: String
        /// The file held with this form while its sender checked their answers.
        var heldFile: String?
        var limits = Limits()
    }

    /// Check your answers: the complaint as it will be filed, before it is.
    struct CheckPage: Encodable {
        struct Answer: Encodable { var label: String; var value: String; var field: String }
        var chrome: Chrome
        var answers: [Answer]
        var fields: [CaseWebController.Confirmation.Field]
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
        var confirmed: String?
        var change: String?
        /// The name of the file the check page said was held, so that its loss is said, not silent.
        var heldFile: String?
        /// A protected disclosure; a complainant who asks that their identity be held by a custodian.
        var protectedDisclosure: String?
        var identityProtected: String?
        var isProtectedDisclosure: Bool { protectedDisclosure == "true" || protectedDisclosure == "on" }
        var isIdentityProtected: Bool { isProtectedDisclosure || identityProtected == "true" || identityProtected == "on" }
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

    func page(_ req: Request, form: Form? = nil, heldFile: String? = nil) async throws -> Page {
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
            yourName: form?.yourName ?? "", yourEmail: form?.yourEmail ?? "", protectedDisclosure: form?.isProtectedDisclosure ?? false,
            identityProtected: form.map { $0.isIdentityProtected && !$0.isProtectedDisclosure } ?? false, formToken: token, heldFile: heldFile)
    }

    func form(req: Request) async throws -> View {
        try await req.page("complaint", try await page(req))
    }

    /// The form again, as it was sent, with what is wrong at the top and beside each field.
    func again(
        _ req: Request, _ form: Form, _ problems: [FormProblem], status: HTTPStatus = .unprocessableEntity, retryAfter: Int? = nil,
        heldFile: String? = nil
    ) async throws -> Response {
        let html = try await req.page("complaint", try await page(req, form: form, heldFile: heldFile)).html
        let res = CaseWebController.html(FormRefill.page(html, action: SiteURL.complaints, posted: PostedForm.read(req), problems: problems), status: status)
        if let retryAfter { res.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter)) }
        return res
    }

    static let rateWindow: TimeInterval = 3600

    func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let person = req.auth.get(Person.self)
        var problems: [FormProblem] = []
        let words = (form.respondent ?? "").trimmingCharacters(in: .whitespaces)
        if words.isEmpty { problems.append(.init(field: "respondent", "Say who the complaint is about.")) }
        let relation = ComplainantRelation(rawValue: form.relation ?? "")
        if relation == nil { problems.append(.init(field: "relation", "Say how you know about what happened.")) }
        var conduct: Day?
        if let text = form.conductDate, !text.isEmpty {
            conduct = Day(text)
            if conduct == nil { problems.append(.init(field: "conductDate", "The date of what happened must be a date such as 2026-03-14.")) }
        }
        let procedure = try await req.docket.procedure(on: req.db)
        let clauses = (form.clauses ?? []).compactMap { procedure.rulebook.current?.clause($0) }
        if clauses.isEmpty { problems.append(.init(field: "clauses[]", "Choose at least one rule that you think was broken.")) }
        if (form.summary ?? "").isBlank { problems.append(.init(field: "summary", "Describe what happened.")) }
        let name = person?.displayName ?? (form.yourName ?? "").trimmingCharacters(in: .whitespaces)
        if person == nil, name.isEmpty { problems.append(.init(field: "yourName", "Give your name so that the caseworker can contact you.")) }
        let email = person == nil ? form.yourEmail.flatMap { $0.contains("@") ? $0.trimmingCharacters(in: .whitespaces) : nil } : nil
        if let email { do { try TextLimit.name.check(email, "Your e-mail address") } catch { problems.append(.init(field: "yourEmail", error.message)) } }
        // The form's token keys the file held while the complainant checks their answers.
        let token = form.formToken.flatMap { TokenHash.looksLikeToken($0) ? $0 : nil }
        let tokenHash = token.map(TokenHash.of)
        var uploads: [(EvidenceItem, Data)] = []
        do {
            if let u = try EvidenceUpload.item(from: form.evidence) {
                uploads.append(u)
            } else if let tokenHash, let held = try await HeldUpload.held(tokenHash, owner: Self.owner(req), at: req.docket.clock(), on: req.db) {
                if let u = try EvidenceUpload.item(from: File(data: ByteBuffer(data: held.data), filename: held.filename)) { uploads.append(u) }
            } else if let name = form.heldFile, !name.isEmpty, form.change == nil {
                // The check page listed a file that is no longer held (a day passed, or another browser).
                problems.append(.init(field: "evidence", "\(name.prefix(200)) is no longer kept with this complaint: choose the file again."))
            }
        } catch let e as DueProcessError { problems.append(.init(field: "evidence", e.message)) }
        let heldName = form.evidence?.data.readableBytes ?? 0 > 0 ? nil : uploads.first?.0.filename
        if form.change != nil { return try await changing(req, form, heldFile: heldName) }
        guard problems.isEmpty, let relation, let category = clauses.first?.category else {
            return try await again(req, form, problems, heldFile: heldName)
        }
        if form.confirmed != "true" {
            return try await check(req, form, clauses: clauses, relation: relation, conduct: conduct, name: name, email: email, upload: uploads.first)
        }

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
                        .init(
                            field: nil,
                            "Too many complaints have been sent without signing in in the last hour. Nothing was filed. Try again in \(minutes) minute\(minutes == 1 ? "" : "s"), or sign in if you are a member."
                        )
                    ], status: .tooManyRequests, retryAfter: Int(wait.rounded(.up)), heldFile: heldName)
            }
        }

        let respondent = try await Person.matchRespondent(words, on: req.db)
        let actor = person?.actor ?? Actor(id: Self.publicIntake, roles: [])
        let code = person == nil ? Self.newReceiptCode() : nil
        let store = CaseStore(procedure: procedure, siteURL: req.docket.config.publicURL)
        let evidenceHook = EvidenceUpload.store(uploads, at: now)
        let summary = form.summary ?? ""
        let conductDate = conduct
        let disclosure = form.isProtectedDisclosure, identity = form.isIdentityProtected
        let file: CaseFile
        do {
            file = try await store.file(
                by: actor, at: now, on: req.db, evidence: uploads.map(\.0),
                alongside: { file, tx in
                    if let tokenHash {
                        // Under the chain lock: a second sending of the same form sees the first.
                        if let used = try await UsedFormToken.find(tokenHash, on: tx) { throw AlreadySent(caseId: used.caseId) }
                        try await UsedFormToken(tokenHash: tokenHash, caseId: file.id, at: now).create(on: tx)
                        try await HeldUpload.query(on: tx).filter(\.$formTokenHash == tokenHash).delete()
                    }
                    try await evidenceHook(file, tx)
                    if let code { try await Receipt(caseId: file.id, codeHash: TokenHash.of(Self.normalise(code)), contactEmail: email).create(on: tx) }
                }
            ) { id, reference in
                Complaint(
                    caseId: id, reference: reference, complainantId: person?.id, complainantName: name, relation: relation,
                    respondentId: respondent?.id, respondentIsOfficial: respondent?.isOfficial ?? false, category: category,
                    summary: summary, conductDate: conductDate, clauseIds: clauses.map(\.id), respondentNamed: words
                ).protected(disclosure: disclosure, identity: identity)
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
            return try await again(req, form, [FormProblem(e)], heldFile: heldName)
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

    /// Files held from people without an account, in all, within a day.
    static let heldCeiling = 200
    static let tooManyFiles = "Too many files have been sent to be checked in the last hour; nothing was kept. Try again later."

    /// The browser a held file belongs to: the hash of its form token (the session's, or the
    /// anonymous cookie's), which only that browser sends.
    static func owner(_ req: Request) -> String { TokenHash.of(req.browser.csrfToken) }

    /// Check your answers: every answer as it will be filed, each with a way back to change it.
    /// A chosen file is held, keyed by the form's token, until the complaint is sent.
    func check(
        _ req: Request, _ form: Form, clauses: [Clause], relation: ComplainantRelation, conduct: Day?, name: String, email: String?,
        upload: (EvidenceItem, Data)?
    ) async throws -> Response {
        var posted = PostedForm.read(req)
        var token = form.formToken.flatMap { TokenHash.looksLikeToken($0) ? $0 : nil }
        if token == nil {
            token = TokenHash.newToken()
            posted.values["formToken"] = [token!]
        }
        let now = req.docket.clock()
        if let upload, form.evidence?.data.readableBytes ?? 0 > 0 {
            // Files held, but not yet filed, are limited per person or address, and in all for
            // people without an account, so that nobody can fill the disk with them.
            let config = req.docket.config
            let person = req.auth.get(Person.self)
            let key = person.map { "complaint-file:person:\($0.id!)" } ?? "complaint-file:address:\(req.clientAddress)"
            let heldNow = person == nil ? try await HeldUpload.count(since: now.addingTimeInterval(-HeldUpload.keptFor), on: req.db) : 0
            if heldNow >= Self.heldCeiling {
                return try await again(req, form, [.init(field: "evidence", Self.tooManyFiles)], status: .tooManyRequests, retryAfter: 3600)
            }
            if case .refused(let wait) = try await LoginAttempt.reserve(
                [(key, config.anonymousComplaintsPerAddress * 4)], window: Self.rateWindow, at: now, on: req.db)
            {
                return try await again(req, form, [.init(field: "evidence", Self.tooManyFiles)], status: .tooManyRequests, retryAfter: Int(wait.rounded(.up)))
            }
            try await HeldUpload.hold(TokenHash.of(token!), owner: Self.owner(req), filename: upload.0.filename, data: upload.1, at: now, on: req.db)
        }
        if let upload { posted.values["heldFile"] = [upload.0.filename] }
        var answers: [CheckPage.Answer] = []
        if req.auth.get(Person.self) == nil {
            answers.append(.init(label: "Your name", value: name, field: "yourName"))
            answers.append(.init(label: "Your e-mail address", value: email ?? "Not given: follow the complaint with your receipt code", field: "yourEmail"))
        }
        answers += [
            .init(label: "Who the complaint is about", value: form.respondent ?? "", field: "respondent"),
            .init(label: "How you know", value: Self.relationLabels.first { $0.0 == relation }?.1 ?? "", field: "relation"),
            .init(label: "When it happened", value: conduct.map { Spoken.day($0) } ?? "Not given", field: "conductDate"),
            .init(label: "What happened", value: form.summary ?? "", field: "summary"),
            .init(
                label: "Protection",
                value: form.isProtectedDisclosure
                    ? "A protected disclosure: it goes to the independent reviewers, and your identity is held by a custodian"
                    : form.isIdentityProtected ? "Your identity is held by a custodian, not shown to the people handling the complaint" : "None asked for",
                field: "protectedDisclosure"),
            .init(label: "Rules you think were broken", value: clauses.map { "\($0.id) \($0.title)" }.joined(separator: "\n"), field: "clauses[]"),
            .init(
                label: "Evidence", value: upload.map { "\($0.0.filename) (\(Display.bytes($0.0.size)))" } ?? "None",
                field: "evidence"),
        ]
        let fields = posted.resendable.map { CaseWebController.Confirmation.Field(name: $0.name, value: $0.value) }
        return try await req.page("complaint-check", CheckPage(chrome: Chrome(req, title: "Check your answers", forms: true), answers: answers, fields: fields))
            .encodeResponse(for: req)
    }

    /// Back to the form from the check, with everything as it was, the cursor on the answer to change.
    func changing(_ req: Request, _ form: Form, heldFile: String?) async throws -> Response {
        let html = try await req.page("complaint", try await page(req, form: form, heldFile: heldFile)).html
        return CaseWebController.html(
            FormRefill.refilled(html, action: SiteURL.complaints, posted: PostedForm.read(req), focus: form.change == "1" ? "" : form.change ?? ""),
            status: .ok)
    }

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
