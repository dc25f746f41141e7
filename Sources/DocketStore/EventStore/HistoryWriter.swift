import DocketCore
import Foundation

/// Writes a generated history straight into an SQLite file: events on the chain, and each case's
/// projections once it is finished. Only the benchmark uses it, to build a million cases in
/// minutes rather than days; the rows are the same ones `CaseStore` writes (the benchmark checks
/// the result with `audit verify` and with the oversight pages).
public final class HistoryWriter {
    let file: SQLiteFile
    let insertEvent, insertCase, insertFacts, insertInterference: SQLiteFile.Statement
    public private(set) var head: (seq: Int64, hash: String)
    private var pending = 0

    public init(path: String) throws {
        file = try SQLiteFile(path: path, readOnly: false)
        // A throwaway benchmark file: durability on power loss is not worth the time here.
        try file.execute("PRAGMA synchronous = OFF")
        insertEvent = try file.prepare(
            "INSERT INTO events (seq, case_id, actor_id, kind, occurred_at, payload, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        insertCase = try file.prepare(
            """
            INSERT INTO cases (id, complainant_id, respondent_id, caseworker_id, reference, stage, route, category, relation, received_at,
                               stage_entered_at, stage_due_at, target_due_at, paused, suspension_review, sanction, last_seq)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
            """)
        insertFacts = try file.prepare(
            "INSERT INTO case_facts (\(CaseFacts.columns.joined(separator: ", "))) VALUES ("
                + (1...CaseFacts.columns.count).map { "?\($0)" }.joined(separator: ", ") + ")")
        insertInterference = try file.prepare(
            "INSERT INTO interference_register (id, case_id, recorded_by, reference, route, at, from_whom, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        let h = try file.prepare("SELECT seq, hash FROM chain_heads WHERE chain = 'events'")
        guard try h.step() else { throw SQLiteFile.Failure(description: "the events chain has no head row; run the migrations") }
        head = (h.int64(0), h.string(1))
        try file.execute("BEGIN")
    }

    private func run(_ s: SQLiteFile.Statement) throws {
        defer { s.reset() }
        _ = try s.step()
    }

    /// Appends one event to the chain, exactly as `Chain.append` hashes it.
    public func append(_ event: CaseEvent, caseId: CaseID, actorId: PersonID?, at: Date) throws -> RecordedEvent {
        let seq = head.seq + 1
        let payload = event.encodedPayload()
        let fields = HashChain.eventFields(seq: seq, caseId: caseId, kind: event.kind, actorId: actorId, occurredAt: at, payload: payload)
        let hash = HashChain.hash(previous: head.hash, fields: fields)
        let s = insertEvent
        s.bind(1, seq); s.bind(2, caseId); s.bind(3, actorId); s.bind(4, event.kind); s.bind(5, Instant.millis(at))
        s.bind(6, payload); s.bind(7, head.hash); s.bind(8, hash)
        try run(s)
        head = (seq, hash)
        try commitEvery(50_000)
        return RecordedEvent(seq: seq, caseId: caseId, actorId: actorId, occurredAt: at, event: event)
    }

    /// Writes a finished case's projections, from the same model code `CaseStore` uses.
    public func project(_ f: CaseFile, due: StageDue?, lastSeq: Int64) throws {
        let c = CaseSummary()
        c.update(from: f, due: due, lastSeq: lastSeq)
        var s = insertCase
        s.bind(1, c.id); s.bind(2, c.complainantId); s.bind(3, c.respondentId); s.bind(4, c.caseworkerId); s.bind(5, c.reference)
        s.bind(6, c.stage); s.bind(7, c.route); s.bind(8, c.category); s.bind(9, c.relation); s.bind(10, c.receivedAt)
        s.bind(11, c.stageEnteredAt); s.bind(12, c.stageDueAt); s.bind(13, c.targetDueAt); s.bind(14, Int64(c.paused ? 1 : 0))
        s.bind(15, c.suspensionReview); s.bind(16, c.sanction); s.bind(17, c.lastSeq)
        try run(s)
        let r = CaseFacts()
        r.update(from: OversightCase(f), seq: lastSeq)
        s = insertFacts
        s.bind(1, r.id); s.bind(2, r.reference); s.bind(3, r.category); s.bind(4, r.stage); s.bind(5, r.route); s.bind(6, r.caseworkerId)
        s.bind(7, r.panel); s.bind(8, r.complainant); s.bind(9, r.relation); s.bind(10, r.receivedAt); s.bind(11, r.triagedAt)
        s.bind(12, Int64(r.dismissedAtTriage ? 1 : 0)); s.bind(13, r.noticeAt); s.bind(14, r.decidedAt); s.bind(15, r.appealDecidedAt)
        s.bind(16, r.appealOutcome); s.bind(17, Int64(r.allegations)); s.bind(18, Int64(r.upheld)); s.bind(19, r.sanction)
        s.bind(20, r.suspendedAt); s.bind(21, r.suspensionReview); s.bind(22, r.suspensionLiftedAt)
        s.bind(23, Int64(r.hearingHeld ? 1 : 0)); s.bind(24, r.lastActivity); s.bind(25, r.writtenSeq)
        try run(s)
        for record in f.interference {
            let e = InterferenceEntry(record, in: f)
            s = insertInterference
            s.bind(1, UUID()); s.bind(2, e.caseId); s.bind(3, e.recordedBy); s.bind(4, e.reference); s.bind(5, e.route)
            s.bind(6, e.at); s.bind(7, e.from); s.bind(8, e.summary)
            try run(s)
        }
    }

    private func commitEvery(_ n: Int) throws {
        pending += 1
        guard pending >= n else { return }
        try file.execute("UPDATE chain_heads SET seq = \(head.seq), hash = '\(head.hash)' WHERE chain = 'events'")
        try file.execute("COMMIT")
        try file.execute("BEGIN")
        pending = 0
    }

    /// Records the chain head and commits what is left.
    public func finish() throws {
        try file.execute("UPDATE chain_heads SET seq = \(head.seq), hash = '\(head.hash)' WHERE chain = 'events'")
        try file.execute("COMMIT")
    }
}
