import DeckCore
import GRDB

/// Domain values read from SQLite rows, column by column.
///
/// Enum columns are guarded by CHECK constraints, so an unknown value means the file was
/// edited behind OpsDeck's back: it is reported, never guessed.
enum SQLiteRows {
    static func timestamp(_ row: Row, _ column: String) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: row[column])
    }

    static func optionalTimestamp(_ row: Row, _ column: String) -> Timestamp? {
        (row[column] as Int64?).map { Timestamp(millisecondsSinceEpoch: $0) }
    }

    static func json(_ row: Row, _ column: String) throws -> JSONValue {
        let text: String = row[column]
        do {
            return try JSONValue(parsing: text)
        } catch {
            throw StoreError.unavailable("stored JSON in column \(column) is damaged: \(error.reason)")
        }
    }

    static func strings(_ row: Row, _ column: String) throws -> [String] {
        try (json(row, column).arrayValue ?? []).compactMap(\.stringValue)
    }

    static func enumValue<E: RawRepresentable>(_ row: Row, _ column: String) throws -> E where E.RawValue == String {
        let text: String = row[column]
        guard let value = E(rawValue: text) else {
            throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(text))' in column \(column)")
        }
        return value
    }

    static func tenant(_ row: Row) -> Tenant {
        Tenant(
            id: TenantID(rawValue: row["id"]), name: row["name"], plan: row["plan"], timeZone: row["time_zone"],
            maxRunning: row["max_running"], composioUserID: row["composio_user_id"],
            pausedAt: optionalTimestamp(row, "paused_at"), pausedBy: row["paused_by"],
            createdAt: timestamp(row, "created_at"), updatedAt: timestamp(row, "updated_at"))
    }

    static func objective(_ row: Row) -> Objective {
        Objective(
            id: ObjectiveID(row["id"] as Int64), tenantID: TenantID(rawValue: row["tenant_id"]), metric: row["metric"],
            target: row["target"], current: row["current"], horizon: row["horizon"],
            createdAt: timestamp(row, "created_at"), updatedAt: timestamp(row, "updated_at"))
    }

    static func account(_ row: Row) throws -> ConnectedAccount {
        ConnectedAccount(
            id: ConnectedAccountID(row["id"] as String), tenantID: TenantID(rawValue: row["tenant_id"]),
            provider: row["provider"], status: try enumValue(row, "status"), statusReason: row["status_reason"],
            scopes: try strings(row, "scopes"), lastScanAt: optionalTimestamp(row, "last_scan_at"),
            createdAt: timestamp(row, "created_at"), updatedAt: timestamp(row, "updated_at"))
    }

    static func tool(_ row: Row) throws -> ToolCatalogEntry {
        ToolCatalogEntry(
            tenantID: TenantID(rawValue: row["tenant_id"]), toolSlug: row["tool_slug"], toolkit: row["toolkit"],
            jsonSchema: try json(row, "json_schema"), version: row["version"], classifiedRisk: try enumValue(row, "risk"),
            riskOverride: try (row["risk_override"] as String?).map { _ in try enumValue(row, "risk_override") },
            tags: try strings(row, "tags"), scopes: try strings(row, "scopes"), fetchedAt: timestamp(row, "fetched_at"))
    }

    static func task(_ row: Row) throws -> AgentTask {
        let evidence = try (json(row, "evidence").arrayValue ?? []).compactMap { value -> SignalID? in
            if case .integer(let id) = value { return SignalID(id) }
            return nil
        }
        return AgentTask(
            id: TaskID(row["id"] as Int64), tenantID: TenantID(rawValue: row["tenant_id"]),
            objectiveID: (row["objective_id"] as Int64?).map { ObjectiveID(rawValue: $0) }, title: row["title"],
            state: try enumValue(row, "state"), evidence: evidence,
            createdAt: timestamp(row, "created_at"), updatedAt: timestamp(row, "updated_at"))
    }

    static func signal(_ row: Row) throws -> Signal {
        Signal(
            id: SignalID(row["id"] as Int64), tenantID: TenantID(rawValue: row["tenant_id"]),
            connectedAccountID: (row["connected_account_id"] as String?).map { ConnectedAccountID(rawValue: $0) },
            toolkit: row["toolkit"], toolSlug: row["tool_slug"], source: try enumValue(row, "source"),
            payload: try json(row, "payload"), observedAt: timestamp(row, "observed_at"))
    }

    static func schedule(_ row: Row) throws -> Schedule {
        Schedule(
            tenantID: TenantID(rawValue: row["tenant_id"]), job: try enumValue(row, "job"), category: row["category"],
            nextRunAt: timestamp(row, "next_run_at"), lastRunAt: optionalTimestamp(row, "last_run_at"),
            lastOutcome: row["last_outcome"], updatedAt: timestamp(row, "updated_at"))
    }

    static func driftAlert(_ row: Row) throws -> DriftAlert {
        DriftAlert(
            id: DriftAlertID(row["id"] as Int64), tenantID: TenantID(rawValue: row["tenant_id"]),
            toolSlug: row["tool_slug"], toolkit: row["toolkit"], kind: try enumValue(row, "kind"),
            breaking: row["breaking"], fromVersion: row["from_version"], toVersion: row["to_version"],
            diff: try json(row, "diff"), fingerprint: row["fingerprint"], status: try enumValue(row, "status"),
            openedAt: timestamp(row, "opened_at"), acceptedAt: optionalTimestamp(row, "accepted_at"),
            acceptedBy: row["accepted_by"])
    }

    static func heartbeat(_ row: Row) throws -> WorkerHeartbeat {
        WorkerHeartbeat(
            id: WorkerID(row["worker_id"] as String), host: row["host"], pid: row["pid"],
            startedAt: timestamp(row, "started_at"), lastSeenAt: timestamp(row, "last_seen_at"),
            telemetry: try json(row, "telemetry"))
    }

    /// The outbox columns `envelope(_:)` decodes, in its order: select exactly these.
    static let envelopeColumns = """
        id, tenant_id, envelope, status, attempts, external_id, tool_slug, toolkit, version, connected_account_id, \
        task_id, risk, run_at, lease_owner, lease_expires_at, last_error, status_reason, result, result_truncated, \
        in_doubt, idempotency_key, approved_by, created_at, updated_at, held_by
        """

    /// An envelope from a row of `envelopeColumns`, decoded by position (the hot path of
    /// claims and completions: name lookups cost more than the rest of the decoding).
    static func envelope(_ row: Row) throws -> Envelope {
        let arguments = JSONObjectText(storedText: row[2])
        func status(_ index: Int) throws -> EnvelopeStatus {
            let text: String = row[index]
            guard let value = EnvelopeStatus(rawValue: text) else {
                throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(text))' in column status")
            }
            return value
        }
        func risk(_ index: Int) throws -> RiskTier {
            let text: String = row[index]
            guard let value = RiskTier(rawValue: text) else {
                throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(text))' in column risk")
            }
            return value
        }
        func time(_ index: Int) -> Timestamp { Timestamp(millisecondsSinceEpoch: row[index]) }
        func optionalTime(_ index: Int) -> Timestamp? { (row[index] as Int64?).map { Timestamp(millisecondsSinceEpoch: $0) } }
        return Envelope(
            id: EnvelopeID(row[0] as Int64), tenantID: TenantID(rawValue: row[1]), toolSlug: ToolSlug(rawValue: row[6]), toolkit: row[7],
            version: row[8], connectedAccountID: (row[9] as String?).map { ConnectedAccountID(rawValue: $0) },
            taskID: (row[10] as Int64?).map { TaskID(rawValue: $0) }, argumentsJSON: arguments, risk: try risk(11),
            status: try status(3), attempts: row[4], runAt: time(12),
            leaseOwner: (row[13] as String?).map { WorkerID(rawValue: $0) }, leaseExpiresAt: optionalTime(14),
            lastError: row[15], statusReason: row[16], externalID: row[5], result: row[17], resultTruncated: row[18],
            inDoubt: row[19], idempotencyKey: row[20], approvedBy: row[21],
            heldBy: (row[24] as Int64?).map { DriftAlertID(rawValue: $0) }, createdAt: time(22), updatedAt: time(23))
    }

    /// An envelope from the current row of a raw statement selecting `envelopeColumns`:
    /// the same decoding as `envelope(_:)` without GRDB's boxing, for claims.
    static func envelope(_ row: SQLiteRawStatement) throws -> Envelope {
        func string(_ index: Int32) -> String { row.text(index) ?? "" }
        func time(_ index: Int32) -> Timestamp { Timestamp(millisecondsSinceEpoch: row.int64(index)) }
        guard let status = EnvelopeStatus(rawValue: string(3)) else {
            throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(string(3)))' in column status")
        }
        guard let risk = RiskTier(rawValue: string(11)) else {
            throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(string(11)))' in column risk")
        }
        let texts = SQLiteTextInterner.shared
        return Envelope(
            id: EnvelopeID(row.int64(0)), tenantID: TenantID(rawValue: row.text(1, interning: texts) ?? ""),
            toolSlug: ToolSlug(rawValue: row.text(6, interning: texts) ?? ""), toolkit: row.text(7, interning: texts) ?? "",
            version: row.text(8), connectedAccountID: row.text(9).map { ConnectedAccountID(rawValue: $0) },
            taskID: row.optionalInt64(10).map { TaskID(rawValue: $0) }, argumentsJSON: JSONObjectText(storedText: string(2)),
            risk: risk, status: status, attempts: Int(row.int64(4)), runAt: time(12),
            leaseOwner: row.text(13, interning: texts).map { WorkerID(rawValue: $0) },
            leaseExpiresAt: row.optionalInt64(14).map { Timestamp(millisecondsSinceEpoch: $0) }, lastError: row.text(15),
            statusReason: row.text(16), externalID: row.text(5), result: row.text(17), resultTruncated: row.int64(18) != 0,
            inDoubt: row.int64(19) != 0, idempotencyKey: string(20), approvedBy: row.text(21),
            heldBy: row.optionalInt64(24).map { DriftAlertID(rawValue: $0) }, createdAt: time(22), updatedAt: time(23))
    }

    static func auditRecord(_ row: Row) -> AuditRecord {
        AuditRecord(
            id: row["id"], createdAt: row["created_at"], tenantID: row["tenant_id"], category: row["category"],
            action: row["action"], envelopeID: row["envelope_id"], actor: row["actor"],
            payloadText: row["payload"], prevHash: row["prev_hash"], hash: row["hash"])
    }

    static func auditEvent(_ row: Row) throws -> AuditEvent {
        AuditEvent(
            id: AuditEventID(row["id"] as Int64), tenantID: (row["tenant_id"] as String?).map { TenantID(rawValue: $0) },
            category: try enumValue(row, "category"), action: row["action"],
            envelopeID: (row["envelope_id"] as Int64?).map { EnvelopeID(rawValue: $0) }, actor: row["actor"],
            payload: try json(row, "payload"), createdAt: timestamp(row, "created_at"),
            prevHash: row["prev_hash"], hash: row["hash"])
    }

    /// A JSON array of strings as stored text.
    static func jsonText(_ strings: [String]) -> String {
        JSONValue.array(strings.map(JSONValue.string)).canonicalText
    }
}
