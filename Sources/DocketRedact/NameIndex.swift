import Foundation

/// Every name to look for, keyed by the hash of its first word, or of its first two words for
/// names of two words or more. Keying on one word would make every "Grace" in a document try
/// every Grace on the roster; keying on two keeps each lookup to a handful of candidates.
struct NameIndex {
    /// One name to look for. Its words are in `bytes` from `start`, each after two bytes giving
    /// its length (low byte first), so that checking a candidate reads this and one run of bytes, not arrays of arrays.
    struct Pattern: Equatable {
        var start: Int32
        var words: Int16
        /// Full names match in any case; aliases and handles exactly as given.
        var fold: Bool
        /// The roster index of a private person, or -1 for a public name or a phrase.
        var person: Int32
    }

    var patterns: [Pattern] = []
    var bytes: [UInt8] = []

    /// The first word of pattern c: its length, and its first byte.
    func firstWord(_ c: Int) -> (length: Int, first: UInt8) {
        let s = Int(patterns[c].start)
        return (Int(bytes[s]) | Int(bytes[s + 1]) << 8, bytes[s + 2])
    }

    /// What starts with a word, by its folded hash: one lookup says whether it starts any name
    /// and of which lengths, so most words of a document cost one probe.
    struct Starts: OptionSet {
        var rawValue: Int32
        static let oneWord = Starts(rawValue: 1)
        static let twoOrMore = Starts(rawValue: 2)
        static let threeOrMore = Starts(rawValue: 4)
    }
    var starts = KeyTable([:])
    @inline(__always) func starting(_ foldedHash: UInt64) -> Starts { Starts(rawValue: starts.first(foldedHash) ?? 0) }

    /// Pattern numbers by the key of their first word (or first two words).
    var byKey = KeyTable([:])
    /// The keys (first two words) of names of three words or more: only these are worth trying
    /// again with the third word's "s" dropped.
    var longPairs = KeyTable([:])
    /// First words of every known full name (folded): a capitalised one followed by another
    /// capitalised word looks like a person's name even when that person is on no list, as does
    /// a given name from `WordLists`.
    var givenNames = KeyTable([:])
    /// Full names (of two words or more) by their folded last word: what "T. Rayner" may be.
    var lastWords = KeyTable([:])

    /// What a capitalised word can be, from the shipped lists: one lookup answers all of it.
    struct WordClass: OptionSet {
        var rawValue: Int32
        /// A given name ("May", "Tom"): followed by a capitalised word, a person.
        static let given = WordClass(rawValue: 1)
        /// An ordinary word that starts sentences ("However", "Yesterday"): never part of a name.
        static let sentence = WordClass(rawValue: 2)
        /// A word that names a body, a place, an event, a document or an office ("Commission",
        /// "Hospital", "Act", "Mayor"): a run with it names a thing, not a person.
        static let thing = WordClass(rawValue: 4)
        /// A place ("Manchester", "Croydon").
        static let place = WordClass(rawValue: 8)
        /// A word of `notNames`: not part of a run of capitalised words taken for a name, though
        /// it may be a surname after a title or a given name ("Dr Hill", "Tom Green").
        static let stop = WordClass(rawValue: 16)
        /// An ordinary English word, capitalised ("Matters", "Support").
        static let ordinary = WordClass(rawValue: 32)
        /// A surname that is also an ordinary word ("Green", "Cook").
        static let surname = WordClass(rawValue: 64)
    }

    /// Every listed word's class, by the hash of the word as written.
    static let wordClasses: KeyTable = {
        var flags: [(UInt64, Int32)] = []
        flags.reserveCapacity(80_000)
        func add(_ words: some Sequence<String>, _ c: WordClass) {
            for w in words { flags.append((Bytes.hash(Array(w.utf8), fold: false), c.rawValue)) }
        }
        add(WordLists.givenNames, .given)
        add(WordLists.sentenceWords, .sentence)
        add(WordLists.thingWords, .thing)
        add(WordLists.places, .place)
        add(notNames, .stop)
        add(WordLists.surnames, .surname)
        // The ordinary words, capitalised as they would start a name: the first letter of each
        // (all ASCII) upper-cased as it is hashed, with no string made for it.
        OrdinaryWords.forEach { b in
            var h: UInt64 = 0x8422_2325_CBF2_9CE4
            for (i, c) in b.enumerated() { h = (h ^ UInt64(i == 0 && Bytes.isLower(c) ? c - 32 : c)) &* 0x100_0000_01B3 }
            flags.append((h, WordClass.ordinary.rawValue))
        }
        return KeyTable(merging: flags)
    }()

