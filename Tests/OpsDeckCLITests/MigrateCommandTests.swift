import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("opsdeck migrate and global options", .timeLimit(.minutes(5)))
    struct MigrateCommandTests {
        let sandbox: Sandbox

        init() throws { sandbox = try Sandbox() }

        @Test("migrate creates the database, then reports it up to date")
        func createsThenUpToDate() throws {
            #expect(sandbox.bytes(sandbox.db) == nil)
            let first = try sandbox.ok(["migrate"])
            #expect(first.stdout.contains("applied v1_foundation, v2_lean_queue, v3_catalog_versions_counter, v4_tenant_pause"), "\(first)")
            #expect(FileManager.default.fileExists(atPath: sandbox.db))
            #expect(try sandbox.sql("PRAGMA application_id") == String(0x4F50_5344))
            #expect(try sandbox.sql("SELECT identifier FROM grdb_migrations ORDER BY rowid") == "v1_foundation\nv2_lean_queue\nv3_catalog_versions_counter\nv4_tenant_pause")

            let before = try sandbox.snapshot()
            let second = try sandbox.ok(["migrate"])
            #expect(second.stdout.contains("schema is up to date"), "\(second)")
            #expect(second.stdout.contains("v4_tenant_pause"), "\(second)")
            #expect(try sandbox.snapshot() == before)
        }

        @Test("a fresh database passes audit verify with zero rows")
        func freshDatabaseVerifies() throws {
            try sandbox.migrate()
            let run = try sandbox.ok(["audit", "verify"])
            #expect(run.stdout.hasPrefix("audit chain intact: 0 rows"), "\(run)")
        }

        @Test("--db and --operator may also come before the subcommand")
        func globalOptionsBeforeSubcommand() throws {
            try sandbox.migrate()
            let run = try opsdeck(
                ["--db", sandbox.db, "--operator", "bob", "tenant", "add", "acme"], db: nil, directory: sandbox.directory)
            #expect(run.exitCode == 0, "\(run)")
            let rows = try sandbox.auditTail()
            #expect(rows.last?.string("actor") == "bob")
            #expect(try sandbox.listing().filter { $0.hasPrefix("opsdeck.sqlite") }.isEmpty, "must not fall back to ./opsdeck.sqlite")
        }

        @Test("$OPSDECK_DB is the default database; --db overrides it")
        func environmentDefault() throws {
            let run = try opsdeck(["migrate"], db: nil, env: ["OPSDECK_DB": sandbox.db], directory: sandbox.directory)
            #expect(run.exitCode == 0, "\(run)")
            #expect(FileManager.default.fileExists(atPath: sandbox.db))
            let other = sandbox.path("other.sqlite")
            let explicit = try opsdeck(["migrate"], db: other, env: ["OPSDECK_DB": sandbox.db], directory: sandbox.directory)
            #expect(explicit.exitCode == 0, "\(explicit)")
            #expect(explicit.stdout.contains("applied v1_foundation"), "\(explicit)")
            #expect(FileManager.default.fileExists(atPath: other))
        }

        @Test("without --db or $OPSDECK_DB the database is ./opsdeck.sqlite")
        func workingDirectoryDefault() throws {
            let run = try opsdeck(["migrate"], db: nil, directory: sandbox.directory)
            #expect(run.exitCode == 0, "\(run)")
            #expect(FileManager.default.fileExists(atPath: sandbox.path("opsdeck.sqlite")))
        }

        @Test("--version prints the version and exits 0")
        func version() throws {
            let run = try opsdeck(["--version"], db: nil, directory: sandbox.directory)
            #expect(run.exitCode == 0, "\(run)")
            #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        }
    }
}
