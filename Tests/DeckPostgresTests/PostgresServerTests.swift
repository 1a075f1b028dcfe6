import DeckCore
import Foundation
import Logging
import PostgresNIO
import Testing
@testable import DeckPostgres

/// The test server's administrator URL, when one is given.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["OPSDECK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
}

/// Against a real server: `OPSDECK_TEST_POSTGRES_URL` (an administrator's URL; `.ci/run`
/// starts a throwaway cluster and sets it). Each test works in a database of its own,
/// created and dropped around it.
@Suite("PostgreSQL schema, roles and row-level security (server)", .enabled(if: TestServer.url != nil),
       .timeLimit(.minutes(5)))
struct PostgresServerTests {
    static var serverURL: String? { TestServer.url }

    /// A fresh database on the test server, dropped when `body` ends.
    static func withFreshDatabase(_ body: (PostgresPool) async throws -> Void) async throws {
        let admin = try PostgresURL(parsing: serverURL!)
        let name = "opsdeck_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let server = PostgresPool(admin, password: PostgresPassword.resolve(for: admin))
        defer { server.close() }
        try await server.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        var url = admin
        url.database = String(name)
        let database = PostgresPool(url, password: PostgresPassword.resolve(for: admin))
        do {
            try await body(database)
        } catch {
            database.close()
            try? await server.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
            throw error
        }
        database.close()
        try await server.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"))
    }

