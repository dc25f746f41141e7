import Crypto
import DocketCore
import Fluent
import Foundation
import SQLKit

/// The only way a case changes: load its events, `decide`, append the new events to the chain, and
/// rewrite the projections and notifications — all in one transaction under the chain lock, so
/// that the record, the lists and the notices can never disagree.
public struct CaseStore: Sendable {
    public var procedure: Procedure
    /// Where people reach Docket, for the link in notification e-mails (`DOCKET_PUBLIC_URL`).
    public var siteURL: String
    /// This process's copies of case files, if it keeps them.
    public var cache: CaseFileCache?

    public init(procedure: Procedure, siteURL: String = "", cache: CaseFileCache? = nil) {
        self.procedure = procedure; self.siteURL = siteURL; self.cache = cache
    }

    /// Files a new complaint; the reference is assigned under the chain lock, so it is unique and gap-free.
    /// `alongside` runs in the same transaction once the case exists (receipt codes, evidence files),
    /// so a complaint is never half-stored.
    public typealias Hook = @Sendable (_ file: CaseFile, _ tx: any Database) async throws -> Void

    public func file(
        by actor: Actor, at now: Date, on db: any Database, evidence: [EvidenceItem] = [],
        alongside: Hook? = nil,
        _ complaint: @escaping @Sendable (_ id: CaseID, _ reference: String) -> Complaint
    ) async throws -> CaseFile {
        try await db.transaction { tx in
            try await Chain.lock("events", on: tx)
            let count = try await CaseSummary.query(on: tx).count()
            let year = procedure.calendar.day(of: now).civil.year
            let reference = "DK-\(year)-\(String(format: "%05d", count + 1))"
            let command = CaseCommand.file(complaint(UUID(), reference), evidence: evidence)
            let filed = try await apply(command, to: nil, by: actor, at: now, on: tx, alongside: alongside)
            return try await watch(filed, trigger: "complaint", people: Set([filed.complainantId].compactMap { $0 }), at: now, on: tx)
        }
    }

    /// The retaliation watch: asks the core whether this step's respondent recently complained
    /// about `people` or made a protected disclosure, and records any flag it raises, as Docket's
    /// own act, for the independent reviewers.
    func watch(_ file: CaseFile, trigger: String, people: Set<PersonID>, at now: Date, on tx: any Database) async throws -> CaseFile {
        guard let respondent = file.respondentId else { return file }
        let ids = try await CaseMembership.query(on: tx).filter(\.$personId == respondent).filter(\.$relation == "complainant").all().map(\.caseId)
        var prior: [CaseFile] = []
        for id in Set(ids) where id != file.id { if let f = try await load(id, on: tx) { prior.append(f) } }
        let flags = procedure.retaliationFlags(for: file, trigger: trigger, people: people, prior: prior, at: now)
        guard !flags.isEmpty else { return file }
        return try await record(flags, to: file, by: .commandLine, at: Instant.truncate(now), on: tx, alongside: nil)
    }

    /// Runs one command against an existing case.
    public func execute(
        _ command: CaseCommand, on caseId: CaseID, by actor: Actor, at now: Date, on db: any Database,
        alongside: Hook? = nil
    ) async throws -> CaseFile {
        // A suspension is watched before it is decided: a flag it raises stands, and the
        // suspension then waits for a reviewer's concurrence.
        if case .imposeInterimSuspension = command {
            try await db.transaction { tx in
                try await Chain.lock("events", on: tx)
                guard let state = try await load(caseId, on: tx) else { throw DueProcessError.notFound }
                _ = try await watch(state, trigger: "suspension", people: [actor.id], at: now, on: tx)
            }
        }
        return try await db.transaction { tx in
            try await Chain.lock("events", on: tx)
            guard let state = try await load(caseId, on: tx) else { throw DueProcessError.notFound }
            let file = try await apply(command, to: state, by: actor, at: now, on: tx, alongside: alongside)
            switch command {
            case .allocateCaseworker:
                return try await watch(file, trigger: "allocation", people: Set([file.caseworkerId].compactMap { $0 }), at: now, on: tx)
            case .appointPanel, .appointAppealPanel:
                return try await watch(
                    file, trigger: "allocation", people: Set((file.panel?.members ?? []) + (file.appealPanel?.members ?? [])), at: now, on: tx)
            case .identifyRespondent:
                return try await watch(file, trigger: "complaint", people: Set([file.complainantId].compactMap { $0 }), at: now, on: tx)
            default: return file
            }
        }
    }

