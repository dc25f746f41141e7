/// The redaction engine: a document and the lists in, the redacted document and a map out.
///
/// Private persons' names, aliases and handles become consistent pseudonyms ("Member A");
/// public persons' names stay; e-mail addresses, phone numbers, membership numbers and postcodes
/// are removed; capitalised names on no list are replaced and reported for review unless
/// `keepUnknown` is set. Offsets in the map count Unicode scalars of the input.
public final class Redactor {
    public struct Options: Sendable {
        public var keepUnknown = false
        public var membershipPattern = "LDDDDDDD"
        public init(keepUnknown: Bool = false, membershipPattern: String = "LDDDDDDD") {
            self.keepUnknown = keepUnknown; self.membershipPattern = membershipPattern
        }
    }

    let roster: [PrivatePerson]
    let index: NameIndex
    let scanner: PersonalDataScanner
    let options: Options
    /// The pseudonym table, with every label given so far.
    public var pseudonyms: Pseudonyms {
        recordMembers()
        return table
    }
    private var table: Pseudonyms
    /// When the table given holds no member's label, a member seen for the first time simply
    /// gets the next letter, and the table is told only when it is read: a roster's first
    /// sightings cost a string and no table look-up (tens of thousands in a large report).
    private let membersFresh: Bool
    private var nextMember = 0
    private var unrecorded: [Int] = []
    /// Whether each map entry carries the text it replaced (for a reviewer in the application).
    /// `docket redact` writes no originals, and does not make them.
    public var recordsOriginals = true
    private var tokens: [Token] = []
    private var spans: [Span] = []
    /// Each roster member's pseudonym once given, by roster index.
    private var memberLabels: [String?]
    /// Surnames seen in a full name so far, by their folded hash.
    private var surnames = HashMap<Surname>()
    /// While a stretch analysed ahead is read: the listed name at each word (see `Analysis`).
    private var hasAnalysis = false
    private var analysedNames: [UInt64] = []

    public init(roster: [PrivatePerson], publicList: [PublicPerson], options: Options = .init(), pseudonyms: Pseudonyms = .init()) {
        self.roster = roster
        self.index = NameIndex(roster: roster, publicList: publicList)
        self.scanner = PersonalDataScanner(membershipPattern: options.membershipPattern)
        self.options = options
        self.table = pseudonyms
        // No key a member's could equal, and no label that numbers members already.
        self.membersFresh = !pseudonyms.numbers("Member") && !pseudonyms.labels.keys.contains { $0.utf8.starts(with: "member:".utf8) }
        self.memberLabels = Array(repeating: nil, count: roster.count)
    }

    /// A redactor with the same lists and options, and state of its own: it analyses stretches
    /// ahead (`prepare`, `names`) on another thread while this one reads the stretch before.
    init(sharingListsOf other: Redactor) {
        roster = other.roster
        index = other.index
        scanner = other.scanner
        options = other.options
        table = Pseudonyms()
        membersFresh = true
        memberLabels = []
    }

    /// What can be worked out about a stretch of text without the stretches before it: its words,
    /// the personal data in it, and the listed name (if any) at each word. What comes of a name
    /// found (its pseudonym, its surname remembered) waits for `findSpans`, in the order of the
    /// document; so `docket redact` analyses the next stretch on a second core while it writes
    /// this one, and the result is the same as reading both in turn.
    struct Analysis: Sendable {
        var tokens: [Token]
        var personal: [Span]
        /// Per word: what the two passes found there (`Candidates.packed`), or `Candidates.unread`.
        var names: [UInt64]
        /// How many Unicode scalars the stretch holds.
        var scalars: Int
        /// Where its UTF-8 continuation bytes are, in order, so that a byte offset becomes a scalar
        /// offset without reading the bytes again; nil when there are many (text mostly outside ASCII).
        var continuations: [Int32]?
    }

    /// The first part of an analysis: words, personal data and scalars; `names` is left empty.
    func prepare(_ p: UnsafeBufferPointer<UInt8>) -> Analysis {
        var words: [Token] = []
        Tokenizer.tokens(p, into: &words)
        var personal: [Span] = []
        scanner.scan(p, tokens: words, into: &personal)
        var continuations: [Int32]? = []
        var scalars = 0
        for (i, b) in p.enumerated() {
            guard b >= 0x80 else { scalars += 1; continue }
            if Bytes.isContinuation(b) {
                if continuations != nil, continuations!.count > p.count / 8 || i > Int(Int32.max) { continuations = nil }
                continuations?.append(Int32(i))
            } else {
                scalars += 1
            }
        }
        return Analysis(tokens: words, personal: personal, names: [], scalars: scalars, continuations: continuations)
    }

