import DocketCore
import DocketStore
import Fluent
import Vapor

/// Oversight and reports are computed from the oversight projection, which is rewritten from the
/// event log with every command (and can be rebuilt from it: `docket projections rebuild`), so
/// anyone with the log can compute the same figures.
/// Transparency reports already computed by this process, by what they were computed from.
public actor ReportCache {
    private var entries: [String: TransparencyReport] = [:]
    private var order: [String] = []
    public init() {}
    func get(_ key: String) -> TransparencyReport? { entries[key] }
    func put(_ key: String, _ report: TransparencyReport) {
        if entries[key] == nil { order.append(key) }
        entries[key] = report
        while order.count > 64 { entries[order.removeFirst()] = nil }
    }
}

public enum OversightData {
    static func staffNames(on db: any Database) async throws -> [PersonID: String] {
        try await Person.query(on: db).filter(\.$rolesText != Role.member.rawValue).all()
            .reduce(into: [PersonID: String]()) { $0[$1.id!] = $1.displayName }
    }

    public static func report(period: String, threshold: Int, on db: any Database, services: DocketServices) async throws -> TransparencyReport {
        guard let (from, to) = TransparencyReport.quarter(period) else {
            throw DueProcessError.invalid("bad_period", "'\(period)' is not a quarter such as 2026-Q3.")
        }
        let procedure = try await services.procedure(on: db)
        // The head is read first: the report covers at least the events up to it.
        let head = try await ChainHead.find("events", on: db)
        // A report depends only on the record up to that position and the calendar, so one
        // computed for this position is the report; a public page asked for a thousand times
        // a second is computed once.
        let cal = procedure.calendar
        let key =
            "\(period.uppercased())|\(threshold)|\(head?.seq ?? 0)|\(cal.timeZone.identifier)|\(cal.holidays.sorted().map(\.description).joined(separator: ","))"
        if let cached = await services.reports.get(key) { return cached }
        let report = TransparencyReport.build(
            period: period.uppercased(), from: from, to: to, cases: try await services.oversightCases(on: db),
            calendar: cal, threshold: threshold,
            eventsThroughSeq: head?.seq ?? 0, head: head?.hash ?? HashChain.genesis)
        await services.reports.put(key, report)
        return report
    }
}
