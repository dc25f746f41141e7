import Fluent
import SQLKit

/// Full-text search over cases: the reference, the parties' names, the kind and the stage. On
/// SQLite an FTS5 table; on PostgreSQL a table with a GIN index on its text search vector. Cases
/// already recorded are indexed from the lists and the register (a complainant without an account
/// is found by name once their case next changes, or after `docket projections rebuild`).
struct M022_CaseSearch: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE TABLE case_search (case_id uuid PRIMARY KEY, reference text NOT NULL, complainant text NOT NULL,
                  respondent text NOT NULL, kind text NOT NULL, stage text NOT NULL)
                """
            ).run()
            try await sql.raw("CREATE INDEX case_search_text ON case_search USING gin (\(unsafeRaw: CaseSearchSQL.vector))").run()
        } else {
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE case_search USING fts5(case_id UNINDEXED, reference, complainant, respondent, kind, stage,
                  tokenize = 'unicode61 remove_diacritics 2')
                """
            ).run()
        }
        try await CaseSearch.backfill(on: db)
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("DROP TABLE case_search").run()
    }
}

/// The text search expression PostgreSQL indexes, and queries with, word for word. Anything but
/// letters and digits separates words, as in SQLite's tokenizer: "DK-2026-00012" is three words,
/// not one word and two negative numbers.
enum CaseSearchSQL {
    static let vector =
        "to_tsvector('simple', regexp_replace(reference || ' ' || complainant || ' ' || respondent || ' ' || kind || ' ' || stage, '[^[:alnum:]]+', ' ', 'g'))"
}
