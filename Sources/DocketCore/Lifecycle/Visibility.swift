/// The ways a person can stand to a case, each with its own view of it.
public enum CaseAccess: String, Codable, Sendable, Comparable {
    case complainant, respondent, representative, caseworker, panel, governance, reviewer

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var isParty: Bool { self == .complainant || self == .respondent || self == .representative }
}

extension CaseFile {
    /// Need-to-know: how this person may see the case; empty means the case does not exist for them.
    ///
    /// Parties see it as parties. Staff see it only when it is theirs (caseworker, panel), when their
    /// committee oversees it, or as independent reviewers. A party never sees a case in a staff
    /// role, and a complaint on the independent route is not visible to the governance committee,
    /// so a staff member or office-holder complained about never reads the file against them.
    /// Auditors and administrators see no case contents.
    public func access(for actor: Actor) -> Set<CaseAccess> {
        var a: Set<CaseAccess> = []
        if complainantId == actor.id { a.insert(.complainant) }
        if respondentId == actor.id { a.insert(.respondent) }
        if representativeId == actor.id { a.insert(.representative) }
        guard a.isEmpty else { return a }
        if caseworkerId == actor.id { a.insert(.caseworker) }
        if panel?.members.contains(actor.id) == true || appealPanel?.members.contains(actor.id) == true { a.insert(.panel) }
        if actor.has(.governance), route == .standard { a.insert(.governance) }
        if actor.has(.reviewer) { a.insert(.reviewer) }
        return a
    }
}

/// Who a complaint is about, as one person may be told it.
public enum RespondentShown: Equatable, Sendable {
    /// The person identified.
    case person(PersonID)
    /// The words the complainant gave.
    case words(String)
}

extension CaseFile {
    /// A complainant is shown the words they gave, and nothing of whom, or whether anyone, they
    /// matched: that would tell them who is a member or on the staff, and whether the complaint
    /// went to the independent reviewers. Everyone else who sees the case sees the person
    /// identified, or the words while nobody is.
    public func respondentShown(to access: Set<CaseAccess>) -> RespondentShown? {
        let complainantOnly = access.contains(.complainant) && !access.contains(where: { $0 != .complainant })
        if complainantOnly, let named = respondentNamed, !named.isBlank { return .words(named) }
        if let respondentId { return .person(respondentId) }
        return respondentNamed.map { .words($0) }
    }
}