    @Test("migrate applies the shipped files once, records them, and refuses a newer schema untouched")
    func migrate() async throws {
        try await Self.withFreshDatabase { database in
            let migrator = PostgresMigrator.shipped
            #expect(migrator.files.map(\.version) == [1, 2, 3, 4, 5, 6, 7])
            let first = try await migrator.migrate(database)
            #expect(first == migrator.files.map(\.fileName))
            let second = try await migrator.migrate(database)
            #expect(second.isEmpty)
            try await database.administratorTransaction { connection in
                try await connection.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'future')", logger: database.logger)
            }
            await #expect(throws: StoreError.self) { try await migrator.migrate(database) }
            let versions = try await database.client.withConnection { connection in
                try await PostgresMigrator.recordedVersions(on: connection, logger: database.logger)
            }
            #expect(versions == [1, 2, 3, 4, 5, 6, 7, 99])
        }
    }

    @Test("as opsdeck_app: no tenant set sees no rows; tenant A never sees or writes B; the audit log only grows")
    func rowLevelSecurity() async throws {
        try await Self.withFreshDatabase { database in
            _ = try await PostgresMigrator.shipped.migrate(database)
            let a = TenantID.random(), b = TenantID.random()
            try await database.transaction(.allTenants) { connection in
                for (tenant, name) in [(a, "alpha"), (b, "beta")] {
                    try await connection.query("""
                        INSERT INTO tenants (id, name, plan, time_zone, max_running, composio_user_id, created_at, updated_at)
                        VALUES (\(tenant.rawValue)::uuid, \(name), 'pro', 'UTC', 5, \(name), 0, 0)
                        """, logger: database.logger)
                }
            }
            func count(_ scope: TenantScope?) async throws -> Int {
                try await database.client.withTransaction(logger: database.logger) { connection in
                    try await connection.query("SELECT set_config('role', 'opsdeck_app', true)", logger: database.logger)
                    if case .tenant(let tenant) = scope {
                        try await connection.query("SELECT set_config('opsdeck.tenant_id', \(tenant.rawValue), true)", logger: database.logger)
                    } else if scope == .allTenants {
                        try await connection.query("SELECT set_config('opsdeck.scope', 'all', true)", logger: database.logger)
                    }
                    var total = 0
                    for try await value in try await connection.query("SELECT count(*)::int FROM tenants", logger: database.logger)
                        .decode(Int.self) { total = value }
                    return total
                }
            }
            #expect(try await count(nil) == 0)
            #expect(try await count(.tenant(a)) == 1)
            #expect(try await count(.allTenants) == 2)
            let visible = try await database.transaction(.tenant(a)) { connection in
                var names: [String] = []
                for try await name in try await connection.query("SELECT name FROM tenants", logger: database.logger).decode(String.self) {
                    names.append(name)
                }
                return names
            }
            #expect(visible == ["alpha"])
            // The same insert for A passes, so the one for B fails on the policy alone.
            try await database.transaction(.tenant(a)) { connection in
                try await connection.query("""
                    INSERT INTO objectives (tenant_id, metric, target, current, horizon, created_at, updated_at)
                    VALUES (\(a.rawValue)::uuid, 'm', 1, 0, 'q', 0, 0)
                    """, logger: database.logger)
            }
            await #expect(throws: (any Error).self) {
                try await database.transaction(.tenant(a)) { connection in
                    try await connection.query("""
                        INSERT INTO objectives (tenant_id, metric, target, current, horizon, created_at, updated_at)
                        VALUES (\(b.rawValue)::uuid, 'm', 1, 0, 'q', 0, 0)
                        """, logger: database.logger)
                }
            }
            await #expect(throws: (any Error).self) {
                try await database.transaction(.allTenants) { connection in
                    try await connection.query("UPDATE audit_log SET actor = 'x'", logger: database.logger)
                }
            }
            await #expect(throws: (any Error).self) {
                try await database.transaction(.allTenants) { connection in
                    try await connection.query("DELETE FROM audit_log", logger: database.logger)
                }
            }
        }
    }

    /// A migrated fresh database and a store on it (as `opsdeck_app`, through the pool).
    static func withStore(_ body: (PostgresStore, PostgresPool) async throws -> Void) async throws {
        try await withFreshDatabase { database in
            _ = try await PostgresMigrator.shipped.migrate(database)
            let store = try await PostgresStore.open(database.url, password: PostgresPassword.resolve(for: try PostgresURL(parsing: serverURL!)))
            defer { store.close() }
            try await body(store, database)
        }
    }

    @Test("tenants: add, names unique up to look-alikes, find by name or id, update, pause; guardrails; each audited")
    func tenants() async throws {
        try await Self.withStore { store, _ in
            let added = try await store.addTenants([try TenantDraft(name: "acme", maxRunning: 3), try TenantDraft(name: "globex")], actor: "op")
            #expect(try await store.tenants(in: .allTenants).map(\.name) == ["acme", "globex"])
            await #expect(throws: StoreError.self) { try await store.addTenant(try TenantDraft(name: "ACME"), actor: "op") }
            let acme = added[0]
            #expect(try await store.tenant(named: "acme", in: .allTenants)?.id == acme.id)
            #expect(try await store.tenant(named: acme.id.rawValue, in: .allTenants)?.maxRunning == 3)
            let changes = try TenantChanges(maxRunning: 7)
            #expect(try await store.updateTenant(acme.id, changes, in: .tenant(acme.id), actor: "op").maxRunning == 7)
            let rename = try TenantChanges(name: "Globex")
            await #expect(throws: StoreError.self) { try await store.updateTenant(acme.id, rename, in: .tenant(acme.id), actor: "op") }
            #expect(try await store.setTenantPaused(acme.id, true, in: .allTenants, actor: "op").isPaused)
            #expect(try await store.tenant(acme.id, in: .allTenants)?.pausedBy == "op")
            var rails = try await store.guardrails(for: acme.id, in: .tenant(acme.id))
            #expect(rails == .default)
            rails.allowedToolkits = ["gmail"]
            try await store.setGuardrails(rails, for: acme.id, in: .tenant(acme.id), actor: "op")
            #expect(try await store.guardrails(for: acme.id, in: .allTenants) == rails)
            let actions = try await store.auditEvents(AuditQuery(order: .oldestFirst), in: .allTenants).items.map(\.action)
            #expect(actions == ["added", "added", "updated", "paused", "set"])
            guard case .intact(let rows, _) = try await store.verifyAuditChain() else {
                Issue.record("chain broken")
                return
            }
            #expect(rows == 5)
        }
    }

    @Test("a tenant's scope sees only that tenant: its tenants, audit rows and guardrails; others are not found")
    func isolation() async throws {
        try await Self.withStore { store, _ in
            let tenants = try await store.addTenants([try TenantDraft(name: "a"), try TenantDraft(name: "b")], actor: "op")
            let a = tenants[0].id, b = tenants[1].id
            _ = try await store.append(AuditEntry(tenantID: nil, category: .tenant, action: "note", actor: "op"), in: .allTenants)
            #expect(try await store.tenants(in: .tenant(a)).map(\.id) == [a])
            #expect(try await store.tenant(b, in: .tenant(a)) == nil)
            #expect(try await store.tenant(named: "b", in: .tenant(a)) == nil)
            await #expect(throws: StoreError.self) { try await store.guardrails(for: b, in: .tenant(a)) }
            await #expect(throws: StoreError.self) { try await store.setTenantPaused(b, true, in: .tenant(a), actor: "op") }
            await #expect(throws: StoreError.self) {
                try await store.append(AuditEntry(tenantID: b, category: .tenant, action: "x", actor: "op"), in: .tenant(a))
            }
            await #expect(throws: StoreError.self) {
                try await store.append(AuditEntry(tenantID: nil, category: .tenant, action: "x", actor: "op"), in: .tenant(a))
            }
            let seen = try await store.auditEvents(AuditQuery(), in: .tenant(a)).items
            #expect(!seen.isEmpty && seen.allSatisfy { $0.tenantID == a })
            #expect(try await store.auditEvents(AuditQuery(), in: .allTenants).items.count == 3)
        }
    }

    @Test("audit: keyset pages end to end both ways; concurrent appenders keep one dense, intact chain")
    func auditChain() async throws {
        try await Self.withStore { store, _ in
            let tenant = try await store.addTenant(try TenantDraft(name: "t"), actor: "op").id
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for index in 0..<15 {
                            _ = try await store.append(
                                AuditEntry(tenantID: tenant, category: .tenant, action: "w\(writer)-\(index)", actor: "op"),
                                in: .tenant(tenant))
                        }
                    }
                }
                try await group.waitForAll()
            }
            guard case .intact(let rows, _) = try await store.verifyAuditChain() else {
                Issue.record("chain broken")
                return
            }
            #expect(rows == 61)
            for order in ListOrder.allCases {
                var ids: [Int64] = []
                var after: AuditEventID?
                repeat {
                    let page = try await store.auditEvents(AuditQuery(order: order, after: after, limit: 7), in: .tenant(tenant))
                    ids += page.items.map(\.id.rawValue)
                    after = page.nextCursor
                } while after != nil
                #expect(ids == (order == .oldestFirst ? Array(1...61) : Array((1...61).reversed())))
            }
        }
    }
}
