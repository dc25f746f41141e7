import DocketCore
import DocketStore
import Foundation

/// The case file as one person sees it, and the steps they may take from it. Which forms appear
/// is the core's answer (`Procedure.availableSteps`), never worked out here.
struct CasePage: Encodable {
    struct Row: Encodable { var label: String; var value: String }
    struct Allegation: Encodable {
        var number: Int; var clauseId: String; var title: String; var text: String; var version: String
        var conductDate: String; var basis: String; var finding: String?; var reasons: String?
    }
    struct Evidence: Encodable {
        var id: String; var name: String; var size: String; var sha256: String; var href: String; var addedAs: String; var disclose: Bool
    }
    struct Event: Encodable { var at: String; var title: String; var by: String }
    struct Option: Encodable { var value: String; var label: String }
    struct Decision: Encodable {
        var at: String; var findings: [Allegation]; var sanction: String; var sanctionReasons: String?; var appealDeadline: String
    }

    struct Seat: Encodable { var id: String; var name: String }
    struct HearingBox: Encodable {
        var when: String; var place: String?; var link: String?; var ics: String; var held: String?; var notes: String?; var attendees: [String]
    }
    struct Pending: Encodable {
        var number: Int; var title: String; var reasons: String; var status: String; var decision: String?; var open: Bool
    }
    struct VoteRow: Encodable { var member: String; var vote: String; var reasons: String; var at: String }
    struct Proposal: Encodable {
        var number: Int; var title: String; var by: String; var at: String; var findings: [Allegation]; var sanction: String?
        var outcome: String?; var reasons: String?; var votes: [VoteRow]; var status: String; var tally: String; var open: Bool
    }
    struct Attachment: Encodable { var name: String; var href: String; var sha256: String }
    struct MessageRow: Encodable {
        var number: Int; var fromTeam: Bool; var from: String; var at: String; var text: String; var attachments: [Attachment]; var asks: Bool
        var waiting: Bool; var answering: Int?; var disclosed: Bool; var mayDisclose: Bool
    }
    struct Thread: Encodable {
        var key: String; var title: String; var messages: [MessageRow]; var writable: Bool; var team: Bool; var questions: [Option]
        var action: String
    }

    var chrome: Chrome
    var id: String
    var reference: String
    var stage: String
    var stageTitle: String
    var yourPart: String
    var next: String
    var facts: [Row]
    var summary: String?
    var allegations: [Allegation]
    var notice: [Row]?
    var response: String?
    var report: String?
    var decision: Decision?
    var vetoed: [Decision]
    var reviews: [Row]
    var programmeReviews: [Row]
    var appeal: [Row]?
    var outcome: String?
    var suspension: [Row]?
    var evidence: [Evidence]
    var timeline: [Event]
    var story: [Event]
    var notes: [Event]
    var panelSeats: [Seat] = []
    var hearing: HearingBox?
    var objections: [Pending] = []
    var adjournments: [Pending] = []
    var proposals: [Proposal] = []
    var threads: [Thread] = []
    var waitingQuestions = 0
    var attendeeOptions: [Option] = []
    var earliestHearing = ""
    var bundle: String
    var back: String
    var printedAt: String
    var openObjections: [Option] = []
    var writableThreads: [Option] = []
    var openQuestions: [Option] = []
    var teamWriter = false
    var undisclosed: [Option] = []
    var openAdjournments: [Option] = []
    var openReveals: [Option] = []
    var openFlags: [Option] = []
    var overdue: Bool

    // The forms this person may use now: one entry per offered step, by the step's name in the
    // catalogue (`offered.serveNotice`); each form is the partial `steps/<its URL name>.leaf`.
    var offered: [String: Bool] = [:]
    // Forms shown together under one heading, and what some forms need.
    var triage = false
    var investigate = false
    var renewOrLift = false
    var clauseOptions: [Option] = []
    var minimumWindow = 10
    var reportWaits: String?
    var sanctionOptions: [Option] = []

