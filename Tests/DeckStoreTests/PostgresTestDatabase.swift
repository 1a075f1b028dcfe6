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
        try await runPSQL("CREATE DATABASE \(name)")
        var url = server
        url.database = String(name)
        let pool = PostgresPool(url, password: password)
        defer { pool.close() }
        _ = try await PostgresMigrator.shipped.migrate(pool)
        return PostgresTestDatabase(url: url, password: password, name: String(name))
    }

    /// Drops the database (whatever connections it still has): a psql process started and
    /// left to finish on its own, so no test thread waits for the server's checkpoint.
    func drop() {
        _ = try? Self.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)").run()
    }

    /// A psql process for one statement against the server's own database (not started).
    static func psql(_ sql: String) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [serverURL!, "-v", "ON_ERROR_STOP=1", "-qc", sql]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    /// Runs one statement with psql and waits for it without holding a thread (the contract
    /// suites run on the cooperative pool beside every other suite).
    static func runPSQL(_ sql: String) async throws {
        let process = psql(sql)
        let errors = Pipe()
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw StoreError.unavailable("psql failed: \(message)")
        }
    }
}
