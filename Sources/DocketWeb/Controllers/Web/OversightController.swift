import DocketCore
import DocketStore
import Fluent
import Vapor

/// The governance committee's, the independent reviewers' and the auditors' pages.
struct OversightController: RouteCollection {
    struct Row: Encodable { var href: String?; var reference: String; var stage: String; var detail: String; var overdue: Bool }
    /// A list of cases; long lists show their first `limit` rows and say how many there are.
    struct Table: Encodable {
        var title: String; var empty: String; var rows: [Row]; var total: Int; var more: String?
        /// The whole list, with search, filters and paging, when it has a page of its own.
        var all: String?
        init(title: String, empty: String, rows: [Row], total: Int, all: String? = nil) {
            self.title = title; self.empty = empty; self.rows = rows; self.total = total; self.all = all
            more = total > rows.count ? "Showing the first \(rows.count) of \(total)." : nil
        }
    }
    static let limit = 200
    /// Access-log entries on one page of the audit page.
    static let readsPage = 50

    /// The first `limit` cases of a query, and how many it finds in all.
    func listed(_ query: QueryBuilder<CaseSummary>, limit: Int = Self.limit) async throws -> ([CaseSummary], Int) {
        let total = try await query.copy().count()
        return (try await query.limit(limit).all(), total)
    }
    struct Page: Encodable { var chrome: Chrome; var intro: String; var tables: [Table] }
    struct AuditPage: Encodable {
        struct Read: Encodable { var at: String; var who: String; var reference: String; var purpose: String }
        struct Act: Encodable { var at: String; var who: String; var what: String; var whom: String; var details: String }
        var chrome: Chrome; var verified: Bool; var summary: String; var head: String?; var running: String?; var reads: [Read]
        var acts: [Act]
        var readsCase: String; var readsWho: String; var olderReads: String?; var sorts: [CaseWebController.ListPage.Option]; var order: String
    }

