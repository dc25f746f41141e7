/// A replacement chosen by a reviewer: [start, end) in Unicode scalars of the original.
public struct ChosenReplacement: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var replacement: String
    public init(start: Int, end: Int, replacement: String) { self.start = start; self.end = end; self.replacement = replacement }
}

public enum Replacements {
    /// Applies replacements to a text; where two overlap, the one that starts first wins.
    public static func apply(_ chosen: [ChosenReplacement], to text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var at = 0
        for r in chosen.sorted(by: { $0.start < $1.start }) where r.start >= at && r.end <= scalars.count && r.start <= r.end {
            out.append(contentsOf: scalars[at..<r.start])
            out.append(contentsOf: r.replacement.unicodeScalars)
            at = r.end
        }
        out.append(contentsOf: scalars[at...])
        return String(out)
    }

    /// Every occurrence of a phrase a reviewer marked by hand, as scalar ranges.
    public static func occurrences(of phrase: String, in text: String) -> [Range<Int>] {
        let needle = Array(phrase.unicodeScalars), hay = Array(text.unicodeScalars)
        guard !needle.isEmpty, needle.count <= hay.count else { return [] }
        var found: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], hay[i..<i + needle.count].elementsEqual(needle) {
                found.append(i..<i + needle.count)
                i += needle.count
            } else {
                i += 1
            }
        }
        return found
    }
}
