import Foundation

/// The stored form of an event: a kind name and a JSON payload with sorted keys, dates in
/// ISO 8601 with milliseconds. The hash chain covers these exact bytes.
extension CaseEvent {
    /// The kind every case's stream begins with.
    public static let complaintFiledKind = "complaint_filed"
    /// The kind whose payload carries an evidence file's SHA-256.
    public static let evidenceAddedKind = "evidence_added"
    /// The kind that records a case's erasure; its payload is never sealed.
    public static let contentErasedKind = "content_erased"

    public var kind: String {
        switch self {
        case .complaintFiled: "complaint_filed"
        case .caseworkerAllocated: "caseworker_allocated"
        case .complaintDismissed: "complaint_dismissed"
        case .resolvedInformally: "resolved_informally"
        case .investigationOpened: "investigation_opened"
        case .allegationAdded: "allegation_added"
        case .allegationCorrected: "allegation_corrected"
        case .allegationWithdrawn: "allegation_withdrawn"
        case .noticeServed: "notice_served"
        case .representativeNamed: "representative_named"
        case .responseSubmitted: "response_submitted"
        case .reportSubmitted: "report_submitted"
        case .panelAppointed: "panel_appointed"
        case .hearingScheduled: "hearing_scheduled"
        case .panelObjectionLodged: "panel_objection_lodged"
        case .panelObjectionDecided: "panel_objection_decided"
        case .adjournmentRequested: "adjournment_requested"
        case .adjournmentDecided: "adjournment_decided"
        case .hearingHeld: "hearing_held"
        case .decisionProposed: "decision_proposed"
        case .decisionVoted: "decision_voted"
        case .messagePosted: "message_posted"
        case .messageDisclosed: "message_disclosed"
        case .decisionIssued: "decision_issued"
        case .appealLodged: "appeal_lodged"
        case .appealPanelAppointed: "appeal_panel_appointed"
        case .appealDecided: "appeal_decided"
        case .caseClosed: "case_closed"
        case .conflictDeclared: "conflict_declared"
        case .clockPaused: "clock_paused"
        case .clockResumed: "clock_resumed"
        case .suspensionImposed: "suspension_imposed"
        case .suspensionRenewed: "suspension_renewed"
        case .suspensionLifted: "suspension_lifted"
        case .evidenceAdded: "evidence_added"
        case .decisionReviewed: "decision_reviewed"
        case .noteAdded: "note_added"
        case .interferenceRecorded: "interference_recorded"
        case .programmeReviewOpened: "programme_review_opened"
        case .programmeReviewConcluded: "programme_review_concluded"
        case .respondentIdentified: "respondent_identified"
        case .legalHoldPlaced: "legal_hold_placed"
        case .custodianDrawn: "custodian_drawn"
        case .identityWithheld: "identity_withheld"
        case .revealRequested: "reveal_requested"
        case .revealDecided: "reveal_decided"
        case .retaliationFlagged: "retaliation_flagged"
        case .retaliationFlagDecided: "retaliation_flag_decided"
        case .suspensionConcurred: "suspension_concurred"
        case .legalHoldLifted: "legal_hold_lifted"
        case .contentErased: CaseEvent.contentErasedKind
        }
    }

    private var payload: any Encodable & Sendable {
        switch self {
        case .complaintFiled(let p): p
        case .caseworkerAllocated(let p), .panelAppointed(let p), .appealPanelAppointed(let p): p
        case .complaintDismissed(let p), .resolvedInformally(let p), .investigationOpened(let p),
            .reportSubmitted(let p), .appealLodged(let p), .caseClosed(let p),
            .clockPaused(let p), .clockResumed(let p), .suspensionLifted(let p), .noteAdded(let p),
            .legalHoldPlaced(let p), .legalHoldLifted(let p), .identityWithheld(let p), .suspensionConcurred(let p):
            p
        case .allegationAdded(let p): p
        case .hearingScheduled(let p): p
        case .panelObjectionLodged(let p): p
        case .panelObjectionDecided(let p): p
        case .adjournmentRequested(let p): p
        case .adjournmentDecided(let p): p
        case .hearingHeld(let p): p
        case .decisionProposed(let p): p
        case .decisionVoted(let p): p
        case .messagePosted(let p): p
        case .messageDisclosed(let p): p
        case .allegationCorrected(let p): p
        case .allegationWithdrawn(let p): p
        case .noticeServed(let p): p
        case .representativeNamed(let p): p
        case .responseSubmitted(let p): p
        case .decisionIssued(let p): p
        case .appealDecided(let p): p
        case .conflictDeclared(let p): p
        case .suspensionImposed(let p), .suspensionRenewed(let p): p
        case .evidenceAdded(let p): p
        case .decisionReviewed(let p): p
        case .interferenceRecorded(let p): p
        case .programmeReviewOpened(let p): p
        case .programmeReviewConcluded(let p): p
        case .respondentIdentified(let p): p
        case .contentErased(let p): p
        case .custodianDrawn(let p): p
        case .revealRequested(let p): p
        case .revealDecided(let p): p
        case .retaliationFlagged(let p): p
        case .retaliationFlagDecided(let p): p
        }
    }

