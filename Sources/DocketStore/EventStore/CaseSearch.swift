import DocketCore
import Fluent
import Foundation
import SQLKit

/// The search projection: one row per case with its reference, the parties' names as the record
/// has them, its kind and its stage, rewritten with every step. It answers which cases *may*
/// match; who may see which name is the pages' question for the core, asked of every result.
public enum CaseSearch {
    static func write(_ file: CaseFile, on tx: any Database) async throws {
        let sql = tx as! any SQLDatabase
        var respondent: [String] = []
        if let id = file.respondentId, let person = try await Person.find(id, on: tx) { respondent.append(person.displayName) }
        if let words = file.respondentNamed, !words.isEmpty { respondent.append(words) }
        let row: [any SQLExpression] = [
            SQLBind(file.id), SQLBind(file.reference), SQLBind(file.complainantName), SQLBind(respondent.joined(separator: " ")),
            SQLBind(file.category.replacingOccurrences(of: "_", with: " ")), SQLBind(file.stage.title),
        ]
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                INSERT INTO case_search (case_id, reference, complainant, respondent, kind, stage) VALUES (\(SQLList(row)))
                ON CONFLICT (case_id) DO UPDATE SET reference = excluded.reference, complainant = excluded.complainant,
                  respondent = excluded.respondent, kind = excluded.kind, stage = excluded.stage
                """
            ).run()
        } else {
            try await sql.raw("DELETE FROM case_search WHERE case_id = \(bind: file.id)").run()
            try await sql.raw("INSERT INTO case_search (case_id, reference, complainant, respondent, kind, stage) VALUES (\(SQLList(row)))").run()
        }
    }

    /// The words of a text, as the index splits them: letters and digits, lower case, no accents.
    public static func words(_ text: String) -> [String] {
        text.lowercased().folding(options: .diacriticInsensitive, locale: nil).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The words of a search: the first eight, each of at most forty letters.
    public static func terms(_ text: String) -> [String] {
        words(text).prefix(8).map { String($0.prefix(40)) }
    }

    /// The cases among `ids` whose indexed text has a word beginning with each term.
    public static func matching(_ text: String, among ids: [UUID], on db: any Database) async throws -> Set<UUID> {
        let words = terms(text)
        guard !words.isEmpty, !ids.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        var found: Set<UUID> = []
        // In slices, so that no statement carries more ids than a database takes in one go.
        for start in stride(from: 0, to: ids.count, by: 5_000) {
            let slice = SQLList(ids[start..<min(start + 5_000, ids.count)].map { SQLBind($0) })
            let rows: [any SQLRow]
            if sql.dialect.name == "postgresql" {
                let query = words.map { "\($0):*" }.joined(separator: " & ")
                rows = try await sql.raw(
                    "SELECT case_id FROM case_search WHERE \(unsafeRaw: CaseSearchSQL.vector) @@ to_tsquery('simple', \(bind: query)) AND case_id IN (\(slice))"
                ).all()
            } else {
                let query = words.map { "\"\($0)\"*" }.joined(separator: " ")
                rows = try await sql.raw("SELECT case_id FROM case_search WHERE case_search MATCH \(bind: query) AND case_id IN (\(slice))").all()
            }
            for row in rows { found.insert(try row.decode(column: "case_id", as: UUID.self)) }
        }
        return found
    }
}
