import DeckCore
import DeckStore
import PostgresNIO

extension PostgresStore: SignalRepository {
    static let signalColumns = "id, tenant_id::text, connected_account_id, toolkit, tool_slug, source, payload::text, observed_at"

    /// Rows per `INSERT`: 7 parameters each, well under the protocol's 65,535.
    static let signalsPerInsert = 1_000

    /// Stores the signals with ids in the drafts' order (reserved from the identity sequence
    /// first, so ids never come from `max(id)`, which row-level security limits to one tenant).
    ///
    /// A payload is a provider's answer and may hold U+0000, which jsonb refuses (SQLSTATE
    /// 22P05) and would fail the whole batch on one character of one signal. Such characters,
    /// in strings and in object keys, are stored as U+FFFD, and the signals returned carry the
    /// payload as stored, so they equal what `signals(_:in:)` reads back. (SQLite keeps
    /// U+0000; this is the one difference.)
    public func addSignals(_ drafts: [SignalDraft], in scope: TenantScope) async throws -> [Signal] {
        guard !drafts.isEmpty else { return [] }
        return try await transaction(scope) { connection in
            var checked = Set<TenantID>()
            for draft in drafts where checked.insert(draft.tenantID).inserted {
                try await Self.requireTenant(draft.tenantID, in: scope, connection, logger: logger)
            }
            var ids: [Int64] = []
            ids.reserveCapacity(drafts.count)
            for try await id in try await connection.query(
                "SELECT nextval(pg_get_serial_sequence('signals', 'id')) FROM generate_series(1, \(drafts.count))", logger: logger
            ).decode(Int64.self) { ids.append(id) }
            ids.sort()
            let signals = zip(ids, drafts).map { id, draft in
                Signal(
                    id: SignalID(id), tenantID: draft.tenantID, connectedAccountID: draft.connectedAccountID,
                    toolkit: draft.toolkit, toolSlug: draft.toolSlug, source: draft.source,
                    payload: PostgresRows.storable(draft.payload), observedAt: draft.observedAt)
            }
            var start = signals.startIndex
            while start < signals.endIndex {
                let chunk = signals[start..<min(start + Self.signalsPerInsert, signals.endIndex)]
                var binds = PostgresBindings(capacity: chunk.count * 8)
                var tuples: [String] = []
                tuples.reserveCapacity(chunk.count)
                for signal in chunk {
                    let first = binds.count + 1
                    tuples.append("($\(first), $\(first + 1)::uuid, $\(first + 2), $\(first + 3), $\(first + 4), $\(first + 5), "
                        + "$\(first + 6)::jsonb, $\(first + 7))")
                    binds.append(signal.id.rawValue)
                    binds.append(signal.tenantID.rawValue)
                    binds.append(signal.connectedAccountID?.rawValue)
                    binds.append(signal.toolkit)
                    binds.append(signal.toolSlug)
                    binds.append(signal.source.rawValue)
                    binds.append(signal.payload.canonicalText)
                    binds.append(signal.observedAt.millisecondsSinceEpoch)
                }
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            INSERT INTO signals (id, tenant_id, connected_account_id, toolkit, tool_slug, source, payload, observed_at)
                            VALUES \(tuples.joined(separator: ", "))
                            """,
                        binds: binds),
                    logger: logger)
                start = chunk.endIndex
            }
            return signals
        }
    }

    public func signals(_ query: SignalQuery, in scope: TenantScope) async throws -> Page<Signal> {
        try await transaction(scope) { connection in
            var binds = PostgresBindings()
            var sql = "SELECT \(Self.signalColumns) FROM signals WHERE \(PostgresRows.scopeCondition(scope, &binds))"
            if let toolkit = query.toolkit {
                binds.append(toolkit)
                sql += " AND toolkit = $\(binds.count)"
            }
            let window = KeysetWindow(order: query.order, after: query.after, limit: query.limit)
            if let comparison = window.keyComparison, let after = window.cursor {
                binds.append(after.rawValue)
                sql += " AND id \(comparison) $\(binds.count)"
            }
            sql += " ORDER BY id \(window.sortDirection) LIMIT \(window.fetchLimit)"
            return window.page(try await Self.fetchSignals(PostgresQuery(unsafeSQL: sql, binds: binds), connection, logger: logger))
        }
    }

    static func fetchSignals(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [Signal] {
        var signals: [Signal] = []
        for try await (id, tenant, account, toolkit, slug, source, payload, observed) in try await connection.query(
            query, logger: logger
        ).decode((Int64, String, String?, String, String, String, String, Int64).self) {
            signals.append(Signal(
                id: SignalID(id), tenantID: TenantID(rawValue: tenant), connectedAccountID: account.map(ConnectedAccountID.init(rawValue:)),
                toolkit: toolkit, toolSlug: slug, source: try PostgresRows.enumValue(source, column: "source"),
                payload: try PostgresRows.json(payload, column: "payload"), observedAt: PostgresRows.timestamp(observed)))
        }
        return signals
    }
}
