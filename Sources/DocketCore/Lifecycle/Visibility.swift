/// The ways a person can stand to a case, each with its own view of it.
public enum CaseAccess: String, Codable, Sendable, Comparable, CaseIterable {
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
        if complainantId == nil, let r = actor.receiptFor, r == id { a.insert(.complainant) }
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

/// What one person may see of a case: the single answer the case page, the JSON API and the
/// timeline render. Need-to-know, by part:
///
/// - The case team (caseworker, panel, governance on the standard route, reviewers) sees all of
///   it: the complaint, the route, who handles it, deadlines, notes and the full record.
/// - The respondent and their representative see the allegations, the notice, what they and the
///   case team wrote, the decision, suspension and appeal, the evidence they added and the
///   evidence the notice disclosed, but not the complaint's own words or who made the draws.
/// - The complainant sees their complaint and their evidence, the outcome and its reasons, and
///   that an appeal was lodged, but not the notice, the respondent's answer or the report.
/// - Parties see the record as the steps taken and when, never who took them or what they wrote.
public struct CaseDisclosure: Equatable, Sendable {
    public var caseTeam: Bool
    public var defence: Bool
    public var complaint: Bool
    public var evidence: [CaseFile.Evidence]
    public var respondent: RespondentShown?
    /// Event kinds of the record this person sees, as steps and dates; nil for the case team,
    /// who see every event, with who and what.
    public var recordKinds: Set<String>?
    public var programmeReviews: Bool
    /// The messages this person may read: every thread for the case team, their own for a party.
    public var messages: [CaseFile.Message] = []
    /// Who complained, as this person may be told it: the name, "Identity protected" for the case
    /// team while a custodian holds it, or nil where they are not told at all.
    public var complainant: String? = nil
    public var knowsComplainant = true
    /// Retaliation flags and the cases they link: for the independent reviewers only.
    public var retaliationFlags = false
}

extension CaseFile {
    /// The events a party sees in the record, as steps and dates.
    public static let partyRecordKinds: Set<String> = [
        "complaint_filed", "caseworker_allocated", "complaint_dismissed", "resolved_informally", "investigation_opened",
        "notice_served", "response_submitted", "report_submitted", "panel_appointed", "hearing_held", "decision_issued",
        "appeal_lodged", "appeal_panel_appointed", "appeal_decided", "case_closed", "suspension_imposed", "hearing_scheduled",
        "adjournment_decided",
        "suspension_renewed", "suspension_lifted",
    ]

    /// `viewer`: who is looking, for what only one person may see (a protected identity's custodian).
    public func disclosure(to access: Set<CaseAccess>, viewer: PersonID? = nil) -> CaseDisclosure {
        let team = access.contains { !$0.isParty }
        let defence = team || access.contains(.respondent) || access.contains(.representative)
        let complaint = team || access.contains(.complainant)
        var shown = CaseDisclosure(
            caseTeam: team, defence: defence, complaint: complaint, evidence: evidence(visibleTo: access),
            respondent: respondentShown(to: access),
            recordKinds: team ? nil : access.isEmpty ? [] : Self.partyRecordKinds,
            programmeReviews: defence || access.contains(.complainant), messages: messages(visibleTo: access))
        shown.knowsComplainant = knowsComplainant(access: access, viewer: viewer)
        // The respondent is told who complained once notice is served, unless it is withheld.
        if complaint || (defence && notice != nil) {
            shown.complainant =
                shown.knowsComplainant
                ? complainantName
                : team ? "Identity protected" : "Withheld (the custodian's reason: \(withheldReason ?? "none recorded"))"
        }
        shown.retaliationFlags = access.contains(.reviewer)
        return shown
    }

    /// Whether someone standing to the case as `access` may know who complained: always, unless
    /// the identity is protected; then only the complainant and the custodian, until it is revealed.
    public func knowsComplainant(access: Set<CaseAccess>, viewer: PersonID?) -> Bool {
        if !identityProtected || identityRevealed || access.contains(.complainant) { return true }
        return viewer != nil && viewer == custodian
    }
}