    public func encodedPayload() -> String {
        // Encoding plain structs of strings, numbers and dates cannot fail.
        String(decoding: try! DocketJSON.encoder.encode(payload), as: UTF8.self)
    }

    public static func decode(kind: String, payload: String) throws -> CaseEvent {
        let data = Data(payload.utf8)
        func d<T: Decodable>(_ t: T.Type) throws -> T { try DocketJSON.decoder.decode(t, from: data) }
        switch kind {
        case "complaint_filed": return .complaintFiled(try d(Complaint.self))
        case "caseworker_allocated": return .caseworkerAllocated(try d(Draw.self))
        case "complaint_dismissed": return .complaintDismissed(try d(Reasons.self))
        case "resolved_informally": return .resolvedInformally(try d(Reasons.self))
        case "investigation_opened": return .investigationOpened(try d(Reasons.self))
        case "allegation_added": return .allegationAdded(try d(AllegationAdded.self))
        case "allegation_corrected": return .allegationCorrected(try d(AllegationCorrected.self))
        case "allegation_withdrawn": return .allegationWithdrawn(try d(AllegationWithdrawn.self))
        case "notice_served": return .noticeServed(try d(NoticeServed.self))
        case "representative_named": return .representativeNamed(try d(PersonRef.self))
        case "response_submitted": return .responseSubmitted(try d(ResponseSubmitted.self))
        case "report_submitted": return .reportSubmitted(try d(Reasons.self))
        case "panel_appointed": return .panelAppointed(try d(Draw.self))
        case "hearing_scheduled": return .hearingScheduled(try d(HearingScheduled.self))
        case "panel_objection_lodged": return .panelObjectionLodged(try d(ObjectionLodged.self))
        case "panel_objection_decided": return .panelObjectionDecided(try d(ObjectionDecided.self))
        case "adjournment_requested": return .adjournmentRequested(try d(AdjournmentRequested.self))
        case "adjournment_decided": return .adjournmentDecided(try d(AdjournmentDecided.self))
        case "hearing_held": return .hearingHeld(try d(HearingHeld.self))
        case "decision_proposed": return .decisionProposed(try d(DecisionProposed.self))
        case "decision_voted": return .decisionVoted(try d(DecisionVoted.self))
        case "message_posted": return .messagePosted(try d(MessagePosted.self))
        case "message_disclosed": return .messageDisclosed(try d(MessageDisclosed.self))
        case "decision_issued": return .decisionIssued(try d(DecisionIssued.self))
        case "appeal_lodged": return .appealLodged(try d(Reasons.self))
        case "appeal_panel_appointed": return .appealPanelAppointed(try d(Draw.self))
        case "appeal_decided": return .appealDecided(try d(AppealDecided.self))
        case "case_closed": return .caseClosed(try d(Reasons.self))
        case "conflict_declared": return .conflictDeclared(try d(ConflictDeclared.self))
        case "clock_paused": return .clockPaused(try d(Reasons.self))
        case "clock_resumed": return .clockResumed(try d(Reasons.self))
        case "suspension_imposed": return .suspensionImposed(try d(SuspensionOrder.self))
        case "suspension_renewed": return .suspensionRenewed(try d(SuspensionOrder.self))
        case "suspension_lifted": return .suspensionLifted(try d(Reasons.self))
        case "evidence_added": return .evidenceAdded(try d(EvidenceAdded.self))
        case "decision_reviewed": return .decisionReviewed(try d(DecisionReviewed.self))
        case "note_added": return .noteAdded(try d(Reasons.self))
        case "interference_recorded": return .interferenceRecorded(try d(Interference.self))
        case "programme_review_opened": return .programmeReviewOpened(try d(ProgrammeReviewOpened.self))
        case "programme_review_concluded": return .programmeReviewConcluded(try d(ProgrammeReviewConcluded.self))
        case "respondent_identified": return .respondentIdentified(try d(RespondentIdentified.self))
        case "legal_hold_placed": return .legalHoldPlaced(try d(Reasons.self))
        case "custodian_drawn": return .custodianDrawn(try d(Draw.self))
        case "identity_withheld": return .identityWithheld(try d(Reasons.self))
        case "reveal_requested": return .revealRequested(try d(RevealRequested.self))
        case "reveal_decided": return .revealDecided(try d(RevealDecided.self))
        case "retaliation_flagged": return .retaliationFlagged(try d(RetaliationFlagged.self))
        case "retaliation_flag_decided": return .retaliationFlagDecided(try d(FlagDecided.self))
        case "suspension_concurred": return .suspensionConcurred(try d(Reasons.self))
        case "legal_hold_lifted": return .legalHoldLifted(try d(Reasons.self))
        case CaseEvent.contentErasedKind: return .contentErased(try d(Erasure.self))
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown event kind \(kind)"))
        }
    }
}

