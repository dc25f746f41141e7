import Foundation
import Testing

@testable import DocketCore

/// The deciders of the records beside cases: publications, statements and comments, review
/// programmes. What they offer is what they accept, and each refusal is the rule's own.
@Suite("Deciders of publications, statements and programmes")
struct RecordDeciderTests {
    static let editor = Actor(id: UUID(), roles: [.editor])
    static let otherEditor = Actor(id: UUID(), roles: [.editor])
    static let reviewer = Actor(id: UUID(), roles: [.reviewer])
    static let caseworker = Actor(id: UUID(), roles: [.caseworker])
    static let member = Actor(id: UUID(), roles: [.member])

    /// The code of the rule that refuses `body`, or nil when it is accepted.
    static func code(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let e as DueProcessError { return e.code } catch { return "not a DueProcessError: \(error)" }
    }

    @Test func the_person_who_uploaded_a_document_cannot_clear_it_and_nothing_undecided_is_published() throws {
        let fresh = PublicationState(editor: Self.editor.id, status: .inReview, slug: "s", verdicts: [1: .proposed, 2: .proposed])
        // The uploader is offered nothing on their own document; a second editor or a reviewer may
        // review and mark, but not approve while a proposal is undecided.
        #expect(PublicationReview.offers(fresh, to: Self.editor).isEmpty)
        #expect(PublicationReview.offers(fresh, to: Self.otherEditor) == [.review, .mark])
        #expect(PublicationReview.offers(fresh, to: Self.reviewer) == [.review, .mark])
        #expect(PublicationReview.offers(fresh, to: Self.caseworker).isEmpty)
        #expect(Self.code { _ = try PublicationReview.decide(.approve(published: "x"), on: fresh, by: Self.editor) } == "editor_cannot_review")
        #expect(Self.code { _ = try PublicationReview.decide(.approve(published: "x"), on: fresh, by: Self.reviewer) } == "redactions_undecided")

        // Verdicts: only changes are recorded; a number the document does not have is ignored.
        let reviewed = try PublicationReview.decide(.review(verdicts: [1: .accepted, 2: .rejected, 9: .accepted]), on: fresh, by: Self.reviewer)
        guard case .redactionsReviewed(let r) = reviewed.first else { Issue.record("no review event"); return }
        #expect(r.accepted == [1] && r.rejected == [2])
        var state = reviewed.reduce(fresh, PublicationReview.evolve)
        #expect(state.undecided == 0)
        #expect(PublicationReview.offers(state, to: Self.reviewer) == [.review, .mark, .approve])

        // Marking numbers the new redactions after the last; they count as accepted.
        let marked = try PublicationReview.decide(.mark(phrase: "the secretary", occurrences: 2), on: state, by: Self.reviewer)
        guard case .redactionsMarked(let m) = marked.first else { Issue.record("no mark event"); return }
        #expect(m.numbers == [3, 4])
        #expect(m.sha256 == PublicationReview.sha256("the secretary"))
        state = marked.reduce(state, PublicationReview.evolve)
        #expect(Self.code { _ = try PublicationReview.decide(.mark(phrase: "x", occurrences: 1), on: state, by: Self.reviewer) } == "phrase_length")
        #expect(Self.code { _ = try PublicationReview.decide(.mark(phrase: "absent", occurrences: 0), on: state, by: Self.reviewer) } == "phrase_not_found")
        #expect(
            Self.code { _ = try PublicationReview.decide(.mark(phrase: "the", occurrences: PublicationReview.maximumMarks + 1), on: state, by: Self.reviewer) }
                == "phrase_too_common")

        let approved = try PublicationReview.decide(.approve(published: "text"), on: state, by: Self.otherEditor)
        guard case .publicationApproved(let a) = approved.first else { Issue.record("no approval"); return }
        #expect(a.accepted == 3 && a.rejected == 1 && a.slug == "s" && a.sha256 == PublicationReview.sha256("text"))
        state = approved.reduce(state, PublicationReview.evolve)
        #expect(state.status == .published)
        for actor in [Self.editor, Self.otherEditor, Self.reviewer] { #expect(PublicationReview.offers(state, to: actor).isEmpty) }
    }

