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

    /// The whistleblowing figures: read from the few cases that are protected disclosures or
    /// carry a flag, by the core's rule.
    /// `at`: the moment "overdue" is judged at (the end of a report's period, so that a past
    /// quarter's report never changes).
    static func whistleblowing(on db: any Database, services: DocketServices, received: Range<Date>? = nil, at: Date? = nil) async throws
        -> WhistleblowingFigures
    {
        let store = try await services.store(on: db)
        let ids = try await CaseSummary.query(on: db).group(.or) { $0.filter(\.$protectedDisclosure == true).filter(\.$retaliationFlags > 0) }
            .all().compactMap(\.id)
        var files: [CaseFile] = []
        for id in ids { if let f = try await store.load(id, on: db) { files.append(f) } }
        return WhistleblowingFigures.of(files, at: at ?? services.clock(), calendar: store.procedure.calendar, received: received)
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
        var report = TransparencyReport.build(
            period: period.uppercased(), from: from, to: to, cases: try await services.oversightCases(on: db),
            calendar: cal, threshold: threshold,
            eventsThroughSeq: head?.seq ?? 0, head: head?.hash ?? HashChain.genesis)
        let period = cal.start(of: from)..<cal.start(of: to.adding(days: 1))
        let w = try await whistleblowing(on: db, services: services, received: period, at: min(services.clock(), period.upperBound))
        report.sections += w.sections(threshold: threshold)
        await services.reports.put(key, report)
        return report
    }
}
