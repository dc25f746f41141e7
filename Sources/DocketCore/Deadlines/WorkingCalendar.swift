import Foundation

/// Working-day arithmetic for deadlines: weekends and a configurable list of holidays do not count.
///
/// A window of *n* working days served on a given day ends at the close of the *n*-th working day
/// after it, in the organisation's time zone. A person served on a Friday with a window of five
/// working days therefore has until the end of the following Friday, and a bank holiday in
/// between moves the deadline on by a day. Deadlines are counted this way because a response window
/// that silently includes weekends and holidays is shorter than the rules promise.
public struct WorkingCalendar: Sendable, Equatable {
    public var timeZone: TimeZone
    public var holidays: Set<Day>
    /// ISO weekdays that are not working days (6 = Saturday, 7 = Sunday).
    public var weekend: Set<Int>

    public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!, holidays: Set<Day> = [], weekend: Set<Int> = [6, 7]) {
        self.timeZone = timeZone
        self.holidays = holidays
        self.weekend = weekend
    }

    public func isWorkingDay(_ day: Day) -> Bool {
        !weekend.contains(day.isoWeekday) && !holidays.contains(day)
    }

    /// The local calendar day on which an instant falls.
    public func day(of date: Date) -> Day {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        return Day(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    /// The instant at which a local day begins.
    public func start(of day: Day) -> Date {
        let utcMidnight = Double(day.daysSinceEpoch) * 86_400
        let guess = Date(timeIntervalSince1970: utcMidnight - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: utcMidnight))))
        return Date(timeIntervalSince1970: utcMidnight - Double(timeZone.secondsFromGMT(for: guess)))
    }

    /// The *n*-th working day after `day` (n ≥ 0; n = 0 gives `day` itself).
    public func adding(workingDays n: Int, to day: Day) -> Day {
        var current = day
        var remaining = n
        while remaining > 0 {
            current = current.adding(days: 1)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// The instant a window of `n` working days opened at `date` closes: the end of the n-th
    /// working day after the day of `date`.
    public func deadline(workingDays n: Int, from date: Date) -> Date {
        start(of: adding(workingDays: n, to: day(of: date)).adding(days: 1))
    }

    /// Working days that end after `from` and by `to`: the days counted against a clock.
    public func workingDays(from: Date, to: Date) -> Int {
        let first = day(of: from), last = day(of: to)
        guard last > first else { return 0 }
        var count = 0
        var d = first.adding(days: 1)
        while d <= last {
            if isWorkingDay(d) { count += 1 }
            d = d.adding(days: 1)
        }
        return count
    }
}