    @Test func only_an_editor_uploads_and_an_oversized_review_is_refused() {
        #expect(PublicationReview.offers(nil, to: Self.editor) == [.upload])
        #expect(PublicationReview.offers(nil, to: Self.reviewer).isEmpty)
        #expect(
            Self.code { _ = try PublicationReview.decide(.upload(title: "T", format: "text", original: "x", proposals: 0), on: nil, by: Self.reviewer) }
                == "editor_only")
        #expect(
            Self.code { _ = try PublicationReview.decide(.upload(title: " ", format: "text", original: "x", proposals: 0), on: nil, by: Self.editor) }
                == "document_required")
        #expect(
            Self.code {
                _ = try PublicationReview.decide(
                    .upload(title: "T", format: "text", original: "x", proposals: PublicationReview.maximumProposals + 1), on: nil, by: Self.editor)
            } == "too_many_redactions")
        let events = try? PublicationReview.decide(.upload(title: "T", format: "html", original: "<p>x</p>", proposals: 3), on: nil, by: Self.editor)
        guard case .publicationUploaded(let u)? = events?.first else { Issue.record("no upload"); return }
        #expect(u.proposals == 3 && u.format == "html" && u.sha256 == PublicationReview.sha256("<p>x</p>"))
    }

    @Test func statements_take_comments_while_open_and_reports_hide_at_the_threshold() throws {
        let today = Day("2026-03-01")!
        #expect(StatementDesk.offers(nil, to: Self.editor) == [.publish])
        #expect(StatementDesk.offers(nil, to: Self.member).isEmpty)
        #expect(
            Self.code {
                _ = try StatementDesk.decide(
                    .publish(title: "T", body: "B", slug: "t", closesOn: Day("2026-02-28"), today: today), on: nil, by: Self.editor)
            } == "closes_in_past")
        let published = try StatementDesk.decide(.publish(title: "T", body: "B", slug: "t", closesOn: today, today: today), on: nil, by: Self.editor)
        guard case .statementPublished(let p) = published.first else { Issue.record("no statement"); return }
        #expect(p.sha256 == PublicationReview.sha256("B"))

        let open = StatementState(slug: "t", commentsOpen: true)
        #expect(StatementDesk.offers(open, to: nil) == [.report])
        #expect(StatementDesk.offers(open, to: Self.member) == [.comment, .report])
        #expect(StatementDesk.offers(open, to: Self.editor) == [.closeComments, .comment, .report, .moderate])
        let closed = StatementState(slug: "t", commentsOpen: false)
        #expect(StatementDesk.offers(closed, to: Self.member) == [.report])
        #expect(
            Self.code { _ = try StatementDesk.decide(.comment(id: UUID(), body: "hi", premoderated: false), on: closed, by: Self.member) } == "comments_closed")
        #expect(
            Self.code {
                _ = try StatementDesk.decide(.comment(id: UUID(), body: String(repeating: "a", count: 5_001), premoderated: false), on: open, by: Self.member)
            }
                == "comment_length")

        let id = UUID()
        let posted = try StatementDesk.decide(.comment(id: id, body: "hi", premoderated: true), on: open, by: Self.member)
        guard case .commentPosted(let c) = posted.first else { Issue.record("no comment"); return }
        #expect(c.comment == id && c.status == "pending" && c.sha256 == PublicationReview.sha256("hi"))

        // Reports below the threshold record nothing; the one that reaches it hides the comment, once.
        var comment = CommentState(id: id, status: .visible, reports: 2)
        #expect(try StatementDesk.decide(.report(comment, threshold: 3), on: open, by: nil).isEmpty)
        comment.reports = 3
        let hidden = try StatementDesk.decide(.report(comment, threshold: 3), on: open, by: nil)
        #expect(hidden.count == 1)
        comment = hidden.reduce(comment, StatementDesk.evolve)
        #expect(comment.status == .hidden)
        comment.reports = 4
        #expect(try StatementDesk.decide(.report(comment, threshold: 3), on: open, by: nil).isEmpty)

        // Moderation needs reasons, and cannot undo a removal.
        #expect(Self.code { _ = try StatementDesk.decide(.moderate(comment, .publish, reasons: " "), on: open, by: Self.editor) } == "reasons_required")
        #expect(Self.code { _ = try StatementDesk.decide(.moderate(comment, .publish, reasons: "fine"), on: open, by: Self.member) } == "editor_only")
        let removed = try StatementDesk.decide(.moderate(comment, .remove, reasons: "abuse"), on: open, by: Self.editor)
        comment = removed.reduce(comment, StatementDesk.evolve)
        #expect(comment.status == .removed)
        #expect(
            Self.code { _ = try StatementDesk.decide(.moderate(comment, .publish, reasons: "on second thoughts"), on: open, by: Self.editor) }
                == "comment_removed")
    }

    @Test func a_programme_is_opened_by_a_reviewer_with_a_rule_that_makes_sense() throws {
        let rule = ReviewRule(decidedFrom: Day("2026-01-01"), decidedTo: Day("2026-03-31"), outcome: "upheld")
        #expect(Self.code { try ProgrammeDesk.check(title: "Q1", rule: rule, by: Self.editor) } == "reviewer_only")
        #expect(Self.code { try ProgrammeDesk.check(title: "", rule: rule, by: Self.reviewer) } == "title_required")
        #expect(
            Self.code {
                try ProgrammeDesk.check(title: "Q1", rule: ReviewRule(decidedFrom: Day("2026-04-01"), decidedTo: Day("2026-03-31")), by: Self.reviewer)
            }
                == "period_reversed")
        #expect(Self.code { try ProgrammeDesk.check(title: "Q1", rule: ReviewRule(outcome: "maybe"), by: Self.reviewer) } == "bad_outcome")
        let events = try ProgrammeDesk.decide(title: "Q1", rule: rule, opened: 4, skipped: 1, by: Self.reviewer)
        guard case .reviewProgrammeCreated(let p) = events.first else { Issue.record("no programme"); return }
        #expect(p.opened == 4 && p.skipped == 1 && p.rule == rule)
    }
}
