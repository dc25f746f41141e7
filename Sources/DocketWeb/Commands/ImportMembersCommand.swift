import DocketStore
import Foundation
import Vapor

/// `docket import-members FILE.csv`: the member register, all or nothing, with progress.
struct ImportMembersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV with membership_number,full_name,email,is_public,public_role")
        var file: String
    }

    var help: String { "Imports the member register from CSV; nothing is imported if any line is wrong." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file), let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(signature.file): cannot read the file as UTF-8 text")
        }
        let rows: [RegisterImport.Row]
        do { rows = try RegisterImport.parse(text) } catch {
            throw CommandFailure("\(signature.file): " + error.description)
        }
        let console = context.console
        context.console.output("Checked \(rows.count) lines; importing…".consoleText(.info))
        do {
            let app = context.application
            let now = app.docket.clock(), org = app.docket.config.organisationName
            let digest = EvidenceUpload.sha256(data)
            let outcome = try await RegisterImport.apply(
                rows, on: app.db,
                progress: { done, total in
                    console.output("  \(done)/\(total) members".consoleText(.info))
                },
                alongside: { outcome, tx in
                    try await AccountActs.record(
                        .registerImported(
                            .init(lines: rows.count, added: outcome.added, updated: outcome.updated, sha256: digest, erased: outcome.erased)),
                        about: nil, stream: AccountActs.registerStream,
                        by: nil, at: now, org: org, on: tx)
                })
            context.console.output(
                ("Imported \(rows.count) lines: \(outcome.added) new members, \(outcome.updated) updated." + RegisterImport.erasedNote(outcome.erased))
                    .consoleText(.success))
        } catch let e as RegisterImport.Invalid {
            throw CommandFailure("\(signature.file): " + e.description)
        }
    }
}
