import DeckCore
import Foundation
import Testing
@testable import DeckPostgres

@Suite("PostgreSQL URLs and passwords")
struct PostgresURLTests {
    @Test("a full URL: user, password, host, port, database; the description never shows the password")
    func full() throws {
        let url = try PostgresURL(parsing: "postgres://ops%40deck:s3cr%3At@db.example.com:6543/opsdeck?sslmode=require")
        #expect(url.user == "ops@deck")
        #expect(url.password == "s3cr:t")
        #expect(url.host == "db.example.com")
        #expect(url.port == 6543)
        #expect(url.database == "opsdeck")
        #expect(url.tls == .require)
        #expect(url.description == "postgres://ops@deck@db.example.com:6543/opsdeck")
        #expect(!url.description.contains("s3cr"))
    }

    @Test("defaults: port 5432; plain TCP on loopback, TLS elsewhere; postgresql:// too")
    func defaults() throws {
        let local = try PostgresURL(parsing: "postgresql://app@127.0.0.1/db")
        #expect(local.port == 5432)
        #expect(local.tls == .disable)
        #expect(local.password == nil)
        #expect(try PostgresURL(parsing: "postgres://app@remote.example/db").tls == .require)
        #expect(try PostgresURL(parsing: "postgres://app@localhost:5433/db?sslmode=disable").tls == .disable)
        #expect(PostgresURL.isPostgres("postgres://x@y/z"))
        #expect(!PostgresURL.isPostgres("/tmp/opsdeck.sqlite"))
    }

    @Test("bad URLs get one clear message, without the password", arguments: [
        "postgres://", "postgres://host/db", "postgres://user:pw@/db", "postgres://user:secretpw@host",
        "postgres://user:secretpw@host/db?sslmode=maybe", "postgres://user@host/db?timeout=3", "postgres://user@host:0/db",
        "mysql://user@host/db",
    ])
    func bad(_ text: String) {
        do {
            _ = try PostgresURL(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(!error.description.contains("secretpw"))
            #expect(!error.description.isEmpty)
        }
    }

    @Test("passwords: the URL, else PGPASSWORD, else the first matching line of a private password file")
    func passwords() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pgpass").path
        try """
            # comment
            other:5432:*:app:wrong
            db.example:*:opsdeck:app:fr\\:om\\\\file
            *:*:*:*:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let url = try PostgresURL(parsing: "postgres://app@db.example:5432/opsdeck")
        #expect(PostgresPassword.resolve(for: url, environment: ["PGPASSFILE": file]) == "fr:om\\file")
        #expect(PostgresPassword.resolve(for: url, environment: ["PGPASSFILE": file, "PGPASSWORD": "env"]) == "env")
        #expect(PostgresPassword.resolve(for: try PostgresURL(parsing: "postgres://app:url@db.example/opsdeck"), environment: ["PGPASSWORD": "env"]) == "url")
        #expect(PostgresPassword.resolve(for: try PostgresURL(parsing: "postgres://x@elsewhere/db"), environment: ["PGPASSFILE": file]) == "fallback")
        chmod(file, 0o644)
        #expect(PostgresPassword.resolve(for: url, environment: ["PGPASSFILE": file]) == nil)
    }
}
