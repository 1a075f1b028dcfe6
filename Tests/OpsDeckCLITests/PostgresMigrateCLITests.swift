import Foundation
import Testing

/// `opsdeck migrate --db postgres://…` from outside, against the test server
/// (`OPSDECK_TEST_POSTGRES_URL`, an administrator's URL; `.ci/run` starts one).
@Suite("opsdeck migrate on PostgreSQL (server)", .enabled(if: PostgresTestServer.url != nil), .timeLimit(.minutes(2)))
struct PostgresMigrateCLITests {
    @Test("migrate creates the schema, then says it is up to date; other commands refuse PostgreSQL in one line")
    func migrate() throws {
        try PostgresTestServer.withFreshDatabase { url in
            let first = try opsdeck(["migrate"], db: url)
            #expect(first.exitCode == 0, "\(first)")
            #expect(first.stdout.contains("applied 0001_initial, 0002_row_level_security"), "\(first)")
            #expect(!first.stdout.contains(PostgresTestServer.password ?? "\u{0}"), "the password is never printed")
            let second = try opsdeck(["migrate"], db: url)
            #expect(second.exitCode == 0, "\(second)")
            #expect(second.stdout.contains("schema is up to date (0002_row_level_security)"), "\(second)")
            expectErrorLine(try opsdeck(["tenant", "list"], db: url), exitCode: 2, mentioning: ["PostgreSQL"])
        }
    }

    @Test("an unknown database, a wrong password and a closed port: exit 3, one line saying why, no password")
    func failures() throws {
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

    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> CLIRun {
        let run = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/psql"), [url, "-v", "ON_ERROR_STOP=1", "-qc", sql], stdin: nil,
            environment: CLI.environment([:]), directory: nil)
        #expect(run.exitCode == 0, "\(run)")
        return run
    }
}
