import Crypto
import DocketCore
import DocketStore
import Fluent
import Vapor

/// Complaint intake for members and non-members, and the receipt-code follow-up for non-members.
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
        var errors: [String]
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
    }

    struct ReceiptPage: Encodable {
        var chrome: Chrome
        var code: String?
        var reference: String?
        var status: ReceiptStatus?
        var error: String?
    }

    struct ReceiptStatus: Encodable {
        var reference: String; var stage: String; var next: String; var received: String
        var messages: [Message]
    }

    struct Message: Encodable { var at: String; var subject: String; var body: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("complaints", "new", use: form)
        routes.on(.POST, "complaints", body: .collect(maxSize: "12mb"), use: submit)
        routes.get("receipt", use: receiptForm)
        routes.post("receipt", use: receiptLookup)
    }

    static let relationLabels: [(ComplainantRelation, String)] = [
        (.directlyAffected, "I was directly affected"), (.witness, "I saw or heard it happen"),
        (.thirdParty, "I was not there; I am reporting what I know")]

    func page(_ req: Request, form: Form? = nil, errors: [String] = []) async throws -> Page {
        let procedure = try await req.docket.procedure(on: req.db)
        let chosen = Set(form?.clauses ?? [])
        let clauses = (procedure.rulebook.current?.clauses ?? []).map {
            ClauseOption(id: $0.id, title: $0.title, text: $0.text, definitions: $0.definitions, breach: $0.breachExamples,
                         notBreach: $0.nonBreachExamples, checked: chosen.contains($0.id))
        }
        let relation = form?.relation ?? ""
        return Page(chrome: Chrome(req, title: "Make a complaint", forms: true), signedIn: req.auth.has(Person.self), clauses: clauses,
                    relations: Self.relationLabels.map { Option(value: $0.0.rawValue, label: $0.1, checked: relation == $0.0.rawValue) },
                    respondent: form?.respondent ?? "", conductDate: form?.conductDate ?? "", summary: form?.summary ?? "",
                    yourName: form?.yourName ?? "", yourEmail: form?.yourEmail ?? "", errors: errors)
    }

    func form(req: Request) async throws -> View {
        try await req.page("complaint", try await page(req))
    }

    /// The register match: a membership number, or a full name that only one member has.
    func match(_ text: String, on db: any Database) async throws -> Result<Person, DueProcessError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .failure(.invalid("respondent_required", "Say who the complaint is about.")) }
        if let p = try await Person.lookup(id: nil, membershipNumber: t.uppercased(), on: db) { return .success(p) }
        let named = try await Person.query(on: db).filter(\.$membershipNumber != nil).all()
            .filter { $0.displayName.lowercased() == t.lowercased() }
        switch named.count {
        case 1: return .success(named[0])
        case 0: return .failure(.invalid("respondent_unknown", "Nobody called \(t) is on the member register. Check the spelling, or give their membership number."))
        default: return .failure(.invalid("respondent_ambiguous", "\(named.count) members are called \(t); give the membership number of the one you mean."))
        }
    }

    func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let person = req.auth.get(Person.self)
        var errors: [String] = []
        let respondent: Person?
        switch try await match(form.respondent ?? "", on: req.db) {
        case .success(let p): respondent = p
        case .failure(let e): respondent = nil; errors.append(e.message)
        }
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
        var uploads: [(EvidenceItem, Data)] = []
        do { if let u = try EvidenceUpload.item(from: form.evidence) { uploads.append(u) } } catch let e as DueProcessError { errors.append(e.message) }
        guard errors.isEmpty, let respondent, let relation else {
            return try await req.page("complaint", try await page(req, form: form, errors: errors)).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let actor = person?.actor ?? Actor(id: Self.publicIntake, roles: [])
        let code = person == nil ? Self.newReceiptCode() : nil
        let now = req.docket.clock()
        let store = CaseStore(procedure: procedure)
        let evidenceHook = EvidenceUpload.store(uploads, at: now)
        let summary = form.summary ?? ""
        let conductDate = conduct
        let file: CaseFile
        do {
            file = try await store.file(by: actor, at: now, on: req.db, evidence: uploads.map(\.0), alongside: { file, tx in
                try await evidenceHook(file, tx)
                if let code { try await Receipt(caseId: file.id, codeHash: TokenHash.of(Self.normalise(code)), contactEmail: email).create(on: tx) }
            }) { id, reference in
                Complaint(caseId: id, reference: reference, complainantId: person?.id, complainantName: name, relation: relation,
                          respondentId: respondent.id!, respondentIsOfficial: respondent.isPublic, category: clauses[0].category,
                          summary: summary, conductDate: conductDate, clauseIds: clauses.map(\.id))
            }
        } catch let e as DueProcessError {
            return try await req.page("complaint", try await page(req, form: form, errors: [e.message])).encodeResponse(status: .unprocessableEntity, for: req)
        }
        if let code {
            return try await req.page("receipt", ReceiptPage(chrome: Chrome(req, title: "Complaint received"), code: code, reference: file.reference))
                .encodeResponse(status: .created, for: req)
        }
        return req.back(to: Paths.caseFile(file.id), "ok", "Your complaint has been received as \(file.reference). You will be told at each stage.")
    }

    /// The actor for complaints from people without an account.
    static let publicIntake = UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!

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
        let code = Self.normalise(try req.content.decode(Body.self).code)
        guard let receipt = try await Receipt.query(on: req.db).filter(\.$codeHash == TokenHash.of(code)).first(),
              let file = try await req.docket.store(on: req.db).load(receipt.caseId, on: req.db) else {
            return try await req.page("receipt", ReceiptPage(chrome: Chrome(req, title: "Follow a complaint", forms: true),
                                                             error: "No complaint has that receipt code. Check it and try again."))
                .encodeResponse(status: .notFound, for: req)
        }
        try await AccessLog.record(caseId: file.id, actorId: nil, purpose: "web: receipt code", at: req.docket.clock(), on: req.db)
        let messages = try await Notification.query(on: req.db).filter(\.$caseId == file.id).filter(\.$recipientId == nil)
            .filter(\.$audience == CaseAccess.complainant.rawValue).sort(\.$eventSeq, .descending).all()
        let status = ReceiptStatus(reference: file.reference, stage: file.stage.title, next: NextStep.forComplainant(file),
                                   received: Display.date(file.receivedAt),
                                   messages: messages.map { Message(at: Display.date(Instant.date(millis: $0.createdAt)), subject: $0.subject, body: $0.body) })
        return try await req.page("receipt", ReceiptPage(chrome: Chrome(req, title: "Your complaint"), status: status)).encodeResponse(for: req)
    }
}
