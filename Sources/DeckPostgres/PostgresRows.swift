import DeckCore
import DeckStore
import Logging
import PostgresNIO

/// What the planning ports share when they read and write rows: the scope as a query's own
/// filter, values decoded from columns, and text made storable.
///
/// Enum columns are guarded by CHECK constraints, so an unknown value means the database was
/// edited behind OpsDeck's back: it is reported, never guessed.
enum PostgresRows {
    /// `column = $n::uuid` for a tenant's scope (binding its id), `true` for all tenants.
    ///
    /// Row-level security already admits only the scope's rows; this is the query's own
    /// filter, which the `(tenant_id, …)` indexes serve, with the policy as the wall behind it.
    static func scopeCondition(_ scope: TenantScope, column: String = "tenant_id", _ binds: inout PostgresBindings) -> String {
        switch scope {
        case .allTenants:
            return "true"
        case .tenant(let tenant):
            binds.append(tenant.rawValue)
            return "\(column) = $\(binds.count)::uuid"
        }
    }

    /// The one id a statement's `RETURNING id` gave.
    static func returnedID(_ rows: PostgresRowSequence, table: String) async throws -> Int64 {
        var id: Int64?
        for try await value in rows.decode(Int64.self) { id = value }
        guard let id else { throw StoreError.unavailable("\(table): the insert returned no id") }
        return id
    }

    static func enumValue<E: RawRepresentable>(_ text: String, column: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: text) else {
            throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(text))' in column \(column)")
        }
        return value
    }

    static func json(_ text: String, column: String) throws -> JSONValue {
        do {
            return try JSONValue(parsing: text)
        } catch {
            throw StoreError.unavailable("stored JSON in column \(column) is damaged: \(error.reason)")
        }
    }

    static func strings(_ text: String, column: String) throws -> [String] {
        try (json(text, column: column).arrayValue ?? []).compactMap(\.stringValue)
    }

    static func timestamp(_ milliseconds: Int64) -> Timestamp { Timestamp(millisecondsSinceEpoch: milliseconds) }

    static func timestamp(_ milliseconds: Int64?) -> Timestamp? { milliseconds.map(Timestamp.init(millisecondsSinceEpoch:)) }

    // MARK: - U+0000

    /// `text` with U+0000 replaced by U+FFFD.
    ///
    /// PostgreSQL text cannot hold a NUL byte (SQLSTATE 22021) and jsonb refuses the escape
    /// `\u0000` (22P05). Text that comes from providers (a signal's payload, an account's
    /// status reason or scopes, a schedule's last outcome) may contain one; refusing it would
    /// fail a whole warm scan over one character nobody reads, so it is replaced instead.
    static func storable(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    }

    static func storable(_ text: String?) -> String? { text.map { storable($0) } }

    /// `value` with U+0000 replaced by U+FFFD in every string and object key, so jsonb accepts it.
    ///
    /// Two keys that become equal (`"a\u{0}"` and `"a\u{FFFD}"` in one object) keep the value
    /// of the key that had no U+0000, else of the first key in byte order: deterministic.
    static func storable(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null, .bool, .integer, .number:
            return value
        case .string(let text):
            return .string(storable(text))
        case .array(let items):
            return .array(items.map { storable($0) })
        case .object(let members):
            guard members.keys.contains(where: { $0.utf8.contains(0) }) else {
                return .object(members.mapValues { storable($0) })
            }
            var result: [String: JSONValue] = [:]
            let keys = members.keys.sorted { left, right in
                let (leftNUL, rightNUL) = (left.utf8.contains(0), right.utf8.contains(0))
                if leftNUL != rightNUL { return !leftNUL }
                return left.utf8.lexicographicallyPrecedes(right.utf8)
            }
            for key in keys where result[storable(key)] == nil {
                result[storable(key)] = storable(members[key]!)
            }
            return .object(result)
        }
    }
}
