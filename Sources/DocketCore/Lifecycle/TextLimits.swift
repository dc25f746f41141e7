import Foundation

/// How long each kind of free text may be. Every text a person types into Docket has one of these
/// limits, and a longer one is refused with a sentence that names the field, rather than cut short
/// or stored whole: a 15 KB "category" once reached the public statistics.
public enum TextLimit: Int, Sendable, CaseIterable {
    /// Names, e-mail addresses, titles, the scope of a suspension, who made a contact.
    case name = 200
    /// Reasons, summaries, the basis of an allegation, notes, grounds, comments.
    case reasons = 20_000
    /// Responses, investigation reports, hearing notes, statements and documents.
    case document = 200_000

    /// The refusal when `text` is longer than this limit, naming the field as a person would.
    public func check(_ text: String?, _ field: String) throws(DueProcessError) {
        guard let text, text.utf8.count > rawValue else { return }  // bytes ≥ characters: most texts stop here
        let length = text.count
        guard length > rawValue else { return }
        throw .invalid("too_long", "\(field) is \(length.withThousands) characters long; the most it can be is \(rawValue.withThousands).")
    }
}

extension Int {
    /// 20000 as "20,000", the same on every machine.
    public var withThousands: String {
        let digits = String(Swift.abs(self))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}

extension Procedure {
    /// Every free-text field of a command is within its limit.
    ///
    /// Passes when no field is longer than its `TextLimit`. It exists so that nothing a person types
    /// is silently cut, and nothing unbounded reaches the record, the lists or the published figures.
    func checkLengths(_ command: CaseCommand) throws(DueProcessError) {
        switch command {
        case .file(let c, let evidence):
            try TextLimit.name.check(c.complainantName, "Your name")
            try TextLimit.name.check(c.respondentNamed, "The name of the person the complaint is about")
            try TextLimit.reasons.check(c.summary, "What happened")
            for e in evidence { try TextLimit.name.check(e.filename, "The evidence file's name") }
        case .addEvidence(let e): try TextLimit.name.check(e.filename, "The evidence file's name")
        case .reviewDecision(_, let reasons), .dismiss(let reasons), .openInvestigation(let reasons), .close(let reasons),
            .declareConflict(let reasons), .pauseClock(let reasons), .resumeClock(let reasons), .liftInterimSuspension(let reasons):
            try TextLimit.reasons.check(reasons, "The reasons")
        case .resolveInformally(let summary, _, _): try TextLimit.reasons.check(summary, "The summary of the resolution")
        case .addAllegation(let clause, _, let basis):
            try TextLimit.name.check(clause, "The clause")
            try TextLimit.reasons.check(basis, "The factual basis")
        case .correctAllegation(_, let clause, _, let basis, let reasons):
            try TextLimit.name.check(clause, "The clause")
            try TextLimit.reasons.check(basis, "The factual basis")
            try TextLimit.reasons.check(reasons, "The reasons")
        case .withdrawAllegation(_, let reasons): try TextLimit.reasons.check(reasons, "The reasons")
        case .serveNotice(_, let evidence):
            for name in evidence { try TextLimit.name.check(name, "The name of disclosed evidence") }
        case .respond(let text, _): try TextLimit.document.check(text, "The response")
        case .submitReport(let text): try TextLimit.document.check(text, "The investigation report")
        case .recordHearing(let notes, _): try TextLimit.document.check(notes, "The hearing notes")
        case .scheduleHearing(_, let place, let link, let names):
            try TextLimit.name.check(place, "The place of the hearing")
            try TextLimit.name.check(link, "The video link")
            for n in names.values { try TextLimit.name.check(n, "A panel member's name") }
        case .decideObjection(_, _, let reasons, _, _, let names):
            try TextLimit.reasons.check(reasons, "The reasons")
            for n in names.values { try TextLimit.name.check(n, "A panel member's name") }
        case .objectToPanelMember(_, let reasons), .requestAdjournment(let reasons), .decideAdjournment(_, _, let reasons),
            .vote(_, let reasons), .discloseMessage(_, let reasons):
            try TextLimit.reasons.check(reasons, "The reasons")
        case .postMessage(_, let text, let attachments, _, _):
            try TextLimit.reasons.check(text, "The message")
            for e in attachments { try TextLimit.name.check(e.filename, "The attached file's name") }
        case .decide(let findings, _, let reasons):
            for f in findings { try TextLimit.reasons.check(f.reasons, "The reasons for allegation \(f.allegation)") }
            try TextLimit.reasons.check(reasons, "The reasons for the sanction")
        case .appeal(let grounds): try TextLimit.reasons.check(grounds, "The grounds of appeal")
        case .decideAppeal(_, let reasons, _), .concludeProgrammeReview(_, let reasons, _):
            try TextLimit.reasons.check(reasons, "The reasons")
        case .addNote(let text): try TextLimit.reasons.check(text, "The note")
        case .recordInterference(let from, let summary):
            try TextLimit.name.check(from, "Who made the contact")
            try TextLimit.reasons.check(summary, "The summary of the contact")
        case .imposeInterimSuspension(let reasons, let scope, _):
            try TextLimit.reasons.check(reasons, "The reasons")
            try TextLimit.name.check(scope, "The scope of the suspension")
        case .renewInterimSuspension(let reasons, _): try TextLimit.reasons.check(reasons, "The reasons")
        case .recordWithholding(let reasons), .requestReveal(let reasons), .decideReveal(_, _, let reasons),
            .decideRetaliationFlag(_, _, let reasons), .concurInSuspension(let reasons):
            try TextLimit.reasons.check(reasons, "The reasons")
        case .identifyRespondent, .allocateCaseworker, .nameRepresentative, .appointPanel, .appointAppealPanel, .openProgrammeReview:
            break
        }
    }
}
