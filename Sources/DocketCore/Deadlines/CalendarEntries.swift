import Foundation

/// A date one person should have in their diary: a deadline of theirs, or a hearing they attend.
public struct CalendarEntry: Equatable, Sendable {
    public enum Kind: String, Sendable { case hearing, respond, appeal, suspensionReview = "suspension-review", stage }
    public var kind: Kind
    /// Stable across feeds, so that a calendar updates the entry rather than adding another.
    public var uid: String
    public var summary: String
    /// A hearing's start; a deadline's last day is `day`.
    public var startsAt: Date?
    public var day: Day?
    public var location: String?
    public var description: String
}

extension Procedure {
    /// The dates in this person's diary for a case, from their view of it: a hearing for the
    /// parties, the panel and the caseworker, while it is scheduled and not yet held; the
    /// respondent's response and appeal deadlines and their suspension's review date; the
    /// handler's own stage deadline. The complainant has no deadline of their own.
    /// The hearing while it is scheduled and not yet held, as a calendar entry.
    public func hearingEntry(_ f: CaseFile) -> CalendarEntry? {
        guard let h = f.hearing, f.hearingHeldAt == nil, f.stage == .hearing else { return nil }
        return .init(
            kind: .hearing, uid: "hearing-\(f.id.uuidString.lowercased())@docket", summary: "Hearing, case \(f.reference)", startsAt: h.startsAt,
            day: nil, location: [h.place.isEmpty ? nil : h.place, h.link].compactMap { $0 }.joined(separator: " — "),
            description: "The hearing of case \(f.reference).\(h.link.map { " Video link: \($0)" } ?? "")")
    }

    public func calendarEntries(_ f: CaseFile, for access: Set<CaseAccess>) -> [CalendarEntry] {
        guard !access.isEmpty else { return [] }
        let id = f.id.uuidString.lowercased()
        var out: [CalendarEntry] = []
        if let h = hearingEntry(f), access.contains(where: { [.complainant, .respondent, .representative, .caseworker, .panel].contains($0) }) {
            out.append(h)
        }
        func deadline(_ kind: CalendarEntry.Kind, _ at: Date, _ summary: String) {
            out.append(
                .init(
                    kind: kind, uid: "\(kind.rawValue)-\(id)@docket", summary: summary, startsAt: nil, day: calendar.day(of: at.addingTimeInterval(-1)),
                    location: nil, description: "\(summary): by the end of \(formatted(at))."))
        }
        if let own = ownDeadline(in: f, for: access) {
            switch own.kind {
            case .respond: deadline(.respond, own.at, "Respond to the notice, case \(f.reference)")
            case .appeal: deadline(.appeal, own.at, "Last day to appeal, case \(f.reference)")
            case .stage:
                if access.contains(.caseworker) || access.contains(.panel) {
                    deadline(.stage, own.at, "Case \(f.reference): the \(f.stage.title.lowercased()) stage is due")
                }
            }
        }
        if access.contains(.respondent) || access.contains(.representative), let s = f.suspension, s.liftedAt == nil, !f.stage.isTerminal {
            out.append(
                .init(
                    kind: .suspensionReview, uid: "suspension-review-\(id)@docket", summary: "Interim suspension review, case \(f.reference)",
                    startsAt: nil, day: s.reviewDate, location: nil,
                    description: "The interim suspension lapses at the end of this day unless renewed with reasons."))
        }
        return out
    }
}
