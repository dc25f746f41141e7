import DocketCore
import Fluent
import Foundation

/// The oversight projection: one row per case with the moments and outcomes the oversight pages
/// and transparency reports count. Rewritten from the case file in the same transaction as the
/// events that changed it, so oversight reads one narrow table and never replays the log; a test
/// checks that it always equals what replaying the log gives.
public final class CaseFacts: Model, @unchecked Sendable {
    public static let schema = "case_facts"
    /// The columns, described once: each one's name, and its position in the fast reader's
    /// `SELECT` and the bulk writer's `INSERT` (`?1` is `id`). A test checks the names against
    /// the fields below and the table's columns.
    public enum Column: Int32, CaseIterable, Sendable {
        case id, reference, category, stage, route, caseworkerId, panel, complainant
        case relation, receivedAt, triagedAt, dismissedAtTriage, noticeAt, decidedAt
        case appealDecidedAt, appealOutcome, allegations, upheld, sanction, suspendedAt
        case suspensionReview, suspensionLiftedAt, hearingHeld, lastActivity, writtenSeq

        /// The column's name in the table: the case's name in snake case.
        public var name: String {
            String(describing: self).reduce(into: "") { out, c in
                if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
            }
        }
        /// Its parameter in an `INSERT` listing every column in order.
        public var parameter: Int32 { rawValue + 1 }
    }

    /// The column names, in `Column` order.
    public static let columns = Column.allCases.map(\.name)

    // managed
    @ID(custom: .id, generatedBy: .user) public var id: UUID?

    // references
    @OptionalField(key: "caseworker_id") public var caseworkerId: UUID?
    /// Panel members' ids, lower-case, separated by spaces; empty before a panel is appointed.
    @Field(key: "panel") public var panel: String

    // data
    @Field(key: "reference") public var reference: String
    @Field(key: "category") public var category: String
    @Field(key: "stage") public var stage: String
    @Field(key: "route") public var route: String
    /// A member's id, or `non-member:` and a digest of the name given (no name is kept here).
    @Field(key: "complainant") public var complainant: String
    @Field(key: "relation") public var relation: String
    @Field(key: "received_at") public var receivedAt: Int64
    @OptionalField(key: "triaged_at") public var triagedAt: Int64?
    @Field(key: "dismissed_at_triage") public var dismissedAtTriage: Bool
    @OptionalField(key: "notice_at") public var noticeAt: Int64?
    @OptionalField(key: "decided_at") public var decidedAt: Int64?
    @OptionalField(key: "appeal_decided_at") public var appealDecidedAt: Int64?
    @OptionalField(key: "appeal_outcome") public var appealOutcome: String?
    @Field(key: "allegations") public var allegations: Int
    @Field(key: "upheld") public var upheld: Int
    @OptionalField(key: "sanction") public var sanction: String?
    @OptionalField(key: "suspended_at") public var suspendedAt: Int64?
    @OptionalField(key: "suspension_review") public var suspensionReview: String?
    @OptionalField(key: "suspension_lifted_at") public var suspensionLiftedAt: Int64?
    @Field(key: "hearing_held") public var hearingHeld: Bool
    @Field(key: "last_activity") public var lastActivity: Int64
    /// The chain position when the row was last written. Rows are written under the chain lock,
    /// so whoever has seen a row written at N has seen every row written before N: readers keep
    /// their copy current by asking only for rows written after the last they saw.
    @Field(key: "written_seq") public var writtenSeq: Int64

    public init() {}

