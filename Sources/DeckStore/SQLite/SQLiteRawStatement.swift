import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for the bulk-insert hot path.
///
/// GRDB's `StatementArguments` box every value; at tens of thousands of rows per second
/// that boxing cost more than SQLite itself. This binds Swift strings and integers
/// directly. It runs on the connection of the caller's GRDB transaction, so it commits or
/// rolls back with it; it is finalized when released.
final class SQLiteRawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "connection is closed")
        }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bind(index, $0) }
    }

    func bind(_ index: Int32, _ text: String?) {
        if let text { bind(index, text) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds UTF-8 bytes as text.
    func bind(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else {
            sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT_DESTRUCTOR)
            return
        }
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
            _ = sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), SQLITE_TRANSIENT_DESTRUCTOR)
        }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// The rowid of the last row this connection inserted.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// Rows changed by the last statement this connection ran.
    var changes: Int32 { sqlite3_changes(connection) }

    /// Runs the statement; returns the first column of the first row it yields, if any.
    @discardableResult
    func run() throws -> Int64? {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var first: Int64?
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW:
                if first == nil { first = sqlite3_column_int64(handle, 0) }
            case SQLITE_DONE:
                return first
            case let code:
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
            }
        }
    }
}

/// SQLite's SQLITE_TRANSIENT: "copy the value before returning".
private let SQLITE_TRANSIENT_DESTRUCTOR = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
