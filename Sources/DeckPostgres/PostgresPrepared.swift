import Logging
import PostgresNIO

/// The text of a statement run on every claim or outcome: the server parses and plans it once
/// per connection (postgres-nio prepares it under `name` on first use), not on every call.
/// Measured on a one-worker drain, parsing and binding unnamed statements cost the server
/// 2.4 ms of every 32-envelope claim.
///
/// `name` is short and unique: the server keeps at most 63 bytes of a prepared statement's
/// name, so two long names with a common start would collide.
protocol PostgresStatementText: Sendable {
    static var name: String { get }
    static var sql: String { get }
}

/// `Text` with its binds, run as a prepared statement; each row as the server sent it.
///
/// The binds' types are fixed when the connection first prepares the statement: every call
/// must bind the same Swift types in the same order.
struct PostgresPrepared<Text: PostgresStatementText>: PostgresPreparedStatement {
    typealias Row = PostgresRow
    static var name: String { "opsdeck_" + Text.name }
    static var sql: String { Text.sql }

    var bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

extension PostgresConnection {
    /// Runs `text` prepared, with `bindings`; its rows.
    func prepared<Text: PostgresStatementText>(
        _ text: Text.Type, _ bindings: PostgresBindings = PostgresBindings(), logger: Logger
    ) async throws -> AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow> {
        try await execute(PostgresPrepared<Text>(bindings: bindings), logger: logger)
    }
}
