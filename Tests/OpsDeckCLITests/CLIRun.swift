import DeckCore

/// What one run of a command-line program left behind: its exit status and both streams.
struct CLIRun: Sendable, CustomStringConvertible {
    /// The command as run, for failure messages.
    var command: String
    var exitCode: Int32
    var stdout: String
    var stderr: String
    /// True when the process died of a signal (then `exitCode` is the signal number).
    var signalled = false

    /// The lines of stderr, without the final newline.
    var stderrLines: [Substring] {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stderr.hasSuffix("\n") ? 1 : 0)
            .map { $0 }
    }

    /// The non-empty lines of stdout.
    var stdoutLines: [Substring] { stdout.split(separator: "\n") }

    /// Stdout as one JSON document.
    func json() throws -> JSONValue { try JSONValue(parsing: stdout) }

    /// Stdout as JSON lines, one document per non-empty line.
    func jsonLines() throws -> [JSONValue] { try stdoutLines.map { try JSONValue(parsing: String($0)) } }

    var description: String {
        "$ \(command)\n-> exit \(exitCode)\(signalled ? " (signal)" : "")\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
}
