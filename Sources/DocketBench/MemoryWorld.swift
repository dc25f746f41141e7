import DocketCore
import DocketStore
import DocketWeb
import Foundation

/// The benchmark's world: open case files in memory, every event through `decide` and `evolve`
/// and onto the chain by `HistoryWriter`, each case's projections written when it is finished.
struct MemoryWorld: SimulationWorld {
    let procedure: Procedure
    let writer: HistoryWriter
    var files: [CaseID: CaseFile] = [:]
    var loads: [PersonID: Int] = [:]
    var people: [Role: [PersonID]]
    var filed = 0
    var lastSeq: [CaseID: Int64] = [:]
    /// The notices of each open case's events, written with its projections when it is finished.
    var notices: [CaseID: [(CaseNotice, Int64, Date)]] = [:]
    /// The e-mails of notices are built as `CaseStore` builds them.
    let mailer: CaseStore
    let addresses: [PersonID: String]

    func load(_ id: CaseID) -> CaseFile? { files[id] }

    /// Who carries the case as open work, as `CaseMembership.openLoads` counts it.
    func handlers(_ f: CaseFile?) -> [PersonID] {
        guard let f, !f.stage.isTerminal else { return [] }
        return (f.caseworkerId.map { [$0] } ?? []) + (f.stage == .hearing ? f.panel?.members ?? [] : [])
            + (f.stage == .appeal ? f.appealPanel?.members ?? [] : [])
    }

    mutating func apply(_ command: CaseCommand, to state: CaseFile?, by actor: Actor, at now: Date) throws -> CaseFile {
        let at = Instant.truncate(now)
        var file = state
        for event in try procedure.decide(command, on: state, by: actor, at: at) {
            let caseId = file?.id ?? { if case .complaintFiled(let c) = event { return c.caseId } else { preconditionFailure("first event") } }()
            let recorded = try writer.append(event, caseId: caseId, actorId: actor.id, at: at)
            lastSeq[caseId] = recorded.seq
            file = procedure.evolve(file, recorded)
            notices[caseId, default: []] += procedure.notices(for: recorded, in: file!).map { ($0, recorded.seq, at) }
        }
        for h in handlers(state) { loads[h, default: 0] -= 1 }
        for h in handlers(file) { loads[h, default: 0] += 1 }
        files[file!.id] = file
        return file!
    }

    mutating func file(by actor: Actor, at: Date, _ complaint: @escaping @Sendable (CaseID, String) -> Complaint) throws -> CaseFile {
        filed += 1
        let reference = "DK-\(procedure.calendar.day(of: at).civil.year)-\(String(format: "%05d", filed))"
        return try apply(.file(complaint(UUID(), reference), evidence: []), to: nil, by: actor, at: at)
    }

    mutating func execute(_ command: CaseCommand, on id: CaseID, by actor: Actor, at: Date) throws {
        _ = try apply(command, to: files[id], by: actor, at: at)
    }

    func candidates(_ role: Role) -> [Candidate] {
        (people[role] ?? []).map { Candidate(id: $0, openCases: loads[$0] ?? 0) }
    }

    mutating func finished(_ id: CaseID) throws {
        guard let f = files.removeValue(forKey: id) else { return }
        try writer.project(
            f, procedure: procedure, lastSeq: lastSeq.removeValue(forKey: id) ?? writer.head.seq, notices: notices.removeValue(forKey: id) ?? [],
            mailer: mailer, addresses: addresses)
    }
}
