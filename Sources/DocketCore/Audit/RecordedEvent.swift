import Foundation

/// An event as stored: where it sits in the log, who caused it, when, and the event itself.
public struct RecordedEvent: Sendable, Equatable {
    public var seq: Int64
    public var caseId: CaseID
    public var actorId: PersonID?
    public var occurredAt: Date
    public var event: CaseEvent

    public init(seq: Int64, caseId: CaseID, actorId: PersonID?, occurredAt: Date, event: CaseEvent) {
        self.seq = seq; self.caseId = caseId; self.actorId = actorId; self.occurredAt = occurredAt; self.event = event
    }
}
