import DocketCore
import DocketStore
import Fluent
import Vapor

/// Oversight and reports are computed from the event log itself, so anyone with the log can
/// compute the same figures.
enum OversightData {
    /// Every case file with its events, rebuilt from the log.
    static func files(on db: any Database, procedure: Procedure) async throws -> [(CaseFile, [RecordedEvent])] {
        let summaries = try await CaseSummary.query(on: db).all()
        let byCase = Dictionary(grouping: try await EventRecord.query(on: db).sort(\.$id).all(), by: \.caseId)
        return try summaries.compactMap { s in
            let events = try (byCase[s.id!] ?? []).map { try $0.recorded() }
            return procedure.replay(events).map { ($0, events) }
        }
    }

    static func cases(on db: any Database, procedure: Procedure) async throws -> [OversightCase] {
        try await files(on: db, procedure: procedure).map { OversightCase($0.0, events: $0.1) }
    }

    static func staffNames(on db: any Database) async throws -> [PersonID: String] {
        try await Person.query(on: db).filter(\.$rolesText != Role.member.rawValue).all()
            .reduce(into: [PersonID: String]()) { $0[$1.id!] = $1.displayName }
    }

    static func report(period: String, threshold: Int, on db: any Database, services: DocketServices) async throws -> TransparencyReport {
        guard let (from, to) = TransparencyReport.quarter(period) else {
            throw DueProcessError.invalid("bad_period", "'\(period)' is not a quarter such as 2026-Q3.")
        }
        let procedure = try await services.procedure(on: db)
        let head = try await ChainHead.find("events", on: db)
        return TransparencyReport.build(period: period.uppercased(), from: from, to: to, cases: try await cases(on: db, procedure: procedure),
                                        calendar: procedure.calendar, threshold: threshold,
                                        eventsThroughSeq: head?.seq ?? 0, head: head?.hash ?? HashChain.genesis)
    }
}
