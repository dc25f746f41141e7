/// A private person whose names must not appear in a publication.
public struct PrivatePerson: Sendable, Equatable {
    public var memberId: String
    public var fullName: String
    /// Other names, nicknames and handles; matched exactly as given.
    public var aliases: [String]

    public init(memberId: String, fullName: String, aliases: [String] = []) {
        self.memberId = memberId; self.fullName = fullName; self.aliases = aliases
    }
}

/// An official or public figure whose name stays in a publication.
public struct PublicPerson: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    public init(name: String, aliases: [String] = []) { self.name = name; self.aliases = aliases }
}

/// A list file that could not be read, naming the file and the line.
public struct ListError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file), line \(line): \(reason)" }
}

public enum Lists {
    /// `member_id,full_name,aliases` with aliases separated by `|`; a header line is optional.
    public static func roster(csv text: String, file: String = "roster") throws(ListError) -> [PrivatePerson] {
        var out: [PrivatePerson] = []
        let records = try rows(text, file: file)
        out.reserveCapacity(records.count)
        var seen: [String: Int] = [:]
        seen.reserveCapacity(records.count)
        for (line, fields) in records {
            if line == 1, fields.first?.lowercased() == "member_id" { continue }
            guard fields.count >= 2, fields.count <= 3 else {
                throw ListError(file: file, line: line, reason: "expected member_id,full_name,aliases; found \(fields.count) fields")
            }
            let id = fields[0].trimmed, name = fields[1].trimmed
            if id.isEmpty { throw ListError(file: file, line: line, reason: "member_id is empty") }
            if name.isEmpty { throw ListError(file: file, line: line, reason: "full_name is empty") }
            if let earlier = seen[id] { throw ListError(file: file, line: line, reason: "member_id \(id) is also on line \(earlier)") }
            seen[id] = line
            let aliases = fields.count == 3 && !fields[2].isEmpty ? fields[2].split(separator: "|").map { String($0).trimmed }.filter { !$0.isEmpty } : []
            out.append(PrivatePerson(memberId: id, fullName: name, aliases: aliases))
        }
        return out
    }

    /// `name,aliases` with aliases separated by `|`; a header line is optional.
    public static func publicList(csv text: String, file: String = "public list") throws(ListError) -> [PublicPerson] {
        var out: [PublicPerson] = []
        for (line, fields) in try rows(text, file: file) {
            if line == 1, fields.first?.lowercased() == "name" { continue }
            guard fields.count >= 1, fields.count <= 2 else {
                throw ListError(file: file, line: line, reason: "expected name,aliases; found \(fields.count) fields")
            }
            let name = fields[0].trimmed
            if name.isEmpty { throw ListError(file: file, line: line, reason: "name is empty") }
            let aliases = fields.count == 2 ? fields[1].split(separator: "|").map { String($0).trimmed }.filter { !$0.isEmpty } : []
            out.append(PublicPerson(name: name, aliases: aliases))
        }
        return out
    }

    /// CSV records with the line each starts on; quoted fields may hold commas and quotes ("").
    /// Read byte by byte: a roster of 50,000 members is read in a few milliseconds, which is
    /// most of what `docket redact` does before its first word.
    static func rows(_ text: String, file: String) throws(ListError) -> [(Int, [String])] {
        var text = text
        let result = text.withUTF8 { b -> Result<[(Int, [String])], ListError> in
            do throws(ListError) { return .success(try rows(b, file: file)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    static func rows(_ b: UnsafeBufferPointer<UInt8>, file: String) throws(ListError) -> [(Int, [String])] {
        var out: [(Int, [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false, afterQuote = false, line = 1, start = 1
        func isBlank(_ f: [UInt8]) -> Bool { String(decoding: f, as: UTF8.self).trimmed.isEmpty }
        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            if !(fields.count == 1 && fields[0].trimmed.isEmpty) { out.append((start, fields)) }
            fields = []; field.removeAll(keepingCapacity: true)
        }
        var i = 0
        // A byte-order mark at the very start is not part of the first field.
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        while i < b.count {
            let c = b[i]
            i += 1
            if quoted {
                if c == 0x22 {
                    quoted = false; afterQuote = true
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case 0x22:
                if afterQuote {
                    field.append(0x22); quoted = true; afterQuote = false
                } else if field.isEmpty || isBlank(field) {
                    field.removeAll(keepingCapacity: true); quoted = true
                } else {
                    throw ListError(file: file, line: line, reason: "a quote inside an unquoted field")
                }
            case 0x2C: fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true); afterQuote = false
            case 0x0D: break
            case 0x0A: endRecord(); line += 1; start = line; afterQuote = false
            default:
                if afterQuote, c != 0x20 { throw ListError(file: file, line: line, reason: "text after a closing quote") }
                field.append(c)
            }
        }
        if quoted { throw ListError(file: file, line: start, reason: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return out
    }
}

extension String {
    var trimmed: String {
        // Most fields have nothing to trim: a look at the first and last bytes says so.
        if let f = utf8.first, let l = utf8.last, f != 0x20, f != 0x09, f != 0xC2, l != 0x20, l != 0x09, l != 0xA0 { return self }
        var s = Substring(self)
        while let f = s.unicodeScalars.first, f == " " || f == "\t" || f == "\u{00A0}" { s = Substring(s.unicodeScalars.dropFirst()) }
        while let l = s.unicodeScalars.last, l == " " || l == "\t" || l == "\u{00A0}" { s = Substring(s.unicodeScalars.dropLast()) }
        return String(s)
    }
}
