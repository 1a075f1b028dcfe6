import DeckComposio
import DeckCore
import DeckEngine
import DeckStore
import Logging
import Testing

/// The schedulers stepped with a manual clock over the in-memory store and the simulator.
@Suite("Schedulers", .timeLimit(.minutes(2)))
struct SchedulerServiceTests {
    let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_790_000_000_000))
    let store: InMemoryStore

    init() {
        store = InMemoryStore(clock: clock)
    }

    func scheduler(
        _ provider: SimulatedProvider, capacity: Double = 100, refill: Double = 100, trickle: RefreshInterval = .trickleDefault
    ) throws -> SchedulerService {
        try SchedulerService(
            store: store, provider: provider,
            configuration: try SchedulerConfiguration(
                actor: "scheduler@test", accountSyncSeconds: 30, driftCheckSeconds: 300, trickleInterval: trickle,
                bucketCapacity: capacity, bucketRefillPerSecond: refill),
            clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), seed: 1)
    }

    func provider(_ accounts: [ProviderAccount]) -> SimulatedProvider {
        SimulatedProvider(options: .reliable(seed: 3), accounts: accounts, clock: clock)
    }

    static func account(_ id: String, _ toolkit: String, _ status: AccountStatus, user: String = "acme") -> ProviderAccount {
        ProviderAccount(id: ConnectedAccountID(rawValue: id), status: status, toolkit: toolkit, userID: user, scopes: ["read"])
    }

    @Test func aFirstPassSyncsAccountsWarmScansTheActiveOnesAndSchedulesRefreshes() async throws {
        let acme = try await store.addTenant(TenantDraft(name: "acme"), actor: "op")
        _ = try await store.addTenant(TenantDraft(name: "globex"), actor: "op")
        let task = try await store.addTask(TaskDraft(tenantID: acme.id, title: "Follow up warm leads"), in: .allTenants, actor: "op")
        let simulator = provider([
            Self.account("ca_gmail", "gmail", .active), Self.account("ca_slack", "slack", .initiated),
            Self.account("ca_other", "gmail", .active, user: "someone-else"),
        ])
        let report = try await scheduler(simulator).runOnce()

        #expect(report.accountsSynced == 2)
        #expect(report.accountsActivated == 1)
        #expect(report.warmScans == 1)
        let accounts = try await store.accounts(in: .tenant(acme.id), status: nil)
        #expect(Set(accounts.map(\.id)) == ["ca_gmail", "ca_slack"])
        #expect(accounts.first { $0.id == "ca_gmail" }?.lastScanAt == clock.now())
        // The warm scan cached gmail's tools and read its read-only ones.
        let catalog = try await store.tools(in: .tenant(acme.id), toolkit: nil)
        let gmail = simulator.catalog.tools.filter { $0.toolkit == "gmail" }
        #expect(Set(catalog.map(\.toolSlug)) == Set(gmail.map(\.slug)))
        #expect(catalog.first { $0.toolSlug == "GMAIL_LIST_MESSAGES" }?.risk == .low)
        #expect(catalog.first { $0.toolSlug == "GMAIL_DELETE_MESSAGE" }?.risk == .high)
        let readOnly = gmail.filter { RiskClassifier.isReadOnly(slug: $0.slug, tags: $0.tags) }
        #expect(!readOnly.isEmpty)
        #expect(report.reads == readOnly.count)
        let signals = try await store.signals(SignalQuery(limit: 100), in: .tenant(acme.id)).items
        #expect(signals.count == readOnly.count)
        #expect(signals.allSatisfy { $0.source == .warmScan && $0.connectedAccountID == "ca_gmail" })
        #expect(try await store.tasks(in: .tenant(acme.id), state: nil).first { $0.id == task.id }?.evidence.count == signals.count)
        // Rows: account sync and drift check per tenant, a trickle refresh per gmail category.
        let schedules = try await store.schedules(in: .tenant(acme.id))
        #expect(Set(schedules.filter { $0.job == .trickleRefresh }.map(\.category)) == ["email", "communication"])
        for refresh in schedules where refresh.job == .trickleRefresh {
            let wait = refresh.nextRunAt.milliseconds(since: clock.now())
            #expect((1_800_000...3_600_000).contains(wait))
        }
        #expect(schedules.first { $0.job == .accountSync }?.nextRunAt == clock.now().adding(seconds: 30))
        let audit = try await store.auditEvents(AuditQuery(categories: [.scheduler, .account]), in: .tenant(acme.id)).items
        #expect(audit.contains { $0.action == "warm_scan" && $0.actor == "scheduler@test" })
        #expect(audit.contains { $0.action == "connected" && $0.payload["to"] == "ACTIVE" })
        // Nothing else is due until the account sync's interval has passed.
        #expect(try await scheduler(simulator).runOnce().jobsRun == 0)
    }

    @Test func anAccountThatBecomesActiveLaterIsWarmScannedOnceAndARestartNeitherSkipsNorDoubles() async throws {
        let acme = try await store.addTenant(TenantDraft(name: "acme"), actor: "op")
        let simulator = provider([Self.account("ca_slack", "slack", .initiated)])
        _ = try await scheduler(simulator).runOnce()
        #expect(try await store.signals(SignalQuery(), in: .tenant(acme.id)).items.isEmpty)
        simulator.replaceAccounts([Self.account("ca_slack", "slack", .active)])
        clock.advance(seconds: 30)
        // A new scheduler (a restart) picks up from the stored schedule rows.
        let report = try await scheduler(simulator).runOnce()
        #expect(report.jobsRun == 1)
        #expect(report.warmScans == 1)
        clock.advance(seconds: 30)
        let again = try await scheduler(simulator).runOnce()
        #expect(again.jobsRun == 1)
        #expect(again.warmScans == 0)
        let scans = try await store.auditEvents(AuditQuery(categories: [.scheduler]), in: .tenant(acme.id)).items
            .filter { $0.action == "warm_scan" }
        #expect(scans.count == 1)
    }

    @Test func trickleRefreshesReadThroughTheRateBucketAndBackOffWhenItIsEmpty() async throws {
        let acme = try await store.addTenant(TenantDraft(name: "acme"), actor: "op")
        let simulator = provider([Self.account("ca_gmail", "gmail", .active)])
        let interval = try RefreshInterval(minimumSeconds: 60, maximumSeconds: 120)
        _ = try await scheduler(simulator, trickle: interval).runOnce()
        let readOnly = try await store.tools(in: .tenant(acme.id), toolkit: "gmail").filter { RiskClassifier.isReadOnly(slug: $0.toolSlug, tags: $0.tags) }
        #expect(readOnly.count >= 2)
        // A bucket of one token, refilled every 10 s, lets one read through per pass.
        let tight = try scheduler(simulator, capacity: 1, refill: 0.1, trickle: interval)
        clock.advance(seconds: 121)
        let report = try await tight.runOnce()
        #expect(report.trickleRefreshes == 2)
        #expect(report.reads == 1)
        #expect(report.rateLimited >= readOnly.count - 1)
        let refreshes = try await store.schedules(in: .tenant(acme.id)).filter { $0.job == .trickleRefresh }
        // The postponed row resumes when the bucket has a token again (10 s), not an interval later.
        #expect(refreshes.contains { $0.nextRunAt == clock.now().adding(seconds: 10) && $0.lastOutcome?.hasPrefix("rate limited") == true })
        let stored = try await store.signals(SignalQuery(limit: 100), in: .tenant(acme.id)).items
        #expect(stored.filter { $0.source == .trickleRefresh }.count == 1)
    }

    @Test func aBreakingSchemaChangeOpensOneAlertThatHoldsTheToolUntilAccepted() async throws {
        let acme = try await store.addTenant(TenantDraft(name: "acme", maxRunning: 5), actor: "op")
        let simulator = provider([Self.account("ca_gmail", "gmail", .active)])
        let scheduler = try scheduler(simulator)
        _ = try await scheduler.runOnce()
        #expect(try await store.driftAlerts(in: .allTenants, status: nil).isEmpty)

        // The provider publishes a new version of GMAIL_SEND_EMAIL: `body` removed, `cc` required.
        let old = try #require(simulator.catalog.tool("GMAIL_SEND_EMAIL"))
        var properties = old.inputSchema["properties"]?.objectValue ?? [:]
        properties["body"] = nil
        properties["cc"] = ["type": "string"]
        var schema = old.inputSchema.objectValue ?? [:]
        schema["properties"] = .object(properties)
        schema["required"] = .array(((old.inputSchema["required"]?.arrayValue ?? []) + ["cc"]))
        var changed = old
        changed.version = "20251201_00"
        changed.inputSchema = .object(schema)
        simulator.replaceCatalog(simulator.catalog.replacing(changed))

        clock.advance(seconds: 300)
        let report = try await scheduler.runOnce()
        #expect(report.alertsOpened == 1)
        let alert = try #require(try await store.driftAlerts(in: .tenant(acme.id), status: .open).first)
        #expect(alert.toolSlug == "GMAIL_SEND_EMAIL")
        #expect(alert.breaking)
        #expect(alert.toVersion == "20251201_00")
        // Checking again finds the same drift: no second alert.
        clock.advance(seconds: 300)
        #expect(try await scheduler.runOnce().alertsOpened == 0)
        #expect(try await store.driftAlerts(in: .allTenants, status: nil).count == 1)

        // Its envelopes are held while the alert is open…
        let id = try await store.submit(
            [try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", arguments: ["to": "a@b.c", "cc": "d@e.f"])],
            in: .allTenants, actor: "agent").ids[0]
        #expect(try await store.claim(ClaimRequest(worker: "w", limit: 5, leaseMilliseconds: 10_000)).claimed.isEmpty)
        // …and accepting it updates the cache, so the next check is clean and they run.
        _ = try await store.acceptDriftAlert(alert.id, in: .tenant(acme.id), actor: "alice")
        #expect(try await store.tool("GMAIL_SEND_EMAIL", tenant: acme.id, in: .allTenants)?.version == "20251201_00")
        clock.advance(seconds: 300)
        #expect(try await scheduler.runOnce().alertsOpened == 0)
        let claimed = try await store.claim(ClaimRequest(worker: "w", limit: 5, leaseMilliseconds: 10_000)).claimed
        #expect(claimed.map(\.envelope.id) == [id])
        #expect(claimed.first?.pinnedVersion == "20251201_00")
    }
}

