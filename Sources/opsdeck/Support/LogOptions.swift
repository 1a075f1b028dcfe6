import ArgumentParser
import DeckCore
import Logging

/// `--log-level` for the long-running commands, and the one place logging is bootstrapped.
struct LogOptions: ParsableArguments {
    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"

    /// The level, refused with one line when unknown (check before any work starts).
    func level() throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw CLIError(.badInput, "unknown log level '\(TerminalText.sanitize(logLevel))'")
        }
        return level
    }

    /// Sends every logger's lines at `level` or above to stderr.
    static func bootstrap(_ level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// The console's logging: notices and worse to stderr, which the console points at its
    /// log file while it owns the terminal (what the engine does is in the audit log and the
    /// telemetry view).
    static func bootstrapConsole() {
        bootstrap(.notice)
    }
}
