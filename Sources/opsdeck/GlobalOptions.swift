import ArgumentParser
import DeckConfig
import DeckCore
import Foundation

/// Options every command takes: which database, and who is acting.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite database file, or a PostgreSQL URL postgres://USER@HOST:PORT/DATABASE (default: $OPSDECK_DB, else ./opsdeck.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(
        "Operator name recorded in the audit log (default: $USER).", valueName: "name"))
    var `operator`: String?

    @Option(name: .long, help: ArgumentHelp(
        "YAML configuration file (default: $OPSDECK_CONFIG, else $XDG_CONFIG_HOME/opsdeck/config.yaml when it exists); flags override it.",
        valueName: "path"))
    var config: String?

    /// The effective configuration (file over defaults); flags are applied where they are read.
    func settings() throws -> Settings {
        try Settings.load(explicit: config)
    }

    /// The database path after defaults.
    var databasePath: String { databasePath(default: "opsdeck.sqlite") }

    /// `--db`, else `$OPSDECK_DB`, else `fallback`.
    func databasePath(default fallback: String) -> String {
        if let db, !db.isEmpty { return db }
        if let env = ProcessInfo.processInfo.environment["OPSDECK_DB"], !env.isEmpty { return env }
        return fallback
    }

    /// The acting operator after defaults; refused when empty or full of control characters.
    func operatorName() throws(CLIError) -> String {
        let fromEnvironment = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
        let name = `operator` ?? fromEnvironment ?? "operator"
        do {
            return try DisplayName.validate(name, what: "operator name")
        } catch {
            throw CLIError(.badInput, error.message)
        }
    }
}
