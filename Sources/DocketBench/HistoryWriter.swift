import DocketCore
import DocketStore
import DocketWeb
import Foundation

/// Writes a generated history straight into an SQLite file: events on the chain, and each case's
/// projections once it is finished. Only the benchmark uses it, to build a million cases in
/// minutes rather than days. The rows are the ones `CaseStore` writes, built by the same model
/// code: `cases`, `case_facts`, `case_members` (with each person's own deadline), the
/// interference register, programme reviews, notifications and the e-mail outbox. The benchmark
/// checks the result with `audit verify`, with the pages, and by counting each table.
public final class HistoryWriter {
    let file: SQLiteFile
    let insertEvent, insertCase, insertFacts, insertInterference, insertMember, insertProgrammeReview, insertNotification, insertMail: SQLiteFile.Statement
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
                + CaseFacts.Column.allCases.map { "?\($0.parameter)" }.joined(separator: ", ") + ")")
        insertInterference = try file.prepare(
            "INSERT INTO interference_register (id, case_id, recorded_by, reference, route, at, from_whom, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        insertMember = try file.prepare(
            "INSERT INTO case_members (id, case_id, person_id, relation, open, due_at, due_kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        insertProgrammeReview = try file.prepare(
            "INSERT INTO programme_reviews (id, programme_id, case_id, reviewer_id, reference, concluded) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        insertNotification = try file.prepare(
            """
            INSERT INTO notifications (id, case_id, recipient_id, event_seq, audience, subject, body, created_at, read_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)
            """)
        insertMail = try file.prepare(
            """
            INSERT INTO outbox (id, to_address, subject, body, created_at, status, attempts, last_error, sent_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL)
            """)
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

    /// Writes a finished case's projections, from the same model code `CaseStore` uses, and the
    /// notifications and e-mails its events gave (`notices`, each with the event's position and
    /// time), after the case row they refer to.
    public func project(
        _ f: CaseFile, procedure: Procedure, lastSeq: Int64, notices: [(CaseNotice, Int64, Date)], mailer: CaseStore,
        addresses: [PersonID: String]
    ) throws {
        let due = procedure.due(f)
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
        r.bind(to: s)
        try run(s)
        for record in f.interference {
            let e = InterferenceEntry(record, in: f)
            s = insertInterference
            s.bind(1, UUID()); s.bind(2, e.caseId); s.bind(3, e.recordedBy); s.bind(4, e.reference); s.bind(5, e.route)
            s.bind(6, e.at); s.bind(7, e.from); s.bind(8, e.summary)
            try run(s)
        }
        for m in CaseMembership.rows(for: f, procedure: procedure) {
            s = insertMember
            s.bind(1, UUID()); s.bind(2, m.caseId); s.bind(3, m.personId); s.bind(4, m.relation); s.bind(5, Int64(m.open ? 1 : 0))
            s.bind(6, m.dueAt); s.bind(7, m.dueKind)
            try run(s)
        }
        for review in f.programmeReviews {
            let e = ProgrammeReviewEntry(review, in: f)
            s = insertProgrammeReview
            s.bind(1, UUID()); s.bind(2, e.programmeId); s.bind(3, e.caseId); s.bind(4, e.reviewerId); s.bind(5, e.reference)
            s.bind(6, Int64(e.concluded ? 1 : 0))
            try run(s)
        }
        for (notice, seq, at) in notices {
            let n = Notification(notice, caseId: f.id, seq: seq, at: at)
            s = insertNotification
            s.bind(1, UUID()); s.bind(2, n.caseId); s.bind(3, n.recipientId); s.bind(4, n.eventSeq); s.bind(5, n.audience)
            s.bind(6, n.subject); s.bind(7, n.body); s.bind(8, n.createdAt)
            try run(s)
            // A complainant who follows by receipt code left no address in a generated history.
            guard let address = notice.recipientId.flatMap({ addresses[$0] }) else { continue }
            let mail = mailer.mail(for: notice, in: f, to: address, at: at)
            s = insertMail
            s.bind(1, UUID()); s.bind(2, mail.to); s.bind(3, mail.subject); s.bind(4, mail.body); s.bind(5, mail.createdAt)
            s.bind(6, mail.status); s.bind(7, Int64(mail.attempts))
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
