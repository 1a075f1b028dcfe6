import DeckCore
import PostgresNIO

/// One line for a PostgreSQL failure: the server's message and SQLSTATE, or why the
/// connection failed. (`PSQLError`'s own description hides both, to keep query text out of
/// logs; OpsDeck's messages name no parameters, so the server's message is safe to show.)
public enum PostgresErrorText {
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return TerminalText.sanitize("\(error)") }
        if let info = error.serverInfo, let message = info[.message] {
            let code = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return TerminalText.sanitize(message + code)
        }
        if let underlying = error.underlying {
            return TerminalText.sanitize("\(error.code): \(underlying)")
        }
        return "\(error.code)"
    }
}
