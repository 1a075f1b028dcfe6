import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for the hot paths (bulk inserts,
/// claims, completions, the audit chain).
///
/// GRDB's `StatementArguments` and `Row` box every value; at tens of thousands of rows per
/// second that boxing cost more than SQLite itself. This binds and reads Swift strings and
/// integers directly. It runs on the connection of the caller's GRDB transaction, so it
/// commits or rolls back with it. A statement made here is finalized when released; one
/// borrowed from GRDB's statement cache (`cached`) is prepared once per connection and
/// stays in that cache.
final class SQLiteRawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String
    /// Keeps a borrowed GRDB statement alive; nil when this object owns `handle`.
    private let borrowed: Statement?

    /// The statement for `sql` from the connection's statement cache: prepared once per
    /// connection, reused by every transaction after.
    static func cached(_ db: Database, sql: String) throws -> SQLiteRawStatement {
        let statement = try db.cachedStatement(sql: sql)
        sqlite3_reset(statement.sqliteStatement)
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "connection is closed")
        }
        return SQLiteRawStatement(borrowing: statement, sql: sql, connection: connection)
    }

    private init(borrowing statement: Statement, sql: String, connection: OpaquePointer) {
        handle = statement.sqliteStatement
        self.connection = connection
        // Not `statement.sql`: GRDB rebuilds and trims that string on every read.
        self.sql = sql
        borrowed = statement
        sqlite3_clear_bindings(handle)
    }

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
        self.borrowed = nil
    }

    deinit {
        if borrowed == nil { sqlite3_finalize(handle) }
    }

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

    /// Binds UTF-8 bytes as text without SQLite copying them (`SQLITE_STATIC`): the caller
    /// keeps the bytes valid and unchanged until the statement is reset.
    func bindStatic(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT_DESTRUCTOR)
            return
        }
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
            _ = sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), nil)
        }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }

    func bind(_ index: Int32, _ value: Bool) { sqlite3_bind_int64(handle, index, value ? 1 : 0) }

    /// Steps a query: true while it yields a row (read it with `int64`, `text`), false when
    /// done. Reset happens on `done()` or the next `run()`.
    func next() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
    }

    /// Ends a query stepped with `next()`, so the statement can run again.
    func done() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Column `index` of the current row as an integer (0 for NULL).
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// Column `index` of the current row as an integer, nil for NULL.
    func optionalInt64(_ index: Int32) -> Int64? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
    }

    /// Column `index` of the current row as text, nil for NULL.
    func text(_ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Column `index` of the current row as text, nil for NULL, the same string as before
    /// when `interner` has seen these bytes (ids and slugs the claim path reads many times).
    func text(_ index: Int32, interning interner: SQLiteTextInterner) -> String? {
        guard let bytes = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return interner.string(UnsafeBufferPointer(start: bytes, count: count))
    }

    /// The rowid of the last row this connection inserted.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    /// Rows changed by the last statement this connection ran.
    var changes: Int32 { sqlite3_changes(connection) }

    /// Binds `texts` (parameter index and text, nil for NULL) and runs the statement, the
    /// texts' bytes gathered in `arena` and bound without SQLite copying each into memory of
    /// its own (`SQLITE_STATIC`: the arena outlives the step). For the hot inserts and updates,
    /// which bind several strings per row.
    @discardableResult
    func run(texts: [(index: Int32, text: String?)], arena: inout [UInt8]) throws -> Int64? {
        arena.removeAll(keepingCapacity: true)
        var spans: [(index: Int32, offset: Int, count: Int)] = []
        spans.reserveCapacity(texts.count)
        for (index, text) in texts {
            guard let text else {
                sqlite3_bind_null(handle, index)
                continue
            }
            let offset = arena.count
            arena.append(contentsOf: text.utf8)
            spans.append((index, offset, arena.count - offset))
        }
        return try arena.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                for span in spans {
                    if span.count == 0 {
                        sqlite3_bind_text(handle, span.index, "", 0, SQLITE_TRANSIENT_DESTRUCTOR)
                    } else {
                        // SQLITE_STATIC (nil): the bytes stay valid until the statement is reset.
                        sqlite3_bind_text(handle, span.index, characters.baseAddress! + span.offset, Int32(span.count), nil)
                    }
                }
            }
            return try run()
        }
    }

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
