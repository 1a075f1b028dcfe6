import DeckCore

/// The JSON shapes of `--json` output: snake_case keys, ids as numbers or strings as stored.
enum OutputJSON {
    static func tenant(_ tenant: Tenant) -> JSONValue {
        [
            "id": .string(tenant.id.rawValue), "name": .string(tenant.name), "plan": .string(tenant.plan),
            "time_zone": .string(tenant.timeZone), "max_running": .integer(Int64(tenant.maxRunning)),
            "composio_user_id": .string(tenant.composioUserID), "created_at": time(tenant.createdAt),
            "updated_at": time(tenant.updatedAt), "paused_at": tenant.pausedAt.map(time) ?? .null,
            "paused_by": tenant.pausedBy.map(JSONValue.string) ?? .null,
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
        envelope.json(tenantName: tenantName)
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
