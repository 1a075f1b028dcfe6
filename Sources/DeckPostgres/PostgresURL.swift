import DeckCore
import Foundation

/// A PostgreSQL database named as OpsDeck takes it wherever a database is named:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|require]`
/// (`postgresql://` too). The password may also come from `PGPASSWORD` or `~/.pgpass`
/// (`PostgresPassword`); it is never printed (`description` leaves it out).
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable, Hashable {
        /// Plain TCP (loopback servers, the tests' throwaway cluster).
        case disable
        /// TLS, the server's certificate checked against the system's roots.
        case require
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// Whether `text` names a PostgreSQL database rather than an SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`; the error names what is wrong without repeating a password.
    public init(parsing text: String) throws(InvalidInput) {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw InvalidInput("not a PostgreSQL URL (expected postgres://USER@HOST:PORT/DATABASE)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw InvalidInput("the PostgreSQL URL names no host (expected postgres://USER@HOST:PORT/DATABASE)")
        }
        guard let user = components.user.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw InvalidInput("the PostgreSQL URL names no user (expected postgres://USER@HOST:PORT/DATABASE)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw InvalidInput("the PostgreSQL URL names no database (expected postgres://USER@HOST:PORT/DATABASE)")
        }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw InvalidInput("the PostgreSQL URL's port must be 1 to 65535") }
        var tls: TLSMode = Self.isLoopback(host) ? .disable : .require
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                switch item.value {
                case "disable": tls = .disable
                case "require", "verify-full": tls = .require
                default:
                    throw InvalidInput("sslmode '\(TerminalText.sanitize(item.value ?? ""))' is not supported (disable or require)")
                }
            default:
                throw InvalidInput("unknown parameter '\(TerminalText.sanitize(item.name))' in the PostgreSQL URL (sslmode is known)")
            }
        }
        self.user = user
        self.password = components.password.flatMap { $0.removingPercentEncoding }
        self.host = host
        self.port = port
        self.database = database.removingPercentEncoding ?? database
        self.tls = tls
    }

    /// The URL without its password: what logs and messages show.
    public var description: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// Loopback hosts, where plain TCP is the default.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
