import DeckCore
import DeckStore
import Foundation
import Testing
@testable import DeckEngine

@Suite("the demo world", .timeLimit(.minutes(2)))
struct DemoWorldTests {
    static let now = Timestamp(millisecondsSinceEpoch: 1_795_000_000_000)

    /// Everything a seeded world holds, without the ids and stamps a store makes up.
    struct Content: Equatable {
        var tenants: [String]
        var guardrails: [String]
        var objectives: [String]
        var tasks: [String]
        var envelopes: [String]
    }

    static func content(_ store: InMemoryStore) async throws -> Content {
        let tenants = try await store.tenants(in: .allTenants).sorted { $0.name < $1.name }
        let names = Dictionary(uniqueKeysWithValues: tenants.map { ($0.id, $0.name) })
        var guardrails: [String] = []
        for tenant in tenants {
            let rails = try await store.guardrails(for: tenant.id, in: .allTenants)
            guardrails.append("\(tenant.name) \(rails.quietHours.map(String.init(describing:)) ?? "-") \(rails.allowedToolkits ?? []) \(rails.autonomy)")
        }
        let objectives = try await store.objectives(in: .allTenants).map { "\(names[$0.tenantID]!) \($0.metric) \($0.current)/\($0.target)" }
        let tasks = try await store.tasks(in: .allTenants, state: nil).map { "\(names[$0.tenantID]!) \($0.title) \($0.state)" }
        let envelopes = try await store.envelopes(EnvelopeQuery(order: .oldestFirst, limit: 1000), in: .allTenants).items
            .map { "\(names[$0.tenantID]!) \($0.toolSlug) \($0.risk) \($0.argumentsJSON.text) \($0.idempotencyKey)" }
        return Content(
            tenants: tenants.map { "\($0.name) \($0.plan) \($0.timeZone) \($0.maxRunning)" }, guardrails: guardrails,
            objectives: objectives.sorted(), tasks: tasks.sorted(), envelopes: envelopes)
    }

    static func seeded(_ seed: UInt64, envelopes: Int = 40) async throws -> (InMemoryStore, DemoWorld.Report) {
        let store = InMemoryStore(clock: ManualClock(now))
        let report = try await DemoWorld.seed(into: store, seed: seed, now: now, envelopes: envelopes)
        return (store, report)
    }

    @Test("the same seed writes the same world; another seed other envelopes")
    func deterministic() async throws {
        let (first, report) = try await Self.seeded(7)
        let (second, _) = try await Self.seeded(7)
        let (other, _) = try await Self.seeded(8)
        let a = try await Self.content(first)
        #expect(a == (try await Self.content(second)))
        let c = try await Self.content(other)
        #expect(a.tenants == c.tenants && a.objectives == c.objectives)
        #expect(a.envelopes != c.envelopes)
        #expect(report == DemoWorld.Report(tenants: 4, objectives: 6, tasks: 12, envelopes: 40))
    }

    @Test("four tenants in four time zones, one inside its quiet hours now")
    func tenantsAndQuietHours() async throws {
        let (store, _) = try await Self.seeded(1)
        let tenants = try await store.tenants(in: .allTenants)
        #expect(Set(tenants.map(\.timeZone)).count == 4)
        var quietNow: [String] = []
        for tenant in tenants {
            let rails = try await store.guardrails(for: tenant.id, in: .allTenants)
            if let hours = rails.quietHours, hours.end(ofWindowContaining: Self.now, in: TimeZone(identifier: tenant.timeZone)!) != nil {
                quietNow.append(tenant.name)
            }
        }
        #expect(quietNow == ["umbrella"])
    }

    @Test("quiet hours around now contain now in every zone, whatever the hour", arguments: 0..<24)
    func quietHoursAround(hour: Int) throws {
        let instant = Timestamp(millisecondsSinceEpoch: 1_795_000_000_000 + Int64(hour) * 3_600_000 + 1_234_567)
        for zone in ["Australia/Sydney", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham", "UTC"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            let hours = DemoWorld.quietHoursAround(instant, in: timeZone)
            #expect(hours.end(ofWindowContaining: instant, in: timeZone) != nil, "\(zone) \(hours)")
        }
    }

    @Test("the first envelopes mix tools and risks: some need approval, one carries an escape")
    func trafficMix() async throws {
        var traffic = DemoTraffic(seed: 3, keyPrefix: "t")
        let store = InMemoryStore(clock: ManualClock(Self.now))
        let tenant = try await store.addTenant(try TenantDraft(name: "acme"), actor: "t")
        let drafts = (0..<400).compactMap { _ in traffic.next(tenants: [tenant]) }
        #expect(drafts.count == 400)
        #expect(Set(drafts.map(\.toolSlug)).count >= 7)
        #expect(drafts.contains { $0.risk == .critical })
        #expect(drafts.contains { $0.argumentsJSON.text.contains("\\u001b") })
        #expect(Set(drafts.compactMap(\.idempotencyKey)).count == 400)
        #expect(traffic.next(tenants: []) == nil)
    }

    @Test("seeding refuses a database that already has tenants")
    func refusesNonEmpty() async throws {
        let (store, _) = try await Self.seeded(1, envelopes: 0)
        await #expect(throws: InvalidInput.self) {
            try await DemoWorld.seed(into: store, seed: 1, now: Self.now)
        }
    }
}

@Suite("the demo world, reused", .timeLimit(.minutes(2)))
struct DemoWorldRefreshTests {
    @Test("a reused database gets its drift checks and account syncs due now, trickle refreshes untouched")
    func refresh() async throws {
        let now = DemoWorldTests.now
        let store = InMemoryStore(clock: ManualClock(now))
        _ = try await DemoWorld.seed(into: store, seed: 1, now: now, envelopes: 0)
        let tenant = try #require(try await store.tenants(in: .allTenants).first)
        let later = now.adding(seconds: 3_600)
        for job in [ScheduleJob.driftCheck, .accountSync, .trickleRefresh] {
            try await store.saveSchedule(
                Schedule(tenantID: tenant.id, job: job, category: job == .trickleRefresh ? "crm" : "", nextRunAt: later, updatedAt: now),
                in: .tenant(tenant.id))
        }
        try await DemoWorld.refresh(in: store, now: now)
        let schedules = try await store.schedules(in: .allTenants)
        #expect(schedules.first { $0.job == .driftCheck }?.nextRunAt == now)
        #expect(schedules.first { $0.job == .accountSync }?.nextRunAt == now)
        #expect(schedules.first { $0.job == .trickleRefresh }?.nextRunAt == later)
    }
}
