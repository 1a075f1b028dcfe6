import GRDB

/// Inserts many rows with multi-row `INSERT … VALUES (…), (…), …` statements.
///
/// One statement step per row opens and positions every index cursor again; one step per
/// 64 rows amortizes that. The caller binds each row's parameters through a closure, so
/// no per-row arrays are built.
struct SQLiteBulkInsert {
    /// Rows per full statement.
    static let rowsPerStatement = 64

    private let db: Database
    private let head: String
    private let tuple: String
    private let parametersPerRow: Int32
    private var full: SQLiteRawStatement?

    /// `head` is `INSERT INTO t (columns) VALUES`; `tuple` one row's `(?, ?, …)` with
    /// `parametersPerRow` placeholders.
    init(_ db: Database, head: String, tuple: String, parametersPerRow: Int32) {
        self.db = db
        self.head = head
        self.tuple = tuple
        self.parametersPerRow = parametersPerRow
    }

    /// Inserts `count` rows; `bind(statement, row, firstParameter)` binds row `row`'s
    /// parameters starting at index `firstParameter`.
    mutating func insert(count: Int, bind: (SQLiteRawStatement, Int, Int32) -> Void) throws {
        var row = 0
        while row < count {
            let size = min(Self.rowsPerStatement, count - row)
            let statement: SQLiteRawStatement
            if size == Self.rowsPerStatement {
                if full == nil { full = try prepare(rows: size) }
                statement = full!
            } else {
                statement = try prepare(rows: size)
            }
            for offset in 0..<size {
                bind(statement, row + offset, Int32(offset) * parametersPerRow + 1)
            }
            try statement.run()
            row += size
        }
    }

    private func prepare(rows: Int) throws -> SQLiteRawStatement {
        try SQLiteRawStatement(db, sql: head + " " + Array(repeating: tuple, count: rows).joined(separator: ","))
    }
}
