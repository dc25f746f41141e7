import Foundation

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
    /// A large roster is read in two halves on two cores, cut at a line break outside quotes;
    /// the first problem in the file is the one reported, with its line.
    public static func roster(csv text: String, file: String = "roster") throws(ListError) -> [PrivatePerson] {
        let read = readRoster(csv: text, file: file)
        if let problem = read.firstProblem(file: file) { throw problem }
        return read.members
    }

    /// The roster's members as read, up to its first problem of form; `firstProblem` then says
    /// which problem comes first in the file, a member id twice or that one. `docket redact`
    /// checks on one core while it indexes the names on the other.
    static func readRoster(csv text: String, file: String) -> People {
        var text = text
        return text.withUTF8 { b in
            let cut = b.count >= 1 << 18 ? halfway(b) : b.count
            let second = Joinable<People>()
            if cut < b.count {
                let rest = UncheckedSendable(UnsafeBufferPointer(rebasing: b[cut...]))
                var firstLine = 1
                for i in 0..<cut where b[i] == 0x0A { firstLine += 1 }
                let line = firstLine
                Thread { second.finish(people(rest.value, file: file, firstLine: line)) }.start()
            }
            // The second half is always waited for, even when the first has a problem: it reads
            // this buffer. Its members count only when the first half had none.
            var all = people(UnsafeBufferPointer(rebasing: b[..<cut]), file: file, firstLine: 1)
            let rest = cut < b.count ? second.join() : People()
            if all.problem == nil, all.malformed == nil {
                all.members.append(contentsOf: rest.members)
                all.lines.append(contentsOf: rest.lines)
                all.problem = rest.problem
            }
            all.malformed = all.malformed ?? rest.malformed
            return all
        }
    }

    /// Members read from some lines of a roster, the line of each, and the problems met.
    struct People: Sendable {
        var members: [PrivatePerson] = []
        var lines: [Int] = []
        /// The first line whose fields are wrong; members are read up to it.
        var problem: ListError?
        /// The first place where the file is not CSV (a stray or unclosed quote).
        var malformed: ListError?

        /// The problem reported for the roster, as reading it whole line by line would find it:
        /// a file that is not CSV first; then whichever comes first, a member id twice or a line
        /// with wrong fields.
        func firstProblem(file: String) -> ListError? {
            if let malformed { return malformed }
            // Ids are keyed by a hash and compared in full when two hashes meet; two different
            // ids with one hash send the check to a table of the ids themselves.
            // Ids outside ASCII are compared as strings, where equivalent spellings of a character
            // ("é" as one code point or as "e" and an accent) are one id.
            if members.contains(where: { $0.memberId.utf8.contains { $0 >= 0x80 } }) { return exactly(file: file) }
            var seen = HashMap<Int>(capacity: members.count)
            for (k, person) in members.enumerated() {
                var id = person.memberId
                let h = id.withUTF8 { Bytes.hash($0, 0, $0.count, fold: false) }
                guard let earlier = seen[h] else {
                    seen[h] = k
                    continue
                }
                if members[earlier].memberId != person.memberId { return exactly(file: file) }
                return ListError(file: file, line: lines[k], reason: "member_id \(person.memberId) is also on line \(lines[earlier])")
            }
            return problem
        }

        private func exactly(file: String) -> ListError? {
            var seen: [String: Int] = [:]
            for (k, person) in members.enumerated() {
                if let earlier = seen[person.memberId] {
                    return ListError(file: file, line: lines[k], reason: "member_id \(person.memberId) is also on line \(lines[earlier])")
                }
                seen[person.memberId] = k
            }
            return problem
        }
    }

    /// A line break near the middle that is outside quotes (an even number of quotes before it).
    static func halfway(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var quotes = 0
        for i in 0..<(b.count / 2) where b[i] == 0x22 { quotes += 1 }
        var i = b.count / 2
        while i < b.count {
            if b[i] == 0x22 { quotes += 1 }
            if b[i] == 0x0A, quotes % 2 == 0 { return i + 1 }
            i += 1
        }
        return b.count
    }

    /// The members on some lines of a roster, up to the first problem with a line's fields; the
    /// rest is still read as CSV, so that a broken quote anywhere is found as well.
    static func people(_ b: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int) -> People {
        var read = People()
        do throws(ListError) {
            try forEachRow(b, file: file, firstLine: firstLine) { line, fields in
                guard read.problem == nil else { return }
                if line == 1, fields.first?.lowercased() == "member_id" { return }
                guard fields.count >= 2, fields.count <= 3 else {
                    read.problem = ListError(file: file, line: line, reason: "expected member_id,full_name,aliases; found \(fields.count) fields")
                    return
                }
                let id = fields[0].trimmed, name = fields[1].trimmed
                if id.isEmpty { read.problem = ListError(file: file, line: line, reason: "member_id is empty"); return }
                if name.isEmpty { read.problem = ListError(file: file, line: line, reason: "full_name is empty"); return }
                read.members.append(PrivatePerson(memberId: id, fullName: name, aliases: fields.count == 3 ? aliases(fields[2]) : []))
                read.lines.append(line)
            }
        } catch {
            read.malformed = error
        }
        return read
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
            out.append(PublicPerson(name: name, aliases: fields.count == 2 ? aliases(fields[1]) : []))
        }
        return out
    }

    /// Aliases separated by `|`, trimmed, empty ones left out; split on bytes, so a roster of
    /// tens of thousands of handles is not walked character by character.
    static func aliases(_ field: String) -> [String] {
        if field.isEmpty { return [] }
        // Outside ASCII, a "|" may begin a character (with a combining mark after it): the field
        // is split by characters, as it always was.
        if field.utf8.contains(where: { $0 >= 0x80 }) {
            return field.split(separator: "|").map { String($0).trimmed }.filter { !$0.isEmpty }
        }
        if !field.utf8.contains(0x7C) {
            let one = field.trimmed
            return one.isEmpty ? [] : [one]
        }
        return field.utf8.split(separator: 0x7C).map { String(decoding: $0, as: UTF8.self).trimmed }.filter { !$0.isEmpty }
    }

    /// CSV records with the line each starts on; quoted fields may hold commas and quotes ("").
    static func rows(_ text: String, file: String) throws(ListError) -> [(Int, [String])] {
        var text = text
        let result = text.withUTF8 { b -> Result<[(Int, [String])], ListError> in
            var out: [(Int, [String])] = []
            do throws(ListError) {
                try forEachRow(b, file: file, firstLine: 1) { line, fields in out.append((line, fields)) }
                return .success(out)
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Calls `body` with each CSV record and the line it starts on, counting from `firstLine`.
    /// Read byte by byte: a roster of 50,000 members is read in a few milliseconds, which is
    /// most of what `docket redact` does before its first word.
    static func forEachRow(
        _ b: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, _ body: (Int, [String]) throws(ListError) -> Void
    ) throws(ListError) {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false, afterQuote = false, line = firstLine, start = firstLine
        func isBlank(_ f: [UInt8]) -> Bool { String(decoding: f, as: UTF8.self).trimmed.isEmpty }
        func endRecord() throws(ListError) {
            fields.append(String(decoding: field, as: UTF8.self))
            if !(fields.count == 1 && fields[0].trimmed.isEmpty) { try body(start, fields) }
            fields.removeAll(keepingCapacity: true); field.removeAll(keepingCapacity: true)
        }
        var i = 0
        // A byte-order mark at the very start is not part of the first field.
        if firstLine == 1, b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
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
            case 0x0A: try endRecord(); line += 1; start = line; afterQuote = false
            default:
                if afterQuote, c != 0x20 { throw ListError(file: file, line: line, reason: "text after a closing quote") }
                field.append(c)
            }
        }
        if quoted { throw ListError(file: file, line: start, reason: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { try endRecord() }
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