    @inline(__always) static func wordClass(_ hash: UInt64) -> WordClass {
        WordClass(rawValue: wordClasses.first(hash) ?? 0)
    }
    private var groups: [(UInt64, Int32)] = []
    private var given: [(UInt64, Int32)] = []
    private var long: [(UInt64, Int32)] = []
    private var firsts = HashMap<Int32>()
    private var lasts: [(UInt64, Int32)] = []
    private var scratch: [Token] = []

    /// Capitalised words that start sentences or name things, not people: a run of capitalised
    /// words that contains one of these is not taken for a person's name.
    static let notNames: [String] = [
        "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "For", "From", "To", "Of", "And", "But", "Or", "If",
        "When", "While", "After", "Before", "During", "As", "By", "With", "Without", "Our", "Their", "His", "Her", "Its", "My",
        "We", "They", "He", "She", "It", "I", "You", "Dear", "Yours", "Not", "No", "Yes", "All", "Any", "Some", "Each", "Every",
        "Party", "Union", "Branch", "Committee", "Council", "Labour", "Conservative", "Green", "National", "Executive",
        "Governance", "Panel", "Report", "Inquiry", "Review", "Rule", "Rules", "Rulebook", "Clause", "Section", "Appendix", "Chapter",
        "Annex", "Part", "Street", "St", "Road", "Rd", "Lane", "Avenue", "Close", "Way", "Square", "Place", "Park", "High", "Hill",
        "House", "Hall", "Centre", "Center", "Office", "Group", "Team", "Board", "Meeting", "Conference", "Member", "Members",
        "Person", "Mr", "Mrs", "Ms", "Dr", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Complaint", "Complainant", "Respondent", "Decision", "Appeal", "Notice", "Hearing", "Investigation", "Findings",
        "Chair", "Secretary", "Treasurer", "General", "Secretary-General", "Officer", "Councillor", "Minister", "Government",
        "Parliament", "Kingdom", "United", "England", "Scotland", "Wales", "Ireland", "London", "Britain", "British", "European",
    ]

    static let titles: Set<String> = [
        "Dr", "Cllr", "Mr", "Mrs", "Ms", "Miss", "Mx", "Sir", "Dame", "Lord", "Lady", "Prof", "Rev", "Revd", "Fr", "Sister", "Brother", "Comrade",
        "Professor", "Reverend", "Father", "Pastor", "Canon", "Rabbi", "Imam", "Baroness", "Baron", "Judge", "Justice", "Colonel", "Captain",
        "Sergeant", "Sgt", "Inspector", "Detective", "Councillor", "Alderman",
    ]

    /// `halves`: whether a large roster is read on two cores (tests compare the two ways).
    init(roster: [PrivatePerson], publicList: [PublicPerson], halves: Bool = true) {
        // A large roster's names are read on two cores: the second half into an index of its
        // own, joined on after the first, so every pattern has the number it would have had.
        let half = halves && roster.count >= 10_000 ? roster.count / 2 : roster.count
        let second = Joinable<NameIndex>()
        if half < roster.count {
            let rest = roster[half...]
            let thread = Thread {
                var part = NameIndex()
                part.add(rest, from: half)
                second.finish(part)
            }
            thread.start()
        }
        add(roster[..<half], from: 0)
        if half < roster.count { append(second.join()) }
        for person in publicList {
            add(person.name, fold: true, person: nil)
            for alias in person.aliases { add(alias, fold: false, person: nil) }
        }
        // Names of bodies, places, events and documents stay as written, as officials' do:
        // "Charity Commission", "Victoria Park", "Second World War".
        for phrase in WordLists.phrases { add(phrase, fold: false, person: nil) }
        byKey = KeyTable(pairs: groups)
        longPairs = KeyTable(pairs: long)
        givenNames = KeyTable(pairs: given)
        var startPairs: [(UInt64, Int32)] = []
        startPairs.reserveCapacity(firsts.count)
        firsts.forEach { startPairs.append(($0, $1)) }
        starts = KeyTable(pairs: startPairs)
        lastWords = KeyTable(pairs: lasts)
        groups = []; given = []; long = []; firsts = HashMap(); lasts = []
    }

