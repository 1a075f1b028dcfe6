import DeckCore
import DeckStore
import PostgresNIO

extension PostgresStore: DriftAlertRepository {
    static let alertColumns = """
        id, tenant_id::text, tool_slug, toolkit, kind, breaking, from_version, to_version, diff::text, fingerprint, status, \
        opened_at, accepted_at, accepted_by
        """

    public func openDriftAlert(
        _ draft: DriftAlertDraft, in scope: TenantScope, actor: String
    ) async throws -> (alert: DriftAlert, opened: Bool) {
        let now = clock.now()
        let result: (DriftAlert, Bool) = try await transaction(scope) { connection in
            try await Self.requireTenant(draft.tenantID, in: scope, connection, logger: logger)
            // One alert per fingerprint: a concurrent opener of the same change finds this one.
            var insert = PostgresQuery(unsafeSQL: """
                INSERT INTO drift_alerts (tenant_id, tool_slug, toolkit, kind, breaking, from_version, to_version, diff,
                    fingerprint, status, opened_at)
                VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, 'open', $10)
                ON CONFLICT (tenant_id, fingerprint) DO NOTHING
                RETURNING id
                """)
            insert.binds.append(draft.tenantID.rawValue)
            insert.binds.append(draft.toolSlug)
            insert.binds.append(draft.toolkit)
            insert.binds.append(draft.kind.rawValue)
            insert.binds.append(draft.breaking)
            insert.binds.append(draft.fromVersion)
            insert.binds.append(draft.toVersion)
            insert.binds.append(draft.diff.canonicalText)
            insert.binds.append(draft.fingerprint)
            insert.binds.append(now.millisecondsSinceEpoch)
            var newID: Int64?
            for try await id in try await connection.query(insert, logger: logger).decode(Int64.self) { newID = id }
            guard let newID else {
                var query = PostgresQuery(unsafeSQL: "SELECT \(Self.alertColumns) FROM drift_alerts WHERE tenant_id = $1::uuid AND fingerprint = $2")
                query.binds.append(draft.tenantID.rawValue)
                query.binds.append(draft.fingerprint)
                guard let existing = try await Self.fetchAlerts(query, connection, logger: logger).first else {
                    throw StoreError.unavailable("drift alert for \(draft.fingerprint) neither inserted nor found")
                }
                return (existing, false)
            }
            let alert = DriftAlert(
                id: DriftAlertID(rawValue: newID), tenantID: draft.tenantID, toolSlug: draft.toolSlug, toolkit: draft.toolkit,
                kind: draft.kind, breaking: draft.breaking, fromVersion: draft.fromVersion, toVersion: draft.toVersion,
                diff: draft.diff, fingerprint: draft.fingerprint, openedAt: now)
            try await PostgresAuditWriter.stage([StoreAudit.driftOpened(alert, actor: actor)], at: now, on: connection, logger: logger)
            return (alert, true)
        }
        return (alert: result.0, opened: result.1)
    }

    public func driftAlert(_ id: DriftAlertID, in scope: TenantScope) async throws -> DriftAlert? {
        try await transaction(scope) { connection in try await Self.fetchAlert(id, connection, logger: logger) }
    }

    public func driftAlerts(in scope: TenantScope, status: DriftAlertStatus?) async throws -> [DriftAlert] {
        try await transaction(scope) { connection in
            var query = PostgresQuery(unsafeSQL: "SELECT \(Self.alertColumns) FROM drift_alerts")
            if let status {
                query.sql += " WHERE status = $1"
                query.binds.append(status.rawValue)
            }
            query.sql += " ORDER BY id DESC"
            return try await Self.fetchAlerts(query, connection, logger: logger)
        }
    }

