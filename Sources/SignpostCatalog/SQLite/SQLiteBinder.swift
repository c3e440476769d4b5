import GRDB
import GRDBSQLite

/// Binds values straight into a prepared statement through SQLite's C API, then runs it. GRDB's generic
/// `StatementArguments` cost more than the insert itself on large imports (see Docs/Architecture.md).
struct SQLiteBinder: RowSink {
    private let statement: OpaquePointer
    private var index: Int32 = 1

    init(_ statement: Statement) {
        self.statement = statement.sqliteStatement
        sqlite3_reset(self.statement)
        sqlite3_clear_bindings(self.statement)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func text(_ value: String?) {
        if var value {
            value.withUTF8 { buffer in
                _ = buffer.withMemoryRebound(to: CChar.self) { chars in
                    sqlite3_bind_text(statement, index, chars.baseAddress, Int32(chars.count), Self.transient)
                }
            }
        } else {
            sqlite3_bind_null(statement, index)
        }
        index += 1
    }

    mutating func integer(_ value: Int?) {
        if let value {
            sqlite3_bind_int64(statement, index, sqlite3_int64(value))
        } else {
            sqlite3_bind_null(statement, index)
        }
        index += 1
    }

    mutating func real(_ value: Double?) {
        if let value { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
        index += 1
    }

    /// Runs the statement with the values bound so far.
    /// - Throws: the database's error when the statement fails (a constraint, a full disk).
    func run(in db: Database) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }
}
