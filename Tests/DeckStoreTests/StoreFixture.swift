import DeckCore
import DeckPostgres
import Testing
import Foundation
@testable import DeckStore

/// Which adapter a contract test runs against: the suite is written once and run on each —
/// PostgreSQL when `OPSDECK_TEST_POSTGRES_URL` names a server (an administrator's URL; every
/// test gets a database of its own, dropped afterwards).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case inMemory
    case sqlite
    case postgres

    static var allCases: [StoreKind] { PostgresTestDatabase.serverURL == nil ? [.inMemory, .sqlite] : [.inMemory, .sqlite, .postgres] }

    var testDescription: String { rawValue }
}

/// A fresh store of one kind with a manual clock, and its temporary directory for SQLite.
struct StoreFixture {
    let store: any ControlPlaneStore
    let clock: ManualClock
    let directory: URL?

    /// The PostgreSQL database made for this fixture, dropped by `cleanUp`.
    let postgres: PostgresTestDatabase?

    static func make(_ kind: StoreKind) async throws -> StoreFixture {
        let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_790_000_000_000))
        switch kind {
        case .inMemory:
            return StoreFixture(store: InMemoryStore(clock: clock), clock: clock, directory: nil, postgres: nil)
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("opsdeck-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let sqlite = try SQLiteStore.open(path: directory.appendingPathComponent("test.sqlite").path, mode: .migrate, clock: clock)
            try sqlite.migrate()
            return StoreFixture(store: sqlite, clock: clock, directory: directory, postgres: nil)
        case .postgres:
            let database = try await PostgresTestDatabase.create()
            let store = try await PostgresStore.open(database.url, password: database.password, clock: clock)
            return StoreFixture(store: store, clock: clock, directory: nil, postgres: database)
        }
    }

    /// The SQLite store, when this fixture has one.
    var sqlite: SQLiteStore? { store as? SQLiteStore }

    /// Adds a tenant with default settings.
    func tenant(_ name: String, maxRunning: Int = 1, timeZone: String = "UTC") async throws -> Tenant {
        try await store.addTenant(TenantDraft(name: name, timeZone: timeZone, maxRunning: maxRunning), actor: "test")
    }

    /// Submits `count` envelopes for `tenant` and returns their ids.
    @discardableResult
    func submit(_ count: Int, for tenant: TenantID, tool: String = "GMAIL_SEND_EMAIL", risk: RiskTier? = nil) async throws -> [EnvelopeID] {
        let drafts = try (0..<count).map { index in
            try EnvelopeDraft(tenantID: tenant, toolSlug: tool, arguments: ["n": .integer(Int64(index))], risk: risk)
        }
        return try await store.submit(drafts, in: .tenant(tenant), actor: "agent").ids
    }

    func cleanUp() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        if let postgres {
            (store as? PostgresStore)?.close()
            postgres.drop()
        }
    }
}
