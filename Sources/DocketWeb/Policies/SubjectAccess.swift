import DocketCore
import DocketRedact
import DocketStore
import Fluent
import Foundation
import Vapor

/// Everything Docket holds about one person, for a subject access request: their account, every
/// case they are a party to as they may see it (the core's disclosure to them, the same as their
/// case page), the decisions, the messages, who read each case file and when, and the notices
/// they were sent. Other people's personal data in what was written is redacted by
/// `DocketRedact` against the register: members become "Person A"; officials stay named, as
/// they do in published documents. The export is recorded on the chain.
struct SubjectAccessExport: Content {
    struct Account: Codable {
        var name: String; var email: String?; var membershipNumber: String?; var roles: [String]; var official: Bool; var deactivated: Bool
    }
    struct Read: Codable { var at: Date; var reader: String; var purpose: String }
    struct Case: Codable {
        var reference: String
        /// How the person stands in the case: complainant, respondent or representative.
        var standing: [String]
        var file: CaseView
        var reads: [Read]
    }
    struct Notice: Codable { var at: Date; var subject: String; var body: String }

    var organisation: String
    var generatedAt: Date
    var account: Account
    var cases: [Case]
    var notices: [Notice]
    /// How long ended cases are kept, as the settings say.
    var retention: [String]
    var redaction: String

    static let standings: Set<String> = ["complainant", "respondent", "representative"]

    static func build(for person: Person, services: DocketServices, on db: any Database) async throws -> SubjectAccessExport {
        let store = try await services.store(on: db)
        let now = services.clock()
        let id = try person.requireID()
        let redactor = try await redactor(sparing: person, on: db)
        func clean(_ text: String) -> String { redactor.redact(text, format: .text).document }

        let memberships = try await CaseMembership.query(on: db).filter(\.$personId == id).all().filter { standings.contains($0.relation) }
        let byCase = Dictionary(grouping: memberships, by: \.caseId)
        var cases: [Case] = []
        var names: [UUID: String] = [:]
        for caseId in byCase.keys {
            guard let file = try await store.load(caseId, on: db) else { continue }
            let view = CaseView(file, procedure: store.procedure, now: now, actor: person.actor).redacted(clean)
            var reads: [Read] = []
            for entry in try await AccessLog.entries(forCase: caseId, on: db) {
                var reader = "Docket"
                if let a = entry.actorId, a == file.complainantId, a != id,
                    !file.knowsComplainant(access: file.access(for: person.actor), viewer: id)
                {
                    reader = "The complainant"
                } else if let a = entry.actorId {
                    if names[a] == nil {
                        names[a] = try await Person.find(a, on: db).map { $0.id == id ? "You" : $0.displayName } ?? "Someone no longer on the register"
                    }
                    reader = names[a]!
                }
                reads.append(Read(at: Instant.date(millis: entry.occurredAt), reader: reader, purpose: entry.purpose))
            }
            cases.append(Case(reference: file.reference, standing: byCase[caseId]!.map(\.relation).sorted(), file: view, reads: reads))
        }
        cases.sort { $0.file.receivedAt < $1.file.receivedAt }
        let notices = try await DocketStore.Notification.query(on: db).filter(\.$recipientId == id).sort(\.$createdAt).all().map {
            Notice(at: Instant.date(millis: $0.createdAt), subject: clean($0.subject), body: clean($0.body))
        }
        return SubjectAccessExport(
            organisation: services.config.organisationName, generatedAt: now,
            account: Account(
                name: person.displayName, email: person.email, membershipNumber: person.membershipNumber, roles: person.roles.map(\.rawValue).sorted(),
                official: person.isPublic, deactivated: person.deactivatedAt != nil),
            cases: cases, notices: notices,
            retention: RetentionText.schedule(store.procedure.policy.retention),
            redaction:
                "Other members' names, e-mail addresses, telephone and membership numbers in what was written are replaced (Member A, Member B…); office-holders and staff are named, as in published documents."
        )
    }

    /// A redactor that knows every member on the register except `person`, whose own name,
    /// address and number stay in their export.
    static func redactor(sparing person: Person, on db: any Database) async throws -> Redactor {
        var (roster, officials) = try await PublicationController.lists(on: db)
        roster.removeAll { $0.memberId == person.membershipNumber }
        officials.append(PublicPerson(name: person.displayName))
        return Redactor(roster: roster, publicList: officials)
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Records on the person's stream that their data was exported, by whom and how.
    static func record(
        _ export: SubjectAccessExport, of person: Person, format: String, by actor: UUID?, services: DocketServices, on db: any Database
    ) async throws {
        try await db.transaction { tx in
            try await AccountActs.record(
                .subjectAccessExported(.init(format: format, cases: export.cases.count, byCommandLine: actor == nil)),
                about: person, stream: person.requireID(), by: actor, at: services.clock(), org: services.config.organisationName,
                message: actor == nil
                    ? "A copy of everything \(services.config.organisationName) holds about you in Docket was made by its administrators, in answer to a subject access request."
                    : "You downloaded a copy of everything \(services.config.organisationName) holds about you in Docket. If it was not you, change your password.",
                auditors: actor == nil, on: tx)
        }
    }
}

extension CaseView {
    /// The same view with every free text passed through `clean`.
    func redacted(_ clean: (String) -> String) -> CaseView {
        var v = self
        v.summary = summary.map(clean)
        v.complainantName = complainantName.map(clean)
        v.allegations = allegations?.map {
            var a = $0; a.basis = clean(a.basis); return a
        }
        v.response = response.map(clean)
        v.report = report.map(clean)
        v.decision = decision.map { d in
            var d = d
            d.findings = d.findings.map { CaseFile.FindingRecord(allegation: $0.allegation, finding: $0.finding, reasons: clean($0.reasons)) }
            d.sanctionReasons = d.sanctionReasons.map(clean)
            return d
        }
        v.appealGrounds = appealGrounds.map(clean)
        v.appealReasons = appealReasons.map(clean)
        v.outcomeReasons = outcomeReasons.map(clean)
        v.suspension = suspension.map {
            var s = $0; s.reasons = clean(s.reasons); s.scope = clean(s.scope); return s
        }
        v.notes = notes?.map(clean)
        v.objections = objections?.map { o in
            var o = o
            o.reasons = clean(o.reasons); o.decisionReasons = o.decisionReasons.map(clean)
            return o
        }
        v.adjournments = adjournments?.map { a in
            var a = a
            a.reasons = a.reasons.map(clean); a.decisionReasons = a.decisionReasons.map(clean)
            return a
        }
        v.proposals = proposals?.map { p in
            var p = p
            p.votes = p.votes.map {
                var vote = $0; vote.reasons = clean(vote.reasons); return vote
            }
            return p
        }
        v.messages = messages?.map { m in
            var m = m
            m.text = clean(m.text); m.attachments = m.attachments.map(clean)
            return m
        }
        return v
    }
}
