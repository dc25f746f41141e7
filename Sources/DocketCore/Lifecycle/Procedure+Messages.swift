import Foundation

extension Procedure {
    /// Each party writes to the case team in a thread of their own, and the team answers there.
    ///
    /// Passes for a party writing in their own thread (a complainant who follows by receipt code
    /// included), or for the caseworker or the appointing authority writing to a party the case
    /// has (never the panel, which judges); with text or a
    /// file. Only the case team asks questions, and only a party answers one in their own thread.
    /// The other parties never read the thread unless the team discloses a message with reasons.
    /// It exists because parties had nobody to write to, and what they were told was never on
    /// the record.
    func postMessage(
        _ file: CaseFile, thread: CaseAccess, text: String, attachments: [EvidenceItem], asks: Bool, answering: Int?, by actor: Actor
    ) throws(DueProcessError) -> [CaseEvent] {
        let access = file.access(for: actor)
        guard !access.isEmpty else { throw DueProcessError.notFound }
        guard thread.isParty else {
            throw .invalid("unknown_thread", "Messages are between a party and the case team: choose the complainant, the respondent or the representative.")
        }
        if file.stage.isTerminal { throw .notAllowed("case_closed", "Case \(file.reference) is closed.") }
        let fromTeam = access.contains { !$0.isParty }
        if fromTeam {
            try requireNotParty(file, actor)
            // The panel judges: it does not correspond with one party in private.
            if access.contains(.panel) {
                throw .notPermitted("panel_cannot_write", "The panel does not write to one party alone; the caseworker or the appointing authority does.")
            }
            guard holdsTheCase(file, actor) else {
                throw .notPermitted("cannot_write", "Only the caseworker or the appointing authority writes to a party on case \(file.reference).")
            }
            if file.isConflicted(actor.id) { throw .notPermitted("conflicted", "You declared a conflict on case \(file.reference).") }
            let exists =
                switch thread {
                case .respondent: file.respondentId != nil
                case .representative: file.representativeId != nil
                default: true
                }
            guard exists else { throw .notAllowed("no_such_party", "Case \(file.reference) has no \(thread.rawValue) to write to yet.") }
            if answering != nil { throw .invalid("team_cannot_answer", "The case team asks questions; the party answers them.") }
        } else {
            guard access.contains(thread) else {
                throw .notPermitted("own_thread_only", "You can write only in your own thread with the case team.")
            }
            if asks { throw .invalid("party_cannot_ask", "Questions come from the case team; write your message, or answer a question.") }
            if let answering, !file.unansweredQuestions(in: thread).contains(where: { $0.number == answering }) {
                throw .invalid("not_a_question", "Message \(answering) is not a question waiting for your answer.")
            }
        }
        if text.isBlank, attachments.isEmpty {
            throw DueProcessError.invalid("message_required", "The message is empty: write something or attach a file.").on("text")
        }
        for item in attachments { try checkEvidence(item) }
        return [
            .messagePosted(
                .init(
                    number: file.messages.count + 1, thread: thread, fromTeam: fromTeam, text: text, attachments: attachments, asks: asks,
                    answering: answering))
        ]
    }

    /// The case team shows a message to the other parties, with reasons on the record.
    func discloseMessage(_ file: CaseFile, _ number: Int, reasons: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireNotParty(file, actor)
        guard holdsTheCase(file, actor) else {
            throw .notPermitted("cannot_disclose", "Only the caseworker or the appointing authority can disclose a message on case \(file.reference).")
        }
        if file.isConflicted(actor.id) { throw .notPermitted("conflicted", "You declared a conflict on case \(file.reference).") }
        guard let m = file.messages.first(where: { $0.number == number }) else {
            throw .invalid("unknown_message", "There is no message \(number) on case \(file.reference).")
        }
        if m.disclosed { throw .notAllowed("already_disclosed", "Message \(number) is already disclosed.") }
        try requireReasons(reasons, "Disclosing a message")
        return [.messageDisclosed(.init(number: number, reasons: reasons))]
    }
}
