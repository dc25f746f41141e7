/// The kinds of sanction a panel may impose, in order of severity.
public enum SanctionKind: String, Codable, CaseIterable, Sendable, Comparable {
    case advice
    case warning
    case training
    case suspension
    case expulsion

    /// 1 (least) … 5 (most severe); analytics group by this.
    public var severity: Int { SanctionKind.allCases.firstIndex(of: self)! + 1 }

    public var title: String {
        switch self {
        case .advice: "Advice"
        case .warning: "Formal warning"
        case .training: "Mandatory training"
        case .suspension: "Suspension of membership"
        case .expulsion: "Expulsion"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.severity < b.severity }
}
