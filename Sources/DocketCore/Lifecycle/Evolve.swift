import Foundation

extension Procedure {
    /// Folds one event into the case file. Pure; never refuses: refusals happen in `decide`.
    public func evolve(_ state: CaseFile?, _ recorded: RecordedEvent) -> CaseFile {
        let at = recorded.occurredAt
        guard var f = state else {
            guard case .complaintFiled(let c) = recorded.event else {
                preconditionFailure("the first event of a case must be complaint_filed, not \(recorded.event.kind)")
            }
            var file = CaseFile(
                id: c.caseId, reference: c.reference, stage: .received,
                // A complaint about staff or an office-holder, or about someone not yet identified,
                // starts with the independent reviewers: nobody on the standard route sees it first.
                route: c.respondentIsOfficial || c.respondentId == nil ? .independent : .standard,
                category: c.category, summary: c.summary, receivedAt: at, conductDate: c.conductDate,
                complainantId: c.complainantId, complainantName: c.complainantName, relation: c.relation,
                respondentId: c.respondentId, representativeId: nil,
                caseworkerId: nil, triagedBy: nil, investigators: [], conflicts: [:], formerPanelists: [],
                allegations: [], notice: nil, response: nil, report: nil, panel: nil, hearingHeldAt: nil,
                decision: nil, appealGrounds: nil, appealPanel: nil, appealDecision: nil, outcomeReasons: nil,
                suspension: nil, evidence: [], reviews: [], vetoedDecisions: [], clauseSuggestions: c.clauseIds ?? [], notes: [], interference: [],
                programmeReviews: [], clock: .init(enteredAt: at, pausedSince: nil, pauses: [], pauseReason: nil), eventCount: 1)
            file.respondentNamed = c.respondentNamed
            if c.protectedDisclosure == true { file.protectedDisclosure = true; file.route = .independent }
            file.identityProtected = c.protectedDisclosure == true || c.identityProtected == true
            return file
        }
        f.eventCount += 1
        f.lastActivityAt = at
        func enter(_ stage: CaseStage) {
            f.stage = stage
            f.clock = .init(enteredAt: at, pausedSince: nil, pauses: [], pauseReason: nil)
        }
        switch recorded.event {
        case .complaintFiled: break
        case .respondentIdentified(let r):
            f.respondentId = r.personId
            f.route = r.official ? .independent : .standard
        case .caseworkerAllocated(let draw):
            f.acknowledgedAt = f.acknowledgedAt ?? at
            f.caseworkerId = draw.chosen.first
            if let c = f.caseworkerId, !f.investigators.contains(c) { f.investigators.append(c) }
            if f.stage == .received { enter(.triage) }
        case .complaintDismissed(let r): f.feedbackAt = f.feedbackAt ?? at; f.outcomeReasons = r.reasons; f.triagedAt = f.triagedAt ?? at; enter(.dismissed)
        case .resolvedInformally(let r): f.feedbackAt = f.feedbackAt ?? at; f.outcomeReasons = r.reasons; f.triagedAt = f.triagedAt ?? at; enter(.resolved)
        case .investigationOpened:
            f.triagedAt = f.triagedAt ?? at
            f.triagedBy = f.caseworkerId
            enter(.investigation)
        case .allegationAdded(let a):
            f.allegations.append(
                .init(
                    number: a.number, clauseId: a.clauseId, rulebookVersion: a.rulebookVersion,
                    conductDate: a.conductDate, basis: a.basis, addedAt: at))
        case .allegationCorrected(let a):
            if let i = f.allegations.firstIndex(where: { $0.number == a.number }) {
                f.allegations[i].clauseId = a.clauseId; f.allegations[i].rulebookVersion = a.rulebookVersion
                f.allegations[i].conductDate = a.conductDate; f.allegations[i].basis = a.basis
            }
        case .allegationWithdrawn(let w):
            if let i = f.allegations.firstIndex(where: { $0.number == w.number }) {
                f.withdrawnAllegations.append(.init(allegation: f.allegations.remove(at: i), reasons: w.reasons, at: at))
            }
        case .noticeServed(let n):
            f.notice = .init(
                servedAt: at, responseDeadline: n.responseDeadline, windowWorkingDays: n.windowWorkingDays,
                disclosedEvidence: n.disclosedEvidence, disclosedEvidenceIds: n.disclosedEvidenceIds)
            enter(.noticeServed)
        case .representativeNamed(let p): f.representativeId = p.personId
        case .responseSubmitted(let r):
            // A response can only be given once the respondent is known (`respond` requires it).
            f.response = .init(at: at, by: recorded.actorId ?? f.respondentId ?? UUID(), text: r.text, requestsOralHearing: r.requestsOralHearing)
        case .reportSubmitted(let r): f.report = r.reasons; enter(.reported)
        case .panelAppointed(let d): f.panel = .init(members: d.chosen, appointedAt: at); enter(.hearing)
        case .hearingScheduled(let h):
            f.hearing = .init(startsAt: h.startsAt, place: h.place, link: h.link, scheduledAt: at, scheduledBy: recorded.actorId)
            f.hearingOwed = true
        case .panelObjectionLodged(let o):
            f.objections.append(.init(number: o.number, member: o.member, reasons: o.reasons, by: recorded.actorId, at: at))
        case .panelObjectionDecided(let d):
            if let i = f.objections.firstIndex(where: { $0.number == d.number }) {
                f.objections[i].upheld = d.upheld
                f.objections[i].decisionReasons = d.reasons
                f.objections[i].decidedAt = at
                if d.upheld, let new = d.replacement?.chosen.first {
                    let old = f.objections[i].member
                    f.objections[i].replacement = new
                    if let j = f.panel?.members.firstIndex(of: old) { f.panel?.members[j] = new }
                    if !f.objectedOut.contains(old) { f.objectedOut.append(old) }
                }
            }
        case .adjournmentRequested(let r):
            f.adjournments.append(.init(number: r.number, requestedAs: r.requestedAs, reasons: r.reasons, at: at))
        case .adjournmentDecided(let d):
            if let i = f.adjournments.firstIndex(where: { $0.number == d.number }) {
                f.adjournments[i].granted = d.granted
                f.adjournments[i].decisionReasons = d.reasons
                f.adjournments[i].decidedAt = at
                if d.granted {
                    f.hearing = nil
                    // The hearing they asked about is gone: the other requests are answered by it.
                    for j in f.adjournments.indices where f.adjournments[j].granted == nil {
                        f.adjournments[j].granted = false
                        f.adjournments[j].decisionReasons = "Moot: the hearing was adjourned on request \(d.number)."
                        f.adjournments[j].decidedAt = at
                    }
                }
            }
        case .hearingHeld(let h):
            f.hearingHeldAt = at
            f.hearingOwed = false
            f.hearingNotes = h.reasons
            f.hearingAttendees = h.attendees ?? []
        case .decisionProposed(let p):
            f.proposals.append(
                .init(
                    number: p.number, forAppeal: p.forAppeal, by: recorded.actorId ?? UUID(), at: at, findings: p.findings, sanction: p.sanction,
                    sanctionReasons: p.sanctionReasons, appealOutcome: p.appealOutcome, appealReasons: p.appealReasons, votes: [], status: .open))
        case .decisionVoted(let v):
            if let i = f.proposals.lastIndex(where: { $0.number == v.number }), let voter = recorded.actorId {
                f.proposals[i].votes.append(.init(member: voter, concurs: v.concurs, reasons: v.reasons, at: at))
                // Once the dissents leave too few members to make a majority, the proposal falls.
                let members = Set(f.decidingPanel?.members ?? [])
                let dissents = f.proposals[i].votes.filter { !$0.concurs && members.contains($0.member) }.count
                if members.count - dissents < members.count / 2 + 1 { f.proposals[i].status = .fell }
            }
        case .messagePosted(let m):
            // The case team writing to the complainant is feedback, for a disclosure's limits.
            if m.fromTeam, m.thread == .complainant { f.feedbackAt = f.feedbackAt ?? at }
            f.messages.append(
                .init(
                    number: m.number, thread: m.thread, fromTeam: m.fromTeam, by: recorded.actorId, text: m.text, attachments: m.attachments,
                    asks: m.asks, answering: m.answering, at: at))
        case .messageDisclosed(let d):
            if let i = f.messages.firstIndex(where: { $0.number == d.number }) { f.messages[i].disclosed = true }
        case .decisionIssued(let d):
            f.feedbackAt = f.feedbackAt ?? at
            let proposal = f.proposals.last { $0.status == .open && !$0.forAppeal }
            if let i = f.proposals.lastIndex(where: { $0.status == .open && !$0.forAppeal }) { f.proposals[i].status = .issued }
            f.decision = .init(
                at: at, by: proposal?.by ?? recorded.actorId ?? UUID(), findings: d.findings, sanction: d.sanction,
                sanctionReasons: d.sanctionReasons, appealDeadline: d.appealDeadline)
            enter(.decided)
        case .appealLodged(let r): f.appealGrounds = r.reasons; enter(.appeal)
        case .appealPanelAppointed(let d): f.appealPanel = .init(members: d.chosen, appointedAt: at)
        case .appealDecided(let d):
            if let i = f.proposals.lastIndex(where: { $0.status == .open && $0.forAppeal }) { f.proposals[i].status = .issued }
            f.appealDecision = .init(at: at, outcome: d.outcome, reasons: d.reasons, sanction: d.sanction)
            f.outcomeReasons = d.reasons
            enter(.closed)
        case .caseClosed(let r): f.outcomeReasons = r.reasons; enter(.closed)
        case .conflictDeclared(let c):
            f.conflicts[c.personId] = c.reason
            switch c.recusedFrom {
            case "caseworker": f.caseworkerId = nil
            case "panel": f.panel?.members.removeAll { $0 == c.personId }
            case "appeal_panel": f.appealPanel?.members.removeAll { $0 == c.personId }
            default: break
            }
            // A member who steps down takes the open proposal with them: the chair proposes
            // again to the panel as it now sits.
            if c.recusedFrom == "panel" || c.recusedFrom == "appeal_panel", let i = f.proposals.lastIndex(where: { $0.status == .open }) {
                f.proposals[i].status = .fell
            }
        case .clockPaused(let r): f.clock.pausedSince = at; f.clock.pauseReason = r.reasons
        case .clockResumed:
            if let since = f.clock.pausedSince { f.clock.pauses.append(DateInterval(start: since, end: max(since, at))) }
            f.clock.pausedSince = nil
            f.clock.pauseReason = nil
        case .suspensionImposed(let s):
            f.suspension = .init(imposedAt: at, reasons: s.reasons, scope: s.scope, reviewDate: s.reviewDate, liftedAt: nil, renewals: 0)
        case .suspensionRenewed(let s):
            f.suspension?.reviewDate = s.reviewDate
            f.suspension?.reasons = s.reasons
            f.suspension?.renewals += 1
        case .suspensionLifted: f.suspension?.liftedAt = at
        case .noteAdded(let n): f.notes.append(.init(text: n.reasons, by: recorded.actorId, at: at))
        case .custodianDrawn(let d): f.custodian = d.chosen.first
        case .identityWithheld(let r): f.withheldReason = r.reasons
        case .revealRequested(let r):
            f.reveals.append(.init(number: r.number, reasons: r.reasons, by: recorded.actorId, at: at, revealed: nil, decisionReasons: nil))
        case .revealDecided(let d):
            if let i = f.reveals.firstIndex(where: { $0.number == d.number }) { f.reveals[i].revealed = d.reveal; f.reveals[i].decisionReasons = d.reasons }
            if d.reveal { f.identityRevealed = true }
        case .retaliationFlagged(let r):
            f.retaliationFlags.append(
                .init(
                    number: r.number, trigger: r.trigger, priorCase: r.priorCase, priorReference: r.priorReference, basis: r.basis, at: at, confirmed: nil,
                    reasons: nil, priorCustodian: r.priorCustodian))
        case .retaliationFlagDecided(let d):
            if let i = f.retaliationFlags.firstIndex(where: { $0.number == d.number }) {
                f.retaliationFlags[i].confirmed = d.confirmed; f.retaliationFlags[i].reasons = d.reasons
            }
        case .suspensionConcurred(let r): f.suspensionConcurrence = r.reasons
        case .legalHoldPlaced(let r): f.legalHold = r.reasons
        case .legalHoldLifted: f.legalHold = nil
        case .contentErased(let e):
            f.erasedAt = at
            f.erasedComplainantKey = e.complainantKey
            f.lastActivityAt = state?.lastActivityAt
        case .programmeReviewOpened(let o):
            if let reviewer = o.draw.chosen.first {
                f.programmeReviews.append(.init(programme: o.programme, reviewer: reviewer, openedAt: at))
            }
        case .programmeReviewConcluded(let c):
            if let i = f.programmeReviews.lastIndex(where: { $0.programme == c.programme && $0.conclusion == nil }) {
                f.programmeReviews[i].conclusion = c.conclusion
                f.programmeReviews[i].reasons = c.reasons
                f.programmeReviews[i].sanction = c.sanction
                f.programmeReviews[i].concludedAt = at
            }
        case .interferenceRecorded(let i): f.interference.append(.init(from: i.from, summary: i.summary, recordedBy: recorded.actorId, at: at))
        case .evidenceAdded(let e):
            f.evidence.append(.init(item: e.item, addedAs: e.addedAs, addedBy: recorded.actorId, at: at))
        case .decisionReviewed(let r):
            f.reviews.append(.init(verdict: r.verdict, reasons: r.reasons, by: recorded.actorId, at: at))
            if r.verdict == .vetoed, let d = f.decision {
                // The vetoed decision is kept; a fresh panel, excluding the first, hears the case again.
                f.vetoedDecisions.append(d)
                f.decision = nil
                f.hearingHeldAt = nil
                f.hearing = nil
                f.hearingOwed = false
                f.hearingAttendees = []
                f.hearingNotes = nil
                f.formerPanelists.append(contentsOf: f.panel?.members ?? [])
                f.panel = nil
                enter(.reported)
            }
        }
        return f
    }
}
