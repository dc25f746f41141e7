/// Consistent pseudonyms: the same person always gets the same label within a publication, and
/// no two people share one. The table can be saved and loaded so a series of documents agrees.
public struct Pseudonyms: Sendable, Equatable {
    /// Key (`member:ID` or `unknown:name`) to label.
    public private(set) var labels: [String: String] = [:]
    private var counters: [String: Int] = [:]

    public init() {}

    /// Rebuilds a table saved earlier; counters continue after the highest label used.
    public init(labels: [String: String]) {
        self.labels = labels
        for label in labels.values {
            let parts = label.split(separator: " ")
            guard parts.count == 2, let n = Self.number(String(parts[1])) else { continue }
            counters[String(parts[0]), default: 0] = max(counters[String(parts[0]), default: 0], n + 1)
        }
    }

    @discardableResult
    public mutating func label(for key: String, prefix: String = "Member") -> String {
        if let l = labels[key] { return l }
        let n = counters[prefix, default: 0]
        counters[prefix] = n + 1
        let l = "\(prefix) \(Self.letters(n))"
        labels[key] = l
        return l
    }

    /// Whether labels with this prefix have been given (or read from a saved table).
    func numbers(_ prefix: String) -> Bool { counters[prefix] != nil }

    /// 0 → A … 25 → Z, 26 → AA, 27 → AB …
    static func letters(_ n: Int) -> String {
        var n = n
        var letters: [UInt8] = []
        repeat {
            letters.append(UInt8(65 + n % 26))
            n = n / 26 - 1
        } while n >= 0
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    static func number(_ letters: String) -> Int? {
        var n = 0
        guard letters.unicodeScalars.count <= 12 else { return nil }  // 26^12 fits; a longer label is nobody's
        for c in letters.unicodeScalars {
            guard c.value >= 65, c.value <= 90 else { return nil }
            n = n * 26 + Int(c.value - 64)
        }
        return n - 1
    }
}
