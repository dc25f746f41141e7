import DocketCore
import DocketStore
import Vapor

/// `/reports`: the quarterly transparency reports, public, as HTML, CSV and JSON.
struct ReportController: RouteCollection {
    struct Page: Encodable {
        var chrome: Chrome
        var report: TransparencyReport?
        var quarters: [String]
        /// The signed checkpoint of the record this report was computed from, when Docket has a key.
        var checkpoint: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let cached = routes.grouped(PublicPageMiddleware(followsAccessLog: true))
        cached.get("reports", use: index)
        cached.get("reports", ":period", use: show)
    }

    /// The last eight quarters, newest first.
    func recentQuarters(_ now: Date) -> [String] {
        let c = Display.calendar.day(of: now).civil
        var year = c.year, q = (c.month - 1) / 3 + 1
        var out: [String] = []
        for _ in 0..<8 {
            out.append("\(year)-Q\(q)")
            q -= 1
            if q == 0 { q = 4; year -= 1 }
        }
        return out
    }

    func index(req: Request) async throws -> View {
        try await req.page(
            "report", Page(chrome: Chrome(req, title: "Transparency reports"), report: nil, quarters: recentQuarters(req.docket.clock()), checkpoint: nil))
    }

    func show(req: Request) async throws -> Response {
        var period = req.parameters.get("period") ?? ""
        var format = "html"
        for ext in ["csv", "checkpoint.json", "json"] where format == "html" && period.hasSuffix(".\(ext)") {
            format = ext; period = String(period.dropLast(ext.count + 1))
        }
        guard TransparencyReport.quarter(period) != nil else { throw Abort(.notFound) }
        let report = try await OversightData.report(period: period, threshold: 5, on: req.db, services: req.docket)
        // Published with every report, where a database-only attacker cannot reach it afterwards.
        let checkpoint = try await SignedCheckpoint.current(
            on: req.db, services: req.docket,
            events: .init(seq: report.eventsThroughSeq, hash: report.eventChainHead))
        switch format {
        case "checkpoint.json":
            guard let checkpoint else { throw Abort(.notFound) }
            let res = Response(status: .ok, body: .init(string: checkpoint.json + "\n"))
            res.headers.contentType = .json
            res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"docket-checkpoint-\(report.period).json\"")
            return res
        case "csv":
            let res = Response(status: .ok, body: .init(string: report.csv))
            res.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            return res
        case "json":
            let res = Response(status: .ok, body: .init(data: try DocketJSON.encoder.encode(report)))
            res.headers.contentType = .json
            return res
        default:
            return try await req.page(
                "report", Page(chrome: Chrome(req, title: "Transparency report \(report.period)"), report: report, quarters: [], checkpoint: checkpoint?.json)
            )
            .encodeResponse(for: req)
        }
    }
}
