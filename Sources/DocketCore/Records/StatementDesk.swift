import Foundation

public enum CommentStatus: String, Codable, Sendable, CaseIterable {
    case pending, visible, hidden, removed
}

/// A published statement as the rules need it: whether it still takes comments.
public struct StatementState: Sendable, Equatable {
    public var slug: String
    public var commentsOpen: Bool
    public init(slug: String, commentsOpen: Bool) { self.slug = slug; self.commentsOpen = commentsOpen }
}

/// A comment as the rules need it.
public struct CommentState: Sendable, Equatable {
    public var id: UUID
    public var status: CommentStatus
    public var reports: Int
    public init(id: UUID, status: CommentStatus, reports: Int) { self.id = id; self.status = status; self.reports = reports }
}

public enum ModerationDecision: String, Codable, Sendable, CaseIterable {
    case publish, remove
}

public enum StatementCommand: Sendable {
    /// A new statement. `closesOn` is the last day comments are taken; `today` is the day it is published.
    case publish(title: String, body: String, slug: String, closesOn: Day?, today: Day)
    case closeComments
    /// A signed-in member's comment; `premoderated` when comments wait for a moderator first.
    case comment(id: UUID, body: String, premoderated: Bool)
    /// A report of a comment, counted: `reports` is the count with this one, `threshold` how many hide it.
    case report(CommentState, threshold: Int)
    case moderate(CommentState, ModerationDecision, reasons: String)

    public var step: StatementStep {
        switch self {
        case .publish: .publish
        case .closeComments: .closeComments
        case .comment: .comment
        case .report: .report
        case .moderate: .moderate
        }
    }
}

public enum StatementStep: String, CaseIterable, Sendable {
    case publish, closeComments = "close", comment, report, moderate
}

/// The rules of public statements and members' comments, as one pure decider.
///
/// Editors publish and moderate; signed-in members comment under their own name while comments
/// are open; anyone may report a comment, and enough reports hide it until a moderator decides.
/// Every moderation decision has reasons, which the author is told. Each comment's text is on
/// the chain by its hash, so no one with the database can put words in a member's mouth unseen.
public enum StatementDesk {
    public static let maximumComment = 5_000

    /// Who may take `step`, and when. `actor` is nil for someone not signed in.
    public static func check(_ step: StatementStep, on state: StatementState?, by actor: Actor?) throws(DueProcessError) {
        switch step {
        case .publish:
            guard actor?.has(.editor) == true else { throw .notPermitted("editor_only", "Only an editor can publish a statement.") }
            guard state == nil else { throw .notAllowed("already_published", "This statement is already published.") }
        case .closeComments, .moderate:
            guard actor?.has(.editor) == true else { throw .notPermitted("editor_only", "Only an editor can close comments or moderate them.") }
            guard let state else { throw .init(.notFound, "no_statement", "There is no such statement.") }
            if step == .closeComments, !state.commentsOpen { throw .notAllowed("comments_closed", "Comments are already closed.") }
        case .comment:
            guard actor != nil else { throw .notPermitted("sign_in", "Sign in to comment.") }
            guard let state else { throw .init(.notFound, "no_statement", "There is no such statement.") }
            guard state.commentsOpen else { throw .notAllowed("comments_closed", "Comments are now closed.") }
        case .report:
            guard state != nil else { throw .init(.notFound, "no_statement", "There is no such statement.") }
        }
    }

    /// The steps `actor` would be allowed to take on the statement now, with valid input.
    public static func offers(_ state: StatementState?, to actor: Actor?) -> [StatementStep] {
        StatementStep.allCases.filter { (try? check($0, on: state, by: actor)) != nil }
    }

    public static func decide(_ command: StatementCommand, on state: StatementState?, by actor: Actor?) throws(DueProcessError) -> [RecordEvent] {
        try check(command.step, on: state, by: actor)
        switch command {
        case .publish(let title, let body, let slug, let closesOn, let today):
            guard !title.isBlank, !body.isBlank else { throw .invalid("statement_required", "A statement needs a title and text.") }
            try TextLimit.name.check(title, "The title")
            try TextLimit.document.check(body, "The statement")
            if let closesOn, closesOn < today {
                throw .invalid("closes_in_past", "Comments cannot close on \(closesOn), which has passed; choose today or a later day.")
            }
            return [.statementPublished(.init(title: title, slug: slug, sha256: PublicationReview.sha256(body)))]
        case .closeComments:
            return [.commentsClosed(.init(slug: state!.slug))]
        case .comment(let id, let body, let premoderated):
            guard !body.isBlank, body.count <= maximumComment else {
                throw .invalid("comment_length", "A comment must have text, and at most \(maximumComment.withThousands) characters.")
            }
            let status: CommentStatus = premoderated ? .pending : .visible
            return [.commentPosted(.init(comment: id, status: status.rawValue, sha256: PublicationReview.sha256(body)))]
        case .report(let comment, let threshold):
            // Reports themselves are not recorded (who reported is nobody else's business); the
            // moment they hide a comment is.
            guard comment.status == .visible, comment.reports >= threshold else { return [] }
            return [.commentHidden(.init(comment: comment.id, reports: comment.reports))]
        case .moderate(let comment, let decision, let reasons):
            guard comment.status != .removed else { throw .notAllowed("comment_removed", "This comment has already been removed.") }
            if decision == .publish, comment.status == .visible {
                throw .notAllowed("comment_visible", "This comment is already published.")
            }
            guard !reasons.isBlank else { throw .invalid("reasons_required", "A moderation decision needs reasons; the author is told them.") }
            try TextLimit.reasons.check(reasons, "The reasons")
            return [.commentModerated(.init(comment: comment.id, decision: decision.rawValue, reasons: reasons))]
        }
    }

    /// A comment's status after an event of the record.
    public static func evolve(_ comment: CommentState, _ event: RecordEvent) -> CommentState {
        var c = comment
        switch event {
        case .commentHidden(let h) where h.comment == c.id: c.status = .hidden
        case .commentModerated(let m) where m.comment == c.id:
            c.status = ModerationDecision(rawValue: m.decision) == .publish ? .visible : .removed
            // A moderator's decision stands against the reports it answered: only as many new
            // reporters as the threshold hide the comment again (each reporter still counts once).
            if c.status == .visible { c.reports = 0 }
        default: break
        }
        return c
    }
}