    public func load(_ caseId: CaseID, on db: any Database) async throws -> CaseFile? {
        try await loadWithEvents(caseId, on: db)?.file
    }

    /// The case file when its last event is known (a list's row carries it, written in the same
    /// transaction as the events): a kept copy made at that event is used without asking the log.
    public func load(_ caseId: CaseID, lastSeq: Int64, on db: any Database) async throws -> CaseFile? {
        if let kept = cache?.copy(of: caseId, under: procedure), kept.events.last?.seq == lastSeq { return kept.file }
        return try await load(caseId, on: db)
    }

    /// The case file and the events it was made from. A copy kept from an earlier request is
    /// brought up to date with the events after its last one (none, usually), not replayed whole.
    public func loadWithEvents(_ caseId: CaseID, on db: any Database) async throws -> (file: CaseFile, events: [RecordedEvent])? {
        if let kept = cache?.copy(of: caseId, under: procedure) {
            let newer = try await EventRecord.forCase(caseId, after: kept.events.last?.seq ?? 0, on: db)
            if newer.isEmpty { return (kept.file, kept.events) }
            // An erasure makes the kept copy's words unreadable: it is replayed from the log.
            if newer.contains(where: { if case .contentErased = $0.event { true } else { false } }) {
                cache?.forget(caseId)
                return try await loadWithEvents(caseId, on: db)
            }
            let file = newer.reduce(kept.file) { procedure.evolve($0, $1) }
            let events = kept.events + newer
            cache?.keep(caseId, file: file, events: events, under: procedure)
            return (file, events)
        }
        let events = try await EventRecord.forCase(caseId, on: db)
        guard let file = procedure.replay(events) else { return nil }
        cache?.keep(caseId, file: file, events: events, under: procedure)
        return (file, events)
    }

    private func apply(
        _ command: CaseCommand, to state: CaseFile?, by actor: Actor, at now: Date, on tx: any Database,
        alongside: Hook?
    ) async throws -> CaseFile {
        let at = Instant.truncate(now)
        let events = try procedure.decide(command, on: state, by: actor, at: at)
        return try await record(events, to: state, by: actor, at: at, on: tx, alongside: alongside)
    }

    /// Appends events the core decided to the chain, folds them into the file, and rewrites the
    /// projections and notices. The caller holds the chain lock.
    private func record(
        _ events: [CaseEvent], to state: CaseFile?, by actor: Actor, at: Date, on tx: any Database, alongside: Hook?
    ) async throws -> CaseFile {
        var file = state
        var head = try await Chain.head("events", on: tx)
        var notices: [(CaseNotice, Int64)] = []
        var sealer: (id: UUID, key: SymmetricKey)?
        for event in events {
            let caseId = file?.id ?? { if case .complaintFiled(let c) = event { return c.caseId } else { fatalError("first event") } }()
            // What people wrote is sealed with the writer's key for this case; the record of an
            // erasure is not, so it stays readable after every key of the case is gone.
            var payload = event.encodedPayload()
            if event.kind != CaseEvent.contentErasedKind {
                if sealer == nil { sealer = try await SubjectKey.forWriting(case: caseId, person: actor.id, at: at, on: tx) }
                payload = Sealing.seal(payload, keyId: sealer!.id, key: sealer!.key)
            }
            head = try await Chain.append(
                after: head, stream: caseId, kind: event.kind, payload: payload,
                actorId: actor.id, at: at, on: tx)
            let seq = head.seq
            let recorded = RecordedEvent(seq: seq, caseId: caseId, actorId: actor.id, occurredAt: at, event: event)
            file = procedure.evolve(file, recorded)
            notices += procedure.notices(for: recorded, in: file!).map { ($0, seq) }
        }
        try await Chain.setHead("events", seq: head.seq, hash: head.hash, on: tx)
        guard let file else { throw DueProcessError.notFound }
        try await project(file, lastSeq: head.seq, on: tx)
        try await alongside?(file, tx)
        try await notify(notices, file: file, at: at, on: tx)
        return file
    }

