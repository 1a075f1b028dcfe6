/// Why a `CursesTerminal` could not start.
public enum CursesTerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected or detached).
    case notATerminal
    /// curses could not set up the terminal named by `TERM` (unknown or missing terminfo).
    case cannotInitialize(term: String)
    /// The terminal cannot address the cursor (e.g. `TERM=dumb`), so no screen can be drawn.
    case unsupportedTerminal(term: String)
    /// The wake-up pipe could not be created; `errno` says why.
    case pipeFailed(errno: Int32)

    /// A message for the operator.
    public var description: String {
        switch self {
        case .notATerminal:
            "the console needs a terminal: standard input and output must not be redirected"
        case .cannotInitialize(let term):
            "cannot start curses for TERM=\(term.isEmpty ? "(unset)" : term): is its terminfo entry installed?"
        case .unsupportedTerminal(let term):
            "TERM=\(term) cannot position the cursor; run the console in a full-screen terminal"
        case .pipeFailed(let code):
            "cannot create the console's wake-up pipe (errno \(code))"
        }
    }
}
