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
    /// of words consumed and the span to replace (nil for a public name, which stays).
    func matchName(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> (Int, Span?)? {
        let first = tokens[t]
        var best: (words: Int, pattern: Int)?
        let foldFirst = Bytes.hash(p, first.start, first.core, fold: true)
        let exactFirst = Bytes.hash(p, first.start, first.core, fold: false)
        // The second word, when it follows after nothing but space, keys names of two words or more.
        var foldPair: UInt64?, exactPair: UInt64?
        if first.core == first.end, t + 1 < tokens.count, onlySpace(p, first.end, tokens[t + 1].start) {
            let second = tokens[t + 1]
            if index.leadingWords.contains(NameIndex.single(foldFirst, fold: true)) {
                foldPair = NameIndex.pair(foldFirst, Bytes.hash(p, second.start, second.core, fold: true), fold: true)
            }
            if index.leadingWords.contains(NameIndex.single(exactFirst, fold: false)) {
                exactPair = NameIndex.pair(exactFirst, Bytes.hash(p, second.start, second.core, fold: false), fold: false)
            }
        }
        func consider(_ key: UInt64?) {
            guard let key, let range = index.byKey.lookup(key) else { return }
            for i in range {
                let c = index.byKey.items[i]
                let n = index.patterns[Int(c)].words.count
                guard t + n <= tokens.count, best == nil || n >= best!.words, matches(p, Int(c), at: t),
                    !(t..<(t + n)).contains(where: { touchesPersonalData(tokens[$0]) })
                else { continue }
                if best == nil || n > best!.words || index.patterns[Int(c)].person == nil { best = (n, Int(c)) }
            }
        }
        consider(NameIndex.single(foldFirst, fold: true))
        consider(NameIndex.single(exactFirst, fold: false))
        consider(foldPair)
        consider(exactPair)
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

    /// A run of two or three capitalised words, none of them a word that names things rather
    /// than people, or a title followed by a capitalised word: a person on no list.
    func unknownName(_ p: UnsafeBufferPointer<UInt8>, at t: Int) -> (Int, Span)? {
        let first = tokens[t]
        guard Bytes.isUpper(p[first.start]) || p[first.start] >= 0xC0 else { return nil }
        let titled = isTitle(p, first)
        // "Cllr Alice Example": the listed name after the title wins, and takes the title with it.
        if titled, t + 1 < tokens.count, matchName(p, at: t + 1) != nil { return nil }
        guard titled || isNameLike(p, first) else { return nil }
        var n = 1
        while n < 3, t + n < tokens.count, tokens[t + n - 1].core == tokens[t + n - 1].end {
            let tok = tokens[t + n]
            guard isNameLike(p, tok), !isTitle(p, tok), onlySpace(p, tokens[t + n - 1].end, tok.start), !touchesPersonalData(tok) else { break }
            n += 1
        }
        guard n >= 2 else { return nil }
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

    /// A capitalised word with a lower-case second letter ("Harriet", "O'Neill", "Zoë"), not a stop word.
    @inline(__always) func isNameLike(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token) -> Bool {
        let b = p[tok.start]
        if b < 0x80 {
            guard Bytes.isUpper(b), tok.core - tok.start > 1 else { return false }
            let second = p[tok.start + 1]
            guard Bytes.isLower(second) || second == 0x27 || second >= 0x80 else { return false }
        } else {
            // A capital outside ASCII (Ó, É, Ł): decode it and ask Unicode.
            guard let scalar = Self.scalar(p, tok.start), scalar.properties.isUppercase else { return false }
        }
        return !index.stopWords.contains(Bytes.hash(p, tok.start, tok.core, fold: false))
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
    /// word may carry a possessive.
    func matches(_ p: UnsafeBufferPointer<UInt8>, _ c: Int, at t: Int) -> Bool {
        let pattern = index.patterns[c]
        let n = pattern.words.count
        for k in 0..<n {
            let tok = tokens[t + k]
            if k < n - 1, tok.core != tok.end { return false }
            if !Bytes.equal(p, tok.start, k == n - 1 ? tok.core : tok.end, pattern.words[k], fold: pattern.fold) { return false }
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
        guard len >= 2, len <= 4, Bytes.isUpper(p[tok.start]) else { return false }
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
