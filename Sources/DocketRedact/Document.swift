/// One replacement in the redaction map, in Unicode scalar offsets into the input.
public struct MapEntry: Codable, Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var replacement: String
    public var kind: RedactionKind
    public var memberId: String?
    /// The text that was replaced: for a reviewer in the application. It is left out of the JSON
    /// map, which would otherwise carry the very names the redaction removes.
    public var original: String = ""

    enum CodingKeys: String, CodingKey {
        case start, end, replacement, kind, memberId = "member_id"
    }

    public init(start: Int, end: Int, replacement: String, kind: RedactionKind, memberId: String?, original: String) {
        self.start = start; self.end = end; self.replacement = replacement; self.kind = kind; self.memberId = memberId; self.original = original
    }
}

public enum DocumentFormat: String, Sendable, CaseIterable {
    case text, markdown, html
}

extension Redactor {
    public struct Output: Sendable {
        public var document: String
        public var map: [MapEntry]
    }

    /// Redacts a whole document held in memory.
    public func redact(_ input: String, format: DocumentFormat) -> Output {
        var out: [UInt8] = []
        var map: [MapEntry] = []
        let stream = RedactionStream(redactor: self, format: format)
        stream.feed(Array(input.utf8), final: true, output: { out.append(contentsOf: $0) }, entry: { map.append($0) })
        return Output(document: String(decoding: out, as: UTF8.self), map: map)
    }

    /// Redacts one stretch of text: appends the result to `out` and reports each replacement.
    /// `scalarBase` is the scalar offset of `p[0]` in the whole input.
    /// `masked`: ranges of `p` (inline tags) read as nothing; a replacement that covers one
    /// keeps the tag after it, so the markup stays whole ("<b>Tom</b> Rayner" → "<b>Member A</b>").
    /// `analysis`: the stretch's analysis, worked out ahead (`Redactor.prepare` and `Redactor.names`).
    func redactText(
        _ p: UnsafeBufferPointer<UInt8>, scalarBase: Int, out: inout [UInt8], masked: [Range<Int>] = [], analysis: Analysis? = nil,
        entry: (MapEntry) -> Void
    ) {
        var spans: [Span]
        if masked.isEmpty {
            spans = findSpans(p, analysis: analysis)
        } else {
            var q = Array(p)
            for r in masked { for i in r { q[i] = Bytes.masked } }
            spans = q.withUnsafeBufferPointer { findSpans($0) }
        }
        var copied = 0
        var scalars = scalarBase
        var counted = 0
        // From the analysis: the scalars before byte i are i less the continuation bytes before it.
        let continuations = analysis?.continuations
        var passed = 0
        func advance(to i: Int) {
            if let continuations {
                while passed < continuations.count, Int(continuations[passed]) < i { passed += 1 }
                scalars = scalarBase + i - passed
                return
            }
            var k = counted
            while k < i { if !Bytes.isContinuation(p[k]) { scalars += 1 }; k += 1 }
            counted = i
        }
        for span in spans {
            // `findSpans` gives disjoint spans in order; one that is not is skipped, never a trap.
            guard span.start >= copied, span.end >= span.start, span.end <= p.count else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<span.start]))
            advance(to: span.start)
            let start = scalars
            advance(to: span.end)
            out.append(contentsOf: span.replacement.utf8)
            for r in masked where r.lowerBound >= span.start && r.upperBound <= span.end {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[r]))
            }
            entry(
                MapEntry(
                    start: start, end: scalars, replacement: span.replacement, kind: span.kind, memberId: span.memberId,
                    original: recordsOriginals ? String(decoding: UnsafeBufferPointer(rebasing: p[span.start..<span.end]), as: UTF8.self) : ""))
            copied = span.end
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<p.count]))
    }
}

/// Feeds a document through the redactor in pieces, so a large file needs memory for one piece,
/// not the whole. Pieces end where no name can be cut in two: at a line break for text, after a
/// tag for HTML. HTML is walked as a small state machine: text between tags and the values of
/// `title`, `alt`, `aria-label` and `mailto:` links are redacted; all other markup is copied.
public final class RedactionStream {
    let redactor: Redactor
    let format: DocumentFormat
    private var carry: [UInt8] = []
    private var scalarBase = 0
    private var out: [UInt8] = []
    // HTML state that survives between pieces.
    private var inTag = false
    private var rawUntil: [UInt8]?
    /// Inside `<!-- … -->`: a comment is not shown, but it is published with the page, so its
    /// words are redacted as text; a quote in it opens no attribute.
    private var inComment = false

