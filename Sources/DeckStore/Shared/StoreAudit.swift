import DeckCore

/// Audit rows for changes outside the envelope lifecycle, built the same way by every store.
package enum StoreAudit {
    package static func added(_ tenant: Tenant, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: tenant.id, category: .tenant, action: "added", actor: actor,
            payload: [
                "name": .string(tenant.name), "plan": .string(tenant.plan), "time_zone": .string(tenant.timeZone),
                "max_running": .integer(Int64(tenant.maxRunning)), "composio_user_id": .string(tenant.composioUserID),
            ])
    }

    package static func updated(from before: Tenant, to after: Tenant, actor: String) -> AuditEntry {
        var changes: [String: JSONValue] = [:]
        func note(_ key: String, _ old: JSONValue, _ new: JSONValue) {
            if old != new { changes[key] = ["from": old, "to": new] }
        }
        note("name", .string(before.name), .string(after.name))
        note("plan", .string(before.plan), .string(after.plan))
        note("time_zone", .string(before.timeZone), .string(after.timeZone))
        note("max_running", .integer(Int64(before.maxRunning)), .integer(Int64(after.maxRunning)))
        note("composio_user_id", .string(before.composioUserID), .string(after.composioUserID))
        return AuditEntry(tenantID: after.id, category: .tenant, action: "updated", actor: actor, payload: .object(changes))
    }

    package static func pausedChanged(_ tenant: Tenant, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: tenant.id, category: .tenant, action: tenant.isPaused ? "paused" : "resumed", actor: actor,
            payload: ["name": .string(tenant.name)])
    }

    package static func guardrailsSet(_ tenant: TenantID, from before: Guardrails, to after: Guardrails, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: tenant, category: .guardrails, action: "set", actor: actor,
            payload: ["from": (try? JSONValue(encoding: before)) ?? .null, "to": (try? JSONValue(encoding: after)) ?? .null])
    }

    package static func objectiveAdded(_ objective: Objective, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: objective.tenantID, category: .objective, action: "added", actor: actor,
            payload: [
                "id": .integer(objective.id.rawValue), "metric": .string(objective.metric),
                "target": .number(objective.target), "horizon": .string(objective.horizon),
            ])
    }

    package static func accountSaved(_ account: ConnectedAccount, previous: AccountStatus?, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: account.tenantID, category: .account, action: previous == nil ? "connected" : "status_changed",
            actor: actor,
            payload: [
                "id": .string(account.id.rawValue), "provider": .string(account.provider),
                "from": previous.map { .string($0.rawValue) } ?? .null, "to": .string(account.status.rawValue),
            ])
    }

    package static func riskOverridden(_ entry: ToolCatalogEntry, from old: RiskTier?, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: entry.tenantID, category: .catalog, action: "risk_override", actor: actor,
            payload: [
                "tool": .string(entry.toolSlug), "from": old.map { .string($0.rawValue) } ?? .null,
                "to": entry.riskOverride.map { .string($0.rawValue) } ?? .null,
            ])
    }

    package static func taskAdded(_ task: AgentTask, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: task.tenantID, category: .task, action: "added", actor: actor,
            payload: ["id": .integer(task.id.rawValue), "title": .string(task.title), "state": .string(task.state.rawValue)])
    }

    package static func taskStateChanged(_ task: AgentTask, from old: TaskState, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: task.tenantID, category: .task, action: "state_changed", actor: actor,
            payload: ["id": .integer(task.id.rawValue), "from": .string(old.rawValue), "to": .string(task.state.rawValue)])
    }

    package static func driftOpened(_ alert: DriftAlert, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: alert.tenantID, category: .drift, action: "opened", actor: actor,
            payload: [
                "id": .integer(alert.id.rawValue), "tool": .string(alert.toolSlug), "kind": .string(alert.kind.rawValue),
                "breaking": .bool(alert.breaking), "fingerprint": .string(alert.fingerprint),
            ])
    }

    package static func driftAccepted(_ alert: DriftAlert, actor: String) -> AuditEntry {
        AuditEntry(
            tenantID: alert.tenantID, category: .drift, action: "accepted", actor: actor,
            payload: ["id": .integer(alert.id.rawValue), "tool": .string(alert.toolSlug), "breaking": .bool(alert.breaking)])
    }
}
