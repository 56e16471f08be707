import GuideQA

/// The baseline: SQLite FTS5 over the same passages (title + text), queried with the
/// question's words OR-ed and ranked by `bm25()` (k1 = 1.2, b = 0.75, SQLite's fixed values).
///
/// The table is contentless (`content=''`): it holds the index alone, as guideqa's
/// index does (both keep positions), and the rowid is the passage's index in the
/// corpus. It lives in memory, like guideqa's; its page count is what the same
/// index would take as a file.
final class FTS5Index {
    let database: SQLiteDatabase
    private let search: SQLiteDatabase.Statement

    /// Indexes every passage in one transaction, then merges FTS5's segments
    /// (`optimize`), as a one-shot index build would.
    init(corpus: Corpus, path: String = ":memory:") throws(SQLiteDatabase.Failure) {
        database = try SQLiteDatabase(path: path)
        try database.execute("CREATE VIRTUAL TABLE passages USING fts5(title, text, content='')")
        try database.execute("BEGIN")
        let insert = try database.prepare("INSERT INTO passages(rowid, title, text) VALUES (?1, ?2, ?3)")
        for (i, passage) in corpus.passages.enumerated() {
            insert.bind(1, i)
            insert.bind(2, corpus.document(of: passage).title)
            insert.bind(3, passage.text)
            _ = try insert.step()
            insert.reset()
        }
        try database.execute("COMMIT")
        try database.execute("INSERT INTO passages(passages) VALUES ('optimize')")
        search = try database.prepare("SELECT rowid FROM passages WHERE passages MATCH ?1 ORDER BY rank LIMIT ?2")
    }

    /// Bytes of the database's pages: the index as it would be stored in a file.
    func storedBytes() throws(SQLiteDatabase.Failure) -> Int {
        try database.integer("PRAGMA page_count") * database.integer("PRAGMA page_size")
    }

    /// Passage indices, best first; none for a question without a word.
    func search(_ question: String, limit: Int = 10) throws(SQLiteDatabase.Failure) -> [Int] {
        guard let expression = Self.matchExpression(question) else { return [] }
        search.bind(1, expression)
        search.bind(2, limit)
        defer { search.reset() }
        var rows: [Int] = []
        while try search.step() { rows.append(search.integer(0)) }
        return rows
    }

    /// The question's alphanumeric words, each an FTS5 string, joined with OR:
    /// `"what" OR "is" OR "asthma"`. Quoting keeps words such as AND, NOT or NEAR
    /// from being read as operators.
    static func matchExpression(_ question: String) -> String? {
        let words = question.split { !($0.isLetter || $0.isNumber) }
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"" }.joined(separator: " OR ")
    }
}