    private init() {}

    /// Adds roster members' names and aliases; `from` is the roster index of the first.
    private mutating func add(_ people: ArraySlice<PrivatePerson>, from: Int) {
        for (i, person) in zip(from..., people) {
            add(person.fullName, fold: true, person: i)
            for alias in person.aliases { add(alias, fold: false, person: i) }
        }
    }

    /// Joins on the names another index gathered (not yet built into tables), after these.
    private mutating func append(_ other: NameIndex) {
        let patternShift = Int32(patterns.count), byteShift = Int32(bytes.count)
        patterns.append(
            contentsOf: other.patterns.lazy.map {
                var p = $0; p.start += byteShift; return p
            })
        bytes.append(contentsOf: other.bytes)
        func shifted(_ pairs: [(UInt64, Int32)]) -> [(UInt64, Int32)] { pairs.map { ($0.0, $0.1 + patternShift) } }
        groups.append(contentsOf: shifted(other.groups))
        given.append(contentsOf: shifted(other.given))
        long.append(contentsOf: shifted(other.long))
        lasts.append(contentsOf: shifted(other.lasts))
        other.firsts.forEach { key, flags in firsts[key] = (firsts[key] ?? 0) | flags }
    }

    /// A title ("Cllr", "Dr"), by the hash of the word as written: a name's words are read
    /// without it.
    static let titleHashes: Set<UInt64> = Set(titles.map { Bytes.hash(Array($0.utf8), fold: false) })

    @inline(__always) static func isTitle(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool {
        let len = tok.end - tok.start
        return len >= 2 && len <= 10 && Bytes.isUpper(p[tok.start]) && titleHashes.contains(Bytes.hash(p, tok.start, tok.end, fold: false))
    }

    mutating func add(_ name: String, fold: Bool, person: Int?) {
        var name = name
        name.withUTF8 { add($0, fold: fold, person: person) }
    }

    /// Adds a name, split into words the way the tokenizer splits text so the two always agree,
    /// its titles left out; each word goes straight into `bytes` (folded for a full name).
    mutating func add(_ b: UnsafeBufferPointer<UInt8>, fold: Bool, person: Int?) {
        Tokenizer.tokens(b, into: &scratch)
        let start = bytes.count
        var count = 0
        var first: UInt64 = 0, second: UInt64 = 0, last: UInt64 = 0
        for tok in scratch where !Self.isTitle(b, tok) {
            let length = tok.core - tok.start
            guard length > 0, length < 65_536, count < Int16.max - 1 else {
                bytes.removeLast(bytes.count - start)
                return
            }
            bytes.append(UInt8(length & 0xFF))
            bytes.append(UInt8(length >> 8))
            if fold {
                for i in tok.start..<tok.core { bytes.append(Bytes.fold(b[i], after: i > tok.start ? b[i - 1] : 0)) }
            } else {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[tok.start..<tok.core]))
            }
            // Every name is keyed by its words folded, aliases too: one lookup finds both kinds,
            // and `Redactor.matches` then holds an alias to its case as given.
            last = Bytes.hash(b, tok.start, tok.core, fold: true)
            if count == 0 { first = last } else if count == 1 { second = last }
            count += 1
        }
        guard count > 0 else { return }
        let id = Int32(patterns.count)
        patterns.append(Pattern(start: Int32(start), words: Int16(count), fold: fold, person: Int32(person ?? -1)))
        let key = count == 1 ? Self.single(first) : Self.pair(first, second)
        groups.append((key, id))
        if count > 2 { long.append((key, id)) }
        if fold, count > 1 { given.append((first, id)) }
        firsts[first] = (firsts[first] ?? 0) | (count == 1 ? Starts.oneWord : count == 2 ? Starts.twoOrMore : [.twoOrMore, .threeOrMore]).rawValue
        if fold, count > 1 { lasts.append((last, id)) }
    }

    @inline(__always) static func single(_ h: UInt64) -> UInt64 { h ^ 1 }
    @inline(__always) static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* 0x9E37_79B9_7F4A_7C15) ^ b ^ 3 }

}
