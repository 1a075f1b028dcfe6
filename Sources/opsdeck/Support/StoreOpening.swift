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

    /// How `path` is shown (the console's header, what a command printed): a PostgreSQL URL
    /// without its password.
    static func label(_ path: String) -> String {
        guard PostgresURL.isPostgres(path) else { return path }
        return (try? PostgresURL(parsing: path))?.description ?? "postgres://…"
    }

    /// The store the demo writes into: an SQLite file created and migrated when missing, or a
    /// PostgreSQL database that `opsdeck migrate` (with an administrator's URL) has prepared:
    /// the demo never creates roles or schemas on a server.
    static func demo(_ path: String) async throws -> any ControlPlaneStore {
        if PostgresURL.isPostgres(path) { return try await openPostgres(path) }
        let store = try SQLiteStore.open(path: path, mode: .migrate)
        try store.migrate()
        return store
    }
}
