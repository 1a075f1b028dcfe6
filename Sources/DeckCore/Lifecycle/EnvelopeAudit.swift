/// The audit rows the envelope lifecycle writes, built the same way by every store.
public enum EnvelopeAudit {
    /// The `submitted` row for a new envelope; `argumentsSHA256` is the hex SHA-256 of its
    /// stored argument text (`args_sha256`, so edits to the stored arguments are found).
    public static func submitted(_ envelope: Envelope, actor: String, argumentsSHA256: String? = nil) -> AuditEntry {
        var payload: [String: JSONValue] = [
            "tool": .string(envelope.toolSlug.rawValue),
            "risk": .string(envelope.risk.rawValue),
            "status": .string(envelope.status.rawValue),
        ]
        if let argumentsSHA256 { payload["args_sha256"] = .string(argumentsSHA256) }
        if envelope.runAt > envelope.createdAt { payload["run_at"] = .integer(envelope.runAt.millisecondsSinceEpoch) }
        return AuditEntry(
            tenantID: envelope.tenantID, category: .envelope, action: "submitted", envelopeID: envelope.id,
            actor: actor, payload: .object(payload))
    }

    /// The canonical payload text of the `submitted` row for an envelope due at creation:
    /// the same text as `submitted(…).payload.canonicalText`, built without the dictionary,
    /// for bulk submission. Slugs are `[A-Z0-9_]` and tiers plain words, so nothing needs
    /// escaping.
    public static func submittedPayloadText(toolSlug: ToolSlug, risk: RiskTier, argumentsSHA256: String) -> String {
        "{\"args_sha256\":\"" + argumentsSHA256 + "\",\"risk\":\"" + risk.rawValue + "\",\"status\":\"pending\",\"tool\":\""
            + toolSlug.rawValue + "\"}"
    }

    /// The row for `transition` taking `before` to `after`; nil when nothing worth a row
    /// changed (lease renewal).
    public static func transitioned(
        _ transition: EnvelopeTransition, from before: Envelope, to after: Envelope, actor: String
    ) -> AuditEntry? {
        guard let action = transition.auditAction else { return nil }
        return AuditEntry(
            tenantID: after.tenantID, category: .envelope, action: action, envelopeID: after.id, actor: actor,
            payload: .object(Dictionary(uniqueKeysWithValues: payloadMembers(transition, from: before, to: after))))
    }

    /// Appends the canonical text of `transitioned(…)`'s payload to `out`, written without
    /// building the dictionary: the stores' hot path (two rows per execution, one reused buffer).
    public static func writeTransitionedPayload(
        _ transition: EnvelopeTransition, from before: Envelope, to after: Envelope, into out: inout [UInt8]
    ) {
        JSONValue.writeCanonicalObject(payloadMembers(transition, from: before, to: after), into: &out)
    }

    /// The members of a transition's payload: the one place that says what each row records.
    static func payloadMembers(
        _ transition: EnvelopeTransition, from before: Envelope, to after: Envelope
    ) -> [(key: String, value: JSONValue)] {
        // Room for the largest payload up front: growing the array was a copy per row.
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(6)
        members.append(("from", .string(before.status.rawValue)))
        members.append(("to", .string(after.status.rawValue)))
        members.append(("attempts", .integer(Int64(after.attempts))))
        switch transition {
        case .claim(_, let leaseExpiresAt):
            members.append(("lease_expires_at", .integer(leaseExpiresAt.millisecondsSinceEpoch)))
        case .succeed(_, let externalID, _, let truncated):
            if let externalID { members.append(("external_id", .string(externalID))) }
            if truncated { members.append(("result_truncated", .bool(true))) }
        case .scheduleRetry(_, let runAt, let error):
            members.append(("run_at", .integer(runAt.millisecondsSinceEpoch)))
            members.append(("error", .string(error)))
        case .fail(_, let error):
            members.append(("error", .string(error)))
        case .expireLease:
            members.append(("lease_owner", before.leaseOwner.map { .string($0.rawValue) } ?? .null))
            members.append(("run_at", .integer(after.runAt.millisecondsSinceEpoch)))
        case .expireLeaseInDoubt:
            members.append(("lease_owner", before.leaseOwner.map { .string($0.rawValue) } ?? .null))
            members.append(("in_doubt", .bool(true)))
        case .holdForApproval(let reason), .reject(let reason):
            members.append(("reason", .string(reason)))
        case .deferRun(let until, let reason):
            members.append(("run_at", .integer(until.millisecondsSinceEpoch)))
            members.append(("reason", .string(reason)))
        case .holdForDrift(let alert, let reason):
            members.append(("drift_alert", .integer(alert.rawValue)))
            members.append(("reason", .string(reason)))
        case .releaseHold:
            members.append(("drift_alert", before.heldBy.map { .integer($0.rawValue) } ?? .null))
            members.append(("run_at", .integer(after.runAt.millisecondsSinceEpoch)))
        case .runNow:
            members.append(("run_at", ["from": .integer(before.runAt.millisecondsSinceEpoch), "to": .integer(after.runAt.millisecondsSinceEpoch)]))
        case .approve, .discard, .retry, .renewLease, .release:
            break
        }
        return members
    }
}