    /// Accepts the alert, updates the tenant's catalog the way the change says, and releases
    /// the envelopes it held, in one transaction.
    public func acceptDriftAlert(_ id: DriftAlertID, in scope: TenantScope, actor: String) async throws -> AcceptedDriftAlert {
        let now = clock.now()
        return try await transaction(scope) { connection in
            guard var alert = try await Self.fetchAlert(id, connection, logger: logger, lock: true) else {
                throw StoreError.notFound("drift alert \(id)")
            }
            guard alert.status == .open else { throw StoreError.conflict("drift alert \(id) is already accepted") }
            alert.status = .accepted
            alert.acceptedAt = now
            alert.acceptedBy = actor
            try await connection.query("""
                UPDATE drift_alerts SET status = 'accepted', accepted_at = \(now.millisecondsSinceEpoch), accepted_by = \(actor)
                WHERE id = \(id.rawValue)
                """, logger: logger)
            let cached = try await Self.fetchTool(alert.toolSlug, tenant: alert.tenantID, connection, logger: logger)
            switch DriftAcceptance.catalogUpdate(for: alert, cachedVersion: cached?.version, at: now) {
            case .upsert(let entry):
                try await Self.upsertTools([entry], connection, logger: logger)
            case .remove(let tenant, let slug):
                try await connection.query(
                    "DELETE FROM tool_catalog WHERE tenant_id = \(tenant.rawValue)::uuid AND tool_slug = \(slug)", logger: logger)
            case .none:
                break
            }
            var query = PostgresQuery(unsafeSQL: "SELECT \(Self.envelopeColumns) FROM outbox WHERE held_by = $1 AND status = 'pending' ORDER BY id FOR UPDATE")
            query.binds.append(id.rawValue)
            let held = try await Self.fetchEnvelopes(query, connection, logger: logger)
            let (released, rows) = try await Self.applyWithoutAudit(
                held.map { EnvelopeChange($0.id, .releaseHold) }, actor: actor, mode: .skipIneligible, now: now, connection,
                logger: logger, known: Dictionary(uniqueKeysWithValues: held.map { ($0.id, $0) }))
            try await PostgresAuditWriter.stage(
                [StoreAudit.driftAccepted(alert, actor: actor)] + rows, at: now, on: connection, logger: logger)
            return AcceptedDriftAlert(alert: alert, released: released.applied.map(\.id))
        }
    }

    static func fetchAlert(_ id: DriftAlertID, _ connection: PostgresConnection, logger: Logger, lock: Bool = false) async throws -> DriftAlert? {
        var query = PostgresQuery(unsafeSQL: "SELECT \(alertColumns) FROM drift_alerts WHERE id = $1" + (lock ? " FOR UPDATE" : ""))
        query.binds.append(id.rawValue)
        return try await fetchAlerts(query, connection, logger: logger).first
    }

    static func fetchAlerts(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [DriftAlert] {
        var alerts: [DriftAlert] = []
        for try await row in try await connection.query(query, logger: logger) {
            let r = row.makeRandomAccess()
            let kindText = try r[4].decode(String.self), statusText = try r[10].decode(String.self)
            guard let kind = DriftChangeKind(rawValue: kindText), let status = DriftAlertStatus(rawValue: statusText) else {
                throw StoreError.unavailable("unknown kind or status in drift alert \(try r[0].decode(Int64.self))")
            }
            alerts.append(DriftAlert(
                id: DriftAlertID(rawValue: try r[0].decode(Int64.self)), tenantID: TenantID(rawValue: try r[1].decode(String.self)),
                toolSlug: try r[2].decode(String.self), toolkit: try r[3].decode(String.self), kind: kind,
                breaking: try r[5].decode(Bool.self), fromVersion: try r[6].decode(String?.self), toVersion: try r[7].decode(String?.self),
                diff: try JSONValue(parsing: try r[8].decode(String.self)), fingerprint: try r[9].decode(String.self), status: status,
                openedAt: Timestamp(millisecondsSinceEpoch: try r[11].decode(Int64.self)),
                acceptedAt: try r[12].decode(Int64?.self).map(Timestamp.init(millisecondsSinceEpoch:)),
                acceptedBy: try r[13].decode(String?.self)))
        }
        return alerts
    }
}