    /// Erases a case's personal data, if `decide` (the core's rule, asked of the case as it
    /// stands) allows it: destroys every key that sealed its events, deletes its evidence files,
    /// its in-app notices and a non-member's contact address, then records the erasure on the
    /// chain and rewrites the lists from the file as it now reads. One transaction under the
    /// chain lock: either all of it happens or none.
    public func erase(
        _ caseId: CaseID, by actor: Actor, at now: Date, on db: any Database,
        _ decide: @escaping @Sendable (CaseFile) throws -> CaseEvent
    ) async throws -> CaseFile {
        try await db.transaction { tx in
            try await Chain.lock("events", on: tx)
            guard let state = try await load(caseId, on: tx) else { throw DueProcessError.notFound }
            let event = try decide(state)
            try await SubjectKey.query(on: tx).filter(\.$caseId == caseId).delete()
            try await EvidenceFile.query(on: tx).filter(\.$caseId == caseId).delete()
            try await Notification.query(on: tx).filter(\.$caseId == caseId).delete()
            // A non-member's address: on their receipt, and on the e-mails that told them of news.
            for receipt in try await Receipt.query(on: tx).filter(\.$caseId == caseId).all() {
                if let address = receipt.contactEmail {
                    try await OutboxMessage.query(on: tx).filter(\.$to == address).filter(\.$subject ~~ state.reference).delete()
                }
                receipt.contactEmail = nil
                try await receipt.save(on: tx)
            }
            cache?.forget(caseId)
            // The file as it reads without its keys: what the lists and the search are rewritten from.
            let events = try await EventRecord.forCase(caseId, on: tx)
            guard let unreadable = procedure.replay(events) else { throw DueProcessError.notFound }
            let erased = try await record([event], to: unreadable, by: actor, at: Instant.truncate(now), on: tx, alongside: nil)
            cache?.forget(caseId)
            return erased
        }
    }

    /// Records a command-line step on a case that the core decided (a legal hold placed or lifted).
    public func append(
        _ caseId: CaseID, by actor: Actor, at now: Date, on db: any Database,
        _ decide: @escaping @Sendable (CaseFile) throws -> CaseEvent
    ) async throws -> CaseFile {
        try await db.transaction { tx in
            try await Chain.lock("events", on: tx)
            guard let state = try await load(caseId, on: tx) else { throw DueProcessError.notFound }
            return try await record([try decide(state)], to: state, by: actor, at: Instant.truncate(now), on: tx, alongside: nil)
        }
    }

    /// In-app notifications, and the same messages queued as e-mail for whoever has an address.
    private func notify(_ notices: [(CaseNotice, Int64)], file: CaseFile, at: Date, on tx: any Database) async throws {
        guard !notices.isEmpty else { return }
        let ids = Array(Set(notices.compactMap(\.0.recipientId)))
        let people = ids.isEmpty ? [] : try await Person.query(on: tx).filter(\.$id ~~ ids).all()
        let addresses = Dictionary(uniqueKeysWithValues: people.compactMap { p in p.email.map { (p.id!, $0) } })
        let receiptAddress = try await Receipt.query(on: tx).filter(\.$caseId == file.id).first()?.contactEmail
        for (notice, seq) in notices {
            try await Notification(notice, caseId: file.id, seq: seq, at: at).create(on: tx)
            let address = notice.recipientId.flatMap { addresses[$0] } ?? (notice.recipientId == nil ? receiptAddress : nil)
            if let address { try await mail(for: notice, in: file, to: address, at: at).create(on: tx) }
        }
    }

