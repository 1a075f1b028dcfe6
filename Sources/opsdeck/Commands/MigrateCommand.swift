import ArgumentParser
import DeckCore
import DeckPostgres
import DeckStore

/// `opsdeck migrate`: create the database or bring its schema up to date. Idempotent.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create the database or apply pending schema migrations (idempotent).",
        discussion: """
            A database written by a newer opsdeck is refused and left untouched. With --db \
            postgres://USER@HOST:PORT/DATABASE (an administrator: it creates the schema, row-level \
            security and the role opsdeck_app), the files of db/postgres/ are applied under an \
            advisory lock, then the role and its grants; the password comes from the URL, \
            PGPASSWORD or ~/.pgpass.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let path = global.databasePath
        if PostgresURL.isPostgres(path) {
            try await migratePostgres(path)
            return
        }
        let store = try SQLiteStore.open(path: path, mode: .migrate)
        let applied = try store.migrate()
        if applied.isEmpty {
            print("\(path): schema is up to date (\(SQLiteStore.knownMigrations.last ?? "none"))")
        } else {
            print("\(path): applied \(applied.joined(separator: ", "))")
        }
    }

    private func migratePostgres(_ text: String) async throws {
        let url: PostgresURL
        do {
            url = try PostgresURL(parsing: text)
        } catch {
            throw CLIError(.badInput, error.message)
        }
        let pool = PostgresPool(url, password: PostgresPassword.resolve(for: url))
        defer { pool.close() }
        try await pool.checkConnection()
        let migrator = PostgresMigrator.shipped
        let applied: [String]
        do {
            applied = try await migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw CLIError(.database, "\(url): \(PostgresErrorText.describe(error))")
        }
        if applied.isEmpty {
            print("\(url): schema is up to date (\(migrator.files.last?.fileName ?? "none")); role opsdeck_app and its grants checked")
        } else {
            print("\(url): applied \(applied.joined(separator: ", ")); role opsdeck_app and its grants checked")
        }
    }
}
