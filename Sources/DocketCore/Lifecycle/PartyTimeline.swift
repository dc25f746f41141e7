import Foundation

/// One line of a party's account of their case: when, and what happened, in plain words.
public struct StoryLine: Equatable, Sendable {
    public var at: Date
    public var text: String
}

extension Procedure {
    /// What happened on the case and when, in plain words, as this party's view allows: each
    /// sentence is written for the side reading it, and nothing is said of who took a step or
    /// of anything the party may not see (the team's notes, the other party's messages, the
    /// respondent's answer for the complainant). Empty for the case team, who read the record.
    public func story(of events: [RecordedEvent], in file: CaseFile, for access: Set<CaseAccess>) -> [StoryLine] {
        guard !access.isEmpty, !access.contains(where: { !$0.isParty }) else { return [] }
        let defence = access.contains(.respondent) || access.contains(.representative)
        let mine = file.messages.filter { access.contains($0.thread) }.map(\.number)
        var lines: [StoryLine] = []
        func say(_ e: RecordedEvent, _ text: String?) { if let text { lines.append(.init(at: e.occurredAt, text: text)) } }
        for e in events {
            switch e.event {
            case .complaintFiled: say(e, defence ? "A complaint was made that concerns you." : "Your complaint was received.")
            case .caseworkerAllocated: say(e, "A caseworker was allocated by a recorded draw.")
            case .complaintDismissed(let r): say(e, "The complaint was dismissed at triage. Reasons: \(r.reasons)")
            case .resolvedInformally: say(e, "The complaint was resolved informally.")
            case .investigationOpened: say(e, "An investigation was opened.")
            case .noticeServed(let n):
                say(
                    e,
                    defence
                        ? "You were given notice of the allegations. You could respond until the end of \(spoken(n.responseDeadline))."
                        : "The person complained about was given notice of the allegations.")
            case .responseSubmitted: say(e, defence ? "Your response to the notice was received." : nil)
            case .reportSubmitted: say(e, "The investigation report was completed.")
            case .panelAppointed: say(e, "A panel was drawn to hear the case.")
            case .hearingScheduled(let h):
                say(e, "The hearing was set for \(Spoken.time(h.startsAt)), with the panel \(h.panel.map(\.name).joined(separator: ", ")).")
            case .panelObjectionLodged: say(e, defence ? "You objected to a member of the panel." : nil)
            case .panelObjectionDecided(let d):
                say(
                    e,
                    defence
                        ? (d.upheld
                            ? "Your objection was upheld; the member was replaced by a new draw. Reasons: \(d.reasons)"
                            : "Your objection was not upheld. Reasons: \(d.reasons)") : nil)
            case .adjournmentRequested(let r):
                say(e, access.contains(r.requestedAs) ? "You asked for the hearing to be adjourned." : "A party asked for the hearing to be adjourned.")
            case .adjournmentDecided(let d):
                say(
                    e,
                    d.granted
                        ? "The hearing was adjourned; a new date will be set. Reasons: \(d.reasons)"
                        : "The request to adjourn was refused. Reasons: \(d.reasons)")
            case .hearingHeld: say(e, "The hearing took place.")
            case .decisionIssued(let d):
                let upheld = d.findings.filter { $0.finding == .upheld }.count
                say(
                    e,
                    "The panel decided: \(upheld) of \(d.findings.count) allegation\(d.findings.count == 1 ? "" : "s") upheld; \(d.sanction.map { "sanction: \($0.title.lowercased())" } ?? "no sanction")."
                        + (defence ? " You could appeal until the end of \(spoken(d.appealDeadline))." : ""))
            case .appealLodged: say(e, defence ? "Your appeal was lodged." : "The decision was appealed.")
            case .appealPanelAppointed: say(e, "A different panel was drawn to decide the appeal.")
            case .appealDecided(let d): say(e, "The appeal was decided: \(d.outcome.rawValue). Reasons: \(d.reasons)")
            case .caseClosed: say(e, "The case was closed.")
            case .suspensionImposed(let s): say(e, defence ? "An interim suspension was imposed, to be reviewed on \(Spoken.day(s.reviewDate))." : nil)
            case .suspensionRenewed(let s): say(e, defence ? "The interim suspension was renewed, to be reviewed on \(Spoken.day(s.reviewDate))." : nil)
            case .suspensionLifted: say(e, defence ? "The interim suspension was lifted." : nil)
            case .decisionReviewed(let r):
                say(e, r.verdict == .vetoed ? "An independent reviewer set the decision aside; a new panel will hear the case." : nil)
            case .messagePosted(let m) where mine.contains(m.number):
                say(
                    e,
                    m.fromTeam
                        ? (m.asks ? "The case team asked you a question." : "The case team wrote to you.")
                        : m.answering != nil ? "You answered the case team's question." : "You wrote to the case team.")
            case .evidenceAdded(let ev) where access.contains(where: { $0.rawValue == ev.addedAs }):
                say(e, "You added \(ev.item.filename) as evidence.")
            default: break
            }
        }
        return lines
    }

    /// The last day of a window, as a person reads it: `Fri 18 Dec 2026`.
    func spoken(_ deadline: Date) -> String { Spoken.day(calendar.day(of: deadline.addingTimeInterval(-1))) }
}
