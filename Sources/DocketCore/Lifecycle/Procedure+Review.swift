import Foundation

extension Procedure {
    func checkEvidence(_ item: EvidenceItem) throws(DueProcessError) {
        if item.filename.isBlank { throw .invalid("evidence_name_required", "Evidence needs a file name.") }
        let hex = item.sha256.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        if item.sha256.utf8.count != 64 || !hex { throw .invalid("evidence_hash", "Evidence must carry the SHA-256 of its contents.") }
        if item.size <= 0 { throw .invalid("evidence_empty", "The file \(item.filename) is empty.") }
    }

    /// Evidence is added by the parties or the caseworker while the case is open, and recorded by hash.
    func addEvidence(_ file: CaseFile, _ item: EvidenceItem, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        let access = file.access(for: actor)
        let role: String
        if access.contains(.complainant) {
            role = "complainant"
        } else if access.contains(.respondent) {
            role = "respondent"
        } else if access.contains(.representative) {
            role = "representative"
        } else if access.contains(.caseworker) {
            role = "caseworker"
        } else {
            throw .notPermitted("cannot_add_evidence", "Only the parties and the caseworker can add evidence to case \(file.reference).")
        }
        guard file.stage.acceptsEvidence else {
            throw .notAllowed("evidence_closed", "Case \(file.reference) is at \(file.stage.title) and no longer accepts evidence.")
        }
        try checkEvidence(item)
        return [.evidenceAdded(.init(item: item, addedAs: role))]
    }

    /// An independent reviewer verifies a decision or vetoes it, with reasons.
    ///
    /// Passes for a reviewer who had no part in the case, once, while the decision stands and no
    /// appeal is under way. A veto sends the case back to a fresh panel that excludes the first,
    /// and keeps the vetoed decision on the record. It exists because past decisions were never
    /// checked by anyone outside the people who made them.
    func reviewDecision(_ file: CaseFile, verdict: ReviewVerdict, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireNotParty(file, actor)
        guard actor.has(.reviewer) else { throw .notPermitted("reviewer_only", "Only an independent reviewer can verify or veto a decision.") }
        if file.isConflicted(actor.id) || file.caseworkerId == actor.id || file.investigators.contains(actor.id)
            || (file.panel?.members.contains(actor.id) ?? false)
        {
            throw .notPermitted("reviewer_involved", "You had a part in case \(file.reference), so you cannot review its decision.")
        }
        try requireStage(file, [.decided], toDo: "review a decision")
        if file.reviews.count > file.vetoedDecisions.count {
            throw .notAllowed("already_reviewed", "This decision has already been reviewed.")
        }
        try requireReasons(reasons, "A review")
        return [.decisionReviewed(.init(verdict: verdict, reasons: reasons))]
    }
}
