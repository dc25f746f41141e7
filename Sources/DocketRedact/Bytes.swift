/// Byte classes and hashing for the scanner. The engine works on UTF-8 bytes, never on
/// `String` per word, which is what makes it fast.
enum Bytes {
    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    @inline(__always) static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

    /// Length of a non-ASCII character that acts as punctuation or space, or 0 when it is part
    /// of a word (accented letters and other scripts are words).
    @inline(__always) static func punctuationLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = p[i]
        if b == 0xC2, i + 1 < p.count, p[i + 1] == 0xA0 || p[i + 1] == 0xAB || p[i + 1] == 0xBB { return 2 }  // NBSP « »
        if b == 0xE2, i + 2 < p.count, p[i + 1] == 0x80 {
            let c = p[i + 2]
            if (0x80...0xAF).contains(c) || c == 0xA6 { return 3 }  // spaces, dashes, quotes ‘ ’ “ ”, …
        }
        return 0
    }

    /// True for a right single quotation mark (’) at i.
    @inline(__always) static func isCurlyApostrophe(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i + 2 < p.count && p[i] == 0xE2 && p[i + 1] == 0x80 && p[i + 2] == 0x99
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// What an inline HTML tag inside text is read as (`<b>Tom</b> Rayner`): nothing, so that a
    /// name split by markup is still one name. The bytes are only ever in the copy that is read.
    static let masked: UInt8 = 0x1F

    /// Length of white space at i (ASCII space, tab, newline, or a no-break space, also written
    /// as the HTML entity `&nbsp;`, `&#160;` or `&#xa0;`), or 0.
    @inline(__always) static func spaceLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        if isSpace(p[i]) { return 1 }
        if p[i] == masked {
            var e = i + 1
            while e < p.count, p[e] == masked { e += 1 }
            return e - i
        }
        if p[i] == 0xC2, i + 1 < p.count, p[i + 1] == 0xA0 { return 2 }
        // Unicode spaces: en quad to zero-width space (U+2000–200B) and the narrow no-break space.
        if p[i] == 0xE2, i + 2 < p.count, p[i + 1] == 0x80, p[i + 2] <= 0x8B || p[i + 2] == 0xAF { return 3 }
        if p[i] == 0x26 {
            for entity in spaceEntities where i + entity.count <= p.count {
                var k = 1
                while k < entity.count, lower(p[i + k]) == entity[k] { k += 1 }
                if k == entity.count { return k }
            }
        }
        return 0
    }

    /// HTML entities for spaces, lower-cased: a name written "Tom&ensp;Rayner" is one name.
    static let spaceEntities: [[UInt8]] = ["&nbsp;", "&#160;", "&#xa0;", "&#32;", "&#x20;", "&tab;", "&ensp;", "&emsp;", "&thinsp;", "&#8201;", "&#x2009;"]
        .map { Array($0.utf8) }

    /// Whether the word [start, end) is the name or number of an HTML entity (`&amp;`, `&#160;`):
    /// markup, not a word of the text.
    @inline(__always) static func isEntity(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end < p.count, p[end] == 0x3B, start > 0 else { return false }
        return p[start - 1] == 0x26 || (start > 1 && p[start - 1] == 0x23 && p[start - 2] == 0x26)
    }

    /// A byte lower-cased for matching: ASCII letters, and the capitals of Latin-1 (À to Þ,
    /// written C3 80 to C3 9E), so that "ÉLODIE", "Élodie" and "élodie" are one name. `prev`
    /// is the byte before it as written.
    @inline(__always) static func fold(_ b: UInt8, after prev: UInt8) -> UInt8 {
        if b < 0x80 { return lower(b) }
        return prev == 0xC3 && b <= 0x9E && b != 0x97 ? b | 0x20 : b
    }

    /// FNV-1a over the bytes, lower-cased first when `fold` is set.
    @inline(__always) static func hash(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, fold: Bool) -> UInt64 {
        var h: UInt64 = fold ? 0xCBF2_9CE4_8422_2325 : 0x8422_2325_CBF2_9CE4
        var i = start
        var prev: UInt8 = 0
        while i < end {
            let b = p[i]
            h = (h ^ UInt64(fold ? Self.fold(b, after: prev) : b)) &* 0x100_0000_01B3
            prev = b
            i += 1
        }
        return h
    }

    static func hash(_ bytes: [UInt8], fold: Bool) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash($0, 0, $0.count, fold: fold) }
    }

    @inline(__always) static func equal(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ word: UnsafeBufferPointer<UInt8>, fold: Bool) -> Bool {
        guard end - start == word.count else { return false }
        var i = 0
        while i < word.count {
            let a = p[start + i], b = word[i]
            if a != b && !(fold && Self.fold(a, after: i > 0 ? p[start + i - 1] : 0) == b) { return false }
            i += 1
        }
        return true
    }
}

/// A word of the input: bytes [start, end), and `core`, the end without a possessive `'s` / `’s`.
struct Token {
    var start: Int
    var end: Int
    var core: Int
}

enum Tokenizer {
    /// Splits a buffer into words: letters, digits, non-ASCII letters, internal hyphens and
    /// apostrophes (O'Brien), and a leading @ for handles. Everything else separates words.
    static func tokens(_ p: UnsafeBufferPointer<UInt8>, into out: inout [Token]) {
        out.removeAll(keepingCapacity: true)
        // About one word in six bytes of prose: room made once, not grown again and again.
        out.reserveCapacity(p.count / 5)
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            let startsWord =
                Bytes.isASCIILetter(b) || Bytes.isDigit(b) || (b >= 0x80 && Bytes.punctuationLength(p, i) == 0 && !Bytes.isContinuation(b))
                || (b == 0x40 && i + 1 < n && (Bytes.isASCIILetter(p[i + 1]) || Bytes.isDigit(p[i + 1]) || p[i + 1] == 0x5F))
            if !startsWord { i += 1; continue }
            let start = i
            i += 1
            while i < n {
                let c = p[i]
                if Bytes.isASCIILetter(c) || Bytes.isDigit(c) || c == 0x5F { i += 1; continue }
                if c >= 0x80 {
                    if Bytes.isContinuation(c) { i += 1; continue }
                    if Bytes.isCurlyApostrophe(p, i), i + 3 < n, Bytes.isASCIILetter(p[i + 3]) { i += 4; continue }
                    if Bytes.punctuationLength(p, i) == 0 { i += 1; continue }
                    break
                }
                if (c == 0x27 || c == 0x2D || c == 0x2E && p[start] == 0x40), i + 1 < n, Bytes.isASCIILetter(p[i + 1]) || Bytes.isDigit(p[i + 1]) {
                    i += 2; continue
                }
                break
            }
            var core = i
            if i - start >= 3, p[i - 1] == 0x73 || p[i - 1] == 0x53 {
                if p[i - 2] == 0x27 { core = i - 2 } else if i - start >= 5, p[i - 4] == 0xE2, p[i - 3] == 0x80, p[i - 2] == 0x99 { core = i - 4 }
            }
            if Bytes.isEntity(p, start, i) { continue }
            out.append(Token(start: start, end: i, core: core))
        }
    }
}