    public func update(from c: OversightCase, seq: Int64) {
        writtenSeq = seq
        id = c.id; reference = c.reference; category = c.category; stage = c.stage.rawValue; route = c.route.rawValue
        caseworkerId = c.caseworker; panel = Self.panelText(c.panel); complainant = c.complainant; relation = c.relation.rawValue
        receivedAt = Instant.millis(c.receivedAt); triagedAt = c.triagedAt.map(Instant.millis); dismissedAtTriage = c.dismissedAtTriage
        noticeAt = c.noticeAt.map(Instant.millis); decidedAt = c.decidedAt.map(Instant.millis)
        appealDecidedAt = c.appealDecidedAt.map(Instant.millis); appealOutcome = c.appealOutcome?.rawValue
        allegations = c.allegations; upheld = c.upheld; sanction = c.sanction?.rawValue
        suspendedAt = c.suspension.map { Instant.millis($0.imposedAt) }; suspensionReview = c.suspension?.reviewDate.description
        suspensionLiftedAt = c.suspension?.liftedAt.map(Instant.millis)
        hearingHeld = c.hearingHeld; lastActivity = Instant.millis(c.lastActivity)
    }

    /// Binds this row to an `INSERT` whose parameters follow `Column` order.
    public func bind(to s: SQLiteFile.Statement) {
        func flag(_ b: Bool) -> Int64 { b ? 1 : 0 }
        for c in Column.allCases {
            let i = c.parameter
            switch c {
            case .id: s.bind(i, id)
            case .reference: s.bind(i, reference)
            case .category: s.bind(i, category)
            case .stage: s.bind(i, stage)
            case .route: s.bind(i, route)
            case .caseworkerId: s.bind(i, caseworkerId)
            case .panel: s.bind(i, panel)
            case .complainant: s.bind(i, complainant)
            case .relation: s.bind(i, relation)
            case .receivedAt: s.bind(i, receivedAt)
            case .triagedAt: s.bind(i, triagedAt)
            case .dismissedAtTriage: s.bind(i, flag(dismissedAtTriage))
            case .noticeAt: s.bind(i, noticeAt)
            case .decidedAt: s.bind(i, decidedAt)
            case .appealDecidedAt: s.bind(i, appealDecidedAt)
            case .appealOutcome: s.bind(i, appealOutcome)
            case .allegations: s.bind(i, Int64(allegations))
            case .upheld: s.bind(i, Int64(upheld))
            case .sanction: s.bind(i, sanction)
            case .suspendedAt: s.bind(i, suspendedAt)
            case .suspensionReview: s.bind(i, suspensionReview)
            case .suspensionLiftedAt: s.bind(i, suspensionLiftedAt)
            case .hearingHeld: s.bind(i, flag(hearingHeld))
            case .lastActivity: s.bind(i, lastActivity)
            case .writtenSeq: s.bind(i, writtenSeq)
            }
        }
    }

    static func panelText(_ panel: [PersonID]) -> String { panel.map { $0.uuidString.lowercased() }.joined(separator: " ") }

    /// This row as oversight reads it.
    public func oversightCase() throws -> OversightCase {
        try Self.oversightCase(
            id: id!, reference: reference, category: category, stage: stage, route: route, caseworker: caseworkerId,
            panel: panel, complainant: complainant, relation: relation, receivedAt: receivedAt, triagedAt: triagedAt,
            dismissedAtTriage: dismissedAtTriage, noticeAt: noticeAt, decidedAt: decidedAt, appealDecidedAt: appealDecidedAt,
            appealOutcome: appealOutcome, allegations: allegations, upheld: upheld, sanction: sanction,
            suspendedAt: suspendedAt, suspensionReview: suspensionReview, suspensionLiftedAt: suspensionLiftedAt,
            hearingHeld: hearingHeld, lastActivity: lastActivity)
    }

