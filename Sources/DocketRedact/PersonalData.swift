/// A stretch of the input to replace: bytes [start, end) and why.
struct Span {
    var start: Int
    var end: Int
    var kind: RedactionKind
    var replacement: String
    var memberId: String?
    /// For a person on no list, the key their pseudonym is kept under ("unknown:sarah okafor").
    var unknownKey: String? = nil
}

public enum RedactionKind: String, Codable, Sendable {
    case member, unknownName = "unknown_name", email, phone, membershipNumber = "membership_number", postcode
}

/// E-mail addresses, phone numbers, UK postcodes and membership numbers, found byte by byte.
struct PersonalDataScanner {
    /// `L` a letter, `D` a digit, anything else itself; default: a letter and seven digits.
    var membershipPattern: [UInt8]

    init(membershipPattern: String = "LDDDDDDD") { self.membershipPattern = Array(membershipPattern.utf8) }

    func scan(_ p: UnsafeBufferPointer<UInt8>, tokens: [Token], into spans: inout [Span]) {
        let n = p.count
        var i = 0
        var lastEnd = 0
        // E-mail addresses and phone numbers: found by scanning characters.
        while i < n {
            let b = p[i]
            if b == 0x40, let (s, e) = email(p, at: i), s >= lastEnd {
                if let last = spans.last, last.end > s { spans.removeLast() }
                spans.append(Span(start: s, end: e, kind: .email, replacement: "[email removed]"))
                lastEnd = e; i = e; continue
            }
            if (b == 0x2B || b == 0x30 || b == 0x28), i >= lastEnd, i == 0 || !isWordByte(p[i - 1]), let e = phone(p, at: i),
                !Self.isOtherNumber(p, at: i, end: e)
            {
                spans.append(Span(start: i, end: e, kind: .phone, replacement: "[phone removed]"))
                lastEnd = e; i = e; continue
            }
            i += 1
        }
        // Postcodes and membership numbers: whole words.
        var extra: [Span] = []
        var t = 0
        while t < tokens.count {
            let tok = tokens[t]
            if Bytes.isUpper(p[tok.start]) || Bytes.isASCIILetter(p[tok.start]) {
                // A word may run on into underscores ("A1234567_", as Markdown's emphasis writes it).
                var end = tok.end
                while end > tok.start, p[end - 1] == 0x5F { end -= 1 }
                if matchesMembership(p, tok.start, end) {
                    extra.append(Span(start: tok.start, end: end, kind: .membershipNumber, replacement: "[membership number removed]"))
                } else if let e = postcode(p, tok, next: t + 1 < tokens.count ? tokens[t + 1] : nil) {
                    extra.append(Span(start: tok.start, end: e, kind: .postcode, replacement: "[postcode removed]"))
                    if e > tok.end { t += 1 }
                }
            }
            t += 1
        }
        if !extra.isEmpty {
            // Both lists are in order: one pass keeps each extra that no address or number covers.
            var k = 0
            var kept: [Span] = []
            for x in extra {
                while k < spans.count, spans[k].end <= x.start { k += 1 }
                if k < spans.count, spans[k].start < x.end { continue }
                kept.append(x)
            }
            spans.append(contentsOf: kept)
            spans.sort { $0.start < $1.start }
        }
    }

    @inline(__always) func isWordByte(_ b: UInt8) -> Bool { Bytes.isASCIILetter(b) || Bytes.isDigit(b) || b == 0x5F }

    func email(_ p: UnsafeBufferPointer<UInt8>, at: Int) -> (Int, Int)? {
        func local(_ b: UInt8) -> Bool { isWordByte(b) || b == 0x2E || b == 0x25 || b == 0x2B || b == 0x2D }
        func domain(_ b: UInt8) -> Bool { Bytes.isASCIILetter(b) || Bytes.isDigit(b) || b == 0x2E || b == 0x2D }
        var s = at
        while s > 0, local(p[s - 1]) { s -= 1 }
        guard s < at else { return nil }
        var e = at + 1
        while e < p.count, domain(p[e]) { e += 1 }
        // A full stop (or an ellipsis) after the address ends the sentence, not the domain.
        while e > at + 1, p[e - 1] == 0x2E || p[e - 1] == 0x2D { e -= 1 }
        var lastDot = -1
        for k in (at + 1)..<e where p[k] == 0x2E { lastDot = k }
        guard lastDot > at + 1, lastDot < e - 2 else { return nil }
        for k in (lastDot + 1)..<e where !Bytes.isASCIILetter(p[k]) { return nil }
        return (s, e)
    }