    public init(redactor: Redactor, format: DocumentFormat) {
        self.redactor = redactor
        self.format = format
    }

    /// Takes the next bytes; writes whatever can be finished. Call with `final: true` at the end.
    public func feed(_ bytes: [UInt8], final: Bool, output: ([UInt8]) -> Void, entry: (MapEntry) -> Void) {
        carry.append(contentsOf: bytes)
        let cut = final ? carry.count : safeCut()
        guard cut > 0 else { return }
        out.removeAll(keepingCapacity: true)
        carry.withUnsafeBufferPointer { all in
            let piece = UnsafeBufferPointer(rebasing: all[0..<cut])
            if format == .html { html(piece, entry: entry) } else { redactor.redactText(piece, scalarBase: scalarBase, out: &out, entry: entry) }
            var k = 0
            while k < cut { if !Bytes.isContinuation(all[k]) { scalarBase += 1 }; k += 1 }
        }
        carry.removeFirst(cut)
        output(out)
    }

    private func safeCut() -> Int { Self.safeCut(carry, format: format) }

    /// The end of the last complete line (text) or tag (HTML) in what has arrived.
    static func safeCut(_ carry: [UInt8], format: DocumentFormat) -> Int {
        let mark: UInt8 = format == .html ? 0x3E : 0x0A
        var i = carry.count - 1
        while i >= 0 {
            if carry[i] == mark { return i + 1 }
            i -= 1
        }
        // A very long line: cut at a space rather than hold everything.
        if carry.count > 1 << 20, let space = carry.lastIndex(of: 0x20) { return space + 1 }
        return 0
    }

