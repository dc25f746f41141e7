import Foundation

extension Procedure {
    /// Anyone handling a case can declare a conflict; a handler who does steps down at once.
    func declareConflict(_ file: CaseFile, reason: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireNotParty(file, actor)
        // Only someone who sees the case declares a conflict on it (found by offering steps to a
        // stranger: the edge's 404 had hidden that the core itself accepted one).
        guard !file.access(for: actor).isEmpty else { throw DueProcessError.notFound }
        if file.stage.isTerminal { throw .notAllowed("case_closed", "Case \(file.reference) is closed.") }
        try requireReasons(reason, "A declaration of conflict")
        if file.isConflicted(actor.id) { throw .notAllowed("already_declared", "You have already declared a conflict on this case.") }
        var role: String?
        if file.caseworkerId == actor.id {
            role = "caseworker"
        } else if file.stage == .hearing, file.panel?.members.contains(actor.id) == true {
            role = "panel"
        } else if file.stage == .appeal, file.appealPanel?.members.contains(actor.id) == true {
            role = "appeal_panel"
        }
        return [.conflictDeclared(.init(personId: actor.id, reason: reason, recusedFrom: role))]
    }

    /// Anyone handling the case may add a note; a party may not, even one who holds a staff role.
    func addNote(_ file: CaseFile, text: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireNotParty(file, actor)
        guard !file.access(for: actor).isEmpty else { throw DueProcessError.notFound }
        if text.isBlank { throw DueProcessError.invalid("note_required", "The note is empty.").on("text") }
        return [.noteAdded(.init(text))]
    }

    /// Pressure from outside the case team goes on the record.
    ///
    /// Passes for anyone handling the case, with who made the contact and what was said. It
    /// exists because inquiries found officials leaning on complaint handlers with no trace left;
    /// the register is shown to the independent reviewers, beyond the reach of those named in it.
    func recordInterference(_ file: CaseFile, from: String, summary: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireNotParty(file, actor)
        guard !file.access(for: actor).isEmpty else { throw DueProcessError.notFound }
        if from.isBlank { throw DueProcessError.invalid("contact_required", "Say who made the contact.").on("from") }
        if summary.isBlank { throw DueProcessError.invalid("summary_required", "Say what was said or asked.").on("summary") }
        return [.interferenceRecorded(.init(from: from, summary: summary))]
    }

    func requireClockKeeper(_ file: CaseFile, _ actor: Actor) throws(DueProcessError) {
        try requireNotParty(file, actor)
        guard holdsTheCase(file, actor) else {
            throw .notPermitted("cannot_pause", "Only the caseworker or the appointing authority can stop or restart the clock.")
        }
        if file.stage.isTerminal { throw .notAllowed("case_closed", "Case \(file.reference) is closed.") }
    }

    /// A clock stops only with a reason on the record, so delay is never silent.
    func pauseClock(_ file: CaseFile, reason: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireClockKeeper(file, actor)
        if file.clock.pausedSince != nil { throw .notAllowed("already_paused", "The clock of case \(file.reference) is already stopped.") }
        try requireReasons(reason, "Stopping the clock")
        return [.clockPaused(.init(reason))]
    }

    func resumeClock(_ file: CaseFile, reason: String, by actor: Actor) throws(DueProcessError) -> [CaseEvent] {
        try requireClockKeeper(file, actor)
        if file.clock.pausedSince == nil { throw .notAllowed("not_paused", "The clock of case \(file.reference) is running.") }
        try requireReasons(reason, "Restarting the clock")
        return [.clockResumed(.init(reason))]
    }

    /// Interim suspension: a separate, reasoned decision that the respondent is told of at once.
    ///
    /// Passes for the appointing authority with reasons, a scope, and a review date after today and
    /// no further ahead than policy allows. The notice to the respondent is derived from the same
    /// event and written in the same transaction, so there is no suspension without notice. It
    /// exists because members were suspended without being told why, and suspensions ran on for years.
    func imposeSuspension(_ file: CaseFile, reasons: String, scope: String, reviewDate: Day, by actor: Actor, at now: Date) throws(DueProcessError)
        -> [CaseEvent]
    {
        try requireAppointingAuthority(file, actor, toDo: "impose an interim suspension")
        if file.stage.isTerminal { throw .notAllowed("case_closed", "Case \(file.reference) is closed.") }
        if file.hasOpenRetaliationFlag, file.suspensionConcurrence == nil {
            throw .notAllowed(
                "retaliation_flag_open",
                "A retaliation flag is open on case \(file.reference): an interim suspension needs an independent reviewer's concurrence, with reasons, first.")
        }
        if let s = file.suspension, s.isActive(at: now, calendar: calendar) {
            throw .notAllowed("already_suspended", "An interim suspension is already in force until \(s.reviewDate); renew or lift it instead.")
        }
        try requireReasons(reasons, "An interim suspension")
        if scope.isBlank { throw DueProcessError.invalid("scope_required", "Say what the interim suspension covers.").on("scope") }
        try checkReviewDate(reviewDate, at: now)
        return [.suspensionImposed(.init(reasons: reasons, scope: scope, reviewDate: reviewDate))]
    }

    func checkReviewDate(_ reviewDate: Day, at now: Date) throws(DueProcessError) {
        let today = calendar.day(of: now)
        let latest = calendar.adding(workingDays: policy.maximumSuspensionWorkingDays, to: today)
        if reviewDate <= today { throw DueProcessError.invalid("review_date_past", "The review date must be after today.").on("reviewDate") }
        if reviewDate > latest {
            throw DueProcessError.invalid(
                "review_date_too_far",
                "The review date can be at most \(policy.maximumSuspensionWorkingDays) working days ahead (\(latest))."
            ).on("reviewDate")
        }
    }

    /// A suspension lapses on its review date unless renewed, with reasons, before then.
    func renewSuspension(_ file: CaseFile, reasons: String, reviewDate: Day, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        try requireAppointingAuthority(file, actor, toDo: "renew an interim suspension")
        guard let s = file.suspension, s.isActive(at: now, calendar: calendar) else {
            throw .notAllowed("no_active_suspension", "There is no interim suspension in force to renew; a lapsed suspension cannot be revived.")
        }
        try requireReasons(reasons, "Renewing an interim suspension")
        try checkReviewDate(reviewDate, at: now)
        if reviewDate <= s.reviewDate {
            throw DueProcessError.invalid("review_date_not_later", "A renewal must set a review date after \(s.reviewDate).").on("reviewDate")
        }
        return [.suspensionRenewed(.init(reasons: reasons, scope: s.scope, reviewDate: reviewDate))]
    }

    func liftSuspension(_ file: CaseFile, reasons: String, by actor: Actor, at now: Date) throws(DueProcessError) -> [CaseEvent] {
        try requireAppointingAuthority(file, actor, toDo: "lift an interim suspension")
        guard let s = file.suspension, s.isActive(at: now, calendar: calendar) else {
            throw .notAllowed("no_active_suspension", "There is no interim suspension in force.")
        }
        try requireReasons(reasons, "Lifting an interim suspension")
        return [.suspensionLifted(.init(reasons))]
    }
}
