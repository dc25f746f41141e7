import Foundation

/// An iCalendar document (RFC 5545) of calendar entries: one `VEVENT` each. Lines end in CRLF and
/// are folded at 75 octets; text is escaped; times are UTC; a deadline is an all-day event on
/// its last day.
public enum ICalendar {
    public static func document(_ entries: [CalendarEntry], name: String, url: (CalendarEntry) -> String?, stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Docket//Case calendar//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:\(text(name))",
        ]
        for e in entries {
            lines += ["BEGIN:VEVENT", "UID:\(text(e.uid))", "DTSTAMP:\(utc(stamp))"]
            if let at = e.startsAt {
                lines += ["DTSTART:\(utc(at))", "DTEND:\(utc(at.addingTimeInterval(2 * 3600)))"]
            } else if let day = e.day {
                lines += ["DTSTART;VALUE=DATE:\(date(day))", "DTEND;VALUE=DATE:\(date(Day(daysSinceEpoch: day.daysSinceEpoch + 1)))", "TRANSP:TRANSPARENT"]
            }
            lines.append("SUMMARY:\(text(e.summary))")
            if let l = e.location, !l.isEmpty { lines.append("LOCATION:\(text(l))") }
            lines.append("DESCRIPTION:\(text(e.description))")
            if let u = url(e) { lines.append("URL:\(u)") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Backslash, semicolon, comma and line breaks escaped, as TEXT values need, scalar by
    /// scalar (Swift reads "\r\n" as one character), and other control characters dropped: no
    /// text can start a line of its own.
    public static func text(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case _ where u.properties.generalCategory == .control || u == "\u{2028}" || u == "\u{2029}": break
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = "", count = 0
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            if count + width > 75 {
                out += "\r\n "
                count = 1
            }
            out.unicodeScalars.append(scalar)
            count += width
        }
        return out
    }

    static func utc(_ d: Date) -> String {
        // 2027-01-12T10:00:00.000Z -> 20270112T100000Z
        let s = Instant.string(d).filter { $0 != "-" && $0 != ":" }
        return String(s.prefix(15)) + "Z"
    }

    static func date(_ d: Day) -> String { d.description.filter { $0 != "-" } }
}
