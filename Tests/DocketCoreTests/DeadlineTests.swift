import Foundation
import Testing

@testable import DocketCore

@Suite("Working-day deadlines")
struct DeadlineTests {
    let utc = WorkingCalendar()

    func at(_ day: String, hour: Double = 10) -> Date { utc.start(of: Day(day)!).addingTimeInterval(hour * 3600) }

    @Test func days_round_trip_through_their_civil_dates() {
        for text in ["1970-01-01", "2000-02-29", "2026-11-26", "2100-12-31", "1969-12-31"] {
            #expect(Day(text)?.description == text)
        }
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2026-11-26")?.isoWeekday == 4)  // Thursday
    }

    @Test func weekends_do_not_count() {
        // Served Friday 6 March with 5 working days: ends at the close of Friday 13 March.
        #expect(utc.deadline(workingDays: 5, from: at("2026-03-06")) == utc.start(of: Day("2026-03-14")!))
    }

    @Test func holidays_do_not_count() {
        var cal = utc
        cal.holidays = [Day("2026-04-03")!, Day("2026-04-06")!]  // Good Friday, Easter Monday
        // Served Thursday 2 April, 3 working days: Tue 7, Wed 8, Thu 9.
        #expect(cal.deadline(workingDays: 3, from: at("2026-04-02")) == cal.start(of: Day("2026-04-10")!))
        #expect(cal.workingDays(from: at("2026-04-02"), to: at("2026-04-09")) == 3)
    }

    @Test func the_organisations_time_zone_decides_the_day() {
        let london = WorkingCalendar(timeZone: TimeZone(identifier: "Europe/London")!)
        // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
        let late = Date(timeIntervalSince1970: Double(Day("2026-06-30")!.daysSinceEpoch) * 86_400 + 23.5 * 3600)
        #expect(london.day(of: late) == Day("2026-07-01"))
        #expect(london.start(of: Day("2026-07-01")!) == Date(timeIntervalSince1970: Double(Day("2026-07-01")!.daysSinceEpoch) * 86_400 - 3600))
    }

    @Test func a_stopped_clock_moves_the_stage_deadline_on() throws {
        var w = World()
        try w.triage()  // triage: target 10, maximum 20 working days
        let before = try #require(w.procedure.due(w.file!))
        try w.run(.pauseClock(reason: "Complainant in hospital"), by: w.caseworker)
        #expect(w.procedure.due(w.file!) == nil)
        #expect(!w.procedure.isOverdue(w.file!, at: w.now.addingTimeInterval(86_400 * 365)))
        w.advance(workingDays: 5)
        try w.run(.resumeClock(reason: "Complainant available"), by: w.caseworker)
        let after = try #require(w.procedure.due(w.file!))
        #expect(w.procedure.calendar.workingDays(from: before.maximum, to: after.maximum) == 5)
    }

    @Test func a_case_past_its_stage_maximum_is_overdue() throws {
        var w = World()
        try w.triage()
        // The maximum of 20 working days runs to the end of the 20th working day.
        w.advance(workingDays: 20)
        #expect(!w.procedure.isOverdue(w.file!, at: w.now))
        w.advance(workingDays: 1)
        #expect(w.procedure.isOverdue(w.file!, at: w.now))
    }

    @Test func pausing_needs_a_reason() throws {
        var w = World()
        try w.triage()
        #expect(w.refusal(.pauseClock(reason: ""), by: w.caseworker)?.code == "reasons_required")
    }
}
