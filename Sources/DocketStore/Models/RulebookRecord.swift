import DocketCore
import Fluent
import Foundation

/// One imported rulebook version. Versions are added, never replaced, so the history stays.
public final class RulebookRecord: Model, @unchecked Sendable {
    public static let schema = "rulebook_versions"

    // managed
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "imported_at", on: .create) public var importedAt: Date?

    // data
    @Field(key: "version") public var version: String
    @Field(key: "effective_from") public var effectiveFrom: String
    /// The whole version as JSON, exactly as validated.
    @Field(key: "document") public var document: String

    public init() {}

    public init(_ v: RulebookVersion) throws {
        version = v.version
        effectiveFrom = v.effectiveFrom.description
        document = String(decoding: try DocketJSON.encoder.encode(v), as: UTF8.self)
    }

    public func decoded() throws -> RulebookVersion {
        try DocketJSON.decoder.decode(RulebookVersion.self, from: Data(document.utf8))
    }

    public static func rulebook(on db: any Database) async throws -> Rulebook {
        Rulebook(versions: try await RulebookRecord.query(on: db).all().map { try $0.decoded() })
    }
}
