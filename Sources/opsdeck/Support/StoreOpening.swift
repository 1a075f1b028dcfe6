import DeckCore
import DeckPostgres
import DeckStore

/// Opening the store a command was given: an SQLite file, or a PostgreSQL database named by
/// a `postgres://` URL (its password from the URL, `PGPASSWORD` or `~/.pgpass`).
enum StoreOpening {
    /// The store at `path`. On PostgreSQL the schema must exist (`opsdeck migrate` with an
    /// administrator's URL); `mode` is SQLite's (a PostgreSQL database is never created here).
    static func open(_ path: String, mode: SQLiteStore.OpenMode) async throws -> any ControlPlaneStore {
        if PostgresURL.isPostgres(path) { return try await openPostgres(path) }
        return try SQLiteStore.open(path: path, mode: mode)
    }

    static func openPostgres(_ text: String) async throws -> PostgresStore {
        let url: PostgresURL
        do {
            url = try PostgresURL(parsing: text)
        } catch {
            throw CLIError(.badInput, error.message)
        }
        return try await PostgresStore.open(url, password: PostgresPassword.resolve(for: url))
    }

    /// The SQLite store at `path`, for what runs on SQLite only so far; a PostgreSQL URL is
    /// refused in one line.
    static func sqlite(_ path: String, mode: SQLiteStore.OpenMode, for what: String) throws -> SQLiteStore {
        if PostgresURL.isPostgres(path) {
            throw CLIError(.badInput, "\(what) does not run on PostgreSQL yet (docs/postgres.md)")
        }
        return try SQLiteStore.open(path: path, mode: mode)
    }
}