    private func html(_ p: UnsafeBufferPointer<UInt8>, entry: (MapEntry) -> Void) {
        var i = 0
        var textStart = 0
        var scalars = scalarBase
        var counted = 0
        // Inline tags inside the text being gathered, relative to `textStart`.
        var masks: [Range<Int>] = []
        func scalar(at k: Int) -> Int {
            var j = counted
            while j < k { if !Bytes.isContinuation(p[j]) { scalars += 1 }; j += 1 }
            counted = k
            return scalars
        }
        func flushText(_ end: Int) {
            defer { masks.removeAll() }
            guard end > textStart else { return }
            let base = scalar(at: textStart)
            redactor.redactText(UnsafeBufferPointer(rebasing: p[textStart..<end]), scalarBase: base, out: &out, masked: masks, entry: entry)
        }
        func copy(_ s: Int, _ e: Int) { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[s..<e])) }
        while i < p.count {
            if inComment {
                let end = find(p, Array("-->".utf8), from: i) ?? p.count
                textStart = i
                flushText(end)
                if end < p.count { copy(end, end + 3); i = end + 3; inComment = false } else { i = end }
                textStart = i
                continue
            }
            if let raw = rawUntil {
                // Inside <script> or <style>: copied as it is, up to the closing tag.
                if let end = find(p, raw, from: i) {
                    copy(i, end); i = end; rawUntil = nil; textStart = i
                } else {
                    copy(i, p.count); i = p.count; textStart = i
                }
                continue
            }
            if !inTag {
                if p[i] == 0x3C, i + 3 < p.count, p[i + 1] == 0x21, p[i + 2] == 0x2D, p[i + 3] == 0x2D {
                    flushText(i)
                    copy(i, i + 4)
                    i += 4
                    textStart = i
                    inComment = true
                    continue
                }
                if p[i] == 0x3C {
                    // An inline tag with nothing to redact in it is read through, as nothing.
                    if let end = inlineTagEnd(p, at: i) {
                        masks.append((i - textStart)..<(end - textStart))
                        i = end
                        continue
                    }
                    flushText(i)
                    inTag = true
                    textStart = i
                }
                i += 1
                continue
            }
            // In a tag: copy names, redact the values of attributes that carry text or addresses.
            if p[i] == 0x3E {
                copy(textStart, i + 1)
                let tag = tagName(p, textStart)
                if tag == "script" || tag == "style" { rawUntil = Array("</\(tag)".utf8) }
                inTag = false
                i += 1
                textStart = i
                continue
            }
            // A quote opens an attribute's value only after its "=" ("don't" in a tag is a letter).
            if p[i] == 0x22 || p[i] == 0x27, !attributeName(p, before: i).isEmpty {
                let quote = p[i]
                let valueStart = i + 1
                var valueEnd = valueStart
                while valueEnd < p.count, p[valueEnd] != quote { valueEnd += 1 }
                let attr = attributeName(p, before: i)
                copy(textStart, valueStart)
                let value = UnsafeBufferPointer(rebasing: p[valueStart..<valueEnd])
                // Attributes that carry words a reader or a search engine sees, and links that
                // carry an address or a number.
                if Self.textAttributes.contains(attr) || attr.hasPrefix("data-")
                    || (attr == "href" && (startsWith(value, "mailto:") || startsWith(value, "tel:") || startsWith(value, "sms:")))
                {
                    redactor.redactText(value, scalarBase: scalar(at: valueStart), out: &out, entry: entry)
                } else {
                    copy(valueStart, valueEnd)
                }
                // The closing quote is copied with the rest of the tag.
                textStart = valueEnd
                i = min(valueEnd + 1, p.count)
                continue
            }
            i += 1
        }
        if inTag { copy(textStart, p.count) } else { flushText(p.count) }
    }

    static let textAttributes: Set<String> = ["title", "alt", "aria-label", "aria-description", "content", "value", "placeholder", "label", "summary"]

    /// Tags that sit inside a line of text and do not break it.
    static let inlineTags: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s", "samp", "small", "span",
        "strong", "sub", "sup", "time", "u", "var", "wbr", "ins", "del",
    ]

    /// The end (after `>`) of an inline tag at `lt`, opening or closing, whose attributes carry
    /// nothing to redact (no title, alt, aria-label or mailto: link); nil for any other tag.
    private func inlineTagEnd(_ p: UnsafeBufferPointer<UInt8>, at lt: Int) -> Int? {
        var k = lt + 1
        if k < p.count, p[k] == 0x2F { k += 1 }
        let nameStart = k
        while k < p.count, Bytes.isASCIILetter(p[k]) { k += 1 }
        guard k > nameStart, k < p.count, p[k] == 0x3E || p[k] == 0x20 || p[k] == 0x2F else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<k]), as: UTF8.self).lowercased()
        guard Self.inlineTags.contains(name) else { return nil }
        // To its `>`, past quoted values (which may hold one).
        var e = k
        while e < p.count, p[e] != 0x3E, p[e] != 0x3C {
            if p[e] == 0x22 || p[e] == 0x27 {
                let quote = p[e]
                e += 1
                while e < p.count, p[e] != quote { e += 1 }
            }
            e += 1
        }
        guard e < p.count, p[e] == 0x3E else { return nil }
        let tag = String(decoding: UnsafeBufferPointer(rebasing: p[lt...e]), as: UTF8.self).lowercased()
        // A tag with an attribute whose value is redacted is read as a tag, for that value.
        for attribute in Array(Self.textAttributes) + ["data-", "mailto:", "tel:", "sms:"] where tag.contains(attribute) { return nil }
        return e + 1
    }

    private func find(_ p: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int) -> Int? {
        var i = from
        while i + needle.count <= p.count {
            var k = 0
            while k < needle.count, Bytes.lower(p[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }

    private func startsWith(_ p: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        let b = Array(prefix.utf8)
        guard p.count >= b.count else { return false }
        for k in 0..<b.count where Bytes.lower(p[k]) != b[k] { return false }
        return true
    }

    private func tagName(_ p: UnsafeBufferPointer<UInt8>, _ lt: Int) -> String {
        var e = lt + 1
        while e < p.count, Bytes.isASCIILetter(p[e]) { e += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: p[(lt + 1)..<e]), as: UTF8.self).lowercased()
    }

    private func attributeName(_ p: UnsafeBufferPointer<UInt8>, before quote: Int) -> String {
        var e = quote - 1
        while e > 0, p[e] == 0x20 { e -= 1 }
        guard e > 0, p[e] == 0x3D else { return "" }
        e -= 1
        while e > 0, p[e] == 0x20 { e -= 1 }
        var s = e
        while s > 0, Bytes.isASCIILetter(p[s - 1]) || p[s - 1] == 0x2D { s -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: p[s...e]), as: UTF8.self).lowercased()
    }
}
