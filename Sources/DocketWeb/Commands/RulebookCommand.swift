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
        @Flag(name: "backdate", help: "Allow a version in force from before the newest one already imported; the import is recorded as backdated")
        var backdate: Bool
    }

    var help: String { "Imports rulebook versions: `docket rulebook import FILE [--backdate]`." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "import" else { throw CommandFailure("unknown rulebook action '\(signature.action)'; try `docket rulebook import FILE`") }
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("\(signature.file): cannot read the file")
        }
        let versions = try RulebookFile.parse(data, name: signature.file)
        let services = context.application.docket
        let imported = try await RulebookFile.importVersions(
            versions, backdate: signature.backdate, by: nil, at: services.clock(),
            on: context.application.db)
        for v in imported {
            context.console.output(
                "Imported rulebook version \(v.version.version), in force from \(v.version.effectiveFrom), \(v.version.clauses.count) clauses\(v.backdated ? " (backdated: recorded as such)" : "")."
                    .consoleText(.success))
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
        // A file of several versions is read as one, so that a mistake in the third version is
        // reported there, not as "missing field version" at the top.
        let many = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["versions"] != nil
        do {
            versions = many ? try decoder.decode(Many.self, from: data).versions : [try decoder.decode(RulebookVersion.self, from: data)]
        } catch let e as DecodingError {
            throw CommandFailure("\(name): \(describe(e)); nothing was imported")
        }
        guard !versions.isEmpty else { throw CommandFailure("\(name): the list of versions is empty; nothing was imported") }
        var labels: [String: Int] = [:]
        for (i, v) in versions.enumerated() {
            if let j = labels[v.version] {
                throw CommandFailure("\(name): versions[\(j)] and versions[\(i)] are both labelled \(v.version); nothing was imported")
            }
            labels[v.version] = i
        }
        let problems = versions.flatMap { v in v.problems().map { "version \(v.version): \($0)" } }
        guard problems.isEmpty else { throw CommandFailure("\(name) is not a valid rulebook; nothing was imported:\n  " + problems.joined(separator: "\n  ")) }
        return versions
    }

    public struct Imported: Sendable { public var version: RulebookVersion; public var backdated: Bool }

    /// An administrator's import, from the command line or the web: every version in one
    /// transaction, each recorded on the chain (`rulebook_imported`, with the SHA-256 of what was
    /// stored), so an auditor sees which rules were brought in when and by whom.
    ///
    /// A version in force from before the newest one already imported changes the rules that
    /// applied to cases already handled. That is refused unless `backdate` is given, and then
    /// recorded as backdated, with the version it predates.
    public static func importVersions(
        _ versions: [RulebookVersion], backdate: Bool, by actor: UUID?, at now: Date,
        on db: any Database
    ) async throws -> [Imported] {
        try await db.transaction { tx in
            let existing = try await RulebookRecord.query(on: tx).all()
            var newest = existing.compactMap { r in Day(r.effectiveFrom).map { (day: $0, version: r.version) } }.max { $0.day < $1.day }
            var imported: [Imported] = []
            for v in versions.sorted(by: { $0.effectiveFrom < $1.effectiveFrom }) {
                let before = newest.flatMap { v.effectiveFrom < $0.day ? $0 : nil }
                if let before, !backdate {
                    throw CommandFailure(
                        "rulebook version \(v.version) is in force from \(v.effectiveFrom), before version \(before.version) (in force from \(before.day)). Backdating changes the rules for cases already handled; if that is meant, import again with --backdate (on the web: tick 'backdate'), and it will be recorded as backdated. Nothing was imported."
                    )
                }
                let record = try await store(v, on: tx)
                try await EventLog.append(
                    stream: record.id!,
                    events: [
                        .rulebookImported(
                            .init(
                                version: v.version, effectiveFrom: v.effectiveFrom.description, clauses: v.clauses.count,
                                sha256: EvidenceUpload.sha256(Data(record.document.utf8)), backdated: before != nil, predates: before?.version))
                    ],
                    actorId: actor, at: now, on: tx)
                imported.append(Imported(version: v, backdated: before != nil))
                if newest == nil || v.effectiveFrom > newest!.day { newest = (v.effectiveFrom, v.version) }
            }
            return imported
        }
    }

    /// Stores one version; a version already imported is refused, never replaced.
    static func store(_ v: RulebookVersion, on tx: any Database) async throws -> RulebookRecord {
        if try await RulebookRecord.query(on: tx).filter(\.$version == v.version).first() != nil {
            throw CommandFailure(
                "rulebook version \(v.version) is already imported; versions are kept, never replaced; give the new one its own label. Nothing was imported.")
        }
        let record = try RulebookRecord(v)
        try await record.create(on: tx)
        return record
    }

    /// Stores every version in one transaction, unrecorded: for setting up a new database with
    /// the demonstration rulebook (`docket demo`, the benchmark, the tests).
    public static func store(_ versions: [RulebookVersion], on db: any Database) async throws {
        try await db.transaction { tx in
            for v in versions { _ = try await store(v, on: tx) }
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
