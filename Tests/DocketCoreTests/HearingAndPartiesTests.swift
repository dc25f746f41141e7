import Foundation
import Testing

@testable import DocketCore

/// The hearing as the parties take part in it: told in time, with the panel; able to object to
/// a member and to ask for an adjournment; a panel that decides by majority; a thread each with
/// the case team; their own calendar and their own account of the case.
@Suite("The hearing and the parties' side of a case")
struct HearingAndPartiesTests {
    static func names(_ w: World) -> [PersonID: String] {
        Dictionary(uniqueKeysWithValues: w.panelists.enumerated().map { ($0.element.id, "Panellist \($0.offset + 1)") })
    }

    func atTen(_ w: World, workingDays n: Int) -> Date {
        let day = w.procedure.calendar.adding(workingDays: n, to: w.procedure.calendar.day(of: w.now))
        return w.procedure.calendar.start(of: day).addingTimeInterval(36_000)
    }

    @Test func a_hearing_needs_the_notice_the_settings_ask_for_and_tells_the_parties_who_sits() throws {
        var w = World()
        try w.hearing()
        let names = Self.names(w)
        let early = w.refusal(.scheduleHearing(startsAt: atTen(w, workingDays: 9), place: "Room 1", link: nil, names: names), by: w.chair)
        #expect(early?.code == "hearing_notice_too_short")
        #expect(early?.message.contains("at least 10 working days ahead") == true)
        #expect(
            w.refusal(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: "Room 1", link: nil, names: names), by: w.caseworker)?.code
                == "not_appointing_authority")
        #expect(w.refusal(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: " ", link: nil, names: names), by: w.chair)?.code == "place_required")
        #expect(
            w.refusal(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: "Room\r\nBEGIN:VALARM", link: nil, names: names), by: w.chair)?.code
                == "place_one_line")
        let earliest = w.procedure.calendar.day(of: atTen(w, workingDays: 10))
        let saturday = earliest.adding(days: (6 - earliest.isoWeekday + 7) % 7)
        let weekend = w.refusal(
            .scheduleHearing(startsAt: w.procedure.calendar.start(of: saturday).addingTimeInterval(36_000), place: "Room 1", link: nil, names: names),
            by: w.chair)
        #expect(weekend?.code == "hearing_not_working_day")
        #expect(
            w.refusal(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: "", link: "javascript:alert(1)", names: names), by: w.chair)?.code
                == "link_invalid")
        try w.run(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: "Room 1", link: "https://meet.example.org/x", names: names), by: w.governance)
        #expect(w.file?.hearing?.startsAt == atTen(w, workingDays: 10))
        let notices = w.procedure.notices(for: w.events.last!, in: w.file!)
        let toRespondent = try #require(notices.first { $0.recipientId == w.respondent.id })
        let seated = w.file!.panel!.members.map { names[$0]! }
        for name in seated { #expect(toRespondent.body.contains(name), "the respondent is not told that \(name) sits") }
        #expect(toRespondent.body.contains("object to a member of the panel"))
        #expect(toRespondent.body.contains("https://meet.example.org/x"))
        #expect(notices.contains { $0.recipientId == w.complainant.id && $0.body.contains(seated[0]) })
    }

    @Test func an_upheld_objection_replaces_the_member_by_a_new_recorded_draw() throws {
        var w = World()
        try w.hearing()
        try w.run(.scheduleHearing(startsAt: atTen(w, workingDays: 12), place: "Room 1", link: nil, names: Self.names(w)), by: w.chair)
        let objected = w.file!.panel!.members[1]
        #expect(w.refusal(.objectToPanelMember(member: objected, reasons: "Biased."), by: w.complainant)?.code == "respondent_only")
        #expect(w.refusal(.objectToPanelMember(member: UUID(), reasons: "Biased."), by: w.respondent)?.code == "not_on_panel")
        #expect(w.refusal(.objectToPanelMember(member: objected, reasons: " "), by: w.respondent)?.code == "reasons_required")
        try w.run(.objectToPanelMember(member: objected, reasons: "She chaired the meeting where it happened."), by: w.respondent)
        #expect(w.refusal(.objectToPanelMember(member: objected, reasons: "Again."), by: w.respondent)?.code == "objection_pending")
        // The panel cannot decide while its make-up is in question.
        w.advance(workingDays: 1)
        let findings = [CaseFile.FindingRecord(allegation: 1, finding: .upheld, reasons: "Proved.")]
        #expect(w.refusal(.decide(findings: findings, sanction: nil, sanctionReasons: nil), by: w.chair)?.code == "objection_pending")
        #expect(
            w.refusal(.decideObjection(number: 1, upheld: true, reasons: "Bias.", pool: w.panelPool, seed: 5, names: Self.names(w)), by: w.chair)?.code
                == "not_appointing_authority")
        let before = w.file!.panel!.members
        try w.run(
            .decideObjection(
                number: 1, upheld: true, reasons: "A fair-minded observer would see a real possibility of bias.", pool: w.panelPool, seed: 5,
                names: Self.names(w)),
            by: w.governance)
        let after = w.file!.panel!.members
        #expect(after.count == before.count && !after.contains(objected))
        #expect(after[0] == before[0] && after[2] == before[2], "only the member objected to is replaced, in their seat")
        guard case .panelObjectionDecided(let d) = w.events.last!.event, let draw = d.replacement else {
            Issue.record("no recorded draw")
            return
        }
        #expect(draw.excluded.contains { $0.id == objected })
        #expect(Set(before).subtracting([objected]).allSatisfy { m in draw.excluded.contains { $0.id == m } })
        #expect(w.file!.objections[0].upheld == true && w.file!.objections[0].replacement == after[1])
        let told = try #require(w.procedure.notices(for: w.events.last!, in: w.file!).first { $0.recipientId == w.respondent.id })
        #expect(told.body.contains("upheld") && told.body.contains(Self.names(w)[after[1]]!))
        // Once the hearing has begun it is too late to object.
        w.advance(workingDays: 15)
        #expect(w.refusal(.objectToPanelMember(member: after[2], reasons: "Late."), by: w.respondent)?.code == "hearing_begun")
    }

    @Test func an_adjournment_is_the_panels_to_grant_and_a_granted_one_means_a_new_date() throws {
        var w = World()
        try w.hearing()
        #expect(w.refusal(.requestAdjournment(reasons: "Ill."), by: w.complainant)?.code == "hearing_not_scheduled")
        try w.run(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: "Room 1", link: nil, names: [:]), by: w.chair)
        #expect(w.refusal(.requestAdjournment(reasons: "Busy."), by: w.caseworker)?.code == "party_only")
        try w.run(.requestAdjournment(reasons: "I am in hospital that week."), by: w.complainant)
        #expect(w.file?.adjournments.first?.requestedAs == .complainant)
        #expect(w.refusal(.decideAdjournment(number: 1, granted: true, reasons: "Fair."), by: w.governance)?.code == "not_on_panel")
        // Each party may ask once at a time; the other is not blocked by, or told of, the first.
        try w.run(.requestAdjournment(reasons: "My representative is away that week."), by: w.respondent)
        #expect(w.refusal(.requestAdjournment(reasons: "Again."), by: w.complainant)?.code == "adjournment_pending")
        #expect(w.refusal(.decideAdjournment(number: 1, granted: true, reasons: "Fair."), by: w.voters[0])?.code == "chair_only")
        try w.run(.decideAdjournment(number: 1, granted: true, reasons: "A medical letter was given."), by: w.chair)
        #expect(w.file?.hearing == nil)
        w.advance(workingDays: 12)
        #expect(w.refusal(.recordHearing(notes: "Heard."), by: w.chair)?.code == "hearing_not_scheduled")
        try w.run(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: "Room 2", link: nil, names: [:]), by: w.chair)
        #expect(w.refusal(.recordHearing(notes: "Heard."), by: w.chair)?.code == "hearing_not_begun")
        w.advance(workingDays: 11)
        #expect(w.refusal(.recordHearing(notes: "Heard.", attendees: [UUID()]), by: w.chair)?.code == "unknown_attendee")
        try w.run(.recordHearing(notes: "The respondent gave evidence.", attendees: [w.respondent.id, w.chair.id]), by: w.chair)
        #expect(w.file?.hearingAttendees == [w.respondent.id, w.chair.id])
        #expect(w.file?.hearingNotes == "The respondent gave evidence.")
    }

    @Test func the_panel_decides_by_majority_and_the_record_keeps_each_vote() throws {
        var w = World()
        try w.hearing()
        let findings = [CaseFile.FindingRecord(allegation: 1, finding: .upheld, reasons: "The messages are abusive.")]
        #expect(w.refusal(.decide(findings: findings, sanction: .warning, sanctionReasons: nil), by: w.voters[0])?.code == "chair_only")
        try w.run(.decide(findings: findings, sanction: .warning, sanctionReasons: nil), by: w.chair)
        #expect(w.file?.stage == .hearing && w.file?.decision == nil, "one member alone issued the decision")
        #expect(w.refusal(.vote(concurs: true, reasons: "Mine."), by: w.chair)?.code == "proposer_cannot_vote")
        #expect(w.refusal(.vote(concurs: false, reasons: " "), by: w.voters[0])?.code == "reasons_required")
        try w.run(.vote(concurs: false, reasons: "The context was not put to the witnesses."), by: w.voters[0])
        #expect(w.file?.decision == nil)
        #expect(w.refusal(.vote(concurs: true, reasons: "Changed my mind."), by: w.voters[0])?.code == "already_voted")
        try w.run(.vote(concurs: true, reasons: "The chair's reasons are sound."), by: w.voters[1])
        let decision = try #require(w.file?.decision)
        #expect(w.file?.stage == .decided)
        #expect(decision.by == w.chair.id)
        let proposal = try #require(w.file?.proposals.first)
        #expect(proposal.status == .issued)
        #expect(proposal.votes.map(\.concurs) == [false, true])
        #expect(proposal.votes[0].reasons == "The context was not put to the witnesses.")
        #expect(w.events.map(\.event.kind).suffix(4) == ["decision_proposed", "decision_voted", "decision_voted", "decision_issued"])
    }

    @Test func a_proposal_without_a_majority_falls_and_the_chair_proposes_again() throws {
        var w = World()
        try w.hearing()
        let upheld = [CaseFile.FindingRecord(allegation: 1, finding: .upheld, reasons: "Proved.")]
        try w.run(.decide(findings: upheld, sanction: .warning, sanctionReasons: nil), by: w.chair)
        #expect(w.refusal(.decide(findings: upheld, sanction: nil, sanctionReasons: nil), by: w.chair)?.code == "proposal_open")
        try w.run(.vote(concurs: false, reasons: "Not proved."), by: w.voters[0])
        try w.run(.vote(concurs: false, reasons: "Not proved either."), by: w.voters[1])
        #expect(w.file?.proposals.first?.status == .fell)
        #expect(w.file?.decision == nil)
        let notUpheld = [CaseFile.FindingRecord(allegation: 1, finding: .notUpheld, reasons: "Not proved to the standard.")]
        try w.run(.decide(findings: notUpheld, sanction: nil, sanctionReasons: nil), by: w.chair)
        try w.concur()
        #expect(w.file?.decision?.findings.first?.finding == .notUpheld)
    }

    @Test func the_appeal_panel_decides_by_majority_too() throws {
        var w = World()
        try w.decided()
        try w.run(.appeal(grounds: "Too harsh."), by: w.respondent)
        try w.run(.appointAppealPanel(pool: w.appealPanelists.map { Candidate(id: $0.id, openCases: 0) }, seed: 4), by: w.governance)
        try w.run(.decideAppeal(outcome: .allowed, reasons: "The first panel ignored the apology.", sanction: nil), by: w.chair)
        #expect(w.file?.stage == .appeal && w.file?.appealDecision == nil)
        try w.run(.vote(concurs: true, reasons: "Agreed."), by: w.voters[0])
        #expect(w.file?.stage == .closed && w.file?.appealDecision?.outcome == .allowed)
    }

    @Test func each_party_has_a_thread_with_the_case_team_that_the_other_never_reads() throws {
        var w = World()
        try w.noticeServed()
        #expect(w.refusal(.postMessage(thread: .complainant, text: "Hello", asks: true), by: w.complainant)?.code == "party_cannot_ask")
        try w.run(.postMessage(thread: .complainant, text: "Who else saw the messages?", asks: true), by: w.caseworker)
        #expect(w.file?.unansweredQuestions().map(\.number) == [1])
        #expect(w.refusal(.postMessage(thread: .complainant, text: "I read it."), by: w.respondent)?.code == "own_thread_only")
        let respondentSees = w.file!.messages(visibleTo: w.file!.access(for: w.respondent))
        #expect(respondentSees.isEmpty)
        let told = w.procedure.notices(for: w.events.last!, in: w.file!)
        #expect(told.count == 1 && told[0].recipientId == w.complainant.id && told[0].body.contains("Who else saw"))
        #expect(w.refusal(.postMessage(thread: .complainant, text: "x", answering: 7), by: w.complainant)?.code == "not_a_question")
        try w.run(.postMessage(thread: .complainant, text: "Two committee members.", answering: 1), by: w.complainant)
        #expect(w.file?.unansweredQuestions().isEmpty == true)
        try w.run(.postMessage(thread: .respondent, text: "I need more time.", attachments: []), by: w.respondent)
        #expect(w.file!.messages(visibleTo: w.file!.access(for: w.complainant)).map(\.number) == [1, 2])
        #expect(w.refusal(.discloseMessage(number: 2, reasons: "Relevant."), by: w.respondent)?.code == "party_cannot_handle")
        try w.run(.discloseMessage(number: 2, reasons: "The answer names witnesses the respondent must be able to answer."), by: w.caseworker)
        #expect(w.file!.messages(visibleTo: w.file!.access(for: w.respondent)).map(\.number) == [2, 3])
        // The panel, which judges, reads what both sides have seen and writes to neither alone.
        w.advance(workingDays: 11)
        try w.run(.submitReport("Report."), by: w.caseworker)
        try w.run(.appointPanel(pool: w.panelPool, seed: 7), by: w.governance)
        #expect(w.file!.messages(visibleTo: w.file!.access(for: w.chair)).map(\.number) == [2])
        #expect(w.refusal(.postMessage(thread: .respondent, text: "Between us."), by: w.chair)?.code == "panel_cannot_write")
    }

    @Test func a_complainant_who_follows_by_receipt_code_writes_answers_and_adds_evidence() throws {
        var w = World()
        var complaint = w.complaint()
        complaint.complainantId = nil
        try w.run(.file(complaint, evidence: []), by: Actor(id: UUID(), roles: []))
        try w.run(.allocateCaseworker(pool: w.caseworkerPool, seed: 1), by: w.governance)
        let follower = Actor(id: UUID(), roles: [], receiptFor: w.file!.id)
        #expect(w.file!.access(for: follower) == [.complainant])
        #expect(w.file!.access(for: Actor(id: follower.id, roles: [], receiptFor: UUID())).isEmpty)
        try w.run(.postMessage(thread: .complainant, text: "When did it happen?", asks: true), by: w.caseworker)
        let notice = try #require(w.procedure.notices(for: w.events.last!, in: w.file!).first)
        #expect(notice.recipientId == nil && notice.audience == .complainant)
        try w.run(.postMessage(thread: .complainant, text: "On the 10th.", answering: 1), by: follower)
        let item = EvidenceItem(id: UUID(), filename: "chat.png", contentType: "image/png", size: 10, sha256: String(repeating: "a", count: 64))
        try w.run(.addEvidence(item), by: follower)
        #expect(w.file?.evidence.last?.addedAs == "complainant")
        #expect(w.file?.unansweredQuestions().isEmpty == true)
    }

    @Test func each_party_reads_what_happened_in_plain_words_as_their_view_allows() throws {
        var w = World()
        try w.hearing()
        try w.run(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: "Room 1", link: nil, names: Self.names(w)), by: w.chair)
        let file = w.file!
        let respondent = w.procedure.story(of: w.events, in: file, for: file.access(for: w.respondent)).map(\.text)
        let complainant = w.procedure.story(of: w.events, in: file, for: file.access(for: w.complainant)).map(\.text)
        #expect(respondent.contains { $0.hasPrefix("You were given notice of the allegations. You could respond until the end of") })
        #expect(respondent.contains("Your response to the notice was received."))
        #expect(!complainant.contains { $0.contains("response") }, "the complainant is not told of the respondent's answer")
        #expect(complainant.contains { $0.hasPrefix("The hearing was set for") && $0.contains("Panellist") })
        #expect(w.procedure.story(of: w.events, in: file, for: file.access(for: w.caseworker)).isEmpty)
    }

    @Test func calendar_text_cannot_start_a_line_of_its_own() {
        #expect(ICalendar.text("Room 2\r\nX-INJ:1\rBEGIN:VALARM\n; a, b\\") == "Room 2\\nX-INJ:1BEGIN:VALARM\\n\\; a\\, b\\\\")
        let entry = CalendarEntry(
            kind: .hearing, uid: "u@docket", summary: "Hearing\r\nATTENDEE:evil", startsAt: Date(timeIntervalSince1970: 0), day: nil,
            location: String(repeating: "é", count: 100), description: "d")
        let doc = ICalendar.document([entry], name: "n", url: { _ in nil }, stamp: Date(timeIntervalSince1970: 0))
        let lines = doc.components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.hasPrefix("ATTENDEE") })
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(doc.components(separatedBy: "BEGIN:VEVENT").count == 2)
    }

    @Test func each_person_has_their_own_dates_in_the_calendar() throws {
        var w = World()
        try w.noticeServed()
        let respond = w.procedure.calendarEntries(w.file!, for: w.file!.access(for: w.respondent))
        #expect(respond.map(\.kind) == [.respond])
        #expect(respond.first?.day == Day("2026-03-16"), "the last day to respond, as the notice says")
        #expect(w.procedure.calendarEntries(w.file!, for: w.file!.access(for: w.complainant)).isEmpty)
        try w.run(.respond(text: "I deny it.", requestsOralHearing: true), by: w.respondent)
        try w.run(.submitReport("Report."), by: w.caseworker)
        try w.run(.appointPanel(pool: w.panelPool, seed: 7), by: w.governance)
        try w.run(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: "Room 1", link: nil, names: [:]), by: w.chair)
        for person in [w.respondent, w.complainant, w.chair] {
            let hearing = w.procedure.calendarEntries(w.file!, for: w.file!.access(for: person)).filter { $0.kind == .hearing }
            #expect(hearing.count == 1 && hearing.first?.startsAt == atTen(w, workingDays: 10) && hearing.first?.location == "Room 1")
        }
        #expect(w.procedure.calendarEntries(w.file!, for: w.file!.access(for: Actor(id: UUID(), roles: [.member]))).isEmpty)
    }

    @Test func a_member_who_steps_down_takes_the_open_proposal_with_them() throws {
        var w = World()
        try w.hearing()
        let findings = [CaseFile.FindingRecord(allegation: 1, finding: .upheld, reasons: "Proved.")]
        try w.run(.decide(findings: findings, sanction: nil, sanctionReasons: nil), by: w.chair)
        let (b, c) = (w.voters[0], w.voters[1])
        try w.run(.vote(concurs: false, reasons: "Not proved."), by: b)
        try w.run(.declareConflict(reason: "I know the complainant."), by: c)
        #expect(w.file?.proposals.last?.status == .fell, "a proposal nobody could carry or defeat would leave the case stuck")
        try w.run(.decide(findings: findings, sanction: nil, sanctionReasons: nil), by: w.chair)
        #expect(w.procedure.majority(of: w.file!) == 2)
        try w.run(.vote(concurs: true, reasons: "On reflection, proved."), by: b)
        #expect(w.file?.stage == .decided)
    }

    @Test func an_adjourned_hearing_is_held_before_the_panel_decides_and_other_requests_fall_with_it() throws {
        var w = World()
        try w.hearing()
        try w.run(.scheduleHearing(startsAt: atTen(w, workingDays: 10), place: "Room 1", link: nil, names: [:]), by: w.chair)
        try w.run(.requestAdjournment(reasons: "Away."), by: w.complainant)
        try w.run(.requestAdjournment(reasons: "Ill."), by: w.respondent)
        try w.run(.decideAdjournment(number: 2, granted: true, reasons: "A medical letter."), by: w.chair)
        #expect(w.file?.adjournments.first?.granted == false && w.file?.adjournments.first?.decisionReasons?.hasPrefix("Moot") == true)
        #expect(w.refusal(.decideAdjournment(number: 1, granted: true, reasons: "x"), by: w.chair)?.code == "adjournment_decided")
        // Nobody asked to be heard, but a hearing was set: adjourning it does not let the panel skip it.
        let findings = [CaseFile.FindingRecord(allegation: 1, finding: .notUpheld, reasons: "Not proved.")]
        #expect(w.refusal(.decide(findings: findings, sanction: nil, sanctionReasons: nil), by: w.chair)?.code == "hearing_adjourned")
        try w.heard()
        try w.run(.decide(findings: findings, sanction: nil, sanctionReasons: nil), by: w.chair)
    }

    @Test func nobody_on_the_panel_judges_an_objection_or_writes_to_a_party_alone() throws {
        var w = World()
        try w.hearing()
        try w.run(.scheduleHearing(startsAt: atTen(w, workingDays: 12), place: "Room 1", link: nil, names: [:]), by: w.chair)
        try w.run(.objectToPanelMember(member: w.chair.id, reasons: "Biased."), by: w.respondent)
        // A governance member drawn to the panel holds both roles.
        let both = Actor(id: w.chair.id, roles: [.panelMember, .governance])
        #expect(w.refusal(.decideObjection(number: 1, upheld: false, reasons: "Not biased.", pool: [], seed: 1, names: [:]), by: both)?.code == "on_the_panel")
        #expect(w.file!.messages(visibleTo: w.file!.access(for: both)).isEmpty)
        #expect(w.refusal(.postMessage(thread: .respondent, text: "Between us."), by: both)?.code == "panel_cannot_write")
        // Nor is the hearing held while the objection waits.
        w.advance(workingDays: 13)
        #expect(w.refusal(.recordHearing(notes: "Heard."), by: w.chair)?.code == "objection_pending")
        // A reviewer oversees a standard-route case but does not correspond on it.
        #expect(w.refusal(.postMessage(thread: .respondent, text: "Hello."), by: w.reviewer)?.code == "cannot_write")
    }
}
