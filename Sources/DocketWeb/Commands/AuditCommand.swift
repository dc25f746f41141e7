import DocketStore
import Foundation
import Vapor

/// `docket audit verify`: walks both chains; exit 0 with the count, or non-zero naming the first
/// entry that does not verify.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify, checkpoint or keygen")
        var action: String
        @Option(name: "checkpoint", help: "verify: checkpoint files (comma-separated, or a directory of them) that must still lie on the chain")
        var checkpoint: String?
        @Option(name: "out", help: "checkpoint, keygen: the file to write")
        var out: String?
    }

    var help: String {
        "The tamper-evident record: `docket audit verify [--checkpoint FILES]`, `docket audit checkpoint --out FILE`, `docket audit keygen --out FILE`."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.action {
        case "verify": try await verify(context, signature)
        case "checkpoint": try await checkpoint(context, signature)
        case "keygen":
            guard let out = signature.out else { throw CommandFailure("say where to write the key: `docket audit keygen --out FILE`") }
            let key = try SigningKey.generate(at: out)
            context.console.output(
                "Signing key written to \(out) (readable only by you). Set DOCKET_SIGNING_KEY_FILE=\(out) for docket serve and the commands.".consoleText(
                    .success))
            context.console.output("Public key, to give the auditors: \(key.rawRepresentation.base64EncodedString())")
        default:
            throw CommandFailure(
                "unknown audit action '\(signature.action)'; try `docket audit verify`, `docket audit checkpoint --out FILE` or `docket audit keygen --out FILE`"
            )
        }
    }

    func verify(_ context: CommandContext, _ signature: Signature) async throws {
        let db = context.application.db
        let console = context.console
        let services = context.application.docket
        let files = try signature.checkpoint.map(Self.checkpointFiles) ?? []
        // Read and check the signatures first: a file that is not a good checkpoint is an error
        // before anything else is done.
        var checkpoints: [(String, SignedCheckpoint)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file),
                let c = try? JSONDecoder().decode(SignedCheckpoint.self, from: data)
            else {
                throw CommandFailure("\(file) is not a checkpoint written by `docket audit checkpoint`")
            }
            guard c.isSigned(trusting: services.signingKey?.publicKey) else {
                throw CommandFailure(
                    "\(file): the signature does not verify\(services.signingKey == nil ? "" : " with this installation's signing key"); the checkpoint was altered or is not ours"
                )
            }
            checkpoints.append((file, c))
        }
        do {
            let started = Date()
            let (run, result) = try await services.fullVerification(on: db, startedBy: nil) { chain, count in
                if count > 0, count % 1_000_000 == 0 { console.output("  \(chain): \(count) verified…".consoleText(.info)) }
            }
            guard let report = result else { throw CommandFailure("Verification FAILED at \(run.detail ?? "an unknown entry")") }
            for (file, c) in checkpoints {
                do { try await AuditVerifier.stillHolds(c.checkpoint, verifiedAt: c.at, now: report.through, on: db) } catch let f as AuditVerifier.Failure {
                    throw CommandFailure("Verification FAILED: the chain breaks checkpoint \(file) (signed \(c.at)) at \(f.description)")
                }
            }
            let seconds = Date().timeIntervalSince(started)
            console.output(
                "Verified \(report.events) events and \(report.accesses) access-log entries in \(String(format: "%.2f", seconds)) s.".consoleText(.success))
            if !checkpoints.isEmpty {
                console.output(
                    "Every one of \(checkpoints.count) signed checkpoint\(checkpoints.count == 1 ? "" : "s") still lies on the chain (same sequence, same hash)."
                        .consoleText(.success))
            }
            console.output("Event chain head: \(report.eventHead)")
        } catch let failure as AuditVerifier.Failure {
            throw CommandFailure("Verification FAILED at \(failure.description)")
        }
    }

    /// Verifies the whole record, then signs where both chains end: only a head that verifies is signed.
    func checkpoint(_ context: CommandContext, _ signature: Signature) async throws {
        guard let out = signature.out else { throw CommandFailure("say where to write the checkpoint: `docket audit checkpoint --out FILE`") }
        let services = context.application.docket
        guard let key = services.signingKey else {
            throw CommandFailure(
                "no signing key: create one with `docket audit keygen --out FILE`, keep it off the database server's backups, and set DOCKET_SIGNING_KEY_FILE")
        }
        let (run, result) = try await services.fullVerification(on: context.application.db, startedBy: nil)
        guard let report = result else {
            throw CommandFailure("Verification FAILED at \(run.detail ?? "an unknown entry"); no checkpoint is signed for a record that does not verify")
        }
        let signed = try SignedCheckpoint.sign(report.through, organisation: services.config.organisationName, at: services.clock(), with: key)
        guard FileManager.default.createFile(atPath: out, contents: Data((signed.json + "\n").utf8)) else { throw CommandFailure("cannot write \(out)") }
        context.console.output(
            "Checkpoint written to \(out): events \(signed.events.seq), access-log entries \(signed.access.seq), signed \(signed.at). Keep it where the database's holders cannot reach it."
                .consoleText(.success))
    }

    static func checkpointFiles(_ text: String) throws -> [String] {
        var files: [String] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: item, isDirectory: &isDir), isDir.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: item).filter { $0.hasSuffix(".json") }.sorted()
                files += names.map { item.finished(with: "/") + $0 }
            } else {
                files.append(item)
            }
        }
        guard !files.isEmpty else { throw CommandFailure("--checkpoint names no files") }
        return files
    }
}

/// A command failure with a message for a person; the entry point prints it and exits 1.
public struct CommandFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