    /// Reads a row back. Every stored value was written by `update`, so a value that does not
    /// parse means the table was edited by hand: that is reported, not guessed around.
    public static func oversightCase(
        id: UUID, reference: String, category: String, stage: String, route: String, caseworker: UUID?, panel: String,
        complainant: String, relation: String, receivedAt: Int64, triagedAt: Int64?, dismissedAtTriage: Bool, noticeAt: Int64?,
        decidedAt: Int64?, appealDecidedAt: Int64?, appealOutcome: String?, allegations: Int, upheld: Int, sanction: String?,
        suspendedAt: Int64?, suspensionReview: String?, suspensionLiftedAt: Int64?, hearingHeld: Bool, lastActivity: Int64
    ) throws -> OversightCase {
        func bad(_ column: String, _ value: String) -> any Error {
            DueProcessError.invalid(
                "bad_projection",
                "case_facts row \(reference) has \(column) '\(value)', which Docket never writes; rebuild the projection with `docket projections rebuild`.")
        }
        guard let stageValue = CaseStage(rawValue: stage) else { throw bad("stage", stage) }
        guard let routeValue = CaseRoute(rawValue: route) else { throw bad("route", route) }
        guard let relationValue = ComplainantRelation(rawValue: relation) else { throw bad("relation", relation) }
        let outcome = try appealOutcome.map { v in try AppealOutcome(rawValue: v).orThrow(bad("appeal_outcome", v)) }
        let sanctionValue = try sanction.map { v in try SanctionKind(rawValue: v).orThrow(bad("sanction", v)) }
        var suspension: OversightCase.Suspended?
        if let suspendedAt {
            guard let review = suspensionReview.flatMap(Day.init) else { throw bad("suspension_review", suspensionReview ?? "") }
            suspension = .init(imposedAt: Instant.date(millis: suspendedAt), reviewDate: review, liftedAt: suspensionLiftedAt.map { Instant.date(millis: $0) })
        }
        let members = try (panel.isEmpty ? [] : UUIDText.parseList(panel)).orThrow(bad("panel", panel))
        return OversightCase(
            id: id, reference: reference, category: category, stage: stageValue, route: routeValue, caseworker: caseworker,
            panel: members, complainant: complainant, relation: relationValue, receivedAt: Instant.date(millis: receivedAt),
            triagedAt: triagedAt.map { Instant.date(millis: $0) }, dismissedAtTriage: dismissedAtTriage, noticeAt: noticeAt.map { Instant.date(millis: $0) },
            decidedAt: decidedAt.map { Instant.date(millis: $0) }, appealDecidedAt: appealDecidedAt.map { Instant.date(millis: $0) },
            appealOutcome: outcome, allegations: allegations, upheld: upheld, sanction: sanctionValue,
            suspension: suspension, hearingHeld: hearingHeld, lastActivity: Instant.date(millis: lastActivity))
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}

/// The interference register: contacts from outside the case team, one row each, for the
/// independent reviewers. A projection of `interference_recorded` events.
public final class InterferenceEntry: Model, @unchecked Sendable {
    public static let schema = "interference_register"

    // managed
    @ID(key: .id) public var id: UUID?

    // references
    @Field(key: "case_id") public var caseId: UUID
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?

    // data
    @Field(key: "reference") public var reference: String
    @Field(key: "route") public var route: String
    @Field(key: "at") public var at: Int64
    @Field(key: "from_whom") public var from: String
    @Field(key: "summary") public var summary: String

    public init() {}
    public init(_ r: CaseFile.InterferenceRecord, in f: CaseFile) {
        caseId = f.id; recordedBy = r.recordedBy; reference = f.reference; route = f.route.rawValue
        at = Instant.millis(r.at); from = r.from; summary = r.summary
    }
}

extension CaseFacts {
    /// Changes to the set of rows that a watermark cannot show (a rebuild deletes and rewrites
    /// them all) change this setting; readers that see a new value start again.
    public static let generationKey = "oversight_generation"
}

/// One review opened on a case by a review programme, for the programme page and the reviewer's
/// list. A projection of the case's `programme_review_*` events.
public final class ProgrammeReviewEntry: Model, @unchecked Sendable {
    public static let schema = "programme_reviews"

    // managed
    @ID(key: .id) public var id: UUID?

    // references
    @Field(key: "programme_id") public var programmeId: UUID
    @Field(key: "case_id") public var caseId: UUID
    @Field(key: "reviewer_id") public var reviewerId: UUID

    // data
    @Field(key: "reference") public var reference: String
    @Field(key: "concluded") public var concluded: Bool

    public init() {}
    public init(_ r: CaseFile.ProgrammeReview, in f: CaseFile) {
        programmeId = r.programme; caseId = f.id; reviewerId = r.reviewer; reference = f.reference; concluded = r.conclusion != nil
    }
}
