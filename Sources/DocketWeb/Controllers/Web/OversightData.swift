import DocketCore
import DocketStore
import Fluent
import Vapor

/// Oversight and reports are computed from the oversight projection, which is rewritten from the
/// event log with every command (and can be rebuilt from it: `docket projections rebuild`), so
/// anyone with the log can compute the same figures.
enum OversightData {
    static func staffNames(on db: any Database) async throws -> [PersonID: String] {
        try await Person.query(on: db).filter(\.$rolesText != Role.member.rawValue).all()
            .reduce(into: [PersonID: String]()) { $0[$1.id!] = $1.displayName }
    }

    static func report(period: String, threshold: Int, on db: any Database, services: DocketServices) async throws -> TransparencyReport {
        guard let (from, to) = TransparencyReport.quarter(period) else {
            throw DueProcessError.invalid("bad_period", "'\(period)' is not a quarter such as 2026-Q3.")
        }
        let procedure = try await services.procedure(on: db)
        // The head is read first: the report covers at least the events up to it.
        let head = try await ChainHead.find("events", on: db)
        return TransparencyReport.build(period: period.uppercased(), from: from, to: to, cases: try await services.oversightCases(on: db),
                                        calendar: procedure.calendar, threshold: threshold,
                                        eventsThroughSeq: head?.seq ?? 0, head: head?.hash ?? HashChain.genesis)
    }
}
