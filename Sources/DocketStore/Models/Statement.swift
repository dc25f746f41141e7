import DocketCore
import Fluent
import Foundation

/// A statement or report the organisation publishes, open to members' comments.
public final class Statement: Model, @unchecked Sendable {
    public static let schema = "statements"

    // managed
    @ID(key: .id) public var id: UUID?
    // references
    @Field(key: "author_id") public var authorId: UUID
    // data
    @Field(key: "slug") public var slug: String
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    @Field(key: "published_at") public var publishedAt: Int64
    @OptionalField(key: "comments_close_at") public var commentsCloseAt: Int64?
    @Field(key: "closed_by_hand") public var closedByHand: Bool

    public init() {}

    /// Comments close on their date or when closed by hand, whichever comes first.
    public func commentsOpen(at now: Date) -> Bool {
        !closedByHand && (commentsCloseAt.map { Instant.millis(now) < $0 } ?? true)
    }

    /// The statement as the core's rules read it.
    public func state(at now: Date) -> StatementState { StatementState(slug: slug, commentsOpen: commentsOpen(at: now)) }
}

/// A member's comment, under their display name.
public final class Comment: Model, @unchecked Sendable {
    public static let schema = "comments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "statement_id") public var statementId: UUID
    @Field(key: "author_id") public var authorId: UUID
    @Field(key: "display_name") public var displayName: String
    @Field(key: "body") public var body: String
    @Field(key: "status") public var status: String
    @Field(key: "reports") public var reports: Int
    @Field(key: "created_at") public var createdAt: Int64

    public init() {}
    public var commentStatus: CommentStatus { CommentStatus(rawValue: status) ?? .pending }
    public var state: CommentState { CommentState(id: id!, status: commentStatus, reports: reports) }
}

/// One report of a comment; one per reporter (an account, or an address for visitors).
public final class CommentReport: Model, @unchecked Sendable {
    public static let schema = "comment_reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "comment_id") public var commentId: UUID
    @Field(key: "reporter") public var reporter: String

    public init() {}
    public init(commentId: UUID, reporter: String) { self.commentId = commentId; self.reporter = reporter }
}

/// A message to a person that concerns no case: a moderation decision, for instance.
public final class AccountMessage: Model, @unchecked Sendable {
    public static let schema = "account_messages"

    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personId: UUID
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Int64

    public init() {}
    public init(personId: UUID, subject: String, body: String, at: Date) {
        self.personId = personId; self.subject = subject; self.body = body; createdAt = Instant.millis(at)
    }
}
