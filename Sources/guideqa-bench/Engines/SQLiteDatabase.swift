import CSQLite

/// A minimal SQLite connection for the FTS5 baseline: execute, prepare, step.
/// Errors carry SQLite's own message.
final class SQLiteDatabase {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var handle: OpaquePointer?

    init(path: String) throws(Failure) {
        if sqlite3_open(path, &handle) != SQLITE_OK {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw Failure(description: "sqlite3_open(\(path)): \(message)")
        }
    }

    deinit { sqlite3_close(handle) }

    static var version: String { String(cString: sqlite3_libversion()) }

    func execute(_ sql: String) throws(Failure) {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw Failure(description: "\(sql): \(message)")
        }
    }

    func prepare(_ sql: String) throws(Failure) -> Statement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement else {
            throw Failure(description: "\(sql): \(lastError)")
        }
        return Statement(statement, database: self)
    }

    /// The first column of the first row, as an integer (for pragmas and counts).
    func integer(_ sql: String) throws(Failure) -> Int {
        let statement = try prepare(sql)
        guard try statement.step() else { throw Failure(description: "\(sql): no row") }
        return statement.integer(0)
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// A prepared statement, reused across rows (reset after each run).
    final class Statement {
        private let statement: OpaquePointer
        private let database: SQLiteDatabase

        fileprivate init(_ statement: OpaquePointer, database: SQLiteDatabase) {
            self.statement = statement
            self.database = database
        }

        deinit { sqlite3_finalize(statement) }

        func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(statement, index, sqlite3_int64(value)) }

        func bind(_ index: Int32, _ value: String) {
            // SQLITE_TRANSIENT: SQLite copies the text, so the Swift string may go away.
            sqlite3_bind_text(statement, index, value, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }

        /// Steps once: true while there is a row.
        func step() throws(Failure) -> Bool {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default: throw Failure(description: database.lastError)
            }
        }

        func integer(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

        func reset() {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
    }
}
