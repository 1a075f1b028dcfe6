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
       .timeLimit(.minutes(2)))
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
            #expect(migrator.files.map(\.version) == [1, 2])
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
            #expect(versions == [1, 2, 99])
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
}
