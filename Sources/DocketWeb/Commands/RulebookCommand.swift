import DocketCore
import DocketStore
import Fluent
import Foundation
import Vapor

/// `docket rulebook import FILE`: adds one or more rulebook versions from JSON. All or nothing.
struct RulebookCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import")
        var action: String
        @Argument(name: "file", help: "A JSON file with one version, or {\"versions\": [...]}")
        var file: String
    }

    var help: String { "Imports rulebook versions: `docket rulebook import FILE`." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "import" else { throw CommandFailure("unknown rulebook action '\(signature.action)'; try `docket rulebook import FILE`") }
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("\(signature.file): cannot read the file")
        }
        let versions = try RulebookFile.parse(data, name: signature.file)
        try await RulebookFile.store(versions, on: context.application.db)
        for v in versions {
            context.console.output("Imported rulebook version \(v.version), in force from \(v.effectiveFrom), \(v.clauses.count) clauses.".consoleText(.success))
        }
    }
}

/// The rulebook file format: snake_case JSON, one version or `{"versions": [...]}`.
public enum RulebookFile {
    struct Many: Decodable { var versions: [RulebookVersion] }

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }()

    public static func parse(_ data: Data, name: String) throws -> [RulebookVersion] {
        let versions: [RulebookVersion]
        do {
            if let many = try? decoder.decode(Many.self, from: data) { versions = many.versions }
            else { versions = [try decoder.decode(RulebookVersion.self, from: data)] }
        } catch let e as DecodingError {
            throw CommandFailure("\(name): \(describe(e))")
        }
        let problems = versions.flatMap { v in v.problems().map { "version \(v.version): \($0)" } }
        guard problems.isEmpty else { throw CommandFailure("\(name) is not a valid rulebook; nothing was imported:\n  " + problems.joined(separator: "\n  ")) }
        return versions
    }

    /// Stores every version in one transaction; a version already imported is refused, never replaced.
    public static func store(_ versions: [RulebookVersion], on db: any Database) async throws {
        try await db.transaction { tx in
            for v in versions {
                if try await RulebookRecord.query(on: tx).filter(\.$version == v.version).first() != nil {
                    throw CommandFailure("rulebook version \(v.version) is already imported; versions are kept, never replaced; give the new one its own label. Nothing was imported.")
                }
                try await RulebookRecord(v).create(on: tx)
            }
        }
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined() }
        switch e {
        case .keyNotFound(let key, let ctx): return "missing field \(path(ctx.codingPath + [key]))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "wrong type at \(path(ctx.codingPath))"
        case .dataCorrupted(let ctx): return ctx.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "cannot be read"
        }
    }
}
