import DocketCore
import Fluent
import Foundation

/// The projection of one case that lists and dashboards query. Rewritten from the case file in the
/// same transaction as the events that changed it; never the source of truth.
public final class CaseSummary: Model, @unchecked Sendable {
    public static let schema = "cases"

    // managed
    @ID(custom: .id, generatedBy: .user) public var id: UUID?

    // references
    @OptionalField(key: "complainant_id") public var complainantId: UUID?
    @Field(key: "respondent_id") public var respondentId: UUID
    @OptionalField(key: "caseworker_id") public var caseworkerId: UUID?

    // data
    @Field(key: "reference") public var reference: String
    @Field(key: "stage") public var stage: String
    @Field(key: "route") public var route: String
    @Field(key: "category") public var category: String
    @Field(key: "relation") public var relation: String
    @Field(key: "received_at") public var receivedAt: Int64
    @Field(key: "stage_entered_at") public var stageEnteredAt: Int64
    /// Nil while the clock is stopped or the case is finished.
    @OptionalField(key: "stage_due_at") public var stageDueAt: Int64?
    @OptionalField(key: "target_due_at") public var targetDueAt: Int64?
    @Field(key: "paused") public var paused: Bool
    @OptionalField(key: "suspension_review") public var suspensionReview: String?
    @OptionalField(key: "sanction") public var sanction: String?
    @Field(key: "last_seq") public var lastSeq: Int64
    /// When retention or a request erased the case's personal data.
    @OptionalField(key: "erased_at") public var erasedAt: Int64?
    /// For the oversight page's whistleblowing figures: which cases to read.
    @Field(key: "protected_disclosure") public var protectedDisclosure: Bool
    @Field(key: "retaliation_flags") public var retaliationFlags: Int

    public init() {}

    /// What `respondent_id` holds while nobody has been identified.
    public static let unidentified = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    public func update(from f: CaseFile, due: StageDue?, lastSeq: Int64) {
        id = f.id
        complainantId = f.complainantId
        // The column predates complaints filed before their respondent is identified; until then
        // it holds the nil UUID, which is nobody's id.
        respondentId = f.respondentId ?? CaseSummary.unidentified
        caseworkerId = f.caseworkerId
        reference = f.reference
        stage = f.stage.rawValue
        route = f.route.rawValue
        category = f.category
        relation = f.relation.rawValue
        receivedAt = Instant.millis(f.receivedAt)
        stageEnteredAt = Instant.millis(f.clock.enteredAt)
        stageDueAt = due.map { Instant.millis($0.maximum) }
        targetDueAt = due.map { Instant.millis($0.target) }
        paused = f.clock.pausedSince != nil
        // Only while the case is open: a finished case needs no review of its suspension.
        suspensionReview = f.stage.isTerminal ? nil : f.suspension.flatMap { $0.liftedAt == nil ? $0.reviewDate.description : nil }
        sanction = (f.appealDecision?.sanction ?? f.decision?.sanction)?.rawValue
        erasedAt = f.erasedAt.map(Instant.millis)
        protectedDisclosure = f.protectedDisclosure
        retaliationFlags = f.retaliationFlags.count
        self.lastSeq = lastSeq
    }

    /// The cases a person may see, newest first: those they stand in, those their committee
    /// oversees (standard route), and all of them for independent reviewers.
    public static func visible(to actor: Actor, on db: any Database) async throws -> [CaseSummary] {
        let mine = try await CaseMembership.cases(of: actor.id, on: db)
        let query = CaseSummary.query(on: db)
        if actor.has(.reviewer) {
            // every case
        } else if actor.has(.governance) {
            query.group(.or) { $0.filter(\.$route == CaseRoute.standard.rawValue).filter(\.$id ~~ mine) }
        } else {
            query.filter(\.$id ~~ mine)
        }
        return try await query.sort(\.$receivedAt, .descending).all()
    }

    /// Open cases past the maximum for their stage, most overdue first. The oversight pages use this.
    public static func overdue(at now: Date, on db: any Database) -> QueryBuilder<CaseSummary> {
        onlyOverdue(CaseSummary.query(on: db), at: now).sort(\.$stageDueAt)
    }

    /// Narrows a query to cases past their stage maximum at `now`, as the core set it.
    @discardableResult
    public static func onlyOverdue(_ q: QueryBuilder<CaseSummary>, at now: Date) -> QueryBuilder<CaseSummary> {
        q.filter(\.$stageDueAt != nil).filter(\.$stageDueAt <= Instant.millis(now))
    }
}