    /// The e-mail a notice becomes. It says only that there is news: whoever sees the mail on its
    /// way, or the outbox, learns nothing of who complained about whom, or what was decided.
    public func mail(for notice: CaseNotice, in file: CaseFile, to address: String, at: Date) -> OutboxMessage {
        let how =
            notice.recipientId == nil
            ? "Enter your receipt code on Docket's receipt page to read it: \(siteURL)/receipt"
            : "Sign in to Docket to read it: \(siteURL)/cases/\(file.id.uuidString.lowercased())"
        let mail = OutboxMessage(to: address, subject: "News on case \(file.reference)", body: "There is news on case \(file.reference). \(how)", at: at)
        // A hearing's notice carries its calendar entry: a date, a place and a case reference,
        // and nothing of who or what.
        if !notice.calendar.isEmpty {
            mail.attachment = ICalendar.document(notice.calendar, name: "Case \(file.reference)", url: { _ in nil }, stamp: at)
            mail.attachmentName = "hearing-\(file.reference).ics"
        }
        return mail
    }

    /// Rewrites the projections of one case from its file.
    func project(_ file: CaseFile, lastSeq: Int64, on tx: any Database) async throws {
        let summary = try await CaseSummary.find(file.id, on: tx) ?? CaseSummary()
        let isNew = summary.id == nil
        summary.update(from: file, due: procedure.due(file), lastSeq: lastSeq)
        if isNew { try await summary.create(on: tx) } else { try await summary.update(on: tx) }
        try await CaseMembership.query(on: tx).filter(\.$caseId == file.id).delete()
        for row in CaseMembership.rows(for: file, procedure: procedure) { try await row.create(on: tx) }
        try await Projections.writeOversight(file, isNew: isNew, seq: lastSeq, on: tx)
        try await CaseSearch.write(file, on: tx)
    }
}

/// The heads of the two chains and the lock that serialises appends to them.
enum Chain {
    /// Takes the chain's write lock for the rest of the transaction: a row lock on PostgreSQL, the
    /// database write lock on SQLite. Taken first, before any read, so two writers never both read
    /// the same head.
    static func lock(_ chain: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).update("chain_heads").set(SQLColumn("seq"), to: SQLColumn("seq"))
            .where("chain", .equal, chain).run()
    }

    static func head(_ chain: String, on db: any Database) async throws -> (seq: Int64, hash: String) {
        guard let h = try await ChainHead.find(chain, on: db) else {
            throw ChainVerifier.Failure(seq: 0, reason: "the \(chain) chain has no head row; run the migrations")
        }
        return (h.seq, h.hash)
    }

    /// Writes one event after `head` and returns the new head. The caller holds the lock.
    static func append(
        after head: (seq: Int64, hash: String), stream: UUID, kind: String, payload: String,
        actorId: UUID?, at: Date, on tx: any Database
    ) async throws -> (seq: Int64, hash: String) {
        let seq = head.seq + 1
        let fields = HashChain.eventFields(seq: seq, caseId: stream, kind: kind, actorId: actorId, occurredAt: at, payload: payload)
        let hash = HashChain.hash(previous: head.hash, fields: fields)
        let row = EventRecord()
        row.id = seq; row.caseId = stream; row.actorId = actorId; row.kind = kind
        row.occurredAt = Instant.millis(at); row.payload = payload; row.prevHash = head.hash; row.hash = hash
        try await row.create(on: tx)
        return (seq, hash)
    }

    static func setHead(_ chain: String, seq: Int64, hash: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).update("chain_heads").set("seq", to: seq).set("hash", to: hash)
            .where("chain", .equal, chain).run()
    }
}
