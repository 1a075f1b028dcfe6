extension Envelope {
    /// The envelope as the CLI's `--json` prints it and the console copies it (`Y`): every
    /// column, snake_case keys, times in ISO 8601, the arguments as JSON.
    public func json(tenantName: String?) -> JSONValue {
        func time(_ instant: Timestamp) -> JSONValue { .string(instant.iso8601) }
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return [
            "id": .integer(id.rawValue), "tenant_id": .string(tenantID.rawValue),
            "tenant": tenantName.map(JSONValue.string) ?? .null, "tool_slug": .string(toolSlug.rawValue),
            "toolkit": .string(toolkit), "version": optional(version),
            "connected_account_id": optional(connectedAccountID?.rawValue),
            "task_id": taskID.map { .integer($0.rawValue) } ?? .null, "arguments": arguments,
            "risk": .string(risk.rawValue), "status": .string(status.rawValue),
            // A held envelope has no time to run at until its drift alert is accepted.
            "attempts": .integer(Int64(attempts)), "run_at": heldBy == nil ? time(runAt) : .null,
            "held_by_drift_alert": heldBy.map { .integer($0.rawValue) } ?? .null,
            "lease_owner": optional(leaseOwner?.rawValue),
            "lease_expires_at": leaseExpiresAt.map(time) ?? .null, "last_error": optional(lastError),
            "status_reason": optional(statusReason), "external_id": optional(externalID),
            "result": optional(result), "result_truncated": .bool(resultTruncated),
            "in_doubt": .bool(inDoubt), "idempotency_key": .string(idempotencyKey),
            "approved_by": optional(approvedBy), "created_at": time(createdAt),
            "updated_at": time(updatedAt),
        ]
    }
}
