import DocketCore
import DocketStore
import Fluent
import Foundation
import Vapor

/// The JSON bodies of the lifecycle commands, one per action in the URL.
enum CommandBody {
    struct Reasons: Content { var reasons: String }
    struct Resolve: Content { var summary: String; var complainantConsents: Bool; var respondentConsents: Bool }
    struct Allegation: Content { var clauseId: String; var conductDate: Day; var basis: String }
    struct Correction: Content { var number: Int; var clauseId: String; var conductDate: Day; var basis: String; var reasons: String }
    struct Withdrawal: Content { var number: Int; var reasons: String }
    struct Notice: Content { var windowWorkingDays: Int; var disclosedEvidence: [String]? }
    struct Representative: Content { var personId: UUID }
    struct Response: Content { var text: String; var requestsOralHearing: Bool? }
    struct Report: Content { var text: String }
    /// Attendees by id, or "complainant" for a complainant whose identity the recorder may not know.
    struct Hearing: Content { var notes: String; var attendees: [String]? }
    /// `startsAt` as ISO 8601 (`2027-01-12T10:00:00Z`), or as a form's date and time
    /// (`2027-01-12T10:00`), read as UTC.
    struct Schedule: Content { var startsAt: String; var place: String?; var link: String? }
    struct Objection: Content { var member: UUID; var reasons: String }
    struct ObjectionDecision: Content { var number: Int; var upheld: Bool; var reasons: String }
    struct AdjournmentDecision: Content { var number: Int; var granted: Bool; var reasons: String }
    struct Vote: Content { var concurs: Bool; var reasons: String }
    struct Message: Content { var thread: CaseAccess; var text: String; var asks: Bool?; var answering: Int? }
    struct Disclosure: Content { var number: Int; var reasons: String }
    struct RevealDecision: Content { var number: Int; var reveal: Bool; var reasons: String }
    struct FlagDecision: Content { var number: Int; var confirmed: Bool; var reasons: String }

    static func instant(_ text: String) throws -> Date {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let d = Instant.parse(t) { return d }
        if let d = Instant.parse(t + (t.count == 16 ? ":00Z" : "Z")) { return d }
        throw DueProcessError.invalid("date_time_invalid", "'\(text.prefix(40))' is not a date and time such as 2027-01-12T10:00.")
    }

    /// Names of the people who sit or may be drawn, as the parties are told them.
    static func names(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return try await Person.query(on: db).filter(\.$id ~~ ids).all().reduce(into: [UUID: String]()) { $0[$1.id!] = $1.displayName }
    }
    struct Decision: Content { var findings: [CaseFile.FindingRecord]; var sanction: String?; var sanctionReasons: String? }
    struct Appeal: Content { var grounds: String }
    struct AppealDecision: Content { var outcome: AppealOutcome; var reasons: String; var sanction: String? }

