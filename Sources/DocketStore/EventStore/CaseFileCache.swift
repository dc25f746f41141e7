import DocketCore
import Foundation

/// This process's copies of case files, each with the events it was made from and the procedure
/// it was replayed under. A copy is used only under the same procedure (rulebook, calendar and
/// settings) and only after asking the log for events after its last one; so a page view reads
/// what is new in the case, not all of it. One per application, never shared between databases.
public final class CaseFileCache: @unchecked Sendable {
    struct Copy { var procedure: Procedure; var file: CaseFile; var events: [RecordedEvent] }

    private let lock = NSLock()
    private var copies: [CaseID: Copy] = [:]  // guarded by `lock`
    public let capacity: Int

    public init(capacity: Int = 5_000) { self.capacity = capacity }

    func copy(of id: CaseID, under procedure: Procedure) -> (file: CaseFile, events: [RecordedEvent])? {
        lock.withLock { copies[id].flatMap { $0.procedure == procedure ? ($0.file, $0.events) : nil } }
    }

    func keep(_ id: CaseID, file: CaseFile, events: [RecordedEvent], under procedure: Procedure) {
        lock.withLock {
            if copies.count >= capacity, copies[id] == nil { copies.removeAll(keepingCapacity: true) }
            copies[id] = Copy(procedure: procedure, file: file, events: events)
        }
    }

    public var count: Int { lock.withLock { copies.count } }

    /// Drops the copy of a case, so the next reader replays it from the log.
    public func forget(_ id: CaseID) { lock.withLock { _ = copies.removeValue(forKey: id) } }
}