/// Who stands in what relation to a case, for "my cases" and for load counts.
public final class CaseMembership: Model, @unchecked Sendable {
    public static let schema = "case_members"

    // managed
    @ID(key: .id) public var id: UUID?

    // references
    @Field(key: "case_id") public var caseId: UUID
    @Field(key: "person_id") public var personId: UUID

    // data
    @Field(key: "relation") public var relation: String
    @Field(key: "open") public var open: Bool
    /// This person's own next deadline in the case (`Procedure.ownDeadline`), in milliseconds.
    @OptionalField(key: "due_at") public var dueAt: Int64?
    @OptionalField(key: "due_kind") public var dueKind: String?

    public init() {}
    public init(caseId: UUID, personId: UUID, relation: String, open: Bool) {
        self.caseId = caseId; self.personId = personId; self.relation = relation; self.open = open
    }

    /// Who stands where in a case, each with their own next deadline: the rows `CaseStore` writes.
    public static func rows(for f: CaseFile, procedure: Procedure) -> [CaseMembership] {
        let rows = relations(for: f)
        for row in rows where row.open || row.relation == "respondent" || row.relation == "representative" {
            guard let access = CaseAccess(relation: row.relation), let due = procedure.ownDeadline(in: f, for: [access]) else { continue }
            row.dueAt = Instant.millis(due.at); row.dueKind = due.kind.rawValue
        }
        return rows
    }

    private static func relations(for f: CaseFile) -> [CaseMembership] {
        let open = !f.stage.isTerminal
        var rows: [CaseMembership] = []
        if let r = f.respondentId { rows.append(.init(caseId: f.id, personId: r, relation: "respondent", open: open)) }
        if let c = f.complainantId { rows.append(.init(caseId: f.id, personId: c, relation: "complainant", open: open)) }
        if let r = f.representativeId { rows.append(.init(caseId: f.id, personId: r, relation: "representative", open: open)) }
        if let c = f.caseworkerId { rows.append(.init(caseId: f.id, personId: c, relation: "caseworker", open: open)) }
        for m in f.panel?.members ?? [] { rows.append(.init(caseId: f.id, personId: m, relation: "panel", open: f.stage == .hearing)) }
        for m in f.appealPanel?.members ?? [] { rows.append(.init(caseId: f.id, personId: m, relation: "appeal_panel", open: f.stage == .appeal)) }
        return rows
    }

    /// Open cases each handler carries, for load-balanced draws.
    static func openLoads(on db: any Database) async throws -> [UUID: Int] {
        let rows = try await CaseMembership.query(on: db).filter(\.$open == true)
            .filter(\.$relation ~~ ["caseworker", "panel", "appeal_panel"]).all()
        return rows.reduce(into: [:]) { $0[$1.personId, default: 0] += 1 }
    }

    public static func cases(of person: UUID, on db: any Database) async throws -> [UUID] {
        try await CaseMembership.query(on: db).filter(\.$personId == person).all().map(\.caseId)
    }
}

/// A message to one person about one case; also the queue from which e-mail is sent.
public final class Notification: Model, @unchecked Sendable {
    public static let schema = "notifications"

    // managed
    @ID(key: .id) public var id: UUID?

    // references
    @Field(key: "case_id") public var caseId: UUID
    @OptionalField(key: "recipient_id") public var recipientId: UUID?
    @Field(key: "event_seq") public var eventSeq: Int64

    // data
    @Field(key: "audience") public var audience: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Int64
    @OptionalField(key: "read_at") public var readAt: Int64?

    public init() {}

    public init(_ n: CaseNotice, caseId: UUID, seq: Int64, at: Date) {
        self.caseId = caseId; recipientId = n.recipientId; eventSeq = seq
        audience = n.audience.rawValue; subject = n.subject; body = n.body; createdAt = Instant.millis(at)
    }

    public static func inbox(of person: UUID, on db: any Database) async throws -> [Notification] {
        try await Notification.query(on: db).filter(\.$recipientId == person).sort(\.$eventSeq, .descending).all()
    }
}

extension CaseAccess {
    /// The access a case membership's relation gives.
    init?(relation: String) {
        switch relation {
        case "respondent": self = .respondent
        case "complainant": self = .complainant
        case "representative": self = .representative
        case "caseworker": self = .caseworker
        case "panel", "appeal_panel": self = .panel
        default: return nil
        }
    }
}