    /// A form's "no sanction" arrives as an empty string; anything else must name a sanction.
    static func sanction(_ text: String?) throws -> SanctionKind? {
        guard let text, !text.isEmpty else { return nil }
        guard let s = SanctionKind(rawValue: text) else {
            throw DueProcessError.invalid(
                "unknown_sanction", "'\(text)' is not a sanction; use one of \(SanctionKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return s
    }
    struct Suspension: Content { var reasons: String; var scope: String?; var reviewDate: Day }
    struct Interference: Content { var from: String; var summary: String }
    struct Conclusion: Content { var conclusion: ReviewConclusion; var reasons: String; var sanction: String? }
    struct Review: Content { var verdict: ReviewVerdict; var reasons: String }

    /// The person a complaint is about, by id, membership number or e-mail address.
    struct Identify: Content { var personId: UUID?; var membershipNumber: String?; var email: String?; var who: String? }

    /// Every action the API accepts, for the error that names them: the catalogue's steps, but
    /// evidence, which is a file upload on the web only.
    static let actions = CaseStep.allCases.filter { $0 != .evidence }.map(\.rawValue)

    /// Reads the command named by `action` from the request. Draws take their pool from the
    /// register here: caseworkers (reviewers on the independent route) or panel members.
    static func command(_ action: String, for file: CaseFile, _ req: Request) async throws -> CaseCommand {
        func body<T: Decodable>(_ t: T.Type) throws -> T { try req.content.decode(t) }
        let seed = req.docket.seeds()
        // Every step of the catalogue but evidence (a multipart form of its own) is read here;
        // the compiler holds this switch to the catalogue.
        guard let step = CaseStep(rawValue: action) else { throw Abort(.notFound) }
        switch step {
        case .identifyRespondent:
            try (try await req.docket.procedure(on: req.db)).mayIdentifyRespondent(file, by: try req.actor().1)
            let b = try body(Identify.self)
            var person: Person?
            if let id = b.personId { person = try await Person.find(id, on: req.db) }
            for text in [b.membershipNumber, b.email, b.who].compactMap({ $0 }) where person == nil {
                let t = text.trimmingCharacters(in: .whitespaces)
                person = try await Person.query(on: req.db).filter(\.$membershipNumber == t.uppercased()).first()
                if person == nil, t.contains("@") { person = try await Person.byEmail(t, on: req.db) }
            }
            // Only reviewers get this far; for them the register is no secret.
            guard let person else {
                throw DueProcessError.invalid("person_unknown", "Nobody on the register or among the staff has that id, membership number or e-mail address.")
            }
            return .identifyRespondent(try person.requireID(), official: person.isOfficial)
        case .allocateCaseworker:
            let role: Role = file.route == .independent ? .reviewer : .caseworker
            // A protected identity's custodian is drawn from the independent reviewers in the same step.
            let custodians = file.identityProtected && file.custodian == nil ? try await Person.candidates(with: .reviewer, on: req.db) : []
            return .allocateCaseworker(pool: try await Person.candidates(with: role, on: req.db), seed: seed, custodians: custodians)
        case .dismiss: return .dismiss(reasons: try body(Reasons.self).reasons)
        case .resolve:
            let b = try body(Resolve.self)
            return .resolveInformally(summary: b.summary, complainantConsents: b.complainantConsents, respondentConsents: b.respondentConsents)
        case .openInvestigation: return .openInvestigation(reasons: try body(Reasons.self).reasons)
        case .allegations:
            let b = try body(Allegation.self)
            return .addAllegation(clauseId: b.clauseId, conductDate: b.conductDate, basis: b.basis)
        case .correctAllegation:
            let b = try body(Correction.self)
            return .correctAllegation(number: b.number, clauseId: b.clauseId, conductDate: b.conductDate, basis: b.basis, reasons: b.reasons)
        case .withdrawAllegation:
            let b = try body(Withdrawal.self)
            return .withdrawAllegation(number: b.number, reasons: b.reasons)
        case .serveNotice:
            let b = try body(Notice.self)
            return .serveNotice(windowWorkingDays: b.windowWorkingDays, disclosedEvidence: b.disclosedEvidence ?? [])
        case .representative:
            let id = try body(Representative.self).personId
            return .nameRepresentative(id, known: try await Person.find(id, on: req.db) != nil)
        case .respond:
            let b = try body(Response.self)
            return .respond(text: b.text, requestsOralHearing: b.requestsOralHearing ?? false)
        case .report: return .submitReport(try body(Report.self).text)
        case .appointPanel: return .appointPanel(pool: try await Person.candidates(with: .panelMember, on: req.db), seed: seed)
        case .hearing:
            let b = try body(Hearing.self)
            let attendees = try (b.attendees ?? []).map { text -> UUID in
                if text == "complainant", let c = file.complainantId { return c }
                guard let id = UUID(uuidString: text) else {
                    throw DueProcessError.invalid("attendee_unknown", "'\(text.prefix(40))' is not someone who could attend.").on("attendees")
                }
                return id
            }
            return .recordHearing(notes: b.notes, attendees: attendees)
        case .scheduleHearing:
            let b = try body(Schedule.self)
            let names = try await names(file.panel?.members ?? [], on: req.db)
            return .scheduleHearing(startsAt: try instant(b.startsAt), place: b.place ?? "", link: b.link, names: names)
        case .objectToPanelMember:
            let b = try body(Objection.self)
            return .objectToPanelMember(member: b.member, reasons: b.reasons)
        case .decideObjection:
            let b = try body(ObjectionDecision.self)
            let pool = try await Person.candidates(with: .panelMember, on: req.db)
            let upheld = b.upheld
            let names = try await names((file.panel?.members ?? []) + (upheld ? pool.map(\.id) : []), on: req.db)
            return .decideObjection(number: b.number, upheld: upheld, reasons: b.reasons, pool: pool, seed: seed, names: names)
        case .requestAdjournment: return .requestAdjournment(reasons: try body(Reasons.self).reasons)
        case .decideAdjournment:
            let b = try body(AdjournmentDecision.self)
            return .decideAdjournment(number: b.number, granted: b.granted, reasons: b.reasons)
        case .vote:
            let b = try body(Vote.self)
            return .vote(concurs: b.concurs, reasons: b.reasons)
        case .message:
            let b = try body(Message.self)
            return .postMessage(thread: b.thread, text: b.text, asks: b.asks ?? false, answering: b.answering)
        case .discloseMessage:
            let b = try body(Disclosure.self)
            return .discloseMessage(number: b.number, reasons: b.reasons)
        case .decide:
            let b = try body(Decision.self)
            return .decide(findings: b.findings, sanction: try sanction(b.sanction), sanctionReasons: b.sanctionReasons)
        case .appeal: return .appeal(grounds: try body(Appeal.self).grounds)
        case .appointAppealPanel: return .appointAppealPanel(pool: try await Person.candidates(with: .panelMember, on: req.db), seed: seed)
        case .decideAppeal:
            let b = try body(AppealDecision.self)
            return .decideAppeal(outcome: b.outcome, reasons: b.reasons, sanction: try sanction(b.sanction))
        case .close: return .close(reasons: try body(Reasons.self).reasons)
        case .declareConflict: return .declareConflict(reason: try body(Reasons.self).reasons)
        case .pauseClock: return .pauseClock(reason: try body(Reasons.self).reasons)
        case .resumeClock: return .resumeClock(reason: try body(Reasons.self).reasons)
        case .suspend:
            let b = try body(Suspension.self)
            return .imposeInterimSuspension(reasons: b.reasons, scope: b.scope ?? "", reviewDate: b.reviewDate)
        case .renewSuspension:
            let b = try body(Suspension.self)
            return .renewInterimSuspension(reasons: b.reasons, reviewDate: b.reviewDate)
        case .liftSuspension: return .liftInterimSuspension(reasons: try body(Reasons.self).reasons)
        case .note: return .addNote(try body(Report.self).text)
        case .withholdIdentity: return .recordWithholding(reasons: try body(Reasons.self).reasons)
        case .requestReveal: return .requestReveal(reasons: try body(Reasons.self).reasons)
        case .decideReveal:
            let b = try body(RevealDecision.self)
            return .decideReveal(number: b.number, reveal: b.reveal, reasons: b.reasons)
        case .decideFlag:
            let b = try body(FlagDecision.self)
            return .decideRetaliationFlag(number: b.number, confirmed: b.confirmed, reasons: b.reasons)
        case .concurSuspension: return .concurInSuspension(reasons: try body(Reasons.self).reasons)
        case .reviewDecision:
            let b = try body(Review.self)
            return .reviewDecision(verdict: b.verdict, reasons: b.reasons)
        case .concludeReview:
            let b = try body(Conclusion.self)
            return .concludeProgrammeReview(conclusion: b.conclusion, reasons: b.reasons, sanction: try sanction(b.sanction))
        case .interference:
            let b = try body(Interference.self)
            return .recordInterference(from: b.from, summary: b.summary)
        case .evidence:
            throw Abort(.notFound)
        }
    }
}