/// A simulator whose tool listing fails: what a provider sending garbage looks like to the jobs.
final class FailingListings: ToolProvider {
    let base: SimulatedProvider
    init(_ base: SimulatedProvider) { self.base = base }

    func listTools(_ query: ToolListQuery) async throws(ProviderError) -> ProviderPage<ToolDefinition> {
        throw ProviderError(.permanent, "Composio sent a malformed tool: items[2].input_parameters is not an object")
    }
    func tool(_ slug: String, version: String?) async throws(ProviderError) -> ToolDefinition {
        try await base.tool(slug, version: version)
    }
    func execute(_ execution: ToolExecution) async throws(ProviderError) -> ToolExecutionResult {
        try await base.execute(execution)
    }
    func listToolkits(cursor: String?) async throws(ProviderError) -> ProviderPage<ToolkitInfo> {
        try await base.listToolkits(cursor: cursor)
    }
    func listToolkitCategories() async throws(ProviderError) -> [ToolkitInfo.Category] { try await base.listToolkitCategories() }
    func listConnectedAccounts(userIDs: [String], cursor: String?) async throws(ProviderError) -> ProviderPage<ProviderAccount> {
        try await base.listConnectedAccounts(userIDs: userIDs, cursor: cursor)
    }
}

extension SchedulerServiceTests {
    @Test func badProviderDataIsARecordedErrorAndWritesNoCatalog() async throws {
        let acme = try await store.addTenant(TenantDraft(name: "acme"), actor: "op")
        let failing = FailingListings(provider([Self.account("ca_gmail", "gmail", .active)]))
        let scheduler = try SchedulerService(
            store: store, provider: failing, configuration: try SchedulerConfiguration(actor: "scheduler@test"), clock: clock,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), seed: 1)
        let report = try await scheduler.runOnce()
        #expect(report.failures == 1)
        #expect(try await store.tools(in: .tenant(acme.id), toolkit: nil).isEmpty)
        #expect(try await store.signals(SignalQuery(), in: .tenant(acme.id)).items.isEmpty)
        let failure = try #require(try await store.auditEvents(AuditQuery(categories: [.scheduler]), in: .tenant(acme.id)).items
            .first { $0.action == "warm_scan_failed" })
        #expect(failure.payload["error"]?.stringValue?.contains("malformed tool") == true)
        // The account itself is stored; the scan is not marked done.
        #expect(try await store.account("ca_gmail", in: .allTenants)?.lastScanAt == nil)
    }
}