/// One JSON convention for everything Docket stores or signs.
public enum DocketJSON {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Instant.string(date))
        }
        return e
    }()

    public static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Instant.parse(text) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "'\(text)' is not an ISO 8601 date and time"))
            }
            return date
        }
        return d
    }()
}

/// Instants as ISO 8601 UTC with milliseconds, the precision the clock keeps.
public enum Instant {
    /// The first and last millisecond Docket can write as `YYYY-MM-DDTHH:MM:SS.fffZ`.
    static let earliest: Double = -62_135_596_800_000, latest: Double = 253_402_300_799_999

    /// Milliseconds since 1970, held within years 1 to 9999: a date outside them (which no
    /// bounded setting produces) is clamped rather than allowed to trap or to be unreadable.
    public static func millis(_ date: Date) -> Int64 {
        let v = (date.timeIntervalSince1970 * 1000).rounded()
        guard v.isFinite else { return v > 0 ? Int64(latest) : Int64(earliest) }
        return Int64(min(max(v, earliest), latest))
    }
    public static func date(millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
    /// Rounds to the millisecond so that what is stored reads back equal.
    public static func truncate(_ date: Date) -> Date { self.date(millis: millis(date)) }

    public static func string(_ date: Date) -> String {
        let ms = millis(date)
        let secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let frac = Int(ms - secs * 1000)
        let day = Day(daysSinceEpoch: Int(secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400))
        let sod = Int(secs - Int64(day.daysSinceEpoch) * 86_400)
        func p(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(day)T\(p(sod / 3600, 2)):\(p(sod / 60 % 60, 2)):\(p(sod % 60, 2)).\(p(frac, 3))Z"
    }

    public static func parse(_ text: String) -> Date? {
        // YYYY-MM-DDTHH:MM:SS(.fff)?Z
        let chars = Array(text.utf8)
        guard chars.count >= 20, chars.last == UInt8(ascii: "Z"), chars[10] == UInt8(ascii: "T"),
            let day = Day(String(decoding: chars[0..<10], as: UTF8.self))
        else { return nil }
        let time = String(decoding: chars[11..<(chars.count - 1)], as: UTF8.self)
        let hms = time.split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let m = Int(hms[1]) else { return nil }
        let secParts = hms[2].split(separator: ".")
        guard let first = secParts.first, let s = Int(first), (0..<24).contains(h), (0..<60).contains(m), (0..<61).contains(s) else { return nil }
        var ms = 0
        if secParts.count == 2 {
            let f = secParts[1].prefix(3)
            guard let v = Int(f) else { return nil }
            ms = v * [1, 100, 10, 1][f.count]
        }
        let total = Int64(day.daysSinceEpoch) * 86_400_000 + Int64(h * 3_600_000 + m * 60_000 + s * 1000 + ms)
        return date(millis: total)
    }
}
