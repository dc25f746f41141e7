import DocketCore
import Fluent
import Foundation
import SQLKit

/// The search projection: one row per case with its reference, the parties' names as the record
/// has them, its kind and its stage, rewritten with every step, folded as searches are (lower
/// case, no accents, anything but letters and digits between words). It answers which cases *may*
/// match; who may see which name is the pages' question for the core, asked of every result.
public enum CaseSearch {
    static func write(_ file: CaseFile, on tx: any Database) async throws {
        let sql = tx as! any SQLDatabase
        var respondent: [String] = []
        // An erased case is found by its reference, kind and stage only: no name stays in the index.
        if file.erasedAt == nil, let id = file.respondentId, let person = try await Person.find(id, on: tx) { respondent.append(person.displayName) }
        if let words = file.respondentNamed, !words.isEmpty { respondent.append(words) }
        // Stored as searched: lower case, no accents, words apart, the same on both databases.
        func folded(_ text: String) -> SQLBind { SQLBind(words(text).joined(separator: " ")) }
        let row: [any SQLExpression] = [
            SQLBind(file.id), folded(file.reference),
            folded(file.erasedAt == nil && (!file.identityProtected || file.identityRevealed) ? file.complainantName : ""),
            folded(respondent.joined(separator: " ")),
            folded(file.category), folded(file.stage.title),
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

    /// Indexes every case from the lists and the register, in one statement: for a database
    /// whose cases were recorded before the index existed (a complainant without an account is
    /// found by name once their case next changes).
    public static func backfill(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw(
            """
            INSERT INTO case_search (case_id, reference, complainant, respondent, kind, stage)
            SELECT c.id, LOWER(c.reference), LOWER(COALESCE(pc.display_name, '')), LOWER(COALESCE(pr.display_name, '')),
              REPLACE(c.category, '_', ' '), REPLACE(c.stage, '_', ' ')
            FROM cases c LEFT JOIN people pc ON pc.id = c.complainant_id LEFT JOIN people pr ON pr.id = c.respondent_id
            """
        ).run()
    }

    /// The words of a text, as the index splits them: letters and digits, lower case, no accents.
    public static func words(_ text: String) -> [String] {
        text.lowercased().folding(options: .diacriticInsensitive, locale: nil).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The words of a search: the first eight, each of at most forty letters.
    public static func terms(_ text: String) -> [String] {
        words(text).prefix(8).map { String($0.prefix(40)) }
    }

    /// A condition on `column` (a case id) that holds for the cases whose indexed text has a
    /// word beginning with each term of `text`; nil when the text has no words.
    public static func filter(_ text: String, column: SQLQueryString, on db: any Database) -> SQLQueryString? {
        let words = terms(text)
        guard !words.isEmpty else { return nil }
        if (db as! any SQLDatabase).dialect.name == "postgresql" {
            let query = words.map { "\($0):*" }.joined(separator: " & ")
            return "\(column) IN (SELECT case_id FROM case_search WHERE \(unsafeRaw: CaseSearchSQL.vector) @@ to_tsquery('simple', \(bind: query)))"
        }
        let query = words.map { "\"\($0)\"*" }.joined(separator: " ")
        return "\(column) IN (SELECT case_id FROM case_search WHERE case_search MATCH \(bind: query))"
    }
}
