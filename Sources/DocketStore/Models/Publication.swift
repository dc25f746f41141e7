import DocketCore
import Fluent
import Foundation

/// A document on its way to publication. The original stays internal; only `published`, the
/// approved redacted version, is ever shown to the public.
public final class Publication: Model, @unchecked Sendable {
    public static let schema = "publications"

    // managed
    @ID(key: .id) public var id: UUID?

    // references
    @Field(key: "editor_id") public var editorId: UUID
    @OptionalField(key: "reviewer_id") public var reviewerId: UUID?

    // data
    @Field(key: "title") public var title: String
    @Field(key: "slug") public var slug: String
    @Field(key: "format") public var format: String
    @Field(key: "status") public var status: String
    @Field(key: "original") public var original: String
    @OptionalField(key: "published") public var published: String?
    @Field(key: "created_at") public var createdAt: Int64
    @OptionalField(key: "published_at") public var publishedAt: Int64?

    public init() {}

    public var reviewStatus: PublicationStatus { PublicationStatus(rawValue: status) ?? .inReview }

    /// The document as the core's rules read it, with its redactions' verdicts.
    public func state(_ redactions: [PublicationRedaction]) -> PublicationState {
        PublicationState(
            editor: editorId, status: reviewStatus, slug: slug,
            verdicts: Dictionary(redactions.map { ($0.number, RedactionVerdict(rawValue: $0.verdict) ?? .proposed) }, uniquingKeysWith: { a, _ in a }))
    }
}

/// One proposed (or hand-marked) redaction and the reviewer's verdict on it.
public final class PublicationRedaction: Model, @unchecked Sendable {
    public static let schema = "publication_redactions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "publication_id") public var publicationId: UUID
    @Field(key: "number") public var number: Int
    @Field(key: "start") public var start: Int
    @Field(key: "end") public var end: Int
    @Field(key: "original") public var original: String
    @Field(key: "replacement") public var replacement: String
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "member_id") public var memberId: String?
    /// `engine` or `reviewer`.
    @Field(key: "source") public var source: String
    @Field(key: "verdict") public var verdict: String

    public init() {}

    public init(
        publicationId: UUID, number: Int, start: Int, end: Int, original: String, replacement: String,
        kind: String, memberId: String?, source: String, verdict: RedactionVerdict
    ) {
        self.publicationId = publicationId; self.number = number; self.start = start; self.end = end
        self.original = original; self.replacement = replacement; self.kind = kind; self.memberId = memberId
        self.source = source; self.verdict = verdict.rawValue
    }

    public static func of(_ publication: UUID, on db: any Database) async throws -> [PublicationRedaction] {
        try await PublicationRedaction.query(on: db).filter(\.$publicationId == publication).sort(\.$number).all()
    }
}
