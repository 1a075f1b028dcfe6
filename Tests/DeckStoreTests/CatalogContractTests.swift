import DeckCore
import Testing

@Suite("Contract: accounts, catalog, drift, schedules, heartbeats")
struct CatalogContractTests {
    @Test(arguments: StoreKind.allCases)
    func accountsRememberTheirPreviousStatus(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let store = fixture.store
        let now = fixture.clock.now()
        var account = ConnectedAccount(
            id: "ca_1", tenantID: acme.id, provider: "gmail", status: .initiated, scopes: ["gmail.readonly"],
            createdAt: now, updatedAt: now)
        #expect(try await store.saveAccount(account, in: .tenant(acme.id), actor: "sync") == nil)
        account.status = .active
        #expect(try await store.saveAccount(account, in: .tenant(acme.id), actor: "sync") == .initiated)
        #expect(try await store.saveAccount(account, in: .tenant(acme.id), actor: "sync") == .active)
        let stolen = ConnectedAccount(id: "ca_1", tenantID: globex.id, provider: "gmail", status: .active, createdAt: now, updatedAt: now)
        await #expect(throws: StoreError.conflict("connected account ca_1 belongs to another tenant")) {
            try await store.saveAccount(stolen, in: .allTenants, actor: "sync")
        }
        #expect(try await store.account("ca_1", in: .tenant(globex.id)) == nil)
        let stored = try #require(try await store.account("ca_1", in: .tenant(acme.id)))
        #expect(stored.status == .active)
        #expect(stored.scopes == ["gmail.readonly"])
        try await store.markScanned("ca_1", at: now.adding(seconds: 9), in: .tenant(acme.id))
        #expect(try await store.account("ca_1", in: .allTenants)?.lastScanAt == now.adding(seconds: 9))
        await #expect(throws: StoreError.notFound("connected account ca_1")) {
            try await store.markScanned("ca_1", at: now, in: .tenant(globex.id))
        }
        #expect(try await store.accounts(in: .allTenants, status: .active).map(\.id) == ["ca_1"])
        #expect(try await store.accounts(in: .allTenants, status: .expired).isEmpty)
        let audit = try await store.auditEvents(AuditQuery(categories: [.account], order: .oldestFirst), in: .allTenants).items
        #expect(audit.map(\.action) == ["connected", "status_changed"])
        #expect(audit[1].payload["from"] == "INITIATED")
    }

    @Test(arguments: StoreKind.allCases)
    func catalogKeepsOperatorOverridesAcrossRefreshes(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let store = fixture.store
        let now = fixture.clock.now()
        func entry(_ slug: String, _ toolkit: String, version: String = "20251027_00", tenant: TenantID? = nil) -> ToolCatalogEntry {
            ToolCatalogEntry(
                tenantID: tenant ?? acme.id, toolSlug: slug, toolkit: toolkit,
                jsonSchema: ["type": "object", "properties": ["to": ["type": "string"]]], version: version,
                classifiedRisk: RiskClassifier.classify(slug: slug), tags: ["email"], scopes: ["gmail.send"], fetchedAt: now)
        }
        try await store.saveTools([entry("GMAIL_SEND_EMAIL", "gmail"), entry("SLACK_SEND_MESSAGE", "slack")], in: .tenant(acme.id))
        try await store.saveTools([entry("GMAIL_SEND_EMAIL", "gmail", tenant: globex.id)], in: .allTenants)
        let overridden = try await store.setRiskOverride(.critical, for: "GMAIL_SEND_EMAIL", tenant: acme.id, in: .tenant(acme.id), actor: "alice")
        #expect(overridden.risk == .critical)
        #expect(overridden.classifiedRisk == .medium)
        try await store.saveTools([entry("GMAIL_SEND_EMAIL", "gmail", version: "20251101_00")], in: .tenant(acme.id))
        let refreshed = try #require(try await store.tool("GMAIL_SEND_EMAIL", tenant: acme.id, in: .tenant(acme.id)))
        #expect(refreshed.version == "20251101_00")
        #expect(refreshed.risk == .critical)
        #expect(refreshed.jsonSchema["properties"]?["to"]?["type"] == "string")
        #expect(try await store.tool("GMAIL_SEND_EMAIL", tenant: globex.id, in: .tenant(globex.id))?.risk == .medium)
        #expect(try await store.tool("GMAIL_SEND_EMAIL", tenant: acme.id, in: .tenant(globex.id)) == nil)
        #expect(try await store.tools(in: .tenant(acme.id), toolkit: nil).map(\.toolSlug) == ["GMAIL_SEND_EMAIL", "SLACK_SEND_MESSAGE"])
        #expect(try await store.tools(in: .allTenants, toolkit: "slack").map(\.toolSlug) == ["SLACK_SEND_MESSAGE"])
        let cleared = try await store.setRiskOverride(nil, for: "GMAIL_SEND_EMAIL", tenant: acme.id, in: .allTenants, actor: "alice")
        #expect(cleared.risk == .medium)
        await #expect(throws: StoreError.notFound("tool SLACK_SEND_MESSAGE")) {
            try await store.setRiskOverride(.low, for: "SLACK_SEND_MESSAGE", tenant: acme.id, in: .tenant(globex.id), actor: "x")
        }
        let audit = try await store.auditEvents(AuditQuery(categories: [.catalog], order: .oldestFirst), in: .allTenants).items
        #expect(audit.map { $0.payload["to"] } == [.string("critical"), .null])
    }

    @Test(arguments: StoreKind.allCases)
    func driftAlertsOpenOncePerFingerprintAndAcceptOnce(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let store = fixture.store
        let draft = DriftAlertDraft(
            tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", kind: .schemaChanged, breaking: true,
            fromVersion: "20251027_00", toVersion: "20251101_00",
            diff: ["changes": [["path": "/properties/cc", "kind": "removed_property", "breaking": true]]], fingerprint: "f1")
        let first = try await store.openDriftAlert(draft, in: .tenant(acme.id), actor: "drift-monitor")
        #expect(first.opened)
        let again = try await store.openDriftAlert(draft, in: .allTenants, actor: "drift-monitor")
        #expect(!again.opened)
        #expect(again.alert == first.alert)
        var otherDraft = draft
        otherDraft.tenantID = globex.id
        #expect(try await store.openDriftAlert(otherDraft, in: .allTenants, actor: "drift-monitor").opened)
        #expect(try await store.driftAlerts(in: .tenant(acme.id), status: .open) == [first.alert])
        #expect(try await store.driftAlert(first.alert.id, in: .tenant(globex.id)) == nil)
        await #expect(throws: StoreError.notFound("drift alert \(first.alert.id)")) {
            try await store.acceptDriftAlert(first.alert.id, in: .tenant(globex.id), actor: "bob")
        }
        fixture.clock.advance(seconds: 4)
        let accepted = try await store.acceptDriftAlert(first.alert.id, in: .tenant(acme.id), actor: "bob").alert
        #expect(accepted.status == .accepted)
        #expect(accepted.acceptedBy == "bob")
        #expect(accepted.acceptedAt == fixture.clock.now())
        await #expect(throws: StoreError.conflict("drift alert \(first.alert.id) is already accepted")) {
            try await store.acceptDriftAlert(first.alert.id, in: .allTenants, actor: "bob")
        }
        #expect(try await store.driftAlerts(in: .allTenants, status: nil).count == 2)
        #expect(try await store.driftAlerts(in: .allTenants, status: .open).map(\.tenantID) == [globex.id])
        let audit = try await store.auditEvents(AuditQuery(categories: [.drift], order: .oldestFirst), in: .tenant(acme.id)).items
        #expect(audit.map(\.action) == ["opened", "accepted"])
    }

    @Test(arguments: StoreKind.allCases)
    func schedulesComeDueInOrder(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let store = fixture.store
        let now = fixture.clock.now()
        let crm = Schedule(tenantID: acme.id, job: .trickleRefresh, category: "crm", nextRunAt: now.adding(seconds: 60), updatedAt: now)
        let mail = Schedule(tenantID: acme.id, job: .trickleRefresh, category: "email", nextRunAt: now.adding(seconds: 30), updatedAt: now)
        let drift = Schedule(tenantID: globex.id, job: .driftCheck, category: "", nextRunAt: now.adding(seconds: 45), updatedAt: now)
        for schedule in [crm, mail, drift] { try await store.saveSchedule(schedule, in: .allTenants) }
        #expect(try await store.schedules(in: .allTenants) == [mail, drift, crm])
        #expect(try await store.dueSchedules(at: now.adding(seconds: 50), limit: 10, in: .allTenants) == [mail, drift])
        #expect(try await store.dueSchedules(at: now.adding(seconds: 50), limit: 1, in: .allTenants) == [mail])
        #expect(try await store.dueSchedules(at: now.adding(seconds: 90), limit: 10, in: .tenant(globex.id)) == [drift])
        var ran = mail
        ran.lastRunAt = now.adding(seconds: 31)
        ran.nextRunAt = now.adding(seconds: 2000)
        ran.lastOutcome = "ok: 3 signals"
        try await store.saveSchedule(ran, in: .tenant(acme.id))
        #expect(try await store.schedules(in: .tenant(acme.id)) == [crm, ran])
        await #expect(throws: StoreError.notFound("tenant \(acme.id)")) {
            try await store.saveSchedule(crm, in: .tenant(globex.id))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func heartbeatsAreReplacedAndExpire(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let store = fixture.store
        let now = fixture.clock.now()
        let old = WorkerHeartbeat(id: "w-old", host: "h", pid: 1, startedAt: now, lastSeenAt: now)
        var live = WorkerHeartbeat(id: "w-live", host: "h", pid: 2, startedAt: now, lastSeenAt: now, telemetry: ["attempts": 1])
        try await store.recordHeartbeat(old)
        try await store.recordHeartbeat(live)
        live.lastSeenAt = now.adding(seconds: 10)
        live.telemetry = ["attempts": 9]
        try await store.recordHeartbeat(live)
        #expect(try await store.heartbeats(seenSince: now.adding(seconds: 5)) == [live])
        #expect(try await store.heartbeats(seenSince: now).map(\.id) == ["w-live", "w-old"])
        // A killed worker's row: removed once older than the cut-off, the live one kept.
        #expect(try await store.removeHeartbeats(seenBefore: now.adding(seconds: 5)) == ["w-old"])
        #expect(try await store.removeHeartbeats(seenBefore: now.adding(seconds: 5)).isEmpty)
        #expect(try await store.heartbeats(seenSince: now).map(\.id) == ["w-live"])
        try await store.removeHeartbeat("w-live")
        #expect(try await store.heartbeats(seenSince: now).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func envelopesWithoutATierTakeTheCatalogsRisk(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let store = fixture.store
        try await store.saveTools([
            ToolCatalogEntry(
                tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", jsonSchema: ["type": "object"],
                version: "20251027_00", classifiedRisk: .medium, fetchedAt: fixture.clock.now()),
        ], in: .allTenants)
        _ = try await store.setRiskOverride(.critical, for: "GMAIL_SEND_EMAIL", tenant: acme.id, in: .allTenants, actor: "alice")
        let ids = try await store.submit([
            try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL"),
            try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", risk: .low),
            try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_DELETE_MESSAGE"),
        ], in: .allTenants, actor: "agent").ids
        #expect(try await store.envelope(ids[0], in: .allTenants)?.risk == .critical)
        #expect(try await store.envelope(ids[1], in: .allTenants)?.risk == .low)
        #expect(try await store.envelope(ids[2], in: .allTenants)?.risk == .high)
    }
}
