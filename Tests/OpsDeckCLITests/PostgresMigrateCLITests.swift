import Foundation
import OpsDeckTestSupport
import Testing

/// `opsdeck migrate --db postgres://…` from outside, against the test server
/// (`OPSDECK_TEST_POSTGRES_URL`, an administrator's URL; `.ci/run` starts one).
@Suite("opsdeck on PostgreSQL (server)", .enabled(if: PostgresTestServer.url != nil), .timeLimit(.minutes(5)))
struct PostgresMigrateCLITests {
    @Test("migrate creates the schema, then says it is up to date; the CLI and demo seed work on it; no password is printed")
    func migrate() async throws {
        // On threads of its own: opsdeck runs synchronously here (see threeWorkers).
        try await DedicatedExecutor.run { try migrateOnThreadsOfItsOwn() }
    }

    func migrateOnThreadsOfItsOwn() throws {
        try PostgresTestServer.withFreshDatabase { url in
            let first = try opsdeck(["migrate"], db: url)
            #expect(first.exitCode == 0, "\(first)")
            #expect(first.stdout.contains("applied 0001_initial, 0002_row_level_security, 0003_change_notifications, 0004_audit_sealed_at_commit, 0005_claims_hold_their_tenants, 0006_claim_hold_reads_its_counts, 0007_audit_seal_shorter_under_the_head_lock"), "\(first)")
            #expect(!first.stdout.contains(PostgresTestServer.password ?? "\u{0}"), "the password is never printed")
            let second = try opsdeck(["migrate"], db: url)
            #expect(second.exitCode == 0, "\(second)")
            #expect(second.stdout.contains("schema is up to date (0007_audit_seal_shorter_under_the_head_lock)"), "\(second)")
            #expect(try opsdeck(["tenant", "add", "acme"], db: url).exitCode == 0)
            let listed = try opsdeck(["tenant", "list"], db: url)
            #expect(listed.exitCode == 0 && listed.stdout.contains("acme"), "\(listed)")
            // The demo writes into an empty database that migrate has prepared.
            let demo = try PostgresTestServer.freshDatabase()
            defer { PostgresTestServer.drop(demo) }
            expectErrorLine(try opsdeck(["demo", "seed"], db: demo), exitCode: 3, mentioning: ["opsdeck migrate"])
            #expect(try opsdeck(["migrate"], db: demo).exitCode == 0)
            let seeded = try opsdeck(["demo", "seed", "--envelopes", "12"], db: demo)
            #expect(seeded.exitCode == 0 && seeded.stdout.contains("12 envelopes"), "\(seeded)")
            #expect(seeded.stdout.contains("postgres://") && !seeded.stdout.contains(PostgresTestServer.password ?? "\u{0}"),
                    "the database is named without its password: \(seeded)")
            let snapshot = try opsdeck(["snapshot", "--view", "outbox"], db: demo)
            #expect(snapshot.exitCode == 0 && snapshot.stdout.contains("Outbox  12 envelopes"), "\(snapshot)")
        }
    }

    @Test("three worker processes on one PostgreSQL database drain it; no envelope executed twice; the chain is intact")
    func threeWorkers() async throws {
        // On threads of its own: opsdeck runs synchronously here, which on the cooperative
        // pool would starve the async suites running beside it.
        try await DedicatedExecutor.run { try await threeWorkersOnThreadsOfItsOwn() }
    }

    func threeWorkersOnThreadsOfItsOwn() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-pg-workers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.drop(url) }
        let migrated = try opsdeck(["migrate"], db: url)
        #expect(migrated.exitCode == 0, "\(migrated)")
        for index in 0..<4 {
            let added = try opsdeck(["tenant", "add", "t\(index)", "--max-running", "3"], db: url)
            #expect(added.exitCode == 0, "\(added)")
        }
        var lines = ""
        for index in 0..<240 { lines += #"{"tenant":"t\#(index % 4)","tool":"SLACK_SEND_MESSAGE","args":{"n":\#(index)},"risk":"low"}"# + "\n" }
        let file = directory.appendingPathComponent("envelopes.jsonl").path
        try lines.write(toFile: file, atomically: true, encoding: .utf8)
        let submitted = try opsdeck(["envelope", "submit", "--file", file], db: url)
        #expect(submitted.exitCode == 0, "\(submitted)")
        let ledger = directory.appendingPathComponent("ledger.tsv").path
        let workers = try (0..<3).map { index in
            try BackgroundProcess(
                ["worker", "--log-level", "warning", "--poll-ms", "5", "--sim-ledger", ledger, "--drain", "--sim-seed", String(index),
                 "--sim-latency-ms", "5", "--concurrency", "8", "--batch", "8"],
                db: url, directory: directory, name: "pg-worker\(index)")
        }
        for worker in workers { #expect(await worker.status(within: .seconds(90)) == 0) }
        let text = (try? String(contentsOfFile: ledger, encoding: .utf8)) ?? ""
        var counts: [Int64: Int] = [:]
        for line in text.split(separator: "\n") {
            if let id = line.split(separator: "\t").first.flatMap({ Int64($0) }) { counts[id, default: 0] += 1 }
        }
        #expect(counts.count == 240, "every envelope executed")
        #expect(counts.values.allSatisfy { $0 == 1 }, "none executed twice")
        let verify = try opsdeck(["audit", "verify"], db: url)
        #expect(verify.exitCode == 0 && verify.stdout.contains("intact"), "\(verify)")
    }

    @Test("an unknown database, a wrong password and a closed port: exit 3, one line saying why, no password")
    func failures() async throws {
        try await DedicatedExecutor.run { try failuresOnThreadsOfItsOwn() }
    }

    func failuresOnThreadsOfItsOwn() throws {
        let server = try #require(PostgresTestServer.url)
        let missing = server.replacingOccurrences(of: "/" + (server.split(separator: "/").last.map(String.init) ?? ""), with: "/no_such_db")
        expectErrorLine(try opsdeck(["migrate"], db: missing), exitCode: 3, mentioning: ["no_such_db", "does not exist"])
        var components = try #require(URLComponents(string: server))
        components.password = "wrong-secret"
        let wrong = try opsdeck(["migrate"], db: components.string!, unsetting: ["PGPASSWORD", "PGPASSFILE"])
        expectErrorLine(wrong, exitCode: 3, mentioning: ["password authentication failed"])
        #expect(!wrong.stderr.contains("wrong-secret"))
        expectErrorLine(try opsdeck(["migrate"], db: "postgres://nobody@127.0.0.1:1/x"), exitCode: 3, mentioning: ["refused"])
        expectErrorLine(try opsdeck(["migrate"], db: "postgres://nobody:secretpw@127.0.0.1:1"), exitCode: 2, mentioning: ["no database"])
    }
}

/// The PostgreSQL server the tests may use.
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["OPSDECK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static var password: String? { url.flatMap { URLComponents(string: $0)?.password } }

    /// A database of its own on the server for `body`, dropped afterwards (psql).
    static func withFreshDatabase(_ body: (String) throws -> Void) throws {
        let server = try #require(url)
        let name = "opsdeck_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try psql(server, "CREATE DATABASE \(name)")
        defer { _ = try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        try body(components.string!)
    }

    /// A fresh database's URL (drop it with `drop`).
    static func freshDatabase() throws -> String {
        let server = try #require(url)
        let name = "opsdeck_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try psql(server, "CREATE DATABASE \(name)")
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        return components.string!
    }

    static func drop(_ database: String) {
        guard let server = url, let name = URLComponents(string: database)?.path.dropFirst() else { return }
        _ = try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> CLIRun {
        let run = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/psql"), [url, "-v", "ON_ERROR_STOP=1", "-qc", sql], stdin: nil,
            environment: CLI.environment([:]), directory: nil)
        #expect(run.exitCode == 0, "\(run)")
        return run
    }
}
