/// A term the rule relies on, defined so that nobody stretches it after the fact.
public struct Definition: Codable, Equatable, Sendable {
    public var term: String
    public var meaning: String
    public init(term: String, meaning: String) { self.term = term; self.meaning = meaning }
}

/// One clause of the rulebook: what conduct it covers, what it means, what it allows.
public struct Clause: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var text: String
    /// The kind of complaint the clause concerns (e.g. `antisemitism`, `bullying`); analytics group by it.
    public var category: String
    public var definitions: [Definition]
    /// Examples of conduct that is a breach.
    public var breachExamples: [String]
    /// Examples of conduct that is not a breach.
    public var nonBreachExamples: [String]
    /// Every sanction a panel may impose for a breach of this clause.
    public var allowedSanctions: [SanctionKind]
    /// The sanctions the guidance recommends; a panel that goes outside them must say why.
    public var guidanceSanctions: [SanctionKind]
    /// A charge under this clause must be brought within this many days of the conduct.
    public var timeBarDays: Int

    public init(
        id: String, title: String, text: String, category: String, definitions: [Definition] = [],
        breachExamples: [String] = [], nonBreachExamples: [String] = [],
        allowedSanctions: [SanctionKind], guidanceSanctions: [SanctionKind], timeBarDays: Int
    ) {
        self.id = id; self.title = title; self.text = text; self.category = category
        self.definitions = definitions; self.breachExamples = breachExamples; self.nonBreachExamples = nonBreachExamples
        self.allowedSanctions = allowedSanctions; self.guidanceSanctions = guidanceSanctions; self.timeBarDays = timeBarDays
    }
}

/// One version of the rulebook, in force from `effectiveFrom` until the next version begins.
public struct RulebookVersion: Codable, Equatable, Sendable {
    public var version: String
    public var effectiveFrom: Day
    public var clauses: [Clause]

    public init(version: String, effectiveFrom: Day, clauses: [Clause]) {
        self.version = version; self.effectiveFrom = effectiveFrom; self.clauses = clauses
    }

    public func clause(_ id: String) -> Clause? { clauses.first { $0.id == id } }

    /// Every problem with this version, each naming where it is; empty when the version is sound.
    public func problems() -> [String] {
        var found: [String] = []
        if version.trimmingCharacters(in: .whitespaces).isEmpty { found.append("version: must not be empty") }
        if clauses.isEmpty { found.append("clauses: a rulebook version needs at least one clause") }
        var seen: Set<String> = []
        for (i, c) in clauses.enumerated() {
            let at = "clauses[\(i)] (\(c.id.isEmpty ? "no id" : c.id))"
            if c.id.isEmpty { found.append("\(at): id must not be empty") }
            if !seen.insert(c.id).inserted { found.append("\(at): the id \(c.id) is used by an earlier clause") }
            if c.title.isEmpty { found.append("\(at): title must not be empty") }
            if c.text.isEmpty { found.append("\(at): text must not be empty") }
            if c.category.isEmpty { found.append("\(at): category must not be empty") }
            if c.allowedSanctions.isEmpty { found.append("\(at): allowedSanctions must list at least one sanction") }
            for g in c.guidanceSanctions where !c.allowedSanctions.contains(g) {
                found.append("\(at): guidanceSanctions includes \(g.rawValue), which allowedSanctions does not allow")
            }
            if c.timeBarDays <= 0 { found.append("\(at): timeBarDays must be a positive number of days") }
        }
        return found
    }
}

/// Every version of the rulebook, so that each allegation is judged by the rules in force when
/// the conduct happened — never by rules written afterwards.
public struct Rulebook: Equatable, Sendable {
    public private(set) var versions: [RulebookVersion]

    public init(versions: [RulebookVersion]) {
        self.versions = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
    }

    /// The version in force on `day`: the latest whose `effectiveFrom` is on or before it.
    public func version(inForceOn day: Day) -> RulebookVersion? {
        versions.last { $0.effectiveFrom <= day }
    }

    public func clause(_ id: String, inForceOn day: Day) -> (clause: Clause, version: RulebookVersion)? {
        guard let v = version(inForceOn: day), let c = v.clause(id) else { return nil }
        return (c, v)
    }

    public var current: RulebookVersion? { versions.last }

    /// Every kind of complaint any version of the rulebook names; a case's category is one of them.
    public var categories: Set<String> { Set(versions.flatMap { $0.clauses.map(\.category) }) }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

extension Set where Element == Character {
    static let whitespaces: Set<Character> = [" ", "\t", "\n", "\r", "\u{00A0}"]
}

extension String {
    /// True when the text has something in it besides white space: reasons must say something.
    public var isBlank: Bool { trimmingCharacters(in: .whitespaces).isEmpty }
}
