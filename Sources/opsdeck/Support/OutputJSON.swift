import DeckCore

/// The JSON shapes of `--json` output: snake_case keys, ids as numbers or strings as stored.
enum OutputJSON {
    static func tenant(_ tenant: Tenant) -> JSONValue {
        [
            "id": .string(tenant.id.rawValue), "name": .string(tenant.name), "plan": .string(tenant.plan),
            "time_zone": .string(tenant.timeZone), "max_running": .integer(Int64(tenant.maxRunning)),
            "composio_user_id": .string(tenant.composioUserID), "created_at": time(tenant.createdAt),
            "updated_at": time(tenant.updatedAt),
        ]
    }

    static func guardrails(_ guardrails: Guardrails, tenant: Tenant) -> JSONValue {
        [
            "tenant_id": .string(tenant.id.rawValue), "tenant": .string(tenant.name),
            "time_zone": .string(tenant.timeZone),
            "quiet_hours": guardrails.quietHours.map { .string($0.description) } ?? .null,
            "allowed_toolkits": guardrails.allowedToolkits.map { .array($0.map(JSONValue.string)) } ?? .null,
            "tone": guardrails.tone.map(JSONValue.string) ?? .null,
            "autonomy": .string(guardrails.autonomy.rawValue),
        ]
    }

    static func envelope(_ envelope: Envelope, tenantName: String?) -> JSONValue {
        [
            "id": .integer(envelope.id.rawValue), "tenant_id": .string(envelope.tenantID.rawValue),
            "tenant": tenantName.map(JSONValue.string) ?? .null, "tool_slug": .string(envelope.toolSlug),
            "toolkit": .string(envelope.toolkit), "version": optional(envelope.version),
            "connected_account_id": optional(envelope.connectedAccountID?.rawValue),
            "task_id": envelope.taskID.map { .integer($0.rawValue) } ?? .null, "arguments": envelope.arguments,
            "risk": .string(envelope.risk.rawValue), "status": .string(envelope.status.rawValue),
            // A held envelope has no time to run at until its drift alert is accepted.
            "attempts": .integer(Int64(envelope.attempts)), "run_at": envelope.heldBy == nil ? time(envelope.runAt) : .null,
            "held_by_drift_alert": envelope.heldBy.map { .integer($0.rawValue) } ?? .null,
            "lease_owner": optional(envelope.leaseOwner?.rawValue),
            "lease_expires_at": envelope.leaseExpiresAt.map(time) ?? .null, "last_error": optional(envelope.lastError),
            "status_reason": optional(envelope.statusReason), "external_id": optional(envelope.externalID),
            "result": optional(envelope.result), "result_truncated": .bool(envelope.resultTruncated),
            "in_doubt": .bool(envelope.inDoubt), "idempotency_key": .string(envelope.idempotencyKey),
            "approved_by": optional(envelope.approvedBy), "created_at": time(envelope.createdAt),
            "updated_at": time(envelope.updatedAt),
        ]
    }

    static func audit(_ event: AuditEvent) -> JSONValue {
        [
            "id": .integer(event.id.rawValue), "tenant_id": optional(event.tenantID?.rawValue),
            "category": .string(event.category.rawValue), "action": .string(event.action),
            "envelope_id": event.envelopeID.map { .integer($0.rawValue) } ?? .null, "actor": .string(event.actor),
            "payload": event.payload, "created_at": time(event.createdAt), "prev_hash": .string(event.prevHash),
            "hash": .string(event.hash),
        ]
    }

    static func time(_ instant: Timestamp) -> JSONValue { .string(instant.iso8601) }

    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