    init(
        _ s: CaseScope, names: [UUID: String], timeline events: [RecordedEvent], chrome: Chrome, now: Date,
        paths: Paths = .signedIn
    ) {
        let f = s.file, p = s.store.procedure, a = s.access
        // What this person may see: the core's answer (`CaseFile.disclosure`), rendered.
        let shown = f.disclosure(to: a, viewer: s.actor.id)
        let handler = shown.caseTeam, defence = shown.defence
        func name(_ id: UUID?) -> String { id.flatMap { names[$0] } ?? "—" }
        self.chrome = chrome
        id = f.id.uuidString.lowercased(); reference = f.reference; stage = f.stage.rawValue; stageTitle = f.stage.title
        yourPart = a.sorted().map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
        next = handler || a.contains(.complainant) ? NextStep.forComplainant(f) : NextStep.forRespondent(f)
        var facts = [
            Row(label: "Received", value: Display.date(f.receivedAt)), Row(label: "Kind", value: Display.kind(f.category)),
            Row(
                label: "About",
                value: {
                    switch shown.respondent {
                    case .person(let id)?: return name(id)
                    case .words(let words)? where a == [.complainant]: return "\(words) (as you named them)"
                    case .words(let words)?: return "\(words) (as the complainant named them; not yet identified)"
                    case nil: return "—"
                    }
                }()),
        ]
        if let who = shown.complainant { facts.append(Row(label: "Complainant", value: who)) }
        // The case team knows whom to ask; the custodian knows they hold it.
        if f.identityProtected, shown.caseTeam, let custodian = f.custodian {
            facts.append(Row(label: "Custodian of the complainant's identity", value: custodian == s.actor.id ? "You" : name(custodian)))
        }
        if f.protectedDisclosure, shown.caseTeam {
            facts.append(Row(label: "Protected disclosure", value: "Yes: independent reviewers only; acknowledge within 7 days, feedback within 3 months"))
        }
        if shown.retaliationFlags {
            for flag in f.retaliationFlags {
                let state = flag.confirmed.map { $0 ? "confirmed" : "dismissed" } ?? "open"
                facts.append(Row(label: "Retaliation flag \(flag.number) (\(state))", value: "Raised at \(flag.trigger): \(flag.link(for: s.actor.id))"))
            }
        }
        if handler {
            facts.append(Row(label: "Route", value: f.route == .independent ? "Independent (complaint about an official)" : "Standard"))
            facts.append(Row(label: "Complainant's position", value: Display.kind(f.relation.rawValue)))
            facts.append(Row(label: "Caseworker", value: name(f.caseworkerId)))
            if let panel = f.panel { facts.append(Row(label: "Panel", value: panel.members.map { name($0) }.joined(separator: ", "))) }
            if let panel = f.appealPanel { facts.append(Row(label: "Appeal panel", value: panel.members.map { name($0) }.joined(separator: ", "))) }
            if let due = p.due(f) {
                facts.append(Row(label: "Stage due", value: "target \(Display.deadline(due.target)); at the latest \(Display.deadline(due.maximum))"))
            }
            if let since = f.clock.pausedSince {
                facts.append(Row(label: "Clock", value: "stopped since \(Display.date(since)): \(f.clock.pauseReason ?? "")"))
            }
        }
        if let r = f.representativeId, defence { facts.append(Row(label: "Representative", value: name(r))) }
        if !handler, let own = p.ownDeadline(in: f, for: a) {
            facts.append(Row(label: "Your next deadline", value: "\(own.kind.label) \(Display.deadline(own.at))"))
        }
        self.facts = facts
        summary = shown.complaint ? f.summary : nil
        func allegationRows(_ findings: [CaseFile.FindingRecord]) -> [Allegation] {
            f.allegations.map { al in
                let clause = p.rulebook.versions.first { $0.version == al.rulebookVersion }?.clause(al.clauseId)
                let finding = findings.first { $0.allegation == al.number }
                return Allegation(
                    number: al.number, clauseId: al.clauseId, title: clause?.title ?? "", text: clause?.text ?? "",
                    version: al.rulebookVersion, conductDate: Display.day(al.conductDate), basis: al.basis,
                    finding: finding.map { $0.finding == .upheld ? "Upheld" : "Not upheld" }, reasons: finding?.reasons)
            }
        }
        allegations = allegationRows([])
        // The notice itself is for the defence and the case team, as in the API.
        notice =
            !defence
            ? nil
            : f.notice.map { n in
                [
                    Row(label: "Served", value: Display.date(n.servedAt)), Row(label: "Respond by", value: Display.deadline(n.responseDeadline)),
                    Row(label: "Disclosed evidence", value: n.disclosedEvidence.isEmpty ? "none" : n.disclosedEvidence.joined(separator: ", ")),
                ]
            }
        response = defence ? f.response.map { "\($0.text)\($0.requestsOralHearing ? "\n(An oral hearing was requested.)" : "")" } : nil
        report = defence ? f.report : nil
        func decisionBox(_ d: CaseFile.Decision) -> Decision {
            Decision(
                at: Display.date(d.at), findings: allegationRows(d.findings), sanction: d.sanction?.title ?? "No sanction",
                sanctionReasons: d.sanctionReasons, appealDeadline: Display.deadline(d.appealDeadline))
        }
        decision = f.decision.map(decisionBox)
        vetoed = f.vetoedDecisions.map(decisionBox)
        programmeReviews =
            shown.programmeReviews
            ? f.programmeReviews.map { r in
                Row(
                    label: "Programme review opened \(Display.date(r.openedAt))",
                    value: r.conclusion.map { "\(Display.kind($0.rawValue)): \(r.reasons ?? "")\(r.sanction.map { " Sanction now: \($0.title)." } ?? "")" }
                        ?? "In progress")
            } : []
        reviews = f.reviews.map { Row(label: "\($0.verdict == .verified ? "Verified" : "Vetoed") \(Display.date($0.at))", value: $0.reasons) }
        appeal = f.appealGrounds.map { g in
            var rows = [Row(label: "Grounds", value: defence ? g : "Appeal lodged")]
            if let d = f.appealDecision {
                rows.append(Row(label: "Outcome", value: Display.kind(d.outcome.rawValue) + (d.sanction.map { ": \($0.title)" } ?? "")))
                rows.append(Row(label: "Reasons", value: d.reasons))
            }
            return rows
        }
        outcome = f.outcomeReasons
        suspension =
            defence
            ? f.suspension.map { sp in
                [
                    Row(label: "Status", value: sp.liftedAt != nil ? "Lifted" : sp.isActive(at: now, calendar: p.calendar) ? "In force" : "Lapsed"),
                    Row(label: "Reasons", value: sp.reasons), Row(label: "Scope", value: sp.scope),
                    Row(label: "Review date", value: Display.day(sp.reviewDate)),
                ]
            } : nil
        evidence = shown.evidence.map {
            Evidence(
                id: $0.item.id.uuidString.lowercased(), name: $0.item.filename, size: Display.bytes($0.item.size), sha256: $0.item.sha256,
                href: paths.evidence(f.id, $0.item.id), addedAs: $0.addedAs, disclose: $0.addedAs == "complainant" || $0.addedAs == "caseworker")
        }
        // The record: everything, with who, for the case team; the steps and their dates for a party.
        timeline = events.compactMap { e in
            guard let kinds = shown.recordKinds else {
                // A protected complainant acts in the record as "The complainant".
                let by = !shown.knowsComplainant && e.actorId != nil && e.actorId == f.complainantId ? "The complainant" : name(e.actorId)
                return Event(at: Display.time(e.occurredAt), title: Display.kind(e.event.kind), by: by)
            }
            return kinds.contains(e.event.kind) ? Event(at: Display.time(e.occurredAt), title: Display.kind(e.event.kind), by: "") : nil
        }
        story = p.story(of: events, in: f, for: a).map { Event(at: Display.time($0.at), title: $0.text, by: "") }
        if !story.isEmpty { timeline = [] }
        notes = handler ? f.notes.map { Event(at: Display.time($0.at), title: $0.text, by: name($0.by)) } : []
        bundle = paths.bundle(f.id)
        back = paths.page(f.id)
        printedAt = Display.time(now)
        panelSeats = (f.decidingPanel ?? f.panel)?.members.map { Seat(id: $0.uuidString.lowercased(), name: name($0)) } ?? []
        if let panel = f.decidingPanel ?? f.panel, !facts.contains(where: { $0.label == "Panel" }), f.stage == .hearing || f.stage == .appeal {
            self.facts.append(Row(label: f.stage == .appeal ? "Appeal panel" : "Panel", value: panel.members.map { name($0) }.joined(separator: ", ")))
        }
        if let h = f.hearing {
            hearing = HearingBox(
                when: Display.time(h.startsAt), place: h.place.isEmpty ? nil : h.place, link: h.link, ics: paths.hearingICS(f.id),
                held: f.hearingHeldAt.map(Display.time), notes: handler ? f.hearingNotes : nil,
                attendees: handler
                    ? f.hearingAttendees.map { person in
                        person == f.respondentId ? "The respondent" : person == f.complainantId ? "The complainant" : name(person)
                    } : [])
        }
        if defence {
            objections = f.objections.map { o in
                Pending(
                    number: o.number, title: "Objection \(o.number) to \(name(o.member))", reasons: o.reasons,
                    status: o.upheld.map { $0 ? "Upheld" : "Not upheld" } ?? "Waiting for the appointing authority",
                    decision: o.decisionReasons.map { r in o.replacement.map { "\(r) Replaced by \(name($0)), drawn by rule." } ?? r }, open: o.upheld == nil)
            }
            openObjections = f.objections.filter { $0.upheld == nil }.map {
                Option(value: String($0.number), label: "Objection \($0.number) to \(name($0.member))")
            }
        }
        adjournments = f.adjournments.map { r in
            Pending(
                number: r.number, title: "Request \(r.number) to adjourn, from the \(r.requestedAs.rawValue)",
                reasons: handler || a.contains(r.requestedAs) ? r.reasons : "Reasons given to the panel",
                status: r.granted.map { $0 ? "Granted" : "Refused" } ?? "Waiting for the panel", decision: r.decisionReasons, open: r.granted == nil)
        }
        openReveals = f.reveals.filter { $0.revealed == nil }.map { Option(value: String($0.number), label: "Request \($0.number): \($0.reasons)") }
        if shown.retaliationFlags {
            openFlags = f.retaliationFlags.filter { $0.confirmed == nil }.map {
                Option(value: String($0.number), label: "Flag \($0.number), raised at \($0.trigger): \($0.link(for: s.actor.id))")
            }
        }
        openAdjournments = f.adjournments.filter { $0.granted == nil }.map {
            Option(value: String($0.number), label: "Request \($0.number), from the \($0.requestedAs.rawValue)")
        }
        if handler {
            proposals = f.proposals.map { pr in
                let members = Set((pr.forAppeal ? f.appealPanel : f.panel)?.members ?? [])
                let concurred = (members.contains(pr.by) ? 1 : 0) + pr.votes.filter { $0.concurs && members.contains($0.member) }.count
                return Proposal(
                    number: pr.number, title: pr.forAppeal ? "Proposed decision on the appeal" : "Proposed decision", by: name(pr.by),
                    at: Display.time(pr.at), findings: allegationRows(pr.findings ?? []).filter { $0.finding != nil },
                    sanction: pr.forAppeal && pr.appealOutcome != .varied ? nil : (pr.sanction?.title ?? "No sanction"),
                    outcome: pr.appealOutcome.map { Display.kind($0.rawValue) }, reasons: pr.appealReasons,
                    votes: [VoteRow(member: name(pr.by), vote: "Proposed (chair)", reasons: "", at: Display.time(pr.at))]
                        + pr.votes.map {
                            VoteRow(member: name($0.member), vote: $0.concurs ? "Concurs" : "Dissents", reasons: $0.reasons, at: Display.time($0.at))
                        },
                    status: pr.status == .issued ? "Issued by majority" : pr.status == .fell ? "Fell: no majority" : "Waiting for votes",
                    tally: "\(concurred) of \(members.count) concur; \(p.majority(of: f)) needed", open: pr.status == .open)
            }
        }
        // Threads with the case team: the party's own, or every party's for the team.
        let writable = Set(p.messageThreads(f, for: s.actor, at: now))
        let mayDisclose = p.offers(.discloseMessage, in: f, to: s.actor, at: now)
        let waiting = Set(
            handler ? f.unansweredQuestions().map(\.number) : a.filter(\.isParty).flatMap { f.unansweredQuestions(in: $0).map(\.number) })
        waitingQuestions = waiting.count
        let kinds: [CaseAccess] =
            handler
            ? [.complainant, .respondent, .representative].filter { t in
                t == .complainant || (t == .respondent && f.respondentId != nil) || (t == .representative && f.representativeId != nil)
            } : a.filter(\.isParty).sorted()
        threads = kinds.map { t in
            // A party's own thread, with what was disclosed to them from the others.
            let msgs = shown.messages.filter { $0.thread == t || (!handler && !a.contains($0.thread) && $0.disclosed) }
            return Thread(
                key: t.rawValue, title: handler ? "With the \(t.rawValue)" : "You and the case team",
                messages: msgs.map { m in
                    MessageRow(
                        number: m.number, fromTeam: m.fromTeam,
                        from: m.fromTeam
                            ? (handler ? "\(name(m.by)) (case team)" : "The case team")
                            : (handler || !a.contains(m.thread) ? "The \(m.thread.rawValue)" : "You"),
                        at: Display.time(m.at), text: m.text,
                        attachments: m.attachments.map { Attachment(name: $0.filename, href: paths.evidence(f.id, $0.id), sha256: $0.sha256) },
                        asks: m.asks, waiting: waiting.contains(m.number), answering: m.answering, disclosed: m.disclosed,
                        mayDisclose: mayDisclose && !m.disclosed)
                }, writable: writable.contains(t), team: handler,
                questions: f.unansweredQuestions(in: t).map { Option(value: String($0.number), label: "Question \($0.number): \($0.text.prefix(80))") },
                action: paths.message(f.id))
        }
        writableThreads = threads.filter(\.writable).map { Option(value: $0.key, label: $0.team ? "The \($0.key)" : "The case team") }
        openQuestions = threads.filter(\.writable).flatMap(\.questions)
        teamWriter = handler
        undisclosed =
            mayDisclose
            ? f.messages.filter { !$0.disclosed }.map {
                Option(value: String($0.number), label: "Message \($0.number), \($0.thread.rawValue)'s thread: \($0.text.prefix(60))")
            } : []
        if f.stage == .hearing {
            earliestHearing = Display.day(p.calendar.adding(workingDays: p.policy.hearingNoticeWorkingDays, to: p.calendar.day(of: now)))
            var people: [(UUID, String)] = []
            if let r = f.respondentId { people.append((r, "\(name(r)) (respondent)")) }
            if let r = f.representativeId { people.append((r, "\(name(r)) (representative)")) }
            if let c = f.complainantId { people.append((c, "\(shown.complainant ?? "The complainant") (complainant)")) }
            if let c = f.caseworkerId { people.append((c, "\(name(c)) (caseworker)")) }
            for m in f.panel?.members ?? [] { people.append((m, "\(name(m)) (panel)")) }
            // A protected complainant is offered as "the complainant", never by id.
            attendeeOptions = people.map {
                Option(value: !shown.knowsComplainant && $0.0 == f.complainantId ? "complainant" : $0.0.uuidString.lowercased(), label: $0.1)
            }
        }
        overdue = handler && p.isOverdue(f, at: now)

        // What this person may do now: the core's answer (`Procedure.availableSteps`), which is
        // exactly what `decide` accepts from them with valid input. The page restates no rule.
        let steps = Set(p.availableSteps(f, for: s.actor, at: now))
        offered = Dictionary(uniqueKeysWithValues: steps.map { (Self.key($0), true) })
        triage = !steps.isDisjoint(with: [.openInvestigation, .dismiss, .resolve])
        investigate = !steps.isDisjoint(with: [.allegations, .correctAllegation, .withdrawAllegation, .serveNotice])
        renewOrLift = !steps.isDisjoint(with: [.renewSuspension, .liftSuspension])
        if investigate {
            clauseOptions = (p.rulebook.current?.clauses ?? []).map { Option(value: $0.id, label: "\($0.id) \($0.title)") }
            minimumWindow = p.policy.minimumResponseWorkingDays
        }
        if steps.contains(.report), !f.responseWindowFinished(at: now), let n = f.notice { reportWaits = Display.deadline(n.responseDeadline) }
        // Only the sanctions the case's clauses allow are ever offered.
        if !steps.isDisjoint(with: [.decide, .concludeReview, .decideAppeal]) {
            let allowed = Set(
                f.allegations.compactMap { al in p.rulebook.versions.first { $0.version == al.rulebookVersion }?.clause(al.clauseId) }
                    .flatMap(\.allowedSanctions))
            sanctionOptions = allowed.sorted().map { Option(value: $0.rawValue, label: $0.title) }
        }
    }

    /// Where the page's links and forms go: the signed-in case page, or the receipt-code page.
    struct Paths: Sendable {
        var bundle: @Sendable (UUID) -> String
        var hearingICS: @Sendable (UUID) -> String
        var evidence: @Sendable (UUID, UUID) -> String
        var message: @Sendable (UUID) -> String
        var page: @Sendable (UUID) -> String
        static let signedIn = Paths(
            bundle: SiteURL.caseBundle, hearingICS: SiteURL.hearingICS, evidence: SiteURL.evidence, message: SiteURL.caseMessage, page: SiteURL.caseFile)
        static let receipt = Paths(
            bundle: { _ in SiteURL.receiptBundle }, hearingICS: { _ in SiteURL.receiptICS }, evidence: { _, e in SiteURL.receiptFile(e) },
            message: { _ in SiteURL.receiptMessage }, page: { _ in SiteURL.receiptCase })
    }

    /// A step's key in `offered`: its name in the catalogue, which Leaf can read after a dot.
    static func key(_ step: CaseStep) -> String { String(describing: step) }
}
