import DeckCore
import GRDB

/// Turns SQLite and GRDB errors into `StoreError`s an operator can act on.
enum SQLiteErrors {
    static func map(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return .unavailable("\(path): \(error)")
        }
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .unavailable("\(path) is not an SQLite database")
        case .SQLITE_CANTOPEN:
            return .unavailable("cannot open database at \(path) (\(error.message ?? "unable to open"))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            // Transient, not an unusable database: a conflict (exit 1), to be tried again.
            return .conflict("database \(path) stayed locked by another process; try again")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return .unavailable("database \(path) is not writable (\(error.message ?? "read-only"))")
        case .SQLITE_CORRUPT:
            return .unavailable("database \(path) is corrupt (\(error.message ?? "malformed"))")
        case .SQLITE_FULL:
            return .unavailable("disk full while writing \(path)")
        case .SQLITE_IOERR:
            return .unavailable("I/O error on \(path) (\(error.message ?? "io"))")
        default:
            return .unavailable("database error on \(path): \(error.message ?? "\(error.resultCode)")")
        }
    }
}
