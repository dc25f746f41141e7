import DocketCore
import Foundation

/// How dates and steps read on the pages.
enum Display {
    static let calendar = WorkingCalendar()

    /// `Mon 16 Mar 2026`.
    static func date(_ d: Date) -> String { Spoken.date(d) }

    static func day(_ d: Day) -> String { Spoken.day(d) }

    /// A file's size as people read it: "12 KB", "3.4 MB".
    static func bytes(_ n: Int) -> String {
        n < 1024 * 1024 ? "\(max(1, n / 1024)) KB" : String(format: "%.1f MB", Double(n) / 1_048_576)
    }

    /// `Mon 16 Mar 2026, 14:05 UTC`.
    static func time(_ d: Date) -> String { Spoken.time(d) }

    /// The end of a window, which closes at the start of the next day: shown as the last day.
    static func deadline(_ d: Date) -> String { "end of " + date(d.addingTimeInterval(-1)) }

    static func kind(_ kind: String) -> String {
        let words = kind.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// What happens next, in words each party understands.
enum NextStep {
    static func forComplainant(_ f: CaseFile) -> String {
        switch f.stage {
        case .received: "A caseworker will be allocated to your complaint."
        case .triage: "The caseworker is deciding whether your complaint goes further."
        case .investigation: "Your complaint is being investigated."
        case .noticeServed: "The person complained about has been told of the allegations and may respond."
        case .reported: "The investigation is complete; a panel will be appointed."
        case .hearing: "A panel will hear and decide the case."
        case .decided: "A decision has been made; it may still be appealed."
        case .appeal: "The decision has been appealed; a different panel will decide."
        case .dismissed, .resolved, .closed: "Your complaint is finished."
        }
    }

    /// What happens next for this person: for a party, the sentence their page leads with; for
    /// the case team, the step the core offers them that moves the case on, if any.
    static func action(_ f: CaseFile, steps: [CaseStep], access: Set<CaseAccess>) -> String {
        if !access.contains(where: { !$0.isParty }) {
            return access.contains(.complainant) && access.count == 1 ? forComplainant(f) : forRespondent(f)
        }
        let aside: Set<CaseStep> = [
            .note, .declareConflict, .interference, .pauseClock, .resumeClock, .evidence, .message, .discloseMessage, .suspend, .renewSuspension,
            .liftSuspension, .correctAllegation, .withdrawAllegation,
        ]
        guard let step = steps.first(where: { !aside.contains($0) }) else { return "Nothing waits on you." }
        return "You can: \(Display.kind(step.rawValue.replacingOccurrences(of: "-", with: " ")).lowercased())."
    }

    static func forRespondent(_ f: CaseFile) -> String {
        switch f.stage {
        case .noticeServed:
            f.response != nil
                ? "Your response has been received."
                : f.notice.map { "Respond to the allegations by the \(Display.deadline($0.responseDeadline))." } ?? "Respond to the allegations."
        case .reported, .hearing: "A panel will hear the case; you will be told of every decision."
        case .decided: f.decision.map { "You may appeal until the \(Display.deadline($0.appealDeadline))." } ?? "A decision has been made."
        case .appeal: "Your appeal will be decided by a different panel."
        case .dismissed, .resolved, .closed: "The case is finished."
        default: "The complaint is being considered."
        }
    }
}
