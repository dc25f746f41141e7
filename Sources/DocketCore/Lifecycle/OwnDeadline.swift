import Foundation

/// One person's own next deadline in a case: what they must do, by when.
public struct OwnDeadline: Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case respond, appeal, stage

        public var label: String {
            switch self {
            case .respond: "Respond by"
            case .appeal: "Appeal by"
            case .stage: "Stage due"
            }
        }
    }

    public var kind: Kind
    public var at: Date

    public init(kind: Kind, at: Date) { self.kind = kind; self.at = at }
}

extension Procedure {
    /// Each person's own deadline, not the stage's: a respondent told "8 January" when their
    /// answer is due on 11 December loses their chance to answer.
    ///
    /// - The respondent and their representative: the response deadline while the notice is
    ///   served and unanswered; the appeal deadline once a decision is issued and not appealed.
    /// - Whoever handles the case: the latest end of the stage it is in.
    /// - The complainant: none; nothing in the procedure waits on them.
    public func ownDeadline(in f: CaseFile, for access: Set<CaseAccess>) -> OwnDeadline? {
        if access.contains(where: { !$0.isParty }) {
            return due(f).map { OwnDeadline(kind: .stage, at: $0.maximum) }
        }
        guard access.contains(.respondent) || access.contains(.representative) else { return nil }
        if f.stage == .noticeServed, f.response == nil, let n = f.notice { return OwnDeadline(kind: .respond, at: n.responseDeadline) }
        if f.stage == .decided, f.appealGrounds == nil, let d = f.decision { return OwnDeadline(kind: .appeal, at: d.appealDeadline) }
        return nil
    }
}
