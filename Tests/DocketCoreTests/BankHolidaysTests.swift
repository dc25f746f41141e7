import Foundation
import Testing

@testable import DocketCore

@Suite("The UK's bank holidays")
struct BankHolidaysTests {
    static func set(_ dates: [String]) -> Set<Day> { Set(dates.map { Day($0)! }) }

    @Test func every_region_has_its_holidays_on_weekdays_in_every_year() {
        let perYear: [BankHolidays.Region: Int] = [.englandAndWales: 8, .scotland: 9, .northernIreland: 10]
        for region in BankHolidays.Region.allCases {
            let days = BankHolidays.days(region)
            #expect(Set(days.map(\.day)).count == days.count, "\(region): a day twice")
            #expect(days.map(\.day) == days.map(\.day).sorted(), "\(region): not in date order")
            for d in days { #expect(d.day.isoWeekday <= 5, "\(region) \(d.day) \(d.name) falls on a weekend") }
            for year in BankHolidays.years {
                let count = days.filter { $0.day.civil.year == year }.count
                #expect(count == perYear[region], "\(region) \(year): \(count) holidays")
            }
        }
    }

    /// The dates GOV.UK published, written out by hand from its lists.
    @Test func the_published_years_match_gov_uk() {
        func year(_ region: BankHolidays.Region, _ y: Int) -> Set<Day> { Set(BankHolidays.days(region).map(\.day).filter { $0.civil.year == y }) }
        #expect(
            year(.englandAndWales, 2026)
                == Self.set(["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]))
        #expect(
            year(.scotland, 2024)
                == Self.set([
                    "2024-01-01", "2024-01-02", "2024-03-29", "2024-05-06", "2024-05-27", "2024-08-05", "2024-12-02", "2024-12-25", "2024-12-26",
                ]))
        #expect(
            year(.northernIreland, 2025)
                == Self.set([
                    "2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-07-14", "2025-08-25", "2025-12-25",
                    "2025-12-26",
                ]))
        // Christmas on a Saturday: both days move, to Monday and Tuesday.
        #expect(year(.englandAndWales, 2027).isSuperset(of: Self.set(["2027-12-27", "2027-12-28"])))
        #expect(BankHolidays.days(.englandAndWales).first { $0.day == Day("2026-12-28")! }?.name == "Boxing Day (substitute day)")
    }

    @Test func a_deadline_does_not_fall_on_christmas_day() {
        var cal = WorkingCalendar()
        cal.holidays = Set(BankHolidays.days(.englandAndWales).map(\.day))
        // Served on Friday 18 December 2026 with five working days: not the 25th or the 28th.
        #expect(cal.adding(workingDays: 5, to: Day("2026-12-18")!) == Day("2026-12-29")!)
    }
}