    /// The second part: the listed name at each word of `range` (-1 for none), written into `out`.
    /// Two threads may each take some ranges of one stretch.
    func names(_ p: UnsafeBufferPointer<UInt8>, of analysis: Analysis, words range: Range<Int>, into out: UnsafeMutableBufferPointer<UInt64>) {
        tokens = analysis.tokens
        spans = analysis.personal
        defer {
            tokens = []
            spans = []
        }
        guard let first = range.first else { return }
        // The first personal data that ends after the range's first word starts.
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].end <= tokens[first].start { lo = mid + 1 } else { hi = mid }
        }
        var pii = lo
        for t in range {
            let tok = tokens[t]
            out[t] = Candidates.unread
            // Words inside personal data are not read ahead (`findSpans` skips them).
            while pii < spans.count, spans[pii].end <= tok.start { pii += 1 }
            if pii < spans.count, spans[pii].start < tok.end { continue }
            out[t] = bestName(p, at: t).packed ?? Candidates.unread
        }
    }

    /// Finds what to replace in one stretch of text, from its analysis when it was analysed ahead.
    func findSpans(_ p: UnsafeBufferPointer<UInt8>, analysis: Analysis? = nil) -> [Span] {
        if let analysis {
            tokens = analysis.tokens
            spans = analysis.personal
            analysedNames = analysis.names
            hasAnalysis = true
        } else {
            Tokenizer.tokens(p, into: &tokens)
            spans.removeAll(keepingCapacity: true)
            scanner.scan(p, tokens: tokens, into: &spans)
        }
        defer {
            hasAnalysis = false
            analysedNames = []
        }
        var names: [Span] = []
        var pii = 0
        var t = 0
        while t < tokens.count {
            let tok = tokens[t]
            while pii < spans.count, spans[pii].end <= tok.start { pii += 1 }
            if pii < spans.count, spans[pii].start < tok.end { t += 1; continue }
            if let (words, span) = matchName(p, at: t) {
                if let span { names.append(span) }
                t += words
                continue
            }
            // Initials, a surname alone and a name on no list all start with a capital (or a
            // letter outside ASCII): a word in lower case is nothing more.
            let b = p[tok.start]
            if !Bytes.isUpper(b), b < 0x80 { t += 1; continue }
            if let (words, span) = initials(p, at: t) ?? surnameAlone(p, at: t) {
                if let span { names.append(span) }
                t += words
                continue
            }
            // With `keepUnknown`, only what turns out to be a member ("Tom J. Rayner") is taken.
            if let (words, span) = unknownName(p, at: t, membersOnly: options.keepUnknown) {
                names.append(span)
                rememberSurname(p, of: span, lastWord: t + words - 1)
                t += words
                continue
            }
            t += 1
        }
        if names.isEmpty { return spans }
        var all = spans + names
        all.sort { $0.start < $1.start }
        return Self.disjoint(all)
    }

    /// Spans that overlap become one, covering both, so that nothing in either is left in the
    /// text and the spans can be written out in order.
    static func disjoint(_ sorted: [Span]) -> [Span] {
        var out: [Span] = []
        out.reserveCapacity(sorted.count)
        for s in sorted {
            if let last = out.last, s.start < last.end {
                out[out.count - 1].end = max(last.end, s.end)
            } else {
                out.append(s)
            }
        }
        return out
    }

    /// Whether a word shares a byte with personal data already found (an e-mail address, say):
    /// a name never runs into it.
    func touchesPersonalData(_ tok: Token) -> Bool {
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].end <= tok.start { lo = mid + 1 } else { hi = mid }
        }
        return lo < spans.count && spans[lo].start < tok.end
    }

    /// A listed name found at a word: how many words it takes, and which pattern it is.
    struct Found: Equatable {
        var words: Int
        var pattern: Int
    }

    /// What the two passes at a word found: the name as written, and the name read as a
    /// possessive without its apostrophe (tried only when it could be longer). The longer wins.
    struct Candidates: Equatable {
        var plain: Found?
        var plural: Found?
        var winner: Found? {
            guard let plural, plural.words > (plain?.words ?? 0) else { return plain }
            return plural
        }

        /// Both in 64 bits, for an analysis: each as its pattern (24 bits) and word count (8 bits),
        /// all ones for none. Nil when one does not fit; the word is then read again in place.
        var packed: UInt64? {
            func pack(_ f: Found?) -> UInt64? {
                guard let f else { return 0xFFFF_FFFF }
                guard f.pattern < 0xFF_FFFF, f.words < 0xFF else { return nil }
                return UInt64(f.pattern) << 8 | UInt64(f.words)
            }
            guard let a = pack(plain), let b = pack(plural) else { return nil }
            return a << 32 | b
        }

        init(plain: Found?, plural: Found?) {
            self.plain = plain
            self.plural = plural
        }

        init(packed v: UInt64) {
            func unpack(_ x: UInt64) -> Found? { x == 0xFFFF_FFFF ? nil : Found(words: Int(x & 0xFF), pattern: Int(x >> 8)) }
            plain = unpack(v >> 32)
            plural = unpack(v & 0xFFFF_FFFF)
        }

        /// In an analysis: a word that was not analysed (inside personal data, or too large to pack).
        static let unread: UInt64 = 0xFFFF_FFFE_FFFF_FFFE
    }

    /// The listed names at word t, as `matchName` reads them, from the analysis when there is one.
    @inline(__always) func candidates(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> Candidates {
        if hasAnalysis {
            let v = analysedNames[t]
            if v != Candidates.unread { return Candidates(packed: v) }
        }
        return bestName(p, at: t)
    }

    /// The longest listed name starting at word t; a public name wins a tie. Returns the number
    /// of words consumed and the span to replace (nil for a public name, which stays).
    /// A full name seen makes its surname alone that person from here on ("Tom Rayner …
    /// Rayner said"); an official's, that official. What both passes found counts so, in turn,
    /// the one that did not win too: its surname is remembered and its member labelled.
    func matchName(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> (Int, Span?)? {
        let found = candidates(p, at: t)
        guard let best = found.winner else { return nil }
        func take(_ f: Found) {
            let pattern = index.patterns[f.pattern]
            let person = Int(pattern.person)
            if f.words >= 2, pattern.fold {
                let last = tokens[t + f.words - 1]
                remember(Bytes.hash(p, last.start, last.core, fold: true), as: person >= 0 ? .member(person) : .official)
            }
            if person >= 0 { _ = label(of: person) }
        }
        if let plain = found.plain { take(plain) }
        if let plural = found.plural { take(plural) }
        let person = Int(index.patterns[best.pattern].person)
        let last = tokens[t + best.words - 1]
        guard person >= 0 else { return (best.words, nil) }
        return (
            best.words,
            Span(
                start: titleStart(p, t) ?? tokens[t].start, end: last.core, kind: .member, replacement: label(of: person),
                memberId: roster[person].memberId)
        )
    }

    /// The listed names starting at word t, with no side effect: the same for a word wherever
    /// the document is cut, so they can be worked out ahead, on another thread. A name that ends
    /// in an "s" it does not have is that name's possessive written without its apostrophe
    /// ("Tom Rayners complaint"), once no name matches as written.
    func bestName(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> Candidates {
        let first = tokens[t]
        let foldFirst = Bytes.hash(p, first.start, first.core, fold: true)
        // What names the word starts, as written: most words of a document start none.
        let starting = index.starting(foldFirst)
        // Only where one of the first three words could have lost its apostrophe: it ends in an
        // "s" and carries no possessive already. The longer name wins ("Sunny Patels" over the
        // alias "Sunny").
        // Prose is mostly words in lower case, most of which end in "s" or stand before one that
        // does: a name of one word is read so only when capitalised, a longer one only after a
        // word that starts a listed name.
        func endsInS(_ k: Int) -> Bool {
            guard k < tokens.count else { return false }
            let tok = tokens[k]
            return tok.core == tok.end && tok.end - tok.start >= 3 && (p[tok.end - 1] == 0x73 || p[tok.end - 1] == 0x53)
        }
        let single = endsInS(t) && (Bytes.isUpper(p[first.start]) || p[first.start] >= 0xC0)
        // A word that starts no name, and is no capitalised word ending in "s", is no name.
        if starting.isEmpty, !single { return Candidates(plain: nil, plural: nil) }
        let found = bestName(p, at: t, plural: false, foldFirst: foldFirst, starting: starting)
        // The second word may have lost its apostrophe after a word that starts a name; the third
        // only after the two words that start a name of three words or more.
        func startsLongName() -> Bool {
            guard t + 1 < tokens.count, starting.contains(.threeOrMore) else { return false }
            let second = tokens[t + 1]
            return index.longPairs.contains(NameIndex.pair(foldFirst, Bytes.hash(p, second.start, second.core, fold: true)))
        }
        // What the plain pass found bounds what the plural pass could add: a name of one word
        // could become two ("Sunny" → "Sunny Patels"), one of two only three, and nothing longer
        // is tried again.
        let foundWords = found?.words ?? 0
        let plainOnly = Candidates(plain: found, plural: nil)
        guard found.map({ index.patterns[$0.pattern].person >= 0 }) ?? true, foundWords < 3 else { return plainOnly }
        let twoWords =
            foundWords < 2 && first.core == first.end && endsInS(t + 1)
            && starting.contains(.twoOrMore)
        let longer = twoWords || (first.core == first.end && endsInS(t + 2) && startsLongName())
        guard (single && foundWords == 0) || longer else { return plainOnly }
        return Candidates(plain: found, plural: bestName(p, at: t, plural: true, foldFirst: foldFirst, starting: starting))
    }

    /// `foldFirst` is the first word's folded hash, and `starting` what names it starts.
    func bestName(_ p: UnsafeBufferPointer<UInt8>, at t: Int, plural: Bool, foldFirst: UInt64, starting: NameIndex.Starts) -> Found? {
        let first = tokens[t]
        var best: (words: Int, pattern: Int)?
        // As written, a word that starts no name ends the search here.
        if !plural, starting.isEmpty { return nil }
        // The second word, when it follows after nothing but space, keys names of two words or more.
        var pair: UInt64?, longPair: UInt64?
        var secondLostS = false
        if first.core == first.end, t + 1 < tokens.count, onlySpace(p, first.end, tokens[t + 1].start),
            starting.contains(.twoOrMore)
        {
            let second = tokens[t + 1]
            // Read as a possessive without its apostrophe, a name of two words loses the second's
            // last "s"; a longer name keys on its first two words as written.
            let end = plural && second.core == second.end && (p[second.end - 1] == 0x73 || p[second.end - 1] == 0x53) ? second.end - 1 : second.core
            secondLostS = end != second.core
            pair = NameIndex.pair(foldFirst, Bytes.hash(p, second.start, end, fold: true))
            if plural { longPair = NameIndex.pair(foldFirst, Bytes.hash(p, second.start, second.core, fold: true)) }
        }
        func consider(_ key: UInt64?) {
            guard let key else { return }
            index.byKey.forEach(key) { item in
                let c = Int(item)
                let pattern = index.patterns[c]
                let n = Int(pattern.words)
                // Without its apostrophe, a name of one word must be a name of some length, written
                // with its capital: "Smiths", not "wills".
                if plural, n == 1, index.firstWord(c).length < 4 || !isCapitalised(p, tokens[t]) { return }
                guard t + n <= tokens.count, best == nil || n >= best!.words, matches(p, pattern, at: t, plural: plural),
                    !(t..<(t + n)).contains(where: { touchesPersonalData(tokens[$0]) })
                else { return }
                if best == nil || n > best!.words || pattern.person < 0 { best = (n, c) }
            }
        }
        if plural {
            // The pair as written was tried by the plain pass; only a longer name can differ now.
            if longPair != pair, let k = longPair, index.longPairs.contains(k) { consider(k) }
            if first.core == first.end, p[first.end - 1] == 0x73 || p[first.end - 1] == 0x53 {
                consider(NameIndex.single(Bytes.hash(p, first.start, first.end - 1, fold: true)))
            }
        } else if starting.contains(.oneWord) {
            consider(NameIndex.single(foldFirst))
        }
        // With its "s" dropped, the second word keys other names. As written, the plain pass
        // tried the pair for names of two words; only a longer name's last word can differ now.
        if !plural || secondLostS {
            consider(pair)
        } else if let k = pair, index.longPairs.contains(k) {
            consider(k)
        }
        return best.map { Found(words: $0.words, pattern: $0.pattern) }
    }

    /// Who a surname alone stands for, once a full name with it has been seen in the document.
    enum Surname: Equatable {
        case member(Int)
        case official
        /// A person on no list, under the key of their pseudonym.
        case unknown(String)
        /// Two people seen with this surname: a surname alone is still removed, as itself.
        case ambiguous
    }

    func remember(_ surname: UInt64, as who: Surname) {
        guard let earlier = surnames[surname] else { surnames[surname] = who; return }
        if earlier != who { surnames[surname] = .ambiguous }
    }

    /// After an unknown full name of two words or more, its last word alone is that person,
    /// unless it is an ordinary word, a thing or a place ("Sarah Hill … Hill" stays a hill).
    func rememberSurname(_ p: UnsafeBufferPointer<UInt8>, of span: Span, lastWord t: Int) {
        let last = tokens[t]
        guard t > 0, span.start < tokens[t - 1].end else { return }
        let c = wordClass(p, last)
        guard c.isDisjoint(with: [.ordinary, .thing, .place, .sentence, .stop]) || c.contains(.surname) && !c.contains(.ordinary) else { return }
        guard let key = span.unknownKey else { return }
        remember(Bytes.hash(p, last.start, last.core, fold: true), as: .unknown(key))
    }

    /// A surname alone, capitalised or in capitals, whose full name came earlier: that person.
    /// Not when another capitalised word follows ("Rayner Road" names a road).
    func surnameAlone(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> (Int, Span?)? {
        guard !surnames.isEmpty else { return nil }
        let tok = tokens[t]
        guard isCapitalised(p, tok) || isAllCaps(p, tok), var who = surnames[Bytes.hash(p, tok.start, tok.core, fold: true)] else { return nil }
        if tok.core == tok.end, t + 1 < tokens.count, onlySpace(p, tok.end, tokens[t + 1].start), isCapitalised(p, tokens[t + 1]) || isAllCaps(p, tokens[t + 1])
        {
            return nil
        }
        let start = titleStart(p, t) ?? tok.start
        // An official's surname that a member on the roster also has may be the member
        // ("Marcus Whitfield spoke. Mrs Whitfield complained." with Jane Whitfield on the roster):
        // it is removed, since a leak is worse than a word too many.
        if who == .official, rosterHasSurname(p, tok) { who = .ambiguous }
        switch who {
        case .official: return (1, nil)
        case .member(let person):
            return (1, Span(start: start, end: tok.core, kind: .member, replacement: label(of: person), memberId: roster[person].memberId))
        case .unknown(let key):
            return (1, Span(start: start, end: tok.core, kind: .unknownName, replacement: table.label(for: key, prefix: "Person"), memberId: nil))
        case .ambiguous:
            let key = "unknown:" + String(decoding: UnsafeBufferPointer(rebasing: p[tok.start..<tok.core]), as: UTF8.self).lowercased()
            return (1, Span(start: start, end: tok.core, kind: .unknownName, replacement: table.label(for: key, prefix: "Person"), memberId: nil))
        }
    }

    /// Whether a member on the roster has this word as their surname.
    func rosterHasSurname(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool {
        var found = false
        index.lastWords.forEach(Bytes.hash(p, tok.start, tok.core, fold: true)) { c in
            if index.patterns[Int(c)].person >= 0 { found = true }
        }
        return found
    }

    /// Initials and a surname: "T. Rayner", "J.R. Smith", "A. N. Other". The roster member or
    /// official with that surname and a first name with that initial, when there is exactly one;
    /// otherwise a person on no list, who is still removed (unless `keepUnknown`).
    func initials(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> (Int, Span?)? {
        func isInitial(_ k: Int) -> Bool { k < tokens.count && isInitialWord(p, tokens[k]) }
        guard isInitial(t) else { return nil }
        var k = t
        // At most three initials: a longer run ("T. T. T. …") is not a name, and is not walked
        // again from each of its words.
        while k - t < 3, isInitial(k + 1), tokens[k + 1].start - tokens[k].end <= 2 { k += 1 }
        let s = k + 1
        guard s < tokens.count, s - t <= 3 else { return nil }
        let surname = tokens[s]
        // After the initial's full stop, at most a space.
        guard surname.start - tokens[k].end <= 2, surname.start - tokens[k].end >= 1 else { return nil }
        let c = wordClass(p, surname)
        // Two initials or more ("A. N. Other") make a name of any capitalised word after them.
        guard isCapitalised(p, surname) || isAllCaps(p, surname), s - t >= 2 || !c.contains(.sentence),
            c.contains(.surname) || !(c.contains(.thing) || c.contains(.place))
        else { return nil }
        // "A. Smith Ltd": a capitalised word after it makes it something else's name.
        if surname.core == surname.end, s + 1 < tokens.count, onlySpace(p, surname.end, tokens[s + 1].start),
            isCapitalised(p, tokens[s + 1]), wordClass(p, tokens[s + 1]).contains(.thing)
        {
            return nil
        }
        let initial = Bytes.lower(p[tokens[t].start])
        var matched: Set<Int32> = []
        index.lastWords.forEach(Bytes.hash(p, surname.start, surname.core, fold: true)) { c in
            if index.firstWord(Int(c)).first == initial { matched.insert(index.patterns[Int(c)].person) }
        }
        let words = s - t + 1
        let start = titleStart(p, t) ?? tokens[t].start
        if matched.count == 1, let person = matched.first {
            guard person >= 0 else { return (words, nil) }
            return (words, Span(start: start, end: surname.core, kind: .member, replacement: label(of: Int(person)), memberId: roster[Int(person)].memberId))
        }
        guard !options.keepUnknown else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[tokens[t].start..<surname.core]), as: UTF8.self)
        return (
            words,
            Span(
                start: start, end: surname.core, kind: .unknownName, replacement: table.label(for: "unknown:" + name.lowercased(), prefix: "Person"),
                memberId: nil)
        )
    }

    /// A capital letter alone with its full stop ("T." in "T. Rayner").
    @inline(__always) func isInitialWord(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool {
        tok.end - tok.start == 1 && Bytes.isUpper(p[tok.start]) && tok.end < p.count && p[tok.end] == 0x2E
    }

    /// Two letters or more, all capitals ("RAYNER", "O'BRIEN").
    @inline(__always) func isAllCaps(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool {
        guard tok.core - tok.start >= 2 else { return false }
        var letters = 0
        for i in tok.start..<tok.core {
            let b = p[i]
            if Bytes.isUpper(b) { letters += 1; continue }
            if b == 0x27 || b == 0x2D { continue }
            return false
        }
        return letters >= 2
    }

    /// A word in capitals read as it would be written in a name ("SARAH" as "Sarah"): its class.
    @inline(__always) func capsClass(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> NameIndex.WordClass {
        var h: UInt64 = 0x8422_2325_CBF2_9CE4
        for i in tok.start..<tok.core { h = (h ^ UInt64(i == tok.start ? p[i] : Bytes.lower(p[i]))) &* 0x100_0000_01B3 }
        return NameIndex.wordClass(h)
    }

    /// Words in capitals after a title or a given name ("DR HILL", "SARAH OKAFOR"): a heading
    /// or a signature in capitals names a person as surely as one in lower case.
    func capitalsName(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> (Int, Span)? {
        let first = tokens[t]
        guard isAllCaps(p, first) else { return nil }
        let fc = capsClass(p, first)
        var capitalised = Array(p[first.start..<first.core])
        for i in 1..<capitalised.count { capitalised[i] = Bytes.lower(capitalised[i]) }
        let titled = NameIndex.titles.contains(String(decoding: capitalised, as: UTF8.self))
        guard titled || fc.contains(.given) && !fc.contains(.sentence) && !fc.contains(.thing) else { return nil }
        var n = 1
        while n < 3, t + n < tokens.count, tokens[t + n - 1].core == tokens[t + n - 1].end {
            let tok = tokens[t + n]
            var gap = tokens[t + n - 1].end
            if n == 1, titled, gap < p.count, p[gap] == 0x2E { gap += 1 }
            guard onlySpace(p, gap, tok.start), isAllCaps(p, tok) else { break }
            let c = capsClass(p, tok)
            if c.contains(.sentence) || (c.contains(.thing) || c.contains(.place)) && !c.contains(.surname) { break }
            n += 1
        }
        guard n >= 2 else { return nil }
        return span(p, t, words: n, titled: titled)
    }

    /// A roster member's pseudonym, looked up in the table once per member and then kept.
    func label(of person: Int) -> String {
        if let known = memberLabels[person] { return known }
        let l: String
        if membersFresh {
            l = "Member " + Pseudonyms.letters(nextMember)
            nextMember += 1
            unrecorded.append(person)
        } else {
            l = table.label(for: "member:" + roster[person].memberId)
        }
        memberLabels[person] = l
        return l
    }

    /// Gives the table the members labelled since it was last read, in the order they were seen:
    /// the labels it gives them are the ones they already carry.
    private func recordMembers() {
        for person in unrecorded { table.label(for: "member:" + roster[person].memberId) }
        unrecorded.removeAll()
    }

    /// A person on no list. Known names win: a run stops before a word where a listed name
    /// starts ("However Smith said", with Smith listed, leaves "However" alone). A name is
    /// - a title and one or two capitalised words that name no thing ("Dr Hill", "Cllr Green");
    /// - a given name and one or two capitalised words that name no thing or place ("Sarah
    ///   Hill", "May Parker", "Tom Green"), where a surname may be an ordinary word;
    /// - two or three capitalised words none of which is an ordinary word, a thing or a place
    ///   ("Alice Wright");
    /// - a single unusual capitalised word straight after a sentence's first word when that is
    ///   an ordinary word ("However Okafor said").
    /// A sentence's first word that is an ordinary word is never part of a name, and a run
    /// followed by a word that names a thing ("Queen Elizabeth Hospital") is that thing's name.
    func unknownName(_ p: UnsafeBufferPointer<UInt8>, at t: Int, membersOnly: Bool = false) -> (Int, Span)? {
        let first = tokens[t]
        guard Bytes.isUpper(p[first.start]) || p[first.start] >= 0xC0 else { return nil }
        if !membersOnly, let caps = capitalsName(p, at: t) { return caps }
        let titled = isTitle(p, first)
        // "Cllr Alice Example": the listed name after the title wins, and takes the title with it.
        // So does a surname whose full name came earlier ("Mr Rayner"), or initials ("Mr T. Rayner").
        // An official's surname after a courtesy title refers back to the official ("Marcus
        // Whitfield … Mr Whitfield"); after an office or a profession it may be someone else of
        // that name ("Cllr Green" beside Cllr Ruth Green), and is read as an unknown name, since
        // a leak is worse than a word too many.
        if titled, t + 1 < tokens.count {
            if matchName(p, at: t + 1) != nil || initials(p, at: t + 1) != nil { return nil }
            if let alone = surnameAlone(p, at: t + 1), alone.1 != nil || Self.courtesyTitles.contains(Array(p[first.start..<first.end])) { return nil }
        }
        let firstClass = titled ? [] : wordClass(p, first)
        if firstClass.contains(.sentence) || firstClass.contains(.thing) { return nil }
        let given = !titled && isCapitalised(p, first) && (firstClass.contains(.given) || isRosterGiven(p, first))
        // After a title or a given name, a surname may be an ordinary word ("Hill", "Green").
        let lenient = titled || given
        var n = 1
        var particles = 0
        var middleInitials = 0
        while n - particles - middleInitials < 3, t + n < tokens.count, tokens[t + n - 1].core == tokens[t + n - 1].end {
            let tok = tokens[t + n]
            // "Dr. Hill", "Rev. Church": a title may carry its full stop, as an initial does.
            var gap = tokens[t + n - 1].end
            if (n == 1 && titled) || (n > 1 && isInitialWord(p, tokens[t + n - 1])), gap < p.count, p[gap] == 0x2E { gap += 1 }
            guard onlySpace(p, gap, tok.start), !isTitle(p, tok), !touchesPersonalData(tok) else { break }
            // "Ludwig van Beethoven", "Maria de la Cruz", "Omar bin Said": lower-case particles
            // inside a name, when a capitalised surname follows them.
            if n >= 1, particles < 2, isParticle(p, tok) {
                var k = t + n + 1
                while k < tokens.count, k - (t + n) < 2, isParticle(p, tokens[k]) { k += 1 }
                if k < tokens.count, onlySpace(p, tokens[k - 1].end, tokens[k].start), isCapitalised(p, tokens[k]),
                    isSurname(p, tokens[k], wordClass(p, tokens[k])), lenient || isNameLike(p, first, firstClass)
                {
                    particles += k - (t + n)
                    n = k - t + 1
                    continue
                }
                break
            }
            // "Tom J. Rayner": middle initials after a given name.
            if given, middleInitials < 2, isInitialWord(p, tok) {
                middleInitials += 1
                n += 1
                continue
            }
            if matchName(p, at: t + n) != nil { break }
            let c = wordClass(p, tok)
            if lenient ? !isSurname(p, tok, c) : !isNameLike(p, tok, c) { break }
            n += 1
        }
        // A given name, middle initials and a surname: the member with that name, when there is one.
        if middleInitials > 0, n >= 3, !isInitialWord(p, tokens[t + n - 1]) {
            let last = tokens[t + n - 1]
            var person: Int32 = -1
            index.byKey.forEach(NameIndex.pair(Bytes.hash(p, first.start, first.core, fold: true), Bytes.hash(p, last.start, last.core, fold: true))) { c in
                let pattern = index.patterns[Int(c)]
                if pattern.words == 2, pattern.fold, pattern.person >= 0 { person = pattern.person }
            }
            if person >= 0 {
                return (
                    n,
                    Span(
                        start: titleStart(p, t) ?? first.start, end: last.core, kind: .member, replacement: label(of: Int(person)),
                        memberId: roster[Int(person)].memberId)
                )
            }
        }
        if membersOnly { return nil }
        if n == 1, !titled, let single = afterOrdinaryFirstWord(p, at: t, firstClass) { return single }
        guard n >= 2, lenient || isNameLike(p, first, firstClass) else { return nil }
        // A run of ordinary words that are all surnames is still a run of ordinary words
        // ("Brown Bear"); without a title or a given name, one word must be more than that.
        if !lenient, (t..<(t + n)).allSatisfy({ wordClass(p, tokens[$0]).contains(.ordinary) }) { return nil }
        // "Queen Elizabeth Hospital", "Albert Dock": the run names the thing after it.
        if t + n < tokens.count, tokens[t + n - 1].core == tokens[t + n - 1].end, onlySpace(p, tokens[t + n - 1].end, tokens[t + n].start),
            isCapitalised(p, tokens[t + n]), wordClass(p, tokens[t + n]).contains(.thing)
        {
            return nil
        }
        return span(p, t, words: n, titled: titled)
    }

    /// "However Okafor said": a capitalised word that is nothing the lists know, straight after a
    /// sentence's ordinary first word, is a surname on its own.
    func afterOrdinaryFirstWord(_ p: UnsafeBufferPointer<UInt8>, at t: Int, _ c: NameIndex.WordClass) -> (Int, Span)? {
        guard t > 0, c.isEmpty || c == .surname, isNameLike(p, tokens[t], c), !isRosterGiven(p, tokens[t]) else { return nil }
        let before = tokens[t - 1]
        guard before.core == before.end, onlySpace(p, before.end, tokens[t].start), isCapitalised(p, before),
            wordClass(p, before).contains(.sentence), startsSentence(p, t - 1)
        else { return nil }
        if t + 1 < tokens.count, onlySpace(p, tokens[t].end, tokens[t + 1].start), isCapitalised(p, tokens[t + 1]) { return nil }
        return span(p, t, words: 1, titled: false)
    }

    func span(_ p: UnsafeBufferPointer<UInt8>, _ t: Int, words n: Int, titled: Bool) -> (Int, Span) {
        let first = tokens[t]
        let start = titled ? tokens[t + 1].start : first.start
        let last = tokens[t + n - 1]
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[start..<last.core]), as: UTF8.self)
        let key = "unknown:" + name.lowercased()
        return (
            n,
            Span(
                start: titled ? first.start : (titleStart(p, t) ?? first.start), end: last.core, kind: .unknownName,
                replacement: table.label(for: key, prefix: "Person"), memberId: nil, unknownKey: key)
        )
    }

    /// Whether word t opens a sentence: nothing before it, or a full stop, a question or
    /// exclamation mark, a colon, a line break or an opening quote or bracket.
    func startsSentence(_ p: UnsafeBufferPointer<UInt8>, _ t: Int) -> Bool {
        var i = tokens[t].start
        while i > 0 {
            let b = p[i - 1]
            // Space, and an inline tag read through (`<b>However Okafor</b>`), say nothing.
            if b == 0x20 || b == 0x09 || b == Bytes.masked { i -= 1; continue }
            if b == 0x0A || b == 0x0D || b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A || b == 0x22 || b == 0x28 || b == 0x23 || b == 0x2D
                || b == 0x2A || b == 0x3E
            {
                return true
            }
            // An opening curly quote (“ or ‘) ends in 0x9C or 0x98 after E2 80.
            if i >= 3, p[i - 3] == 0xE2, p[i - 2] == 0x80, p[i - 1] == 0x9C || p[i - 1] == 0x98 { return true }
            return false
        }
        return true
    }

    /// The word's class, looked up as written (without a possessive).
    @inline(__always) func wordClass(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> NameIndex.WordClass {
        NameIndex.wordClass(Bytes.hash(p, tok.start, tok.core, fold: false))
    }

    /// The first word of a full name on the roster or the public list ("Keir").
    @inline(__always) func isRosterGiven(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool {
        index.givenNames.contains(Bytes.hash(p, tok.start, tok.core, fold: true))
    }

    static let courtesyTitles: Set<[UInt8]> = Set(["Mr", "Mrs", "Ms", "Miss", "Mx"].map { Array($0.utf8) })

    /// The small words inside names from many languages ("van", "der", "de", "bin", "al").
    static let particles: Set<[UInt8]> = Set(
        [
            "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "binti", "bint", "ibn", "al", "el", "ter", "ten", "dos",
            "das", "ap",
        ]
        .map { Array($0.utf8) })

    @inline(__always) func isParticle(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool {
        tok.core == tok.end && tok.end - tok.start <= 5 && Bytes.isLower(p[tok.start]) && Self.particles.contains(Array(p[tok.start..<tok.end]))
    }

    /// A capital and then a small letter ("Hill", "O'Neill", "Zoë"), or a capital outside ASCII.
    @inline(__always) func isCapitalised(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool {
        let b = p[tok.start]
        if b < 0x80 {
            guard Bytes.isUpper(b), tok.core - tok.start > 1 else { return false }
            let second = p[tok.start + 1]
            return Bytes.isLower(second) || second == 0x27 || second >= 0x80
        }
        guard let scalar = Self.scalar(p, tok.start) else { return false }
        return scalar.properties.isUppercase
    }

    /// A word in a run of capitalised words taken for a name: capitalised, and no word that
    /// starts sentences, names a thing or a place, or is an ordinary word ("Matters Arising",
    /// "Victim Support"), unless that ordinary word is also a surname ("Okafor Green").
    @inline(__always) func isNameLike(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token, _ c: NameIndex.WordClass) -> Bool {
        guard isCapitalised(p, tok) else { return false }
        if !c.isDisjoint(with: [.stop, .thing, .sentence, .place]) { return c.contains(.surname) && !c.contains(.thing) && !c.contains(.place) }
        return !c.contains(.ordinary) || c.contains(.surname)
    }

    /// A word after a given name or a title, where a surname may be an ordinary word ("Sarah
    /// Hill", "Tom Green", "Carol Witness"), but not a word that names a thing, an event or a
    /// place ("Victoria Station", "Summer Barbecue", "Lord Mayor") unless it is a known surname
    /// ("Dr Park"), nor one that starts sentences. A leak is worse than a word too many, so an
    /// ordinary word here is taken for a surname.
    @inline(__always) func isSurname(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token, _ c: NameIndex.WordClass) -> Bool {
        guard isCapitalised(p, tok), !c.contains(.sentence) else { return false }
        return c.contains(.surname) || !(c.contains(.thing) || c.contains(.place))
    }

    static func scalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Unicode.Scalar? {
        let b = p[i]
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        guard i + length <= p.count else { return nil }
        var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = value << 6 | UInt32(p[i + k] & 0x3F) }
        return Unicode.Scalar(value)
    }

    /// Whether pattern c matches the words from t on, separated only by space; only the last
    /// word may carry a possessive, or (`plural`) an "s" for a possessive without its apostrophe.
    func matches(_ p: UnsafeBufferPointer<UInt8>, _ pattern: NameIndex.Pattern, at t: Int, plural: Bool = false) -> Bool {
        let n = Int(pattern.words)
        let fold = pattern.fold
        return index.bytes.withUnsafeBufferPointer { bytes in
            var o = Int(pattern.start)
            for k in 0..<n {
                let tok = tokens[t + k]
                if k < n - 1, tok.core != tok.end { return false }
                var end = k == n - 1 ? tok.core : tok.end
                if plural, k == n - 1 {
                    guard tok.core == tok.end, p[tok.end - 1] == 0x73 || p[tok.end - 1] == 0x53 else { return false }
                    end -= 1
                }
                let length = Int(bytes[o]) | Int(bytes[o + 1]) << 8
                if !Bytes.equal(p, tok.start, end, UnsafeBufferPointer(rebasing: bytes[(o + 2)..<(o + 2 + length)]), fold: fold) { return false }
                o += 2 + length
                if k > 0, !onlySpace(p, tokens[t + k - 1].end, tok.start) { return false }
            }
            return true
        }
    }

    /// Whether [s, e) is nothing but space: at most four spacing characters (an entity such as
    /// `&nbsp;` counts as one).
    @inline(__always) func onlySpace(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        guard e > s, e - s <= 80 else { return false }
        var i = s
        var count = 0
        while i < e {
            let l = Bytes.spaceLength(p, i)
            if l == 0 || count == 4 { return false }
            i += l
            count += 1
        }
        return true
    }

    @inline(__always) func isTitle(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool { NameIndex.isTitle(p, tok) }

    /// Where a title before word t starts ("Cllr", "Dr."), so that it goes with the name.
    func titleStart(_ p: UnsafeBufferPointer<UInt8>, _ t: Int) -> Int? {
        guard t > 0 else { return nil }
        let prev = tokens[t - 1]
        guard isTitle(p, prev) else { return nil }
        var gap = prev.end
        if gap < p.count, p[gap] == 0x2E { gap += 1 }
        return onlySpace(p, gap, tokens[t].start) ? prev.start : nil
    }
}
