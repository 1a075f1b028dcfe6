import DeckCore
import DeckPostgres
import Foundation

/// A migrated database of its own on the test server (`OPSDECK_TEST_POSTGRES_URL`, an
/// administrator's URL), for one contract test.
struct PostgresTestDatabase: Sendable {
    static let serverURL = ProcessInfo.processInfo.environment["OPSDECK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    let url: PostgresURL
    let password: String?
    let name: String

    /// Creates and migrates a fresh database.
    static func create() async throws -> PostgresTestDatabase {
        let server = try PostgresURL(parsing: serverURL!)
        let password = PostgresPassword.resolve(for: server)
        let name = "opsdeck_c_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try runPSQL(server, "CREATE DATABASE \(name)")
        var url = server
        url.database = String(name)
        let pool = PostgresPool(url, password: password)
        defer { pool.close() }
        _ = try await PostgresMigrator.shipped.migrate(pool)
        return PostgresTestDatabase(url: url, password: password, name: String(name))
    }

    /// Drops the database (whatever connections it still has).
    func drop() {
        guard let server = try? PostgresURL(parsing: Self.serverURL!) else { return }
        try? Self.runPSQL(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one statement with psql against the server's own database and waits (at most 30 s).
    static func runPSQL(_ server: PostgresURL, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [serverURL!, "-v", "ON_ERROR_STOP=1", "-qc", sql]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            throw StoreError.unavailable("psql did not finish within 30 s: \(sql)")
        }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw StoreError.unavailable("psql failed: \(message)")
        }
    }
}
