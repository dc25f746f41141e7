/// Writing CSV as RFC 4180 has it: a field with a comma, quote or line break goes in quotes,
/// with its quotes doubled.
///
/// Every CSV Docket writes goes through here, and much of it holds words someone else chose: a
/// category, a caseworker's display name, a report title. A spreadsheet opening a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return reads it as a formula, so such a
/// cell is written with a leading `'`, which spreadsheets show as text and do not evaluate. A
/// plain number (`-3`, `+2.5`, `-12%`) stays as it is, so figures remain figures.
public enum CSVText {
    public static func field(_ raw: String) -> String {
        let s = neutralised(raw)
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    public static func lines(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The cell as a spreadsheet should see it: text that would start a formula gets a `'`.
    public static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, formulaStarts.contains(first) else { return s }
        return isPlainNumber(s) ? s : "'" + s
    }

    /// `=`, `+`, `-`, `@`, tab and carriage return, and their full-width forms, which some
    /// spreadsheets fold to the same characters.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// An optional sign, digits with at most one decimal point, and an optional `%`.
    static func isPlainNumber(_ s: String) -> Bool {
        var scalars = Substring(s).unicodeScalars[...]
        if let f = scalars.first, f == "+" || f == "-" { scalars = scalars.dropFirst() }
        if scalars.last == "%" { scalars = scalars.dropLast() }
        var digits = 0, points = 0
        for c in scalars {
            if c >= "0" && c <= "9" { digits += 1 } else if c == "." { points += 1 } else { return false }
        }
        return digits > 0 && points <= 1 && scalars.first != "." && scalars.last != "."
    }
}
