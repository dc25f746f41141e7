import Foundation

public typealias PersonID = UUID
public typealias CaseID = UUID

/// The standing roles of the brief. Complainant, respondent and representative are not roles:
/// they are relations to one case, read from the case itself.
public enum Role: String, Codable, CaseIterable, Sendable, Comparable {
    case member
    case caseworker
    case panelMember = "panel_member"
    case governance
    case reviewer
    case auditor
    case admin
    /// Prepares documents and statements for publication.
    case editor

    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }

    public var title: String {
        switch self {
        case .member: "Member"
        case .caseworker: "Caseworker"
        case .panelMember: "Panel member"
        case .governance: "Governance committee"
        case .reviewer: "Independent reviewer"
        case .auditor: "Auditor"
        case .admin: "Administrator"
        case .editor: "Publications editor"
        }
    }
}

/// Whoever issues a command: a person and the roles they hold.
public struct Actor: Sendable, Equatable {
    public var id: PersonID
    public var roles: Set<Role>
    /// The case whose receipt code this person showed: a complainant without an account, who
    /// stands to that case as its complainant and to no other.
    public var receiptFor: CaseID?

    public init(id: PersonID, roles: Set<Role>, receiptFor: CaseID? = nil) {
        self.id = id
        self.roles = roles
        self.receiptFor = receiptFor
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
}
