import DocketCore
import Foundation
import MultipartKit
import Vapor

/// What a person sent with a form, read back as it arrived: every field's values by name, and
/// the files chosen (a browser cannot be handed a file back, so those are named instead).
struct PostedForm: Sendable {
    struct ChosenFile: Sendable { var field: String; var filename: String }

    var values: [String: [String]] = [:]
    var files: [ChosenFile] = []

    func first(_ name: String) -> String? { values[name]?.first }

    /// The fields worth sending again: everything but the CSRF token and the form's own switches.
    var resendable: [(name: String, value: String)] {
        values.keys.sorted().filter { !["_csrf", "confirmed", "change"].contains($0) }.flatMap { name in values[name]!.map { (name, $0) } }
    }

    static func read(_ req: Request) -> PostedForm {
        guard var body = req.body.data else { return PostedForm() }
        var form = PostedForm()
        if let type = req.headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"] {
            let parser = MultipartParser(boundary: boundary)
            var disposition = ""
            var part = ByteBuffer()
            parser.onHeader = { name, value in if name.lowercased() == "content-disposition" { disposition = value } }
            parser.onBody = { part.writeBuffer(&$0) }
            parser.onPartComplete = {
                let name = Self.parameter("name", in: disposition) ?? ""
                if let filename = Self.parameter("filename", in: disposition) {
                    if !filename.isEmpty, part.readableBytes > 0 {
                        form.files.append(.init(field: name, filename: filename.split(separator: "/").last.map(String.init) ?? filename))
                    }
                } else {
                    form.values[name, default: []].append(part.readString(length: part.readableBytes) ?? "")
                }
                disposition = ""
                part.clear()
            }
            try? parser.execute(body)
            return form
        }
        let text = body.readString(length: body.readableBytes) ?? ""
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            form.values[kv[0], default: []].append(kv.count > 1 ? kv[1] : "")
        }
        return form
    }

    static func parameter(_ key: String, in disposition: String) -> String? {
        for piece in disposition.split(separator: ";") {
            let p = piece.trimmingCharacters(in: .whitespaces)
            guard p.hasPrefix(key + "=") else { continue }
            return String(p.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}

/// One thing wrong with a form, and the field at fault when one is.
struct FormProblem: Sendable {
    enum Words: Sendable {
        case text(String)
        /// Nothing was given: the sentence names the field by its label on the page.
        case missing
        /// Something was given that is not a value of the field's kind.
        case malformed
    }

    var field: String?
    var words: Words

    init(field: String?, _ text: String) { self.field = field; words = .text(text) }
    init(field: String, _ words: Words) { self.field = field; self.words = words }

    /// The core's refusal, at the field it names.
    init(_ error: DueProcessError) { self.init(field: error.field, error.message) }

    /// A body that could not be read: the field by the name it has in the form.
    init(_ error: DecodingError) {
        func name(_ path: [any CodingKey]) -> String {
            guard let head = path.first else { return "" }
            return head.stringValue + path.dropFirst().map { "[\($0.intValue.map(String.init) ?? $0.stringValue)]" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): self.init(field: name(context.codingPath + [key]), .missing)
        case .valueNotFound(_, let context): self.init(field: name(context.codingPath), .missing)
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            // An empty field arrives as an empty string, which no date or number reads.
            self.init(field: name(context.codingPath), .malformed)
        @unknown default: self.init(field: nil, "Some of the form was missing or not in the right form.")
        }
    }
}

/// Draws a form's problems the way people who use GOV.UK services expect: a summary at the top
/// of the page with a link to each field at fault, the problem again beside the field
/// (`aria-invalid`, `aria-describedby`), and everything that was typed put back.
///
/// It works on the page as rendered, inside the one form whose `action` was sent, so every form
/// of every page keeps what was typed without each template restating its fields.
enum FormRefill {
    static func page(
        _ html: String, action: String, posted: PostedForm, problems: [FormProblem]
    ) -> String {
        guard let actionAt = html.range(of: "action=\"\(action)\""),
            let start = html[..<actionAt.lowerBound].range(of: "<form", options: .backwards)?.lowerBound,
            let end = html[actionAt.upperBound...].range(of: "</form>")?.upperBound
        else { return problems.isEmpty ? html : summary(html, problems.map { (nil, text($0, label: nil, kind: "", empty: false)) }) }
        var form = String(html[start..<end])
        // The form's own id, for problems that are not about one field.
        var formId = attribute("id", of: String(form[..<(form.firstIndex(of: ">") ?? form.endIndex)]))
        if formId == nil {
            let id = "form-" + slug(action)
            form = form.replacingCharacters(in: form.range(of: "<form")!, with: "<form id=\"\(id)\"")
            formId = id
        }
        var problems = problems
        for file in posted.files where !problems.contains(where: { $0.field == file.field }) {
            problems.append(
                FormProblem(field: file.field, "\(file.filename) was not kept, because the form had a problem: choose the file again before you send it."))
        }
        if problems.isEmpty { return html }
        var marked: [String: String] = [:]
        for p in problems { if let f = p.field, marked[f] == nil { marked[f] = "" } }
        let (filled, found) = refill(form, posted: posted, marked: marked, focus: nil)
        var lines: [(String?, String)] = []
        var inline: [String: String] = [:]
        for p in problems {
            let target = p.field.flatMap { found[$0] }
            let sent = p.field.flatMap { posted.first($0) } ?? ""
            let message = text(p, label: target?.label, kind: target?.kind ?? "", empty: sent.trimmingCharacters(in: .whitespaces).isEmpty)
            lines.append((target?.id ?? formId, message))
            if let f = p.field, target != nil, inline[f] == nil { inline[f] = message }
        }
        let page = html.replacingCharacters(in: start..<end, with: mark(filled, found: found, messages: inline))
        return summary(page, lines)
    }

    /// The page, with the form put back as it was sent and nothing marked: "change my answers".
    /// The cursor goes to the field named `focus`, or to the form's first field.
    static func refilled(_ html: String, action: String, posted: PostedForm, focus: String = "") -> String {
        guard let actionAt = html.range(of: "action=\"\(action)\""),
            let start = html[..<actionAt.lowerBound].range(of: "<form", options: .backwards)?.lowerBound,
            let end = html[actionAt.upperBound...].range(of: "</form>")?.upperBound
        else { return html }
        return html.replacingCharacters(in: start..<end, with: refill(String(html[start..<end]), posted: posted, marked: [:], focus: focus).0)
    }

    /// The sentence for a problem the core did not word: what to do, with the field's label.
    /// `kind`: the field's input type, or `textarea` or `select`.
    static func text(_ p: FormProblem, label: String?, kind: String, empty: Bool) -> String {
        let what = label.map { "‘\($0)’" } ?? "every field"
        switch p.words {
        case .text(let t): return t
        case .missing,
            .malformed where empty:
            switch kind {
            case "radio", "checkbox": return "Choose an answer for \(what)."
            case "select": return "Choose \(what)."
            default: return "Enter \(what)."
            }
        case .malformed:
            let subject = label.map { "‘\($0)’" } ?? "A field"
            switch kind {
            case "date": return "\(subject) must be a real date, such as 2026-03-14."
            case "datetime-local": return "\(subject) must be a date and time, such as 2027-01-12T10:00."
            case "number": return "\(subject) must be a whole number."
            default: return "\(subject) is not one of the choices offered."
            }
        }
    }

    struct Found { var id: String; var label: String?; var kind: String }

    /// Puts back what was sent, field by field, and gives every field named in `marked` an id.
    /// `focus`: the field that gets the cursor ("" for the first, nil for none).
    static func refill(_ form: String, posted: PostedForm, marked: [String: String], focus: String?) -> (String, [String: Found]) {
        var out = ""
        var found: [String: Found] = [:]
        var select: String?
        var focused = focus == nil
        var i = form.startIndex
        /// A field named in `marked`, or the one to focus: it gets an id (if it has none), the
        /// cursor if it is the one, and its place in `found` with its label.
        func claim(_ tag: inout String, name: String, kind: String) {
            let focusHere = !focused && (focus == "" || focus == name)
            guard marked[name] != nil || focusHere else { return }
            let id = attribute("id", of: tag) ?? "f-\(slug(name))-\(found.count)"
            if attribute("id", of: tag) == nil { tag = adding(" id=\"\(id)\"", to: tag) }
            if focusHere {
                tag = adding(" autofocus", to: tag)
                focused = true
            }
            if marked[name] != nil, found[name] == nil {
                found[name] = Found(id: id, label: label(for: id, name: name, in: out, tag: tag, rest: form[i...]), kind: kind)
            }
        }
        while let lt = form[i...].firstIndex(of: "<"), let gt = form[lt...].firstIndex(of: ">") {
            out += form[i..<lt]
            var tag = String(form[lt...gt])
            i = form.index(after: gt)
            let kind = tag.hasPrefix("</") ? "" : tagName(tag)
            let name = attribute("name", of: tag)
            if tag.hasPrefix("</"), tagName(tag.replacingOccurrences(of: "</", with: "<")) == "select" { select = nil }
            switch kind {
            case "input":
                let type = attribute("type", of: tag)?.lowercased() ?? "text"
                guard let name, type != "hidden", type != "submit" else { break }
                if type == "file" {
                    // A file cannot be put back; the problem names it.
                } else if type == "radio" || type == "checkbox" {
                    if let sent = posted.values[name] {
                        tag = removing("checked", from: tag)
                        if sent.contains(attribute("value", of: tag) ?? "on") { tag = adding(" checked", to: tag) }
                    }
                } else if let sent = posted.first(name) {
                    tag = setting("value", to: sent, in: tag)
                }
                claim(&tag, name: name, kind: type)
            case "textarea":
                guard let name, let close = form[i...].range(of: "</textarea>") else { break }
                claim(&tag, name: name, kind: "textarea")
                let content = posted.first(name).map(escape) ?? String(form[i..<close.lowerBound])
                out += tag + content
                tag = "</textarea>"
                i = close.upperBound
            case "select":
                select = name
                if let name { claim(&tag, name: name, kind: "select") }
            case "option":
                if let select, let sent = posted.values[select] {
                    tag = removing("selected", from: tag)
                    if sent.contains(attribute("value", of: tag) ?? "") { tag = adding(" selected", to: tag) }
                }
            default: break
            }
            out += tag
        }
        out += form[i...]
        return (out, found)
    }

    /// Marks each field at fault: `aria-invalid`, `aria-describedby`, and the message beside it.
    static func mark(_ form: String, found: [String: Found], messages: [String: String]) -> String {
        var out = form
        for (name, message) in messages {
            guard let f = found[name], let idAt = out.range(of: " id=\"\(f.id)\""),
                let tagStart = out[..<idAt.lowerBound].range(of: "<", options: .backwards)?.lowerBound,
                let tagEnd = out[idAt.upperBound...].firstIndex(of: ">")
            else { continue }
            var tag = String(out[tagStart...tagEnd])
            let errorId = "\(f.id)-error"
            let described = attribute("aria-describedby", of: tag).map { "\($0) \(errorId)" } ?? errorId
            tag = setting("aria-describedby", to: described, in: tag)
            tag = adding(" aria-invalid=\"true\"", to: tag)
            let note = "<span class=\"error-message\" id=\"\(errorId)\"><span class=\"visually-hidden\">Error: </span>\(escape(message))</span>"
            let before = out[..<tagStart], after = out[out.index(after: tagEnd)...]
            // Beside the field: after the legend of its group for a choice, else just before it.
            var at = tagStart
            if let type = attribute("type", of: tag)?.lowercased(), type == "radio" || type == "checkbox" {
                let open = before.range(of: "<fieldset", options: .backwards)?.lowerBound
                let closed = before.range(of: "</fieldset>", options: .backwards)?.lowerBound
                if let open, closed.map({ $0 < open }) ?? true, let legend = before[open...].range(of: "</legend>") {
                    at = legend.upperBound
                } else if let label = before.range(of: "<label", options: .backwards), !before[label.lowerBound...].contains("</label>") {
                    at = label.lowerBound
                }
            }
            out = String(before[..<at]) + note + String(before[at...]) + tag + String(after)
        }
        return out
    }

    /// The summary at the top of the page, and "Error:" before the title.
    static func summary(_ html: String, _ lines: [(String?, String)]) -> String {
        let items = lines.map { id, message in
            id.map { "<li><a href=\"#\($0)\">\(escape(message))</a></li>" } ?? "<li>\(escape(message))</li>"
        }.joined()
        let box =
            "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\">"
            + "<h2 id=\"error-summary-title\">There is a problem</h2><ul>\(items)</ul></div>"
        var out = html
        if let main = out.range(of: "<main id=\"main\">") { out.insert(contentsOf: box, at: main.upperBound) }
        if let title = out.range(of: "<title>"), !out[title.upperBound...].hasPrefix("Error: ") { out.insert(contentsOf: "Error: ", at: title.upperBound) }
        return out
    }

    /// The words of the field's label (or its group's legend), as the page shows them.
    static func label(for id: String, name: String, in before: String, tag: String, rest: Substring) -> String? {
        let html = before + tag + rest
        if let r = html.range(of: "<label for=\"\(id)\""), let open = html[r.upperBound...].firstIndex(of: ">"),
            let close = html[open...].range(of: "</label>")
        {
            return plain(html[html.index(after: open)..<close.lowerBound])
        }
        if let legend = before.range(of: "<legend>", options: .backwards), let close = before[legend.upperBound...].range(of: "</legend>") {
            return plain(before[legend.upperBound..<close.lowerBound])
        }
        return nil
    }

    static func plain(_ s: Substring) -> String {
        var out = ""
        var inTag = false
        for c in s {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        return unescape(out).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func tagName(_ tag: String) -> String {
        String(tag.dropFirst().prefix { $0.isLetter || $0 == "/" }).lowercased()
    }

    static func attribute(_ key: String, of tag: String) -> String? {
        guard let r = tag.range(of: " \(key)=\"") else { return nil }
        guard let close = tag[r.upperBound...].firstIndex(of: "\"") else { return nil }
        return unescape(String(tag[r.upperBound..<close]))
    }

    static func setting(_ key: String, to value: String, in tag: String) -> String {
        var tag = tag
        if let r = tag.range(of: " \(key)=\""), let close = tag[r.upperBound...].firstIndex(of: "\"") {
            tag.removeSubrange(r.lowerBound...close)
        }
        return adding(" \(key)=\"\(escape(value))\"", to: tag)
    }

    static func removing(_ flag: String, from tag: String) -> String {
        tag.replacingOccurrences(of: " \(flag)>", with: ">").replacingOccurrences(of: " \(flag) ", with: " ")
    }

    static func adding(_ text: String, to tag: String) -> String {
        var tag = tag
        let at = tag.hasSuffix("/>") ? tag.index(tag.endIndex, offsetBy: -2) : tag.index(before: tag.endIndex)
        tag.insert(contentsOf: text, at: at)
        return tag
    }

    static func slug(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension View {
    /// The rendered page as text, for `FormRefill`.
    var html: String { String(buffer: data) }
}
