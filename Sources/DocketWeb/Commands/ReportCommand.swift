import DocketCore
import Foundation
import Vapor

/// `docket report --period 2026-Q3 [--format html|csv|json] [--threshold 5]`: the transparency
/// report for a quarter, on standard output.
struct ReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "period", help: "A quarter, such as 2026-Q3")
        var period: String?
        @Option(name: "format", help: "html, csv or json (default json)")
        var format: String?
        @Option(name: "threshold", help: "Cells counting fewer people than this are suppressed (default 5)")
        var threshold: Int?
    }

    var help: String { "Prints the transparency report for a quarter." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let period = signature.period else { throw CommandFailure("give the quarter with --period, e.g. --period 2026-Q3") }
        let threshold = signature.threshold ?? 5
        guard threshold >= 2 else { throw CommandFailure("--threshold must be at least 2") }
        let app = context.application
        let report: TransparencyReport
        do { report = try await OversightData.report(period: period, threshold: threshold, on: app.db, services: app.docket) } catch let e as DueProcessError {
            throw CommandFailure(e.message)
        }
        let out: String
        switch signature.format ?? "json" {
        case "json": out = String(decoding: try DocketJSON.encoder.encode(report), as: UTF8.self) + "\n"
        case "csv": out = report.csv
        case "html":
            let view = try await app.leaf.renderer.render(
                "report",
                ReportController.Page(
                    chrome: .plain(app, title: "Transparency report \(report.period)"),
                    report: report, quarters: [])
            ).get()
            out = String(buffer: view.data)
        default: throw CommandFailure("--format must be html, csv or json")
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
