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
    var notes: [Event]
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

    init(_ s: CaseScope, names: [UUID: String], timeline events: [RecordedEvent], chrome: Chrome, now: Date) {
        let f = s.file, p = s.store.procedure, a = s.access
        // What this person may see: the core's answer (`CaseFile.disclosure`), rendered.
        let shown = f.disclosure(to: a)
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
        if shown.complaint { facts.append(Row(label: "Complainant", value: f.complainantName)) }
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
                id: $0.item.id.uuidString.lowercased(), name: $0.item.filename, size: "\(max(1, $0.item.size / 1024)) KB", sha256: $0.item.sha256,
                href: SiteURL.evidence(f.id, $0.item.id), addedAs: $0.addedAs, disclose: $0.addedAs == "complainant" || $0.addedAs == "caseworker")
        }
        // The record: everything, with who, for the case team; the steps and their dates for a party.
        timeline = events.compactMap { e in
            guard let kinds = shown.recordKinds else { return Event(at: Display.time(e.occurredAt), title: Display.kind(e.event.kind), by: name(e.actorId)) }
            return kinds.contains(e.event.kind) ? Event(at: Display.time(e.occurredAt), title: Display.kind(e.event.kind), by: "") : nil
        }
        notes = handler ? f.notes.map { Event(at: Display.time($0.at), title: $0.text, by: name($0.by)) } : []
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

    /// A step's key in `offered`: its name in the catalogue, which Leaf can read after a dot.
    static func key(_ step: CaseStep) -> String { String(describing: step) }
}
