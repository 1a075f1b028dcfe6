import DeckPostgres
import DeckStore

/// Opening the SQLite store a command was given, refusing a PostgreSQL URL with one clear
/// line: on PostgreSQL, `opsdeck migrate` creates the schema, its row-level security and the
/// application role; the commands that read and write through the store follow with the
/// PostgreSQL store (docs/postgres.md).
enum SQLiteOpening {
    static func open(_ path: String, mode: SQLiteStore.OpenMode) throws -> SQLiteStore {
        if PostgresURL.isPostgres(path) {
            throw CLIError(.badInput, "this command does not run on PostgreSQL yet: only `opsdeck migrate` does (docs/postgres.md)")
        }
        return try SQLiteStore.open(path: path, mode: mode)
    }
}
