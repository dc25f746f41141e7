import DocketCore
import Fluent
import Foundation

/// A review programme as opened: its title, its rule, and how many decisions it took in.
public final class ReviewProgrammeRecord: Model, @unchecked Sendable {
    public static let schema = "review_programmes"

    // managed
    @ID(key: .id) public var id: UUID?

    // references
    @Field(key: "created_by") public var createdBy: UUID

    // data
    @Field(key: "title") public var title: String
    @Field(key: "rule") public var rule: String
    @Field(key: "selected") public var selected: Int
    @Field(key: "created_at") public var createdAt: Int64

    public init() {}

    public init(id: UUID, createdBy: UUID, title: String, rule: ReviewRule, selected: Int, at: Date) throws {
        self.id = id; self.createdBy = createdBy; self.title = title
        self.rule = String(decoding: try DocketJSON.encoder.encode(rule), as: UTF8.self)
        self.selected = selected; createdAt = Instant.millis(at)
    }
}
