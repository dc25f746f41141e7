import DocketStore
import Fluent
import Foundation
import Vapor

/// `docket subject-access --membership-number N --out FILE`: the export a member can download,
/// made by an administrator answering a written request. JSON, or HTML when FILE ends in .html.
/// Recorded on the chain; the person and the auditors are told.
struct SubjectAccessCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "membership-number", help: "whose data")
        var number: String?
        @Option(name: "email", help: "whose data, for someone without a membership number")
        var email: String?
        @Option(name: "out", help: "the file to write (.json or .html); it must not exist")
        var out: String?
    }

    var help: String { "Everything held about one person, redacted of others: `docket subject-access --membership-number N --out FILE.json|FILE.html`." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let out = signature.out, !out.isEmpty else { throw CommandFailure("say where to write it: --out FILE.json or --out FILE.html") }
        guard !FileManager.default.fileExists(atPath: out) else { throw CommandFailure("\(out) already exists; choose a new name") }
        let query = Person.query(on: app.db)
        if let n = signature.number {
            query.filter(\.$membershipNumber == n)
        } else if let e = signature.email {
            query.filter(\.$email == e.lowercased())
        } else {
            throw CommandFailure("name the person: --membership-number N (or --email ADDRESS)")
        }
        guard let person = try await query.first() else {
            throw CommandFailure("nobody has \(signature.number.map { "the membership number \($0)" } ?? "the e-mail address \(signature.email ?? "")")")
        }
        let export = try await SubjectAccessExport.build(for: person, services: app.docket, on: app.db)
        let html = out.lowercased().hasSuffix(".html") || out.lowercased().hasSuffix(".htm")
        let text = html ? try await SubjectAccessPage.render(export, on: app) : export.json
        guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure("cannot write \(out)")
        }
        try await SubjectAccessExport.record(export, of: person, format: html ? "html" : "json", by: nil, services: app.docket, on: app.db)
        context.console.output(
            "Wrote everything held about \(person.displayName) to \(out): \(export.cases.count) case\(export.cases.count == 1 ? "" : "s"), \(export.cases.reduce(0) { $0 + $1.reads.count }) reads of their case files, \(export.notices.count) notices. Other members are redacted. Recorded on the chain; they and the auditors are told."
                .consoleText(.success))
    }
}