    /// UK numbers (07700 900123, 020 7946 0018, (020) 7946 0018, +44 (0)20 7946 0018) and E.164
    /// (+14155552671): a run of digits with spaces, hyphens and brackets.
    func phone(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var i = start, digits = 0, lastDigit = -1
        // "+44 …", or "0044 …" as it is dialled from abroad.
        let plus = p[start] == 0x2B || (start + 2 < p.count && p[start] == 0x30 && p[start + 1] == 0x30 && p[start + 2] != 0x30)
        if p[start] == 0x2B { i += 1 }
        // No number is longer than this; a longer run of digits and spaces is not one, and is
        // not read again from every position in it.
        while i < p.count, i - start < Self.longestNumber {
            let b = p[i]
            if Bytes.isDigit(b) { digits += 1; lastDigit = i; i += 1; continue }
            if (b == 0x20 || b == 0x2D || b == 0x28 || b == 0x29 || b == 0x2E), i + 1 < p.count,
                Bytes.isDigit(p[i + 1]) || p[i + 1] == 0x28 || (b == 0x29 && p[i + 1] == 0x20)
            {
                i += 1; continue
            }
            break
        }
        guard lastDigit >= 0 else { return nil }
        let end = lastDigit + 1
        if end < p.count, Bytes.isASCIILetter(p[end]) || p[end] == 0x40 { return nil }
        let first = plus ? 1 : (p[start] == 0x28 ? 1 : 0)
        guard start + first < p.count else { return nil }
        if plus { return (10...15).contains(digits - (p[start] == 0x2B ? 0 : 2)) ? end : nil }
        // A UK number starts with 0 and has 10 or 11 digits.
        return p[start + first] == 0x30 && (10...11).contains(digits) ? end : nil
    }

    static let longestNumber = 32

    /// Words that say the number after them is not a telephone number: a book's ISBN, an
    /// invoice, an order, a reference. Whole words only ("please refer to 07700…" is a phone).
    static let otherNumbers: Set<String> = [
        "isbn", "issn", "invoice", "inv", "order", "ref", "reference", "receipt", "ticket", "serial",
    ]

    /// Whether the number at `start` is introduced by one of `otherNumbers` ("ISBN 0-14-…",
    /// "Invoice no. 01234 567890"), or is written as an ISBN is, with a one-digit group first
    /// ("0-14-103614-4"), which no telephone number is.
    /// A number shaped like a mobile (07 and nine more digits) is a telephone number whatever
    /// introduces it, unless it is an ISBN or an ISSN: a leak is worse than a number too many.
    static func isOtherNumber(_ p: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Bool {
        var digits: [UInt8] = []
        for k in start..<end where Bytes.isDigit(p[k]) { digits.append(p[k]) }
        let mobile = digits.count == 11 && digits[0] == 0x30 && digits[1] == 0x37
        // "0-14-103614-4": ten digits, a one-digit group first and last, as an ISBN-10 is written.
        if !mobile, digits.count == 10, start + 1 < p.count, p[start] == 0x30, p[start + 1] == 0x2D, end >= 2, p[end - 2] == 0x2D { return true }
        var i = start
        for _ in 0..<2 {
            while i > 0, !Bytes.isASCIILetter(p[i - 1]), start - i < 8 { i -= 1 }
            let end = i
            while i > 0, Bytes.isASCIILetter(p[i - 1]) { i -= 1 }
            guard end > i, end - i <= 9 else { return false }
            let word = String(decoding: UnsafeBufferPointer(rebasing: p[i..<end]), as: UTF8.self).lowercased()
            if otherNumbers.contains(word) { return !mobile || word == "isbn" || word == "issn" }
            // "Invoice no. …", "order number …": the word before says what it is.
            guard ["no", "number", "num", "nr"].contains(word) else { return false }
        }
        return false
    }

    func matchesMembership(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        guard e - s == membershipPattern.count else { return false }
        for (k, c) in membershipPattern.enumerated() {
            let b = p[s + k]
            switch c {
            case 0x4C: if !Bytes.isASCIILetter(b) { return false }
            case 0x44: if !Bytes.isDigit(b) { return false }
            default: if b != c { return false }
            }
        }
        return true
    }

    /// `SW1A 1AA`, `M1 1AE`, `B33 8TH`, `CR2 6XH`, `DN55 1PT`, with or without the space.
    func postcode(_ p: UnsafeBufferPointer<UInt8>, _ tok: Token, next: Token?) -> Int? {
        func outward(_ s: Int, _ e: Int) -> Bool {
            let len = e - s
            guard (2...4).contains(len), Bytes.isUpper(p[s]) else { return false }
            var k = s + 1
            if Bytes.isUpper(p[k]) { k += 1 }
            guard k < e, Bytes.isDigit(p[k]) else { return false }
            k += 1
            if k < e, Bytes.isDigit(p[k]) || Bytes.isUpper(p[k]) { k += 1 }
            return k == e
        }
        func inward(_ s: Int, _ e: Int) -> Bool {
            e - s == 3 && Bytes.isDigit(p[s]) && Bytes.isUpper(p[s + 1]) && Bytes.isUpper(p[s + 2])
        }
        let s = tok.start, e = tok.end
        if let next, next.start == e + 1, p[e] == 0x20, outward(s, e), inward(next.start, next.end) { return next.end }
        if e - s >= 5, e - s <= 7, outward(s, e - 3), inward(e - 3, e) { return e }
        return nil
    }
}
