import DocketCore
import DocketStore
import Fluent
import Foundation
import Vapor

/// `docket retention run [--dry-run] [--as-of DATE]`, `docket retention schedule`, and
/// `docket retention hold|release --case REFERENCE --reasons TEXT`.
struct RetentionCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "run, schedule, hold or release")
        var action: String
        @Option(name: "case", help: "hold, release: the case reference (DK-2026-00012)")
        var reference: String?
        @Flag(name: "dry-run", help: "run: say what would be erased, and erase nothing")
        var dryRun: Bool
        @Option(name: "as-of", help: "run: the day to apply the schedule on (YYYY-MM-DD); today by default")
        var asOf: String?
        @Option(name: "reasons", help: "hold, release: who asked, and why")
        var reasons: String?
    }

    var help: String {
        "The retention schedule: `docket retention run [--dry-run] [--as-of YYYY-MM-DD]`, `docket retention schedule`, `docket retention hold|release --case REFERENCE --reasons TEXT`."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application, console = context.console
        let store = try await app.docket.store(on: app.db)
        switch signature.action {
        case "schedule":
            for line in RetentionText.schedule(store.procedure.policy.retention) { console.output(line.consoleText()) }
        case "run":
            var day = store.procedure.calendar.day(of: app.docket.clock())
            if let text = signature.asOf {
                guard let d = Day(text) else { throw CommandFailure("--as-of \(text): give a date as YYYY-MM-DD") }
                day = d
            }
            let report = try await RetentionRun.run(
                on: day, dryRun: signature.dryRun, store: store, at: app.docket.clock(), on: app.db, sqlite: app.docket.sqlitePath
            ) { done, total in
                if total > 0, done % 500 == 0 || done == total { console.output("  \(done)/\(total) ended cases checked".consoleText(.info)) }
            }
            for line in RetentionText.report(report) { console.output(line.consoleText()) }
        case "hold", "release":
            guard let reference = signature.reference else {
                throw CommandFailure("name the case: `docket retention \(signature.action) --case DK-2026-00012 --reasons TEXT`")
            }
            guard let summary = try await CaseSummary.query(on: app.db).filter(\.$reference == reference).first(), let id = summary.id else {
                throw CommandFailure("no case has the reference \(reference)")
            }
            let place = signature.action == "hold"
            let reasons = signature.reasons ?? ""
            do {
                _ = try await store.append(id, by: .commandLine, at: app.docket.clock(), on: app.db) { file in
                    try store.procedure.legalHold(file, place: place, reasons: reasons, by: .commandLine)
                }
            } catch let e as DueProcessError { throw CommandFailure("\(reference): \(e.message)") }
            console.output(
                (place
                    ? "Legal hold placed on \(reference): retention will not erase it until the hold is released. Recorded on the chain."
                    : "Legal hold on \(reference) released. Recorded on the chain.").consoleText(.success))
        default:
            throw CommandFailure("unknown retention action '\(signature.action)'; try run, schedule, hold or release")
        }
    }
}

/// What retention says, on the command line and in the log of `serve`'s daily run.
enum RetentionText {
    static func schedule(_ s: RetentionSchedule) -> [String] {
        ["Personal data of an ended case is kept for:"]
            + RetentionClass.allCases.map { c in
                let m = s.months(for: c)
                let span = m % 12 == 0 ? "\(m / 12) year\(m == 12 ? "" : "s")" : "\(m) months"
                return "  \(c.title): \(span) after closure"
            }
    }

    static func report(_ r: RetentionRun.Report) -> [String] {
        var out: [String] = []
        let verb = r.dryRun ? "Would erase" : "Erased"
        out.append("\(verb) \(r.erased.count) case\(r.erased.count == 1 ? "" : "s") on \(r.day)\(r.dryRun ? " (dry run: nothing was changed)" : "").")
        for e in r.erased { out.append("  \(e.reference): \(e.retentionClass.title), due \(e.due)") }
        if !r.held.isEmpty {
            out.append("Kept by a legal hold: \(r.held.count).")
            for e in r.held { out.append("  \(e.reference): due \(e.due); held: \(e.hold ?? "")") }
        }
        if let v = r.vacuum { out.append(v + ".") }
        return out
    }
}

/// Under `serve`: retention runs once a day, at the first hourly check of each new day. The day
/// of the last run is kept in memory, so that serving writes nothing until something is due; a
/// second process on the same database finds the same cases already erased and passes them by.
final class RetentionWorker: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        task = Task { [app] in
            var last: Day?
            while !Task.isCancelled {
                do { last = try await Self.runIfDue(app, after: last) } catch { app.logger.report(error: error) }
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    /// Runs retention unless it already ran today; returns the day it last ran.
    static func runIfDue(_ app: Application, after last: Day?) async throws -> Day {
        let store = try await app.docket.store(on: app.db)
        let today = store.procedure.calendar.day(of: app.docket.clock())
        if let last, last >= today { return last }
        let report = try await RetentionRun.run(
            on: today, dryRun: false, store: store, at: app.docket.clock(), on: app.db, sqlite: app.docket.sqlitePath)
        if !report.erased.isEmpty || !report.held.isEmpty {
            for line in RetentionText.report(report) { app.logger.notice("\(line)") }
        }
        return today
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        _ = await task?.value
    }
}
