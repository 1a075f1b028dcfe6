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

    /// Discards every log line: the console owns the terminal, so its in-process engine is
    /// silent (what it does is in the audit log and the telemetry view).
    static func bootstrapSilent() {
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
    }
}
