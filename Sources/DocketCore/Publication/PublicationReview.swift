import Crypto
import Foundation

/// Where a document stands on its way to publication.
public enum PublicationStatus: String, Codable, Sendable {
    case inReview = "in_review"
    case published
}

public enum RedactionVerdict: String, Codable, Sendable {
    case proposed, accepted, rejected
}

/// A document on its way to publication, as the rules need it: who uploaded it, where it
/// stands, and the verdict on each numbered redaction.
public struct PublicationState: Sendable, Equatable {
    public var editor: PersonID
    public var status: PublicationStatus
    public var slug: String
    public var verdicts: [Int: RedactionVerdict]

    public init(editor: PersonID, status: PublicationStatus, slug: String, verdicts: [Int: RedactionVerdict]) {
        self.editor = editor; self.status = status; self.slug = slug; self.verdicts = verdicts
    }

    public var undecided: Int { verdicts.values.filter { $0 == .proposed }.count }
    /// The number the next marked redaction gets.
    public var nextNumber: Int { (verdicts.keys.max() ?? 0) + 1 }
}

/// What an editor or a reviewer asks of a publication. The redaction engine runs outside the
/// core; its results arrive here as counts and texts.
public enum PublicationCommand: Sendable {
    /// A new document: its original text and how many redactions the engine proposed.
    case upload(title: String, format: String, original: String, proposals: Int)
    /// Verdicts on numbered redactions; `proposed` and unchanged verdicts are ignored.
    case review(verdicts: [Int: RedactionVerdict])
    /// A phrase the reviewer marks, found `occurrences` times in the original.
    case mark(phrase: String, occurrences: Int)
    /// Approval of the text with every accepted redaction applied.
    case approve(published: String)

    public var step: PublicationStep {
        switch self {
        case .upload: .upload
        case .review: .review
        case .mark: .mark
        case .approve: .approve
        }
    }
}

public enum PublicationStep: String, CaseIterable, Sendable {
    case upload, review, mark, approve
}

/// The rules of publication review, as one pure decider.
///
/// A document is published only when a second person — not the editor who uploaded it, and
/// holding the editor or independent-reviewer role — has accepted or rejected every proposed
/// redaction and approved the result. It exists because reports leaked before anyone checked
/// what they revealed, and because one person should never both prepare and clear a publication.
public enum PublicationReview {
    public static let maximumMarks = 1_000
    public static let maximumProposals = 20_000

    public static func canReview(_ actor: Actor) -> Bool { actor.has(.editor) || actor.has(.reviewer) }

    /// Who may take `step`, and when: the part of each rule that does not depend on the input.
    public static func check(_ step: PublicationStep, on state: PublicationState?, by actor: Actor) throws(DueProcessError) {
        switch step {
        case .upload:
            guard actor.has(.editor) else { throw .notPermitted("editor_only", "Only an editor can upload a document for publication.") }
            guard state == nil else { throw .notAllowed("already_uploaded", "This document is already uploaded.") }
        case .review, .mark, .approve:
            guard let state else { throw .init(.notFound, "no_document", "There is no such document.") }
            guard canReview(actor) else { throw .notPermitted("not_a_reviewer", "Only an editor or an independent reviewer can review a publication.") }
            guard state.status == .inReview else { throw .notAllowed("already_published", "This document is already published; it can no longer change.") }
            if actor.id == state.editor {
                throw .notPermitted("editor_cannot_review", "You uploaded this document, so someone else must review its redactions.")
            }
            if step == .approve, state.undecided > 0 {
                let open = state.undecided
                throw .notAllowed(
                    "redactions_undecided", "\(open) proposed redaction\(open == 1 ? " is" : "s are") still undecided; accept or reject each before approving.")
            }
        }
    }

    /// The steps `actor` would be allowed to take now, with valid input.
    public static func offers(_ state: PublicationState?, to actor: Actor) -> [PublicationStep] {
        PublicationStep.allCases.filter { (try? check($0, on: state, by: actor)) != nil }
    }

    /// The events a command records, or the refusal.
    public static func decide(_ command: PublicationCommand, on state: PublicationState?, by actor: Actor) throws(DueProcessError) -> [RecordEvent] {
        try check(command.step, on: state, by: actor)
        switch command {
        case .upload(let title, let format, let original, let proposals):
            guard !title.isBlank, !original.isBlank else { throw .invalid("document_required", "Give the document a title and its text or a file.") }
            try TextLimit.name.check(title, "The title")
            guard proposals <= maximumProposals else {
                throw .invalid(
                    "too_many_redactions",
                    "This document would need \(proposals) redactions, more than the \(maximumProposals) one review can hold. Split it into parts.")
            }
            return [.publicationUploaded(.init(title: title, format: format, sha256: sha256(original), proposals: proposals))]
        case .review(let chosen):
            let state = state!
            var accepted: [Int] = [], rejected: [Int] = []
            for (number, verdict) in chosen.sorted(by: { $0.key < $1.key }) {
                guard verdict != .proposed, let current = state.verdicts[number], current != verdict else { continue }
                if verdict == .accepted { accepted.append(number) } else { rejected.append(number) }
            }
            return [.redactionsReviewed(.init(accepted: accepted, rejected: rejected))]
        case .mark(let phrase, let occurrences):
            guard phrase.trimmingCharacters(in: .whitespaces).count >= 2, phrase.count <= TextLimit.name.rawValue else {
                throw .invalid("phrase_length", "Mark a phrase of 2 to \(TextLimit.name.rawValue) characters.")
            }
            guard occurrences > 0 else { throw .invalid("phrase_not_found", "That text does not appear in the document.") }
            guard occurrences <= maximumMarks else {
                throw .invalid(
                    "phrase_too_common", "That text appears \(occurrences) times; mark a longer phrase (at most \(maximumMarks) places at once).")
            }
            let first = state!.nextNumber
            return [.redactionsMarked(.init(numbers: Array(first..<first + occurrences), sha256: sha256(phrase)))]
        case .approve(let published):
            let state = state!
            let accepted = state.verdicts.values.filter { $0 == .accepted }.count
            return [
                .publicationApproved(
                    .init(sha256: sha256(published), accepted: accepted, rejected: state.verdicts.count - accepted, slug: state.slug))
            ]
        }
    }

    /// The state after an event: how the page and the store read the record back.
    public static func evolve(_ state: PublicationState, _ event: RecordEvent) -> PublicationState {
        var s = state
        switch event {
        case .redactionsReviewed(let r):
            for n in r.accepted { s.verdicts[n] = .accepted }
            for n in r.rejected { s.verdicts[n] = .rejected }
        case .redactionsMarked(let m):
            for n in m.numbers { s.verdicts[n] = .accepted }
        case .publicationApproved: s.status = .published
        default: break
        }
        return s
    }

    /// SHA-256 of a text's UTF-8, as 64 hex digits: what the record holds of texts it does not keep.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
