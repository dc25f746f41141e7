import Foundation

/// Erasure on request: an administrator proposes, with reasons, to erase a person's personal
/// data; an independent reviewer, who is not the proposer, approves or refuses it with reasons.
/// Both steps go on the chain. What is erased on approval: every case the person complained in
/// or was complained about (as retention erases a case), their own words in any other case, and
/// their account's identity. Not erased: the acts of office-holders, which are the
/// organisation's record of its own conduct, and cases still open or under a legal hold.
public enum ErasureRequests {
    /// The person whose data would be erased, and the cases they are a party to.
    public struct Subject: Sendable {
        public var id: PersonID
        public var roles: Set<Role>
        /// Cases where they are the complainant or the respondent.
        public var cases: [CaseFile]
        public init(id: PersonID, roles: Set<Role>, cases: [CaseFile]) { self.id = id; self.roles = roles; self.cases = cases }
    }

    public static func propose(_ subject: Subject, reasons: String, by actor: Actor) throws(DueProcessError) {
        guard actor.has(.admin) else { throw .notPermitted("erasure_admin", "Only an administrator proposes an erasure.") }
        guard subject.id != actor.id else { throw .notAllowed("erasure_self", "Nobody proposes the erasure of their own data; another administrator must.") }
        try check(subject, reasons: reasons)
    }

    public static func decide(_ subject: Subject, approve: Bool, reasons: String, proposer: PersonID, by actor: Actor) throws(DueProcessError) {
        guard actor.has(.reviewer) else { throw .notPermitted("erasure_reviewer", "Only an independent reviewer approves or refuses an erasure.") }
        guard actor.id != proposer else {
            throw .notAllowed("erasure_own_proposal", "The administrator who proposed an erasure cannot also decide it.")
        }
        guard actor.id != subject.id else { throw .notAllowed("erasure_self", "Nobody decides the erasure of their own data.") }
        if approve { try check(subject, reasons: reasons) } else { try need(reasons) }
    }

    static func need(_ reasons: String) throws(DueProcessError) {
        guard !reasons.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DueProcessError.invalid("reasons_required", "Give the reasons: the request, its date, and why erasure is due.").on("reasons")
        }
    }

    static func check(_ subject: Subject, reasons: String) throws(DueProcessError) {
        try need(reasons)
        let offices = subject.roles.subtracting([.member])
        guard offices.isEmpty else {
            throw .notAllowed(
                "erasure_office_holder",
                "This person holds a role (\(offices.map(\.title).sorted().joined(separator: ", "))): the record of what office-holders did is kept. Remove their roles first; what they did in office is still kept."
            )
        }
        let open = subject.cases.filter { RetentionClass.of($0) == nil && $0.erasedAt == nil }.map(\.reference).sorted()
        guard open.isEmpty else {
            throw .notAllowed(
                "erasure_open_case", "This person is a party to a case that has not ended (\(open.joined(separator: ", "))); erasure waits until it ends.")
        }
        let held = subject.cases.filter { $0.legalHold != nil && $0.erasedAt == nil }.map(\.reference).sorted()
        guard held.isEmpty else {
            throw .notAllowed("erasure_legal_hold", "A legal hold stands on \(held.joined(separator: ", ")); it must be lifted, with reasons, first.")
        }
    }
}

extension Procedure {
    /// The erasure of an ended case whose complainant or respondent's erasure was approved.
    public func requestedErasure(of f: CaseFile, request: UUID) throws(DueProcessError) -> CaseEvent {
        guard f.erasedAt == nil else { throw .notAllowed("already_erased", "This case's personal data has already been erased.") }
        guard RetentionClass.of(f) != nil else { throw .notAllowed("still_open", "A case is erased only once it has ended.") }
        if let hold = f.legalHold { throw .notAllowed("legal_hold", "A legal hold stops this case's erasure: \(hold)") }
        return .contentErased(
            .init(basis: "request", rule: "erasure request \(request.uuidString.lowercased())", complainantKey: OversightCase.complainantKey(f)))
    }
}
