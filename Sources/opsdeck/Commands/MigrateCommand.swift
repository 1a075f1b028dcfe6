import ArgumentParser
import DeckStore

/// `opsdeck migrate`: create the database or bring its schema up to date. Idempotent.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create the database or apply pending schema migrations (idempotent).",
        discussion: "A database written by a newer opsdeck is refused and left untouched."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let path = global.databasePath
        let store = try SQLiteStore.open(path: path, mode: .migrate)
        let applied = try store.migrate()
        if applied.isEmpty {
            print("\(path): schema is up to date (\(SQLiteStore.knownMigrations.last ?? "none"))")
        } else {
            print("\(path): applied \(applied.joined(separator: ", "))")
        }
    }
}
