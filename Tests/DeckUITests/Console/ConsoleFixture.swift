import DeckConsole
import DeckCore
import DeckUI
import Foundation

/// A deterministic control plane built by hand for the console's tests and snapshots:
/// 3 tenants, 4 connected accounts, 3 drift alerts, 40 envelopes in every status, 40 audit
/// rows and a telemetry frame, all stamped relative to one fixed `now`.
///
/// `data(for:)` answers a `DataRequest` the way `StoreConsoleSource` would (scope, filter,
/// DLQ narrowing, keyset window, detail), so key sequences can be followed by realistic loads.
enum ConsoleFixture {
    // MARK: Time

    /// 2026-09-21T14:13:20Z: 16:13 in Berlin (inside acme's quiet hours), 23:13 in Tokyo.
    static let now = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)

    static func ago(_ seconds: Int64) -> Timestamp { now.adding(milliseconds: -seconds * 1000) }
    static func later(_ seconds: Int64) -> Timestamp { now.adding(milliseconds: seconds * 1000) }

    // MARK: Tenants

    static let acmeID = TenantID(rawValue: "0a11ce00-0000-4000-8000-000000000001")
    static let apexID = TenantID(rawValue: "0a11ce00-0000-4000-8000-000000000002")
    static let nihonID = TenantID(rawValue: "0a11ce00-0000-4000-8000-000000000003")
    /// A double-width tenant name, to check that wide text stays aligned in tables.
    static let nihonName = "日本商事"

    static let operatorName = "ops@example.com"
    static let themeNames = ["dark", "light", "high-contrast", "monochrome"]

    static let acme = Tenant(
        id: acmeID, name: "acme", plan: "pro", timeZone: "Europe/Berlin", maxRunning: 4, composioUserID: "acme-prod",
        createdAt: ago(30 * 86_400), updatedAt: ago(2 * 86_400))
    static let apex = Tenant(
        id: apexID, name: "apex", plan: "free", timeZone: "UTC", maxRunning: 1, composioUserID: "apex",
        createdAt: ago(20 * 86_400), updatedAt: ago(20 * 86_400))
    static let nihon = Tenant(
        id: nihonID, name: nihonName, plan: "enterprise", timeZone: "Asia/Tokyo", maxRunning: 8,
        composioUserID: "nihon-shoji", createdAt: ago(10 * 86_400), updatedAt: ago(86_400))

    static let tenantNames: [TenantID: String] = [acmeID: "acme", apexID: "apex", nihonID: nihonName]

    /// acme is quiet 16:00–18:00 Berlin time: quiet now.
    static let acmeQuietHours = try! QuietHours(parsing: "16:00-18:00")
    /// 日本商事 is quiet 01:00–06:00 Tokyo time: not now (23:13 there).
    static let nihonQuietHours = try! QuietHours(parsing: "01:00-06:00")

    static let guardrails: [TenantID: Guardrails] = [
        acmeID: Guardrails(quietHours: acmeQuietHours, allowedToolkits: ["gmail", "slack", "stripe"], tone: "warm, concise", autonomy: .medium),
        apexID: Guardrails(autonomy: .low),
        nihonID: Guardrails(quietHours: nihonQuietHours, tone: "丁寧語", autonomy: .high),
    ]

    static let objectives: [Objective] = [
        Objective(id: 1, tenantID: acmeID, metric: "qualified_leads", target: 40, current: 26, horizon: "2026-Q4", createdAt: ago(25 * 86_400), updatedAt: ago(3600)),
        Objective(id: 2, tenantID: acmeID, metric: "nps", target: 60, current: 30, horizon: "90d", createdAt: ago(25 * 86_400), updatedAt: ago(7200)),
        Objective(id: 3, tenantID: nihonID, metric: "revenue_jpy", target: 1_000_000, current: 1_200_000, horizon: "FY2026", createdAt: ago(9 * 86_400), updatedAt: ago(600)),
    ]

    static let tasks: [AgentTask] = [
        AgentTask(id: 1, tenantID: acmeID, objectiveID: 1, title: "Follow up on webinar sign-ups", state: .done, evidence: [1, 2, 3], createdAt: ago(20 * 86_400), updatedAt: ago(10 * 86_400)),
        AgentTask(id: 2, tenantID: acmeID, objectiveID: 1, title: "Send case study to warm leads", state: .done, createdAt: ago(19 * 86_400), updatedAt: ago(9 * 86_400)),
        AgentTask(id: 3, tenantID: acmeID, objectiveID: 1, title: "Book demos with inbound leads", state: .inProgress, evidence: [4], createdAt: ago(5 * 86_400), updatedAt: ago(3600)),
        AgentTask(id: 4, tenantID: acmeID, objectiveID: 2, title: "Survey churned customers", state: .blocked, createdAt: ago(4 * 86_400), updatedAt: ago(7200)),
        AgentTask(id: 5, tenantID: acmeID, objectiveID: 2, title: "Draft NPS follow-up emails", state: .planned, createdAt: ago(86_400), updatedAt: ago(86_400)),
        AgentTask(id: 6, tenantID: acmeID, title: "Clean up duplicate contacts", state: .planned, createdAt: ago(3600), updatedAt: ago(3600)),
        AgentTask(id: 7, tenantID: acmeID, objectiveID: 1, title: "Retarget lost opportunities", state: .done, createdAt: ago(15 * 86_400), updatedAt: ago(12 * 86_400)),
        AgentTask(id: 8, tenantID: apexID, title: "Import contacts from HubSpot", state: .planned, createdAt: ago(86_400), updatedAt: ago(86_400)),
        AgentTask(id: 9, tenantID: nihonID, objectiveID: 3, title: "四半期レポートを送付", state: .inProgress, createdAt: ago(8 * 86_400), updatedAt: ago(1800)),
        AgentTask(id: 10, tenantID: nihonID, objectiveID: 3, title: "Renew enterprise contracts", state: .inProgress, createdAt: ago(7 * 86_400), updatedAt: ago(900)),
        AgentTask(id: 11, tenantID: nihonID, title: "Translate onboarding guide", state: .done, createdAt: ago(6 * 86_400), updatedAt: ago(3 * 86_400)),
        AgentTask(id: 12, tenantID: nihonID, title: "Cold outreach to Osaka leads", state: .dropped, createdAt: ago(6 * 86_400), updatedAt: ago(5 * 86_400)),
    ]

    static func summary(_ tenant: Tenant) -> TenantSummary {
        var taskCounts: [TaskState: Int] = [:]
        for task in tasks where task.tenantID == tenant.id { taskCounts[task.state, default: 0] += 1 }
        var envelopeCounts: [EnvelopeStatus: Int] = [:]
        for envelope in envelopes where envelope.tenantID == tenant.id { envelopeCounts[envelope.status, default: 0] += 1 }
        return TenantSummary(
            tenant: tenant, guardrails: guardrails[tenant.id]!, objectives: objectives.filter { $0.tenantID == tenant.id },
            tasks: taskCounts, envelopes: envelopeCounts, inQuietHours: tenant.id == acmeID)
    }

    // MARK: Accounts

    static let accounts: [ConnectedAccount] = [
        ConnectedAccount(
            id: "ca_acme_gmail", tenantID: acmeID, provider: "gmail", status: .active,
            scopes: ["gmail.send", "gmail.readonly"], lastScanAt: ago(300), createdAt: ago(29 * 86_400), updatedAt: ago(300)),
        ConnectedAccount(
            id: "ca_acme_slack", tenantID: acmeID, provider: "slack", status: .expired,
            statusReason: "refresh token revoked by the user", scopes: ["chat:write", "channels:read"],
            lastScanAt: ago(3 * 86_400), createdAt: ago(28 * 86_400), updatedAt: ago(2 * 86_400)),
        ConnectedAccount(
            id: "ca_apex_hubspot", tenantID: apexID, provider: "hubspot", status: .initiated,
            createdAt: ago(86_400), updatedAt: ago(86_400)),
        ConnectedAccount(
            id: "ca_nihon_gmail", tenantID: nihonID, provider: "gmail", status: .failed,
            statusReason: "OAuth同意が拒否されました", scopes: [], lastScanAt: ago(5 * 86_400),
            createdAt: ago(9 * 86_400), updatedAt: ago(4 * 86_400)),
    ]

    // MARK: Drift

    /// A breaking schema change, documented like `ToolDrift.diffJSON` writes it.
    static let breakingDrift = ToolDrift(
        slug: "GMAIL_SEND_EMAIL", toolkit: "gmail", kind: .schemaChanged, fromVersion: "20250901_00", toVersion: "20251015_01",
        changes: [
            SchemaChange(
                kind: .propertyRemoved, path: "/properties/cc", breaking: true,
                before: ["type": "array", "items": ["type": "string"], "description": "CC recipients"],
                detail: "property cc removed"),
            SchemaChange(
                kind: .typeChanged, path: "/properties/body/type", breaking: true, before: "string",
                after: "object", detail: "type string → object"),
            SchemaChange(
                kind: .becameRequired, path: "/properties/subject", breaking: true, before: false, after: true,
                detail: "property subject became required"),
            SchemaChange(
                kind: .descriptionChanged, path: "/properties/to/description", breaking: false, before: "Recipient",
                after: "Recipient address (RFC 5322)", detail: "description changed"),
        ])

    static let nonBreakingDrift = ToolDrift(
        slug: "HUBSPOT_CREATE_CONTACT", toolkit: "hubspot", kind: .schemaChanged, fromVersion: "20250801_00",
        toVersion: "20250920_00",
        changes: [
            SchemaChange(
                kind: .propertyAdded, path: "/properties/lifecycle_stage", breaking: false,
                after: ["type": "string", "enum": ["lead", "customer"]], detail: "property lifecycle_stage added"),
            SchemaChange(
                kind: .enumWidened, path: "/properties/source/enum", breaking: false, before: ["web", "email"],
                after: ["web", "email", "phone"], detail: "enum gained phone"),
        ])

    static let acceptedDrift = ToolDrift(
        slug: "SLACK_SEND_MESSAGE", toolkit: "slack", kind: .versionChanged, fromVersion: "20250701_00", toVersion: "20250901_00")

    /// Envelopes held by the open breaking alert (3), as the store would count them.
    static let heldCounts: [DriftAlertID: Int] = [3: 2]

    static let driftAlerts: [DriftAlert] = [
        DriftAlert(
            id: 1, tenantID: acmeID, toolSlug: acceptedDrift.slug, toolkit: acceptedDrift.toolkit, kind: acceptedDrift.kind,
            breaking: acceptedDrift.breaking, fromVersion: acceptedDrift.fromVersion, toVersion: acceptedDrift.toVersion,
            diff: acceptedDrift.diffJSON, fingerprint: acceptedDrift.fingerprint, status: .accepted, openedAt: ago(2 * 86_400),
            acceptedAt: ago(86_400), acceptedBy: operatorName),
        DriftAlert(
            id: 2, tenantID: apexID, toolSlug: nonBreakingDrift.slug, toolkit: nonBreakingDrift.toolkit, kind: nonBreakingDrift.kind,
            breaking: nonBreakingDrift.breaking, fromVersion: nonBreakingDrift.fromVersion, toVersion: nonBreakingDrift.toVersion,
            diff: nonBreakingDrift.diffJSON, fingerprint: nonBreakingDrift.fingerprint, openedAt: ago(3 * 3600)),
        DriftAlert(
            id: 3, tenantID: acmeID, toolSlug: breakingDrift.slug, toolkit: breakingDrift.toolkit, kind: breakingDrift.kind,
            breaking: breakingDrift.breaking, fromVersion: breakingDrift.fromVersion, toVersion: breakingDrift.toVersion,
            diff: breakingDrift.diffJSON, fingerprint: breakingDrift.fingerprint, openedAt: ago(20 * 60)),
    ]

    // MARK: Envelopes

    /// The escape sequence a hostile or sloppy provider put in an error message.
    static let hostileError = "provider said \u{1b}[31mRED ALERT\u{1b}[0m\nretry later"
    static let hostileEnvelopeID = EnvelopeID(13)
    static let inDoubtEnvelopeID = EnvelopeID(10)
    static let awaitingEnvelopeID = EnvelopeID(27)

    /// Envelope `id` was created `(41 - id) × 150 s` ago: id 40 is the newest.
    static func created(_ id: Int64) -> Timestamp { ago((41 - id) * 150) }

    private static func envelope(
        _ id: Int64, _ tenant: TenantID, _ tool: String, _ risk: RiskTier, _ status: EnvelopeStatus, attempts: Int = 0,
        lastError: String? = nil, reason: String? = nil, inDoubt: Bool = false, approvedBy: String? = nil,
        runAt: Timestamp? = nil, lease: String? = nil, arguments: JSONValue? = nil
    ) -> Envelope {
        let createdAt = created(id)
        let updatedAt: Timestamp
        switch status {
        case .pending, .awaitingApproval: updatedAt = createdAt.adding(milliseconds: 5_000)
        case .running: updatedAt = ago(20)
        default: updatedAt = createdAt.adding(milliseconds: 42_000)
        }
        let toolkit = ToolSlug(rawValue: tool).defaultToolkit
        return Envelope(
            id: EnvelopeID(id), tenantID: tenant, toolSlug: ToolSlug(rawValue: tool), toolkit: toolkit, version: id % 3 == 0 ? "20250901_00" : nil,
            connectedAccountID: tenant == acmeID && toolkit == "gmail" ? "ca_acme_gmail" : nil,
            taskID: tenant == acmeID && id % 4 == 0 ? TaskID(3) : nil,
            arguments: arguments ?? ["to": .string("lead\(id)@example.com"), "subject": .string("Hello #\(id)")],
            risk: risk, status: status, attempts: attempts, runAt: runAt ?? createdAt,
            leaseOwner: lease.map { WorkerID($0) }, leaseExpiresAt: lease == nil ? nil : later(25),
            lastError: lastError, statusReason: reason,
            externalID: status == .succeeded ? "log_\(String(format: "%05d", id))" : nil,
            result: status == .succeeded ? #"{"successful":true,"data":{"id":"msg_\#(id)"}}"# : nil,
            inDoubt: inDoubt, idempotencyKey: "idem-\(String(format: "%04d", id))", approvedBy: approvedBy,
            createdAt: createdAt, updatedAt: updatedAt)
    }

    static let quietReason = "quiet hours 16:00-18:00 (Europe/Berlin)"

    /// 40 envelopes, oldest first: 18 succeeded, 7 dead, 5 cancelled, 1 awaiting approval,
    /// 3 running, 6 pending.
    static let envelopes: [Envelope] = [
        envelope(1, acmeID, "GMAIL_SEND_EMAIL", .medium, .succeeded, attempts: 1),
        envelope(2, apexID, "HUBSPOT_CREATE_CONTACT", .medium, .succeeded, attempts: 1),
        envelope(3, nihonID, "GMAIL_SEND_EMAIL", .medium, .succeeded, attempts: 1,
                 arguments: ["to": "sato@example.jp", "subject": "ご挨拶", "body": "いつもお世話になっております。"]),
        envelope(4, acmeID, "SLACK_SEND_MESSAGE", .medium, .succeeded, attempts: 2),
        envelope(5, acmeID, "GMAIL_LIST_MESSAGES", .low, .succeeded, attempts: 1),
        envelope(6, apexID, "HUBSPOT_CREATE_CONTACT", .medium, .dead, attempts: 5, lastError: "HTTP 422: property 'email' is invalid"),
        envelope(7, nihonID, "SLACK_SEND_MESSAGE", .medium, .succeeded, attempts: 1),
        envelope(8, acmeID, "STRIPE_CREATE_REFUND", .critical, .cancelled),
        envelope(9, acmeID, "GMAIL_SEND_EMAIL", .medium, .succeeded, attempts: 1),
        envelope(10, apexID, "GMAIL_DELETE_MESSAGE", .high, .dead, attempts: 1,
                 lastError: "lease expired while running (worker w-ops-1a2b); outcome unknown", inDoubt: true),
        envelope(11, nihonID, "GOOGLECALENDAR_CREATE_EVENT", .medium, .succeeded, attempts: 1),
        envelope(12, acmeID, "SLACK_SEND_MESSAGE", .medium, .succeeded, attempts: 1),
        envelope(13, nihonID, "GMAIL_SEND_EMAIL", .medium, .dead, attempts: 3, lastError: hostileError,
                 arguments: ["to": "tanaka@example.jp", "subject": "会議の議事録", "body": "来週の会議について"]),
        envelope(14, apexID, "HUBSPOT_CREATE_CONTACT", .medium, .succeeded, attempts: 1),
        envelope(15, acmeID, "GMAIL_SEND_EMAIL", .medium, .succeeded, attempts: 1),
        envelope(16, nihonID, "SLACK_SEND_MESSAGE", .medium, .cancelled),
        envelope(17, acmeID, "NOTION_CREATE_PAGE", .medium, .dead, lastError: "toolkit notion is not allowed for this tenant",
                 reason: "toolkit notion is not allowed for this tenant"),
        envelope(18, apexID, "GMAIL_SEND_EMAIL", .medium, .succeeded, attempts: 1),
        envelope(19, acmeID, "GOOGLECALENDAR_PATCH_EVENT_WITH_CONFERENCE_DATA", .medium, .succeeded, attempts: 1),
        envelope(20, nihonID, "GMAIL_SEND_EMAIL", .medium, .dead, attempts: 5, lastError: "宛先のメールアドレスが見つかりません (550 5.1.1)"),
        envelope(21, acmeID, "SLACK_SEND_MESSAGE", .medium, .succeeded, attempts: 1),
        envelope(22, apexID, "HUBSPOT_UPDATE_DEAL", .medium, .succeeded, attempts: 1),
        envelope(23, acmeID, "GMAIL_SEND_EMAIL", .medium, .cancelled),
        envelope(24, nihonID, "GMAIL_SEND_EMAIL", .medium, .succeeded, attempts: 1),
        envelope(25, acmeID, "SALESFORCE_DELETE_ACCOUNT", .high, .dead, attempts: 3,
                 lastError: "HTTP 403: INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: insufficient access rights on cross-reference id 0015g00000XyZ"),
        envelope(26, apexID, "GMAIL_SEND_EMAIL", .medium, .succeeded, attempts: 1),
        envelope(27, acmeID, "STRIPE_CREATE_REFUND", .critical, .awaitingApproval, reason: "risk critical is above the autonomy threshold (medium)",
                 arguments: ["charge": "ch_3Nq", "amount": 4_200, "currency": "eur"]),
        envelope(28, nihonID, "SLACK_SEND_MESSAGE", .medium, .cancelled),
        envelope(29, apexID, "GMAIL_SEND_EMAIL", .medium, .dead, attempts: 5, lastError: "HTTP 429: rate limited"),
        envelope(30, acmeID, "GMAIL_DELETE_MESSAGE", .high, .succeeded, attempts: 1, approvedBy: operatorName),
        envelope(31, nihonID, "GMAIL_SEND_EMAIL", .medium, .cancelled),
        envelope(32, acmeID, "SLACK_SEND_MESSAGE", .medium, .running, attempts: 1, lease: "w-ops-1a2b"),
        envelope(33, apexID, "HUBSPOT_CREATE_CONTACT", .medium, .running, attempts: 2, lastError: "HTTP 503 from provider", lease: "w-ops-3c4d"),
        envelope(34, nihonID, "GMAIL_SEND_EMAIL", .medium, .running, attempts: 1, lease: "w-ops-1a2b"),
        envelope(35, acmeID, "GMAIL_SEND_EMAIL", .medium, .pending, reason: quietReason, runAt: later(6_400)),
        envelope(36, acmeID, "SLACK_SEND_MESSAGE", .medium, .pending, reason: quietReason, runAt: later(6_400)),
        envelope(37, apexID, "GMAIL_SEND_EMAIL", .medium, .pending, attempts: 2, lastError: "HTTP 500: upstream timeout", runAt: later(30)),
        envelope(38, nihonID, "GMAIL_LIST_MESSAGES", .low, .pending),
        envelope(39, apexID, "HUBSPOT_CREATE_CONTACT", .medium, .pending),
        envelope(40, acmeID, "GMAIL_SEND_EMAIL", .medium, .pending),
    ]

    static func counts(_ envelopes: [Envelope]) -> [EnvelopeStatus: Int] {
        var counts: [EnvelopeStatus: Int] = [:]
        for envelope in envelopes { counts[envelope.status, default: 0] += 1 }
        return counts
    }

    // MARK: Audit

    /// A made-up but stable 64-digit hex hash for audit row `id` (0 = genesis).
    static func hash(_ id: Int64) -> String {
        guard id > 0 else { return String(repeating: "0", count: 64) }
        var value = UInt64(id) &* 0x9E37_79B9_7F4A_7C15
        var text = ""
        for _ in 0..<4 {
            value = value &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let digits = String(value, radix: 16)
            text += String(repeating: "0", count: 16 - digits.count) + digits
        }
        return text
    }

    private static func event(
        _ id: Int64, _ tenant: TenantID?, _ category: AuditCategory, _ action: String, envelope: Int64? = nil,
        actor: String = "agent", _ payload: JSONValue = .object([:])
    ) -> AuditEvent {
        AuditEvent(
            id: AuditEventID(id), tenantID: tenant, category: category, action: action, envelopeID: envelope.map { EnvelopeID($0) },
            actor: actor, payload: payload, createdAt: ago((41 - id) * 100), prevHash: hash(id - 1), hash: hash(id))
    }

    private static func submitted(_ id: Int64, _ envelope: Int64) -> AuditEvent {
        let row = envelopes[Int(envelope) - 1]
        return event(id, row.tenantID, .envelope, "submitted", envelope: envelope, [
            "tool": .string(row.toolSlug.rawValue), "risk": .string(row.risk.rawValue), "status": "pending",
        ])
    }

    private static func transition(
        _ id: Int64, _ envelope: Int64, _ action: String, from: EnvelopeStatus, to: EnvelopeStatus, attempts: Int64,
        actor: String = "w-ops-1a2b", extra: [String: JSONValue] = [:]
    ) -> AuditEvent {
        let row = envelopes[Int(envelope) - 1]
        var payload: [String: JSONValue] = ["from": .string(from.rawValue), "to": .string(to.rawValue), "attempts": .integer(attempts)]
        payload.merge(extra) { $1 }
        return event(id, row.tenantID, .envelope, action, envelope: envelope, actor: actor, .object(payload))
    }

    /// 40 audit rows, oldest first; ids are dense like the real chain's.
    static let auditEvents: [AuditEvent] = [
        event(1, acmeID, .tenant, "added", actor: operatorName, ["name": "acme", "plan": "pro", "time_zone": "Europe/Berlin", "max_running": 4]),
        event(2, apexID, .tenant, "added", actor: operatorName, ["name": "apex", "plan": "free", "time_zone": "UTC", "max_running": 1]),
        event(3, nihonID, .tenant, "added", actor: operatorName, ["name": .string(nihonName), "plan": "enterprise", "time_zone": "Asia/Tokyo", "max_running": 8]),
        event(4, acmeID, .guardrails, "set", actor: operatorName, ["from": ["autonomy": "medium"], "to": ["autonomy": "medium", "quiet_hours": "16:00-18:00"]]),
        event(5, acmeID, .account, "connected", actor: "composio-sync", ["id": "ca_acme_gmail", "provider": "gmail", "from": nil, "to": "ACTIVE"]),
        event(6, acmeID, .account, "status_changed", actor: "composio-sync", ["id": "ca_acme_slack", "provider": "slack", "from": "ACTIVE", "to": "EXPIRED"]),
        event(7, acmeID, .objective, "added", actor: operatorName, ["id": 1, "metric": "qualified_leads", "target": 40.0, "horizon": "2026-Q4"]),
        event(8, acmeID, .task, "added", actor: "planner", ["id": 3, "title": "Book demos with inbound leads", "state": "planned"]),
        event(9, acmeID, .drift, "opened", actor: "drift-monitor", ["id": 1, "tool": "SLACK_SEND_MESSAGE", "kind": "version_changed", "breaking": false]),
        event(10, acmeID, .drift, "accepted", actor: operatorName, ["id": 1, "tool": "SLACK_SEND_MESSAGE", "breaking": false]),
        event(11, apexID, .drift, "opened", actor: "drift-monitor", ["id": 2, "tool": "HUBSPOT_CREATE_CONTACT", "kind": "schema_changed", "breaking": false]),
        event(12, apexID, .scheduler, "warm_scan", actor: "scheduler", ["accounts": 1, "signals": 12]),
        event(13, nil, .worker, "started", actor: "w-ops-1a2b", ["host": "ops-1", "pid": 4242]),
        submitted(14, 6),
        transition(15, 6, "claimed", from: .pending, to: .running, attempts: 5),
        transition(16, 6, "failed", from: .running, to: .dead, attempts: 5, extra: ["error": "HTTP 422: property 'email' is invalid"]),
        submitted(17, 10),
        transition(18, 10, "in_doubt", from: .running, to: .dead, attempts: 1, actor: "rescuer", extra: ["lease_owner": "w-ops-1a2b", "in_doubt": true]),
        submitted(19, 13),
        transition(20, 13, "failed", from: .running, to: .dead, attempts: 3, extra: ["error": .string(hostileError)]),
        transition(21, 17, "rejected", from: .pending, to: .dead, attempts: 0, extra: ["reason": "toolkit notion is not allowed for this tenant"]),
        submitted(22, 20),
        transition(23, 20, "failed", from: .running, to: .dead, attempts: 5, extra: ["error": "宛先のメールアドレスが見つかりません (550 5.1.1)"]),
        submitted(24, 27),
        transition(25, 27, "held_for_approval", from: .pending, to: .awaitingApproval, attempts: 0,
                   extra: ["reason": "risk critical is above the autonomy threshold (medium)"]),
        event(26, acmeID, .drift, "opened", actor: "drift-monitor", ["id": 3, "tool": "GMAIL_SEND_EMAIL", "kind": "schema_changed", "breaking": true]),
        transition(27, 35, "deferred", from: .pending, to: .pending, attempts: 0, extra: ["reason": .string(quietReason)]),
        transition(28, 36, "deferred", from: .pending, to: .pending, attempts: 0, extra: ["reason": .string(quietReason)]),
        submitted(29, 30),
        transition(30, 30, "held_for_approval", from: .pending, to: .awaitingApproval, attempts: 0, extra: ["reason": "risk high is above the autonomy threshold (medium)"]),
        transition(31, 30, "approved", from: .awaitingApproval, to: .pending, attempts: 0, actor: operatorName),
        transition(32, 30, "claimed", from: .pending, to: .running, attempts: 1),
        transition(33, 30, "succeeded", from: .running, to: .succeeded, attempts: 1, extra: ["external_id": "log_00030"]),
        transition(34, 31, "discarded", from: .pending, to: .cancelled, attempts: 0, actor: operatorName),
        transition(35, 32, "claimed", from: .pending, to: .running, attempts: 1),
        transition(36, 33, "claimed", from: .pending, to: .running, attempts: 2, actor: "w-ops-3c4d"),
        transition(37, 37, "retry_scheduled", from: .running, to: .pending, attempts: 2, extra: ["error": "HTTP 500: upstream timeout"]),
        transition(38, 34, "claimed", from: .pending, to: .running, attempts: 1),
        submitted(39, 40),
        event(40, nil, .system, "audit_verified", actor: operatorName, ["rows": 39, "ok": true]),
    ]

    // MARK: Telemetry

    static let telemetry = TelemetryFrame(
        takenAt: now,
        workers: [
            .init(id: "w-ops-1a2b", host: "ops-1", pid: 4242, startedAt: ago(2 * 3600), lastSeenAt: ago(2), inFlight: 3, succeeded: 1_520, failures: 12),
            .init(id: "w-ops-3c4d", host: "ops-2", pid: 977, startedAt: ago(45 * 60), lastSeenAt: ago(1), inFlight: 0, succeeded: 880, failures: 0),
        ],
        latency: .init(count: 2_400, p50: 0.085, p90: 0.21, p99: 0.9, p999: 1.8, max: 2.4),
        attempts: 2_412, failures: 12, conflicts: 37, succeeded: 2_400, throughput: 4.2)

    /// 30 one-second samples ending at `telemetry`, for the sparklines.
    static var telemetryHistory: TelemetryHistory {
        var history = TelemetryHistory()
        let steps: [Double] = [3, 4, 6, 5, 7, 9, 8, 6, 4, 5, 7, 10, 12, 9, 6, 5, 4, 6, 8, 7, 5, 4, 3, 5, 6, 8, 9, 7, 5, 4]
        var attempts = telemetry.attempts - steps.reduce(0, +)
        var failures = telemetry.failures - 6
        for (index, step) in steps.enumerated() {
            attempts += step
            if index % 5 == 4 { failures += 1 }
            let frame = TelemetryFrame(
                takenAt: now.adding(milliseconds: Int64(index - steps.count + 1) * 1000), attempts: attempts,
                failures: failures, conflicts: Double(index), throughput: step * 0.9)
            history.record(frame, dlqSize: 5 + index / 10)
        }
        return history
    }

    // MARK: Loading

    /// Everything, unwindowed: what a load of `request` picks from.
    static var allData: ConsoleData {
        ConsoleData(
            tenantNames: tenantNames, counts: counts(envelopes), telemetry: telemetry,
            tenants: [acme, apex, nihon].map(summary), accounts: accounts, driftAlerts: driftAlerts.reversed(),
            heldCounts: heldCounts, envelopes: envelopes.reversed(), auditEvents: auditEvents.reversed(), loadMilliseconds: 0)
    }

    /// What `StoreConsoleSource` would return for `request` over the fixture.
    static func data(for request: DataRequest) -> ConsoleData {
        let scope = request.scope
        var data = ConsoleData(tenantNames: tenantNames, telemetry: telemetry, loadMilliseconds: 0)
        data.counts = counts(envelopes.filter { scope.admits($0.tenantID) })
        data.openBreakingDrift = driftAlerts.filter { scope.admits($0.tenantID) && $0.status == .open && $0.breaking }.count
        switch request.view {
        case .tenants:
            data.tenants = [acme, apex, nihon].filter { scope.admits($0.id) }.map(summary)
        case .accounts:
            data.accounts = accounts.filter { scope.admits($0.tenantID) }
        case .drift:
            data.driftAlerts = driftAlerts.filter { scope.admits($0.tenantID) }.reversed()
            data.heldCounts = heldCounts.filter { id, _ in data.driftAlerts.contains { $0.id == id } }
        case .outbox, .dlq:
            let query = request.envelopeFilter.query(for: request.view, order: .newestFirst, after: nil, limit: 10_000)
            let rows = envelopes.filter { scope.admits($0.tenantID) && query.matches($0, tenantName: tenantNames[$0.tenantID] ?? "") }
            if !request.envelopeFilter.isEmpty { data.matchCount = rows.count }
            (data.envelopes, data.windowAtTop, data.windowAtBottom) = window(rows, request.window, id: \.id.rawValue)
        case .audit:
            let query = AuditQuery(categories: request.auditFilter.categories)
            let rows = auditEvents.filter { event in event.tenantID.map(scope.admits) ?? (scope == .allTenants) && query.matches(event) }
            (data.auditEvents, data.windowAtTop, data.windowAtBottom) = window(rows, request.window, id: \.id.rawValue)
        case .telemetry:
            break
        }
        if let detail = request.detail { data.detail = self.detail(detail, scope: scope) }
        return data
    }

    /// A keyset window over rows in ascending id order, returned newest first.
    static func window<Row>(_ ascending: [Row], _ window: WindowRequest, id: KeyPath<Row, Int64>) -> ([Row], Bool, Bool) {
        switch window.anchor {
        case .top:
            let rows = Array(ascending.reversed().prefix(window.below))
            return (rows, true, rows.count < window.below)
        case .bottom:
            let rows = Array(ascending.prefix(window.below))
            return (rows.reversed(), rows.count < window.below, true)
        case .id(let anchor):
            let above = Array(ascending.filter { $0[keyPath: id] > anchor }.prefix(window.above))
            let below = Array(ascending.filter { $0[keyPath: id] <= anchor }.reversed().prefix(window.below))
            return (above.reversed() + below, above.count < window.above, below.count < window.below)
        }
    }

    static func detail(_ request: DetailRequest, scope: TenantScope) -> DetailData {
        switch request {
        case .envelope(let id):
            guard let envelope = envelopes.first(where: { $0.id == id }), scope.admits(envelope.tenantID) else {
                return .missing("envelope \(id.rawValue) not found")
            }
            return .envelope(envelope, history: auditEvents.filter { $0.envelopeID == id })
        case .audit(let id):
            guard let event = auditEvents.first(where: { $0.id == id }) else { return .missing("audit row \(id.rawValue) not found") }
            return .audit(event)
        case .drift(let id):
            guard let alert = driftAlerts.first(where: { $0.id == id }), scope.admits(alert.tenantID) else {
                return .missing("drift alert \(id.rawValue) not found")
            }
            return .drift(alert)
        case .tenant(let id):
            guard let tenant = [acme, apex, nihon].first(where: { $0.id == id }), scope.admits(id) else { return .missing("tenant not found") }
            return .tenant(summary(tenant), tasks: tasks.filter { $0.tenantID == id })
        case .account(let id):
            guard let account = accounts.first(where: { $0.id == id }), scope.admits(account.tenantID) else {
                return .missing("account \(id.rawValue) not found")
            }
            return .account(account)
        }
    }

    // MARK: States

    /// A console of `width`×`height` showing `view` with the fixture loaded (the load answers
    /// `state.dataRequest`, so `loadedRequest` matches), at the fixed `now`.
    static func state(
        _ view: ConsoleViewKind, width: Int = 80, height: Int = 24, readOnly: Bool = false,
        engineLabel: String = "engine"
    ) -> ConsoleState {
        var state = ConsoleState(
            operatorName: operatorName, databaseLabel: "/var/lib/opsdeck/control-plane.sqlite", engineLabel: engineLabel,
            readOnly: readOnly, width: width, height: height, now: now, themeName: "dark", themeNames: themeNames)
        state.view = view
        if view == .telemetry { state.history = telemetryHistory }
        load(&state)
        return state
    }

    /// Answers the state's current request, as the runtime's loader would.
    static func load(_ state: inout ConsoleState, with data: ConsoleData? = nil) {
        let request = state.dataRequest
        var data = data ?? Self.data(for: request)
        data.loadMilliseconds = 0
        _ = Console.update(&state, .loaded(request, data))
    }

    /// Presses keys in order, loading after each one (as the runtime does when the request
    /// changes); returns every effect.
    @discardableResult
    static func press(_ state: inout ConsoleState, _ keys: Key..., reload: Bool = true) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        for key in keys {
            effects += Console.update(&state, .key(key))
            if reload, state.loadedRequest != state.dataRequest { load(&state) }
        }
        return effects
    }

    /// Types `text` one character at a time (into a filter or command line).
    @discardableResult
    static func type(_ state: inout ConsoleState, _ text: String) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        for character in text { effects += Console.update(&state, .key(.character(character))) }
        return effects
    }

    /// The screen column where `needle` starts on row `y`, counting wide characters as two.
    static func column(of needle: String, in buffer: Buffer, y: Int) -> Int? {
        var text = ""
        var columns: [Int] = []
        for x in 0..<buffer.width where !buffer[x, y].isContinuation {
            for _ in buffer[x, y].symbol { columns.append(x) }
            text += buffer[x, y].symbol
        }
        guard let range = text.range(of: needle) else { return nil }
        return columns[text.distance(from: text.startIndex, to: range.lowerBound)]
    }

    /// The frame as plain text (monochrome theme, trailing blanks trimmed).
    static func text(_ state: ConsoleState) -> String {
        Console.render(state, theme: .monochrome).lines().joined(separator: "\n")
    }
}
