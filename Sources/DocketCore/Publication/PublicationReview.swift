import Foundation

/// Where a document stands on its way to publication.
public enum PublicationStatus: String, Codable, Sendable {
    case inReview = "in_review"
    case published
}

public enum RedactionVerdict: String, Codable, Sendable {
    case proposed, accepted, rejected
}

/// The rules of publication review, as pure checks.
///
/// A document is published only when a second person — not the editor who uploaded it, and
/// holding the editor or independent-reviewer role — has accepted or rejected every proposed
/// redaction and approved the result. It exists because reports leaked before anyone checked
/// what they revealed, and because one person should never both prepare and clear a publication.
public enum PublicationReview {
    public static func canReview(_ actor: Actor) -> Bool { actor.has(.editor) || actor.has(.reviewer) }

    public static func checkReviewer(_ actor: Actor, editor: PersonID, status: PublicationStatus) throws(DueProcessError) {
        guard canReview(actor) else { throw .notPermitted("not_a_reviewer", "Only an editor or an independent reviewer can review a publication.") }
        guard status == .inReview else { throw .notAllowed("already_published", "This document is already published; it can no longer change.") }
        if actor.id == editor {
            throw .notPermitted("editor_cannot_review", "You uploaded this document, so someone else must review its redactions.")
        }
    }

    /// Approval needs a decision on every proposed redaction.
    public static func checkApproval(_ actor: Actor, editor: PersonID, status: PublicationStatus, verdicts: [RedactionVerdict]) throws(DueProcessError) {
        try checkReviewer(actor, editor: editor, status: status)
        let open = verdicts.filter { $0 == .proposed }.count
        if open > 0 {
            throw .notAllowed(
                "redactions_undecided", "\(open) proposed redaction\(open == 1 ? " is" : "s are") still undecided; accept or reject each before approving.")
        }
    }
}
