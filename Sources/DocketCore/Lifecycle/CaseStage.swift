/// Where a case stands. The string values are stored in projections and shown in the API.
public enum CaseStage: String, Codable, CaseIterable, Sendable {
    /// Filed; waiting for a caseworker to be allocated.
    case received
    /// A caseworker is deciding whether the complaint goes further.
    case triage
    /// Allegations are being framed against clauses of the rulebook.
    case investigation
    /// The respondent has been given notice and is inside the response window.
    case noticeServed = "notice_served"
    /// The investigation report is in; a panel has to be appointed.
    case reported
    /// A panel is appointed and will hear and decide.
    case hearing
    /// Decided; the appeal window is open.
    case decided
    /// An appeal has been lodged and goes to a different panel.
    case appeal
    case dismissed
    case resolved
    case closed

    public var isTerminal: Bool { self == .dismissed || self == .resolved || self == .closed }
    public var acceptsEvidence: Bool { !isTerminal && self != .decided }

    public var title: String {
        switch self {
        case .received: "Received"
        case .triage: "Triage"
        case .investigation: "Investigation"
        case .noticeServed: "Notice served"
        case .reported: "Investigation reported"
        case .hearing: "Hearing"
        case .decided: "Decided"
        case .appeal: "Appeal"
        case .dismissed: "Dismissed"
        case .resolved: "Resolved informally"
        case .closed: "Closed"
        }
    }
}

/// Which route a complaint takes. Complaints about staff and office-holders go to the independent
/// reviewers, bypassing the people and committees the respondent may work with.
public enum CaseRoute: String, Codable, Sendable {
    case standard
    case independent
}

/// How the complainant stands to the conduct complained of. Recorded for oversight only: it is
/// never used to dismiss a complaint.
public enum ComplainantRelation: String, Codable, CaseIterable, Sendable {
    case directlyAffected = "directly_affected"
    case witness
    case thirdParty = "third_party"

    /// A small number for the oversight columns.
    var code: UInt8 {
        switch self {
        case .directlyAffected: 0
        case .witness: 1
        case .thirdParty: 2
        }
    }
}

public enum Finding: String, Codable, CaseIterable, Sendable {
    case upheld
    case notUpheld = "not_upheld"
}

public enum AppealOutcome: String, Codable, CaseIterable, Sendable {
    /// The appeal fails; the decision stands.
    case dismissed
    /// The decision stands but the sanction changes.
    case varied
    /// The decision is set aside.
    case allowed
}
