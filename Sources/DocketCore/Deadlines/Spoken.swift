import Foundation

/// Dates and times as the pages, notices and calendars say them, the same everywhere (UTC).
public enum Spoken {
    static let utc = WorkingCalendar()

    /// `Mon 16 Mar 2026`.
    public static func day(_ d: Day) -> String {
        let c = d.civil
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return "\(days[d.isoWeekday - 1]) \(c.day) \(months[c.month - 1]) \(c.year)"
    }

    public static func date(_ d: Date) -> String { day(utc.day(of: d)) }

    /// `Mon 16 Mar 2026, 14:05 UTC`.
    public static func time(_ d: Date) -> String {
        let secs = Int(d.timeIntervalSince1970) - utc.day(of: d).daysSinceEpoch * 86_400
        return String(format: "%@, %02d:%02d UTC", date(d), secs / 3600, secs / 60 % 60)
    }
}
