import DocketCore
import Fluent
import Foundation
import Synchronization

/// The member register from CSV: `membership_number,full_name,email,is_public,public_role`.
/// Every line is checked first; if any is wrong nothing is imported, and each problem names its line.
public enum RegisterImport {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var membershipNumber: String
        public var fullName: String
        public var email: String?
        public var isPublic: Bool
        public var publicRole: String?
    }

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var problems: [String]
        public var description: String { "The register was not imported; nothing changed:\n" + problems.joined(separator: "\n") }
    }

    /// What an import says of the people it did not make again.
    public static func erasedNote(_ n: Int) -> String {
        n == 0
            ? ""
            : " \(n) line\(n == 1 ? " is" : "s are") for \(n == 1 ? "someone" : "people") whose data was erased on request; they were not added again. To bring someone back, invite them."
    }

    public static let header = ["membership_number", "full_name", "email", "is_public", "public_role"]

    public static func parse(_ text: String) throws(Invalid) -> [Row] {
        let records = CSV.records(text)
        guard let first = records.first else { throw Invalid(problems: ["line 1: the file is empty; the first line must be \(header.joined(separator: ","))"]) }
        let columns = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard Array(columns.prefix(2)) == Array(header.prefix(2)) else {
            throw Invalid(problems: ["line 1: the first line must name the columns: \(header.joined(separator: ","))"])
        }
        func col(_ name: String) -> Int? { columns.firstIndex(of: name) }
        var rows: [Row] = [], problems: [String] = [], seen: [String: Int] = [:], seenEmail: [String: Int] = [:]
        for r in records.dropFirst() where !(r.fields.count == 1 && r.fields[0].isEmpty) {
            func field(_ name: String) -> String {
                guard let i = col(name), i < r.fields.count else { return "" }
                return r.fields[i].trimmingCharacters(in: .whitespaces)
            }
            if r.fields.count != columns.count {
                problems.append("line \(r.line): expected \(columns.count) fields, found \(r.fields.count)")
                continue
            }
            let number = field("membership_number").uppercased(), name = field("full_name"), email = field("email")
            if number.isEmpty { problems.append("line \(r.line): membership_number is empty") }
            if name.isEmpty { problems.append("line \(r.line): full_name is empty") }
            if !email.isEmpty, !(email.contains("@") && email.split(separator: "@").count == 2 && email.contains(".")) {
                problems.append("line \(r.line): email '\(email)' is not an e-mail address")
            }
            let pub = field("is_public").lowercased()
            let isPublic: Bool
            switch pub {
            case "", "no", "false", "0", "n": isPublic = false
            case "yes", "true", "1", "y": isPublic = true
            default: isPublic = false; problems.append("line \(r.line): is_public must be yes or no, not '\(pub)'")
            }
            if let earlier = seen[number], !number.isEmpty {
                problems.append("line \(r.line): membership number \(number) is also on line \(earlier)")
            }
            seen[number] = r.line
            if !email.isEmpty {
                if let earlier = seenEmail[email.lowercased()] {
                    problems.append("line \(r.line): the e-mail address \(email.lowercased()) is also on line \(earlier); each person needs their own")
                }
                seenEmail[email.lowercased()] = r.line
            }
            rows.append(
                Row(
                    line: r.line, membershipNumber: number, fullName: name, email: email.isEmpty ? nil : email.lowercased(),
                    isPublic: isPublic, publicRole: field("public_role").isEmpty ? nil : field("public_role")))
        }
        if rows.isEmpty, problems.isEmpty { problems.append("line 2: the file has no members after the header line") }
        guard problems.isEmpty else { throw Invalid(problems: problems) }
        return rows
    }

    public struct Outcome: Sendable, Equatable {
        public var added: Int
        public var updated: Int
        /// Rows for people erased on request: not made again (their data stays erased).
        public var erased: Int = 0
    }

    /// Adds or updates members by membership number, in one transaction; roles are left alone.
    /// `alongside` runs in the same transaction once every row is in, with the outcome (the
    /// record of the import goes there, so there is no import without its record).
    public static func apply(
        _ rows: [Row], on db: any Database, progress: (@Sendable (Int, Int) -> Void)? = nil,
        alongside: (@Sendable (Outcome, any Database) async throws -> Void)? = nil
    ) async throws -> Outcome {
        let line = Mutex(0)
        do {
            return try await db.transaction { tx in
                var added = 0, updated = 0, erased = 0
                for (i, row) in rows.enumerated() {
                    line.withLock { $0 = row.line }
                    if let p = try await Person.query(on: tx).filter(\.$membershipNumber == row.membershipNumber).first() {
                        if let email = row.email, email != p.email, let other = try await Person.byEmail(email, on: tx), other.id != p.id {
                            throw Invalid(problems: [
                                "line \(row.line): the e-mail address \(email) already belongs to another account, so member \(row.membershipNumber) cannot be given it. Nothing was imported."
                            ])
                        }
                        p.displayName = row.fullName; p.email = row.email ?? p.email; p.isPublic = row.isPublic; p.publicRole = row.publicRole
                        try await p.save(on: tx)
                        updated += 1
                    } else if try await ErasedMember.isErased(number: row.membershipNumber, email: row.email, on: tx) {
                        erased += 1
                    } else {
                        if let email = row.email, try await Person.byEmail(email, on: tx) != nil {
                            throw Invalid(problems: [
                                "line \(row.line): the e-mail address \(email) already belongs to another account, so new member \(row.membershipNumber) cannot have it. Nothing was imported."
                            ])
                        }
                        try await Person(
                            displayName: row.fullName, email: row.email, membershipNumber: row.membershipNumber,
                            isPublic: row.isPublic, publicRole: row.publicRole, roles: [.member]
                        ).create(on: tx)
                        added += 1
                    }
                    if (i + 1) % 500 == 0 { progress?(i + 1, rows.count) }
                }
                progress?(rows.count, rows.count)
                let outcome = Outcome(added: added, updated: updated, erased: erased)
                try await alongside?(outcome, tx)
                return outcome
            }
        } catch let e as any DatabaseError where e.isConstraintFailure {
            // The checks above leave nothing for the database to refuse; if it still does (an
            // account changed meanwhile), say where. The transaction kept nothing.
            throw Invalid(problems: [
                "line \(line.withLock { $0 }): the database refused this line, most likely because its e-mail address or membership number now belongs to another account. Nothing was imported."
            ])
        }
    }
}

/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Records keep the
/// line on which they start, for error messages.
public enum CSV {
    public struct Record: Sendable { public var line: Int; public var fields: [String] }

    public static func records(_ text: String) -> [Record] {
        var out: [Record] = [], fields: [String] = [], field = "", quoted = false, line = 1, start = 1
        var chars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = chars.next()
        if pending == "\u{FEFF}" { pending = chars.next() }
        while let c = pending {
            pending = chars.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = chars.next() } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: quoted = true
            case ",": fields.append(field); field = ""
            case "\r": break
            case "\n":
                fields.append(field); out.append(Record(line: start, fields: fields))
                fields = []; field = ""; line += 1; start = line
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); out.append(Record(line: start, fields: fields)) }
        return out
    }
}
