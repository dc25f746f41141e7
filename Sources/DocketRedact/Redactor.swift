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
    public private(set) var pseudonyms: Pseudonyms
    private var tokens: [Token] = []
    private var spans: [Span] = []

    public init(roster: [PrivatePerson], publicList: [PublicPerson], options: Options = .init(), pseudonyms: Pseudonyms = .init()) {
        self.roster = roster
        self.index = NameIndex(roster: roster, publicList: publicList)
        self.scanner = PersonalDataScanner(membershipPattern: options.membershipPattern)
        self.options = options
        self.pseudonyms = pseudonyms
    }

    /// Finds what to replace in one stretch of text.
    func findSpans(_ p: UnsafeBufferPointer<UInt8>) -> [Span] {
        Tokenizer.tokens(p, into: &tokens)
        spans.removeAll(keepingCapacity: true)
        scanner.scan(p, tokens: tokens, into: &spans)
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
            if !options.keepUnknown, let (words, span) = unknownName(p, at: t) {
                names.append(span)
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

    /// The longest listed name starting at word t; a public name wins a tie. Returns the number
    /// of words consumed and the span to replace (nil for a public name, which stays). A name
    /// that ends in an "s" it does not have is that name's possessive written without its
    /// apostrophe ("Tom Rayners complaint"), once no name matches as written.
    func matchName(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> (Int, Span?)? {
        let found = matchName(p, at: t, plural: false)
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
        let first = tokens[t]
        let single = endsInS(t) && (Bytes.isUpper(p[first.start]) || p[first.start] >= 0xC0)
        // The second word may have lost its apostrophe after a word that starts a name; the third
        // only after the two words that start a name of three words or more.
        func startsLongName() -> Bool {
            guard t + 1 < tokens.count else { return false }
            let second = tokens[t + 1]
            let fold = NameIndex.pair(Bytes.hash(p, first.start, first.core, fold: true), Bytes.hash(p, second.start, second.core, fold: true), fold: true)
            let exact = NameIndex.pair(
                Bytes.hash(p, first.start, first.core, fold: false), Bytes.hash(p, second.start, second.core, fold: false), fold: false)
            return index.longPairs.contains(fold) || index.longPairs.contains(exact)
        }
        let longer =
            first.core == first.end
            && ((endsInS(t + 1)
                && (index.leadingWords.contains(NameIndex.single(Bytes.hash(p, first.start, first.core, fold: true), fold: true))
                    || index.leadingWords.contains(NameIndex.single(Bytes.hash(p, first.start, first.core, fold: false), fold: false))))
                || (endsInS(t + 2) && startsLongName()))
        guard found == nil || found?.1 != nil, single || longer else { return found }
        guard let plural = matchName(p, at: t, plural: true) else { return found }
        return plural.0 > (found?.0 ?? 0) ? plural : found
    }

    func matchName(_ p: UnsafeBufferPointer<UInt8>, at t: Int, plural: Bool) -> (Int, Span?)? {
        let first = tokens[t]
        var best: (words: Int, pattern: Int)?
        let foldFirst = Bytes.hash(p, first.start, first.core, fold: true)
        let exactFirst = Bytes.hash(p, first.start, first.core, fold: false)
        // The second word, when it follows after nothing but space, keys names of two words or more.
        var foldPair: UInt64?, exactPair: UInt64?, longFoldPair: UInt64?, longExactPair: UInt64?
        var secondLostS = false
        if first.core == first.end, t + 1 < tokens.count, onlySpace(p, first.end, tokens[t + 1].start) {
            let second = tokens[t + 1]
            // Read as a possessive without its apostrophe, a name of two words loses the second's
            // last "s"; a longer name keys on its first two words as written.
            let end = plural && second.core == second.end && (p[second.end - 1] == 0x73 || p[second.end - 1] == 0x53) ? second.end - 1 : second.core
            secondLostS = end != second.core
            if index.leadingWords.contains(NameIndex.single(foldFirst, fold: true)) {
                foldPair = NameIndex.pair(foldFirst, Bytes.hash(p, second.start, end, fold: true), fold: true)
                if plural { longFoldPair = NameIndex.pair(foldFirst, Bytes.hash(p, second.start, second.core, fold: true), fold: true) }
            }
            if index.leadingWords.contains(NameIndex.single(exactFirst, fold: false)) {
                exactPair = NameIndex.pair(exactFirst, Bytes.hash(p, second.start, end, fold: false), fold: false)
                if plural { longExactPair = NameIndex.pair(exactFirst, Bytes.hash(p, second.start, second.core, fold: false), fold: false) }
            }
        }
        func consider(_ key: UInt64?) {
            guard let key, let range = index.byKey.lookup(key) else { return }
            for i in range {
                let c = index.byKey.items[i]
                let pattern = index.patterns[Int(c)]
                let n = pattern.words.count
                // Without its apostrophe, a name of one word must be a name of some length, written
                // with its capital: "Smiths", not "wills".
                if plural, n == 1, pattern.words[0].count < 4 || !isCapitalised(p, tokens[t]) { continue }
                guard t + n <= tokens.count, best == nil || n >= best!.words, matches(p, Int(c), at: t, plural: plural),
                    !(t..<(t + n)).contains(where: { touchesPersonalData(tokens[$0]) })
                else { continue }
                if best == nil || n > best!.words || pattern.person == nil { best = (n, Int(c)) }
            }
        }
        if plural {
            // The pair as written was tried by the plain pass; only a longer name can differ now.
            if longFoldPair != foldPair, let k = longFoldPair, index.longPairs.contains(k) { consider(k) }
            if longExactPair != exactPair, let k = longExactPair, index.longPairs.contains(k) { consider(k) }
            if first.core == first.end, p[first.end - 1] == 0x73 || p[first.end - 1] == 0x53 {
                consider(NameIndex.single(Bytes.hash(p, first.start, first.end - 1, fold: true), fold: true))
                consider(NameIndex.single(Bytes.hash(p, first.start, first.end - 1, fold: false), fold: false))
            }
        } else {
            consider(NameIndex.single(foldFirst, fold: true))
            consider(NameIndex.single(exactFirst, fold: false))
        }
        // With its "s" dropped, the second word keys other names. As written, the plain pass
        // tried the pair for names of two words; only a longer name's last word can differ now.
        if !plural || secondLostS {
            consider(foldPair)
            consider(exactPair)
        } else {
            if let k = foldPair, index.longPairs.contains(k) { consider(k) }
            if let k = exactPair, index.longPairs.contains(k) { consider(k) }
        }
        guard let best else { return nil }
        let pattern = index.patterns[best.pattern]
        guard let person = pattern.person else { return (best.words, nil) }
        let last = tokens[t + best.words - 1]
        let id = roster[person].memberId
        return (
            best.words,
            Span(
                start: titleStart(p, t) ?? first.start, end: last.core, kind: .member,
                replacement: pseudonyms.label(for: "member:" + id), memberId: id)
        )
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
    func unknownName(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> (Int, Span)? {
        let first = tokens[t]
        guard Bytes.isUpper(p[first.start]) || p[first.start] >= 0xC0 else { return nil }
        let titled = isTitle(p, first)
        // "Cllr Alice Example": the listed name after the title wins, and takes the title with it.
        if titled, t + 1 < tokens.count, matchName(p, at: t + 1) != nil { return nil }
        let firstClass = titled ? [] : wordClass(p, first)
        if firstClass.contains(.sentence) || firstClass.contains(.thing) { return nil }
        let given = !titled && isCapitalised(p, first) && (firstClass.contains(.given) || isRosterGiven(p, first))
        // After a title or a given name, a surname may be an ordinary word ("Hill", "Green").
        let lenient = titled || given
        var n = 1
        while n < 3, t + n < tokens.count, tokens[t + n - 1].core == tokens[t + n - 1].end {
            let tok = tokens[t + n]
            // "Dr. Hill", "Rev. Church": a title may carry its full stop.
            var gap = tokens[t + n - 1].end
            if n == 1, titled, gap < p.count, p[gap] == 0x2E { gap += 1 }
            guard onlySpace(p, gap, tok.start), !isTitle(p, tok), !touchesPersonalData(tok) else { break }
            if matchName(p, at: t + n) != nil { break }
            let c = wordClass(p, tok)
            if lenient ? !isSurname(p, tok, c) : !isNameLike(p, tok, c) { break }
            n += 1
        }
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
                replacement: pseudonyms.label(for: key, prefix: "Person"), memberId: nil)
        )
    }

    /// Whether word t opens a sentence: nothing before it, or a full stop, a question or
    /// exclamation mark, a colon, a line break or an opening quote or bracket.
    func startsSentence(_ p: UnsafeBufferPointer<UInt8>, _ t: Int) -> Bool {
        var i = tokens[t].start
        while i > 0 {
            let b = p[i - 1]
            if b == 0x20 || b == 0x09 { i -= 1; continue }
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
    func matches(_ p: UnsafeBufferPointer<UInt8>, _ c: Int, at t: Int, plural: Bool = false) -> Bool {
        let pattern = index.patterns[c]
        let n = pattern.words.count
        for k in 0..<n {
            let tok = tokens[t + k]
            if k < n - 1, tok.core != tok.end { return false }
            var end = k == n - 1 ? tok.core : tok.end
            if plural, k == n - 1 {
                guard tok.core == tok.end, p[tok.end - 1] == 0x73 || p[tok.end - 1] == 0x53 else { return false }
                end -= 1
            }
            if !Bytes.equal(p, tok.start, end, pattern.words[k], fold: pattern.fold) { return false }
            if k > 0, !onlySpace(p, tokens[t + k - 1].end, tok.start) { return false }
        }
        return true
    }

    @inline(__always) func onlySpace(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        guard e > s, e - s <= 4 else { return false }
        var i = s
        while i < e {
            let l = Bytes.spaceLength(p, i)
            if l == 0 { return false }
            i += l
        }
        return true
    }

    func isTitle(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool {
        let len = tok.end - tok.start
        guard len >= 2, len <= 10, Bytes.isUpper(p[tok.start]) else { return false }
        return NameIndex.titles.contains(String(decoding: UnsafeBufferPointer(rebasing: p[tok.start..<tok.end]), as: UTF8.self))
    }

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
