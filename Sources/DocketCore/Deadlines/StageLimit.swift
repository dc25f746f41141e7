import Foundation

/// How long a stage should take (target) and may take (maximum), in working days.
public struct StageLimit: Codable, Sendable, Equatable {
    public var target: Int
    public var maximum: Int
    public init(target: Int, maximum: Int) { self.target = target; self.maximum = maximum }

    public static let defaults: [String: StageLimit] = [
        CaseStage.received.rawValue: .init(target: 2, maximum: 5),
        CaseStage.triage.rawValue: .init(target: 10, maximum: 20),
        CaseStage.investigation.rawValue: .init(target: 20, maximum: 40),
        CaseStage.noticeServed.rawValue: .init(target: 20, maximum: 30),
        CaseStage.reported.rawValue: .init(target: 5, maximum: 10),
        CaseStage.hearing.rawValue: .init(target: 20, maximum: 40),
        CaseStage.decided.rawValue: .init(target: 15, maximum: 25),
        CaseStage.appeal.rawValue: .init(target: 20, maximum: 40),
    ]
}

/// When the present stage of a case is due: target and maximum, moved on by every working day the
/// clock stood still. Nil while the clock is stopped or for a stage with no limit.
public struct StageDue: Sendable, Equatable {
    public var target: Date
    public var maximum: Date
}

extension Procedure {
    /// Overdue cases escalate: each stage has a target and a maximum, and a stopped clock needs reasons.
    ///
    /// The maximum counts working days from the moment the stage began, plus the working days the
    /// clock was stopped. It exists because some complaints waited months with nobody noticing.
    public func due(_ file: CaseFile) -> StageDue? {
        guard !file.stage.isTerminal, file.clock.pausedSince == nil, let limit = policy.limit(for: file.stage) else { return nil }
        let paused = file.clock.pauses.reduce(0) { $0 + calendar.workingDays(from: $1.start, to: $1.end) }
        return StageDue(
            target: calendar.deadline(workingDays: limit.target + paused, from: file.clock.enteredAt),
            maximum: calendar.deadline(workingDays: limit.maximum + paused, from: file.clock.enteredAt))
    }

    public func isOverdue(_ file: CaseFile, at now: Date) -> Bool {
        guard let due = due(file) else { return false }
        return now >= due.maximum
    }
}
