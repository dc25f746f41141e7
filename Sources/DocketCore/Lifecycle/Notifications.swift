import Foundation

/// A message a person is entitled to receive about a case.
public struct CaseNotice: Sendable, Equatable {
    /// Nil for a complainant without an account, who reads it with their receipt code.
    public var recipientId: PersonID?
    public var audience: CaseAccess
    public var subject: String
    public var body: String
    /// Calendar entries the notice carries (a hearing's), which its e-mail attaches as `.ics`.
    public var calendar: [CalendarEntry] = []
}

extension Procedure {
    /// Who is told what when an event happens: the parties at every step that concerns them, the
    /// handlers when work reaches them. Derived from the event, so it is written in the same
    /// transaction and cannot be forgotten.
    public func notices(for recorded: RecordedEvent, in file: CaseFile) -> [CaseNotice] {
        let ref = file.reference
        var out: [CaseNotice] = []
        func complainant(_ subject: String, _ body: String) {
            out.append(.init(recipientId: file.complainantId, audience: .complainant, subject: subject, body: body))
        }
        func respondent(_ subject: String, _ body: String) {
            // Nobody is told as respondent before they are identified: a nil recipient means the
            // receipt-code complainant, who must never receive the respondent's notices.
            guard let respondentId = file.respondentId else { return }
            out.append(.init(recipientId: respondentId, audience: .respondent, subject: subject, body: body))
            if let r = file.representativeId {
                out.append(.init(recipientId: r, audience: .representative, subject: subject, body: body))
            }
        }
        func handlers(_ ids: [PersonID], _ audience: CaseAccess, _ subject: String, _ body: String) {
            for id in ids { out.append(.init(recipientId: id, audience: audience, subject: subject, body: body)) }
        }
        switch recorded.event {
        case .complaintFiled:
            complainant(
                "Complaint \(ref) received",
                "Your complaint has been received and given the reference \(ref). You will be told at each stage. \(retaliationWarning(on: calendar.day(of: recorded.occurredAt)))"
            )
        case .caseworkerAllocated(let d):
            handlers(d.chosen, .caseworker, "Case \(ref) allocated to you", "You have been drawn as caseworker for case \(ref).")
            complainant("Complaint \(ref) allocated", "A caseworker has been allocated to your complaint.")
        case .complaintDismissed(let r):
            complainant("Complaint \(ref) dismissed", "Your complaint was dismissed at triage. Reasons: \(r.reasons)")
        case .resolvedInformally(let r):
            complainant("Complaint \(ref) resolved", "The complaint was resolved informally: \(r.reasons)")
            respondent("Complaint \(ref) resolved", "The complaint was resolved informally: \(r.reasons)")
        case .investigationOpened:
            complainant("Complaint \(ref) under investigation", "Your complaint is being investigated.")
        case .noticeServed(let n):
            let clauses = file.allegations.map { "\($0.number). clause \($0.clauseId): \($0.basis)" }.joined(separator: "\n")
            respondent(
                "Notice of allegations, case \(ref)",
                "You are notified of these allegations:\n\(clauses)\n\(whoComplained(file))\nYou may respond until the end of \(formatted(n.responseDeadline)), ask for an oral hearing, and name a representative.\n\(retaliationWarning(on: calendar.day(of: recorded.occurredAt)))"
            )
            complainant("Complaint \(ref): notice served", "The respondent has been given notice of the allegations.")
        case .responseSubmitted:
            handlers(file.caseworkerId.map { [$0] } ?? [], .caseworker, "Response received, case \(ref)", "The respondent has responded to the notice.")
        case .reportSubmitted:
            respondent("Case \(ref): investigation report", "The investigation report is complete; a panel will be appointed to hear the case.")
        case .panelAppointed(let d):
            handlers(d.chosen, .panel, "Panel appointment, case \(ref)", "You have been drawn to sit on the panel for case \(ref).")
            respondent("Case \(ref): panel appointed", "A panel has been appointed to hear your case.")
        case .hearingScheduled(let h):
            let body = Self.hearingText(h.startsAt, place: h.place, link: h.link, panel: h.panel, ref: ref)
            let subject = "Hearing of case \(ref): \(Spoken.time(h.startsAt))"
            complainant(subject, body + "\nYou may ask for an adjournment, with reasons, before the hearing.")
            respondent(
                subject,
                body + "\nYou may object to a member of the panel, with reasons, before the hearing, and ask for an adjournment with reasons.")
            handlers((file.panel?.members ?? []) + [file.caseworkerId].compactMap { $0 }, .panel, subject, body)
            if let entry = hearingEntry(file) { for i in out.indices { out[i].calendar = [entry] } }
        case .panelObjectionLodged(let o):
            handlers(file.caseworkerId.map { [$0] } ?? [], .caseworker, "Objection to a panel member, case \(ref)", "Objection \(o.number): \(o.reasons)")
        case .panelObjectionDecided(let d):
            let panel = d.panel.map(\.name).joined(separator: ", ")
            let text =
                d.upheld
                ? "Your objection was upheld, and the member was replaced by a new recorded draw. The panel is now: \(panel). Reasons: \(d.reasons)"
                : "Your objection was not upheld; the panel stays as it is: \(panel). Reasons: \(d.reasons)"
            respondent("Objection decided, case \(ref)", text)
            if d.upheld {
                complainant("The panel of case \(ref) has changed", "A member of the panel was replaced by a new recorded draw. The panel is now: \(panel).")
            }
            if let seat = d.replacement?.chosen.first {
                handlers(
                    [seat], .panel, "Panel appointment, case \(ref)",
                    "You have been drawn to sit on the panel for case \(ref) in place of a member objected to.")
            }
        case .adjournmentRequested(let r):
            handlers(
                file.panel?.members ?? [], .panel, "Request to adjourn, case \(ref)",
                "The \(r.requestedAs.rawValue) asks for the hearing to be adjourned: \(r.reasons)")
        case .adjournmentDecided(let d):
            let text =
                d.granted
                ? "The hearing is adjourned; a new date will be set, with notice. Reasons: \(d.reasons)"
                : "The request to adjourn was refused; the hearing goes ahead as scheduled. Reasons: \(d.reasons)"
            complainant("Adjournment decided, case \(ref)", text)
            respondent("Adjournment decided, case \(ref)", text)
        case .hearingHeld: break
        case .decisionProposed(let p):
            let others = (file.decidingPanel?.members ?? []).filter { $0 != recorded.actorId }
            if file.openProposal?.number == p.number {
                handlers(
                    others, .panel, "Proposed decision, case \(ref)", "The chair has proposed a decision; concur or dissent, with reasons, on the case page.")
            }
        case .decisionVoted: break
        case .messagePosted(let m):
            if m.fromTeam {
                let subject = m.asks ? "A question from the case team, case \(ref)" : "Message from the case team, case \(ref)"
                let body = m.text + (m.asks ? "\nPlease answer it on the case page." : "")
                switch m.thread {
                case .complainant: complainant(subject, body)
                case .respondent:
                    if let r = file.respondentId { out.append(.init(recipientId: r, audience: .respondent, subject: subject, body: body)) }
                case .representative:
                    if let r = file.representativeId { out.append(.init(recipientId: r, audience: .representative, subject: subject, body: body)) }
                default: break
                }
            } else {
                handlers(
                    file.caseworkerId.map { [$0] } ?? [], .caseworker, "Message from the \(m.thread.rawValue), case \(ref)",
                    m.answering.map { "An answer to question \($0): \(m.text)" } ?? m.text)
            }
        case .messageDisclosed: break
        case .decisionIssued(let d):
            let lines = d.findings.map { "Allegation \($0.allegation): \($0.finding == .upheld ? "upheld" : "not upheld"). \($0.reasons)" }.joined(
                separator: "\n")
            let sanction = d.sanction.map { "Sanction: \($0.title)." } ?? "No sanction."
            respondent("Decision, case \(ref)", "\(lines)\n\(sanction)\nYou may appeal until the end of \(formatted(d.appealDeadline)).")
            complainant("Decision, case \(ref)", "\(lines)\n\(sanction)")
        case .appealLodged:
            complainant("Case \(ref): appeal lodged", "The respondent has appealed; a different panel will decide.")
        case .appealPanelAppointed(let d):
            handlers(d.chosen, .panel, "Appeal panel appointment, case \(ref)", "You have been drawn to sit on the appeal panel for case \(ref).")
        case .appealDecided(let d):
            respondent("Appeal decided, case \(ref)", "Outcome: \(d.outcome.rawValue). \(d.reasons)")
            complainant("Appeal decided, case \(ref)", "Outcome: \(d.outcome.rawValue). \(d.reasons)")
        case .caseClosed(let r):
            complainant("Case \(ref) closed", "The case is closed. \(r.reasons)")
            respondent("Case \(ref) closed", "The case is closed. \(r.reasons)")
        case .suspensionImposed(let s), .suspensionRenewed(let s):
            let verb = if case .suspensionImposed = recorded.event { "imposed" } else { "renewed" }
            respondent(
                "Interim suspension \(verb), case \(ref)",
                "An interim suspension has been \(verb). Reasons: \(s.reasons)\nScope: \(s.scope)\nIt will be reviewed on \(s.reviewDate) and lapses then unless renewed with reasons."
            )
        case .suspensionLifted(let r):
            respondent("Interim suspension lifted, case \(ref)", "Your interim suspension has been lifted. \(r.reasons)")
        case .decisionReviewed(let r):
            if r.verdict == .vetoed {
                respondent(
                    "Decision set aside for rehearing, case \(ref)",
                    "An independent reviewer vetoed the decision; a new panel will hear the case. Reasons: \(r.reasons)")
                complainant(
                    "Decision set aside for rehearing, case \(ref)",
                    "An independent reviewer vetoed the decision; a new panel will hear the case. Reasons: \(r.reasons)")
            }
        case .programmeReviewOpened(let o):
            handlers(o.draw.chosen, .reviewer, "Programme review, case \(ref)", "You have been drawn to review the decision in case \(ref).")
            respondent(
                "Your case \(ref) is being reviewed",
                "The decision in your case is being looked at again under an independent review programme. You will be told the result.")
        case .programmeReviewConcluded(let c):
            let result =
                switch c.conclusion {
                case .stands: "The decision stands."
                case .varied: "The decision is varied: the sanction is now \(c.sanction?.title.lowercased() ?? "none")."
                case .setAside: "The decision is set aside."
                }
            respondent("Review of case \(ref) concluded", "\(result) Reasons: \(c.reasons)")
        case .noteAdded, .interferenceRecorded, .evidenceAdded, .allegationAdded, .allegationCorrected, .allegationWithdrawn, .representativeNamed,
            .conflictDeclared, .clockPaused, .clockResumed,
            .respondentIdentified, .legalHoldPlaced, .legalHoldLifted, .contentErased, .custodianDrawn, .identityWithheld,
            .retaliationFlagged, .retaliationFlagDecided, .suspensionConcurred:
            break
        case .revealRequested(let r):
            let earliest = calendar.adding(workingDays: Procedure.revealNoticeWorkingDays, to: calendar.day(of: recorded.occurredAt))
            complainant(
                "Case \(ref): the case team asks to know who you are",
                "The case team has asked the custodian of your identity to reveal it to them. Their reasons: \(r.reasons)\nThe custodian decides, and not before \(earliest). If you would rather withdraw your complaint, or object, write to the case team before then."
            )
        case .revealDecided(let d):
            complainant(
                "Case \(ref): your identity",
                d.reveal
                    ? "The custodian has revealed your identity to the case team. Reasons: \(d.reasons)"
                    : "The custodian has refused to reveal your identity to the case team. Reasons: \(d.reasons)")
        }
        return out
    }

    /// What a notice of hearing says: when, where, and who sits.
    public static func hearingText(_ at: Date, place: String, link: String?, panel: [CaseEvent.Seat], ref: String) -> String {
        var lines = ["The hearing of case \(ref) is set for \(Spoken.time(at))."]
        if !place.isEmpty { lines.append("Place: \(place)") }
        if let link { lines.append("Video link: \(link)") }
        lines.append("The panel: \(panel.map(\.name).joined(separator: ", ")).")
        lines.append("A calendar entry for the hearing is attached to the e-mail of this notice, and on the case page.")
        return lines.joined(separator: "\n")
    }
}