    /// The orders the access log offers, by its sequence.
    static let readOrders = [
        ListOrder(name: "newest", label: "Newest first", column: "seq", descending: true),
        ListOrder(name: "oldest", label: "Oldest first", column: "seq", descending: false),
    ]

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireRole(role: .governance)).get("governance", use: governance)
        routes.grouped(RequireRole(role: .reviewer)).get("review", use: review)
        routes.grouped(RequireRole(role: .auditor)).get("audit", use: audit)
        routes.grouped(RequireRole(role: .auditor)).post("audit", "verify", use: startVerification)
        routes.grouped(RequireRole(role: .auditor)).get("audit", "checkpoint", use: checkpoint)
    }

    func rows(_ cases: [CaseSummary], now: Int64, detail: (CaseSummary) -> String) -> [Row] {
        cases.map { c in
            Row(
                href: SiteURL.caseFile(c.id!), reference: c.reference, stage: CaseStage(rawValue: c.stage)?.title ?? c.stage,
                detail: detail(c), overdue: (c.stageDueAt ?? .max) <= now)
        }
    }

    func since(_ c: CaseSummary) -> String { "since \(Display.date(Instant.date(millis: c.stageEnteredAt)))" }

    func governance(req: Request) async throws -> View {
        let now = req.docket.clock()
        let ms = Instant.millis(now)
        // The first of each queue; each has a page of its own with all of it.
        let first = GovernanceQueues.onGovernancePage
        func standard(_ queue: GovernanceQueues.Queue, empty: String) async throws -> Table {
            let (list, total) = try await listed(
                CaseSummary.query(on: req.db).filter(\.$route == CaseRoute.standard.rawValue)
                    .filter(\.$stage == queue.stage!.rawValue).sort(\.$stageEnteredAt), limit: first)
            return Table(title: queue.title, empty: empty, rows: rows(list, now: ms, detail: since), total: total, all: SiteURL.governanceQueue(queue.rawValue))
        }
        let (suspended, suspendedTotal) = try await listed(
            CaseSummary.query(on: req.db).filter(\.$route == CaseRoute.standard.rawValue)
                .filter(\.$suspensionReview > "").sort(\.$suspensionReview), limit: first)  // a range, so the index serves it
        let (overdue, overdueTotal) = try await listed(
            CaseSummary.overdue(at: now, on: req.db).filter(\.$route == CaseRoute.standard.rawValue), limit: first)
        let today = Display.calendar.day(of: now).description
        let tables = [
            Table(
                title: GovernanceQueues.Queue.overdue.title, empty: "No case is past its stage maximum.",
                rows: rows(overdue, now: ms) { "due by \(Display.deadline(Instant.date(millis: $0.stageDueAt!)))" }, total: overdueTotal,
                all: SiteURL.governanceQueue(GovernanceQueues.Queue.overdue.rawValue)),
            Table(
                title: GovernanceQueues.Queue.suspensions.title, empty: "No interim suspension is recorded.",
                rows: rows(suspended, now: ms) { c in
                    let review = c.suspensionReview ?? ""
                    return review < today ? "lapsed on \(review) unless renewed" : "review date \(review)"
                }, total: suspendedTotal, all: SiteURL.governanceQueue(GovernanceQueues.Queue.suspensions.rawValue)),
            try await standard(.awaitingCaseworker, empty: "Every complaint has a caseworker."),
            try await standard(.awaitingPanel, empty: "No case is waiting for a panel."),
            try await standard(.appeals, empty: "No appeal is open."),
        ]
        return try await req.page(
            "oversight",
            Page(
                chrome: Chrome(req, title: "Governance"),
                intro:
                    "Suspensions and their review dates, cases waiting for an appointment, and every case past its deadline. Complaints about officials are not shown here: they go to the independent reviewers.",
                tables: tables))
    }

    func review(req: Request) async throws -> View {
        let ms = Instant.millis(req.docket.clock())
        let (decided, decidedTotal) = try await listed(CaseSummary.query(on: req.db).filter(\.$stage == CaseStage.decided.rawValue).sort(\.$stageEnteredAt))
        let (official, officialTotal) = try await listed(
            CaseSummary.query(on: req.db).filter(\.$route == CaseRoute.independent.rawValue).sort(\.$receivedAt, .descending))
        let names = try await OversightData.staffNames(on: req.db)
        let register = InterferenceEntry.query(on: req.db).sort(\.$at, .descending)
        let contactTotal = try await register.copy().count()
        let contacts = try await register.limit(Self.limit).all().map { i in
            Row(
                href: SiteURL.caseFile(i.caseId), reference: i.reference, stage: Display.date(Instant.date(millis: i.at)),
                detail: "\(i.from), to \(i.recordedBy.flatMap { names[$0] } ?? "a handler"): \(i.summary)", overdue: false)
        }
        let tables = [
            Table(title: "Interference register", empty: "No contact from outside a case team has been recorded.", rows: contacts, total: contactTotal),
            Table(
                title: "Decisions to verify or veto", empty: "No decision is waiting.",
                rows: rows(decided, now: ms) {
                    "decided \(Display.date(Instant.date(millis: $0.stageEnteredAt)))" + ($0.sanction.map { ", sanction: \($0)" } ?? "")
                },
                total: decidedTotal),
            Table(title: "Complaints about staff and office-holders", empty: "None.", rows: rows(official, now: ms, detail: since), total: officialTotal),
        ]
        return try await req.page(
            "oversight",
            Page(
                chrome: Chrome(req, title: "Independent review"),
                intro: "Decisions waiting for independent verification, and every complaint about a staff member or office-holder.", tables: tables))
    }

    /// The chain's state and who opened which case file when — never what is in it.
    ///
    /// A full verification of ten million events takes seconds, so the page builds on the last
    /// full run that passed: it checks, now, every entry added since, and says when the whole
    /// record was last checked. The first visit runs a full verification; any auditor can start
    /// another, and `docket audit verify` does the same from the command line (or from cron).
    /// `/audit/checkpoint`: a signed checkpoint of both chains as they end now, for an auditor to
    /// keep off the server. Only a record that verifies is signed.
    func checkpoint(req: Request) async throws -> Response {
        let services = req.docket
        guard services.signingKey != nil else {
            throw DueProcessError.notAllowed(
                "no_signing_key",
                "No signing key is configured (DOCKET_SIGNING_KEY_FILE), so Docket cannot sign a checkpoint. An administrator creates one with `docket audit keygen`."
            )
        }
        let start = try await AuditRun.lastPassed(on: req.db)?.checkpoint ?? .start
        let report: AuditVerifier.Report
        do { report = try await services.verifyChains(on: req.db, after: start) } catch let f as AuditVerifier.Failure {
            throw DueProcessError.notAllowed("record_does_not_verify", "The record does not verify (\(f.description)); no checkpoint is signed for it.")
        }
        guard
            let signed = try await SignedCheckpoint.current(
                on: req.db, services: services,
                events: .init(seq: report.through.eventSeq, hash: report.through.eventHash))
        else { throw Abort(.notFound) }
        let res = Response(status: .ok, body: .init(string: signed.json + "\n"))
        res.headers.contentType = .json
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"docket-checkpoint-\(signed.events.seq).json\"")
        return res
    }

    func audit(req: Request) async throws -> View {
        var verified = false, summary = "", head: String?, running: String?
        let services = req.docket
        let runs = AuditRun.query(on: req.db).sort(\.$startedAt, .descending)
        if let current = try await runs.copy().filter(\.$finishedAt == nil).first(),
            Instant.millis(services.clock()) - current.startedAt < 6 * 3_600_000
        {
            running =
                "A full verification started \(Display.time(Instant.date(millis: current.startedAt))) is running"
                + (AuditProgress.shared.of(current.id!).map { ": \($0)." } ?? ".") + " Reload this page to follow it."
        }
        var last = try await runs.copy().filter(\.$finishedAt != nil).first()
        if last == nil, running == nil {
            // Never verified: a small record is verified now; a large one in the background.
            let size = try await ChainHead.find("events", on: req.db)?.seq ?? 0
            if size <= Self.verifyWhileWaiting {
                last = try await services.fullVerification(on: req.db, startedBy: req.auth.get(Person.self)?.id).0
            } else {
                start(services, db: req.application.db, by: req.auth.get(Person.self)?.id, logger: req.logger)
                running = "A first full verification of the whole record (\(size) events) has started. Reload this page to follow it."
            }
        }
        if let last, last.passed == false {
            summary =
                "Verification FAILED at \(last.detail ?? "an unknown entry") (full verification of \(Display.time(Instant.date(millis: last.finishedAt!))))."
        } else if let passed = try await AuditRun.lastPassed(on: req.db), let checkpoint = passed.checkpoint {
            do {
                let tail = try await services.verifyChains(on: req.db, after: checkpoint)
                verified = true
                head = tail.eventHead
                // Say what was checked and when, never more: entries verified by the last full
                // run are not re-read here, so a change to them shows only at the next full run.
                let when = Display.time(Instant.date(millis: passed.finishedAt!))
                summary =
                    "Checked now: the \(tail.events) events and \(tail.accesses) access-log entries added since the last full verification, "
                    + "and that they continue its chain. The last full verification, of all \(checkpoint.eventSeq) events and \(checkpoint.accessSeq) "
                    + "access-log entries before them, passed on \(when); a change made to those since then shows at the next full verification, "
                    + "which you can start below or with the command docket audit verify."
            } catch let f as AuditVerifier.Failure {
                summary = "Verification FAILED at \(f.description)"
            }
        }
        // The access log, newest first unless asked, fifty at a time (keyset on its sequence),
        // for one case by reference and for one reader by name or e-mail address if asked.
        struct ReadQuery: Content {
            var readsCase: String?; var readsWho: String?; var readsAfter: String?; var readsSort: String?
            enum CodingKeys: String, CodingKey {
                case readsCase = "reads_case", readsWho = "reads_who", readsAfter = "reads_after", readsSort = "reads_sort"
            }
        }
        let rq = (try? req.query.decode(ReadQuery.self)) ?? ReadQuery()
        let readsCase = rq.readsCase?.trimmingCharacters(in: .whitespaces).uppercased() ?? ""
        let log = AccessRecord.query(on: req.db)
        if !readsCase.isEmpty {
            let id = try await CaseSummary.query(on: req.db).filter(\.$reference == String(readsCase.prefix(40))).first()?.id
            log.filter(\.$caseId == (id ?? CaseSummary.unidentified))
        }
        let readsWho = String((rq.readsWho ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        if !readsWho.isEmpty {
            // The readers whose name or address is the text typed (at most fifty of them).
            let who = readsWho.lowercased()
            let readers = try await Person.query(on: req.db)
                .filter(.sql(embed: "(LOWER(\(ident: "display_name")) = \(bind: who) OR LOWER(COALESCE(\(ident: "email"), '')) = \(bind: who))")).limit(50)
                .all().compactMap(\.id)
            log.filter(\.$actorId ~~ readers)
        }
        let order = ListOrder.chosen(rq.readsSort, from: Self.readOrders)
        order.apply(log, table: AccessRecord.schema, idColumn: "seq", after: rq.readsAfter)
        let fetched = try await log.limit(Self.readsPage + 1).all()
        let reads = Array(fetched.prefix(Self.readsPage))
        let olderReads =
            fetched.count > Self.readsPage
            ? reads.last.map {
                SiteURL.withQuery(
                    SiteURL.audit,
                    [
                        ("reads_case", readsCase.isEmpty ? nil : readsCase), ("reads_who", readsWho), order.field(in: Self.readOrders),
                        ("reads_after", order.cursor($0.id!, id: $0.id!)),
                    ])
            }
            : nil
        let people = try await Person.query(on: req.db).filter(\.$id ~~ Array(Set(reads.compactMap(\.actorId)))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.displayName }
        let summaries = try await CaseSummary.query(on: req.db).filter(\.$id ~~ Array(Set(reads.map(\.caseId)))).all()
        let refs = summaries.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.reference }
        // A complainant whose identity is protected reads their own case as "the complainant":
        // the auditors are not its custodian. Only cases that such a read could concern are loaded.
        let store = try await req.docket.store(on: req.db)
        var protectedReaders: Set<String> = []
        for c in summaries {
            guard let complainant = c.complainantId, reads.contains(where: { $0.caseId == c.id && $0.actorId == complainant }),
                let f = try await store.load(c.id!, lastSeq: c.lastSeq, on: req.db), f.identityProtected, !f.identityRevealed
            else { continue }
            protectedReaders.insert("\(c.id!)|\(complainant)")
        }
        // Searched for by name, such a read is not listed at all: the search would say who they are.
        let shownReads = readsWho.isEmpty ? reads : reads.filter { r in !(r.actorId.map { protectedReaders.contains("\(r.caseId)|\($0)") } ?? false) }
        let rows = shownReads.map { r in
            let hidden = r.actorId.map { protectedReaders.contains("\(r.caseId)|\($0)") } ?? false
            return AuditPage.Read(
                at: Display.time(Instant.date(millis: r.occurredAt)),
                who: hidden ? "The complainant (identity protected)" : r.actorId.flatMap { people[$0] } ?? "Complainant (receipt code)",
                reference: refs[r.caseId] ?? "?", purpose: r.purpose)
        }
        // Administrative acts: who changed who may do what, and the rules and settings.
        // One kind at a time, each the newest 200 through the index on (kind, seq): asked for all
        // kinds at once, SQLite walks the whole log backwards looking for the few acts among
        // millions of case events (2.1 s at ten million events; docs/benchmarks.md).
        var actRows: [EventRecord] = []
        for kind in AccountActs.kinds {
            actRows += try await EventRecord.query(on: req.db).filter(\.$kind == kind).sort(\.$id, .descending).limit(200).all()
        }
        actRows = Array(actRows.sorted { $0.id! > $1.id! }.prefix(200))
        let actPeople = try await Person.query(on: req.db).filter(\.$id ~~ Array(Set(actRows.compactMap(\.actorId) + actRows.map(\.caseId)))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.displayName }
        let acts = actRows.map { e in
            AuditPage.Act(
                at: Display.time(Instant.date(millis: e.occurredAt)),
                who: e.actorId.flatMap { actPeople[$0] } ?? "the server's command line",
                what: e.kind.replacingOccurrences(of: "_", with: " "),
                whom: actPeople[e.caseId]
                    ?? {
                        switch RecordEvent.Kind(rawValue: e.kind) {
                        case .rulebookImported?: "the rulebook"
                        case .settingsChanged?: "the settings"
                        case .registerImported?: "the member register"
                        default: "—"
                        }
                    }(),
                details: e.payload.count > 300 ? String(e.payload.prefix(300)) + "…" : e.payload)
        }
        return try await req.page(
            "audit",
            AuditPage(
                chrome: Chrome(req, title: "Audit"), verified: verified, summary: summary, head: head, running: running, reads: rows, acts: acts,
                readsCase: readsCase, readsWho: readsWho, olderReads: olderReads, sorts: ListOrder.options(Self.readOrders, chosen: order),
                order: order.label.lowercased())
        )
    }

    /// A record this size is verified in well under a second (docs/benchmarks.md).
    static let verifyWhileWaiting: Int64 = 500_000

    func start(_ services: DocketServices, db: any Database, by person: UUID?, logger: Logger) {
        Task {
            do { try await services.fullVerification(on: db, startedBy: person) } catch {
                logger.error("full verification could not run: \(error)")
            }
        }
    }

    /// Starts a full verification in the background; the audit page shows how far it has got.
    func startVerification(req: Request) async throws -> Response {
        let person = try req.auth.require(Person.self)
        let cutoff = Instant.millis(req.docket.clock()) - 6 * 3_600_000
        if try await AuditRun.query(on: req.db).filter(\.$finishedAt == nil).filter(\.$startedAt > cutoff).first() != nil {
            return req.back(to: SiteURL.audit, "warn", "A full verification is already running.")
        }
        start(req.docket, db: req.application.db, by: person.id, logger: req.logger)
        return req.back(to: SiteURL.audit, "ok", "A full verification of the whole record has started; this page shows how far it has got.")
    }
}
