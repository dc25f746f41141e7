/// Every name to look for, keyed by the hash of its first word, or of its first two words for
/// names of two words or more. Keying on one word would make every "Grace" in a document try
/// every Grace on the roster; keying on two keeps each lookup to a handful of candidates.
struct NameIndex {
    /// One name to look for. Its words are in `bytes` from `start`, each after two bytes giving
    /// its length (low byte first), so that checking a candidate reads this and one run of bytes, not arrays of arrays.
    struct Pattern {
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
        var flags: [UInt64: Int32] = [:]
        func add(_ words: some Sequence<String>, _ c: WordClass) {
            for w in words { flags[Bytes.hash(Array(w.utf8), fold: false), default: 0] |= c.rawValue }
        }
        add(WordLists.givenNames, .given)
        add(WordLists.sentenceWords, .sentence)
        add(WordLists.thingWords, .thing)
        add(WordLists.places, .place)
        add(notNames, .stop)
        add(WordLists.surnames, .surname)
        // The ordinary words, capitalised as they would start a name: the first letter of each
        // (all ASCII) upper-cased in place, with no string made for it.
        for w in OrdinaryWords.all {
            var u = w
            let h = u.withUTF8 { b -> UInt64 in
                var h: UInt64 = 0x8422_2325_CBF2_9CE4
                for (i, c) in b.enumerated() { h = (h ^ UInt64(i == 0 && Bytes.isLower(c) ? c - 32 : c)) &* 0x100_0000_01B3 }
                return h
            }
            flags[h, default: 0] |= WordClass.ordinary.rawValue
        }
        return KeyTable(pairs: flags.map { ($0.key, $0.value) })
    }()

    @inline(__always) static func wordClass(_ hash: UInt64) -> WordClass {
        WordClass(rawValue: wordClasses.first(hash) ?? 0)
    }
    private var groups: [(UInt64, Int32)] = []
    private var given: [(UInt64, Int32)] = []
    private var long: [(UInt64, Int32)] = []
    private var firsts: [UInt64: Int32] = [:]
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

    init(roster: [PrivatePerson], publicList: [PublicPerson]) {
        for (i, person) in roster.enumerated() {
            add(person.fullName, fold: true, person: i)
            for alias in person.aliases { add(alias, fold: false, person: i) }
        }
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
        starts = KeyTable(pairs: firsts.map { ($0.key, $0.value) })
        lastWords = KeyTable(pairs: lasts)
        groups = []; given = []; long = []; firsts = [:]; lasts = []
    }

    /// Splits a name into words the way the tokenizer splits text, so the two always agree.
    /// `tokens` is scratch space, reused from name to name.
    static func words(_ name: String, tokens: inout [Token]) -> [[UInt8]] {
        let bytes = Array(name.utf8)
        bytes.withUnsafeBufferPointer { Tokenizer.tokens($0, into: &tokens) }
        // A title ("Cllr") is capitalised and short; only such a word is looked up.
        return tokens.filter {
            !($0.end - $0.start <= 10 && Bytes.isUpper(bytes[$0.start]) && titles.contains(String(decoding: bytes[$0.start..<$0.end], as: UTF8.self)))
        }
        .map { Array(bytes[$0.start..<$0.core]) }
    }

    mutating func add(_ name: String, fold: Bool, person: Int?) {
        var words = Self.words(name, tokens: &scratch)
        guard !words.isEmpty, words.allSatisfy({ !$0.isEmpty && $0.count < 65_536 }), words.count < Int16.max else { return }
        if fold { words = words.map { Self.foldCase($0) } }
        let id = Int32(patterns.count)
        patterns.append(Pattern(start: Int32(bytes.count), words: Int16(words.count), fold: fold, person: Int32(person ?? -1)))
        for w in words {
            bytes.append(UInt8(w.count & 0xFF))
            bytes.append(UInt8(w.count >> 8))
            bytes.append(contentsOf: w)
        }
        // Every name is keyed by its words folded, aliases too: one lookup finds both kinds, and
        // `Redactor.matches` then holds an alias to its case as given.
        let first = Bytes.hash(words[0], fold: true)
        let key = words.count == 1 ? Self.single(first) : Self.pair(first, Bytes.hash(words[1], fold: true))
        groups.append((key, id))
        if words.count > 2 { long.append((key, id)) }
        if fold, words.count > 1 { given.append((first, id)) }
        firsts[first, default: 0] |= (words.count == 1 ? Starts.oneWord : words.count == 2 ? Starts.twoOrMore : [.twoOrMore, .threeOrMore]).rawValue
        if fold, words.count > 1 { lasts.append((Bytes.hash(words[words.count - 1], fold: true), id)) }
    }

    @inline(__always) static func single(_ h: UInt64) -> UInt64 { h ^ 1 }
    @inline(__always) static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* 0x9E37_79B9_7F4A_7C15) ^ b ^ 3 }

    /// Lower case for matching, byte by byte exactly as the text is folded when it is read
    /// (`Bytes.fold`), so that É matches é.
    static func foldCase(_ w: [UInt8]) -> [UInt8] {
        w.indices.map { Bytes.fold(w[$0], after: $0 > 0 ? w[$0 - 1] : 0) }
    }
}
