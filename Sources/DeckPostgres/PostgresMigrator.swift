import DeckCore
import Logging
import PostgresNIO

/// `opsdeck migrate` for PostgreSQL: applies the numbered files of `db/postgres/` in order,
/// each in its own transaction recorded in `schema_migrations`, all under one advisory lock
/// (two hosts migrating at once apply each file once), refusing a database that records a
/// version this build does not ship (written by a newer OpsDeck); then runs `roles.sql`
/// (the `opsdeck_app` role and its grants; idempotent).
public struct PostgresMigrator: Sendable {
    /// One numbered migration file.
    public struct File: Sendable, Hashable {
        public var version: Int
        public var name: String
        public var sql: String

        /// `NNNN_name`, as the file is called in `db/postgres/`.
        public var fileName: String {
            let digits = String(version)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
        }

        public init(version: Int, name: String, sql: String) {
            self.version = version
            self.name = name
            self.sql = sql
        }
    }

    /// The advisory lock every migration run holds: ('OPSD', 0).
    static let lock: (Int32, Int32) = (1_330_664_260, 0)

    public let files: [File]
    public let roles: String

    public init(files: [File], roles: String) {
        self.files = files.sorted { $0.version < $1.version }
        self.roles = roles
    }

    /// The migrations this build ships, from the files embedded at build time.
    public static let shipped = PostgresMigrator(files: PostgresSchemaFiles.migrations, roles: PostgresSchemaFiles.roles)

    /// Brings `database` up to date; returns the names of the files applied (empty when it
    /// already was). Connects as the URL's user, which must be able to create the schema and
    /// the role (an administrator).
    public func migrate(_ database: PostgresPool) async throws -> [String] {
        let logger = database.logger
        return try await database.client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lock.0), \(Self.lock.1))", logger: logger)
            do {
                let applied = try await apply(on: connection, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lock.0), \(Self.lock.1))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lock.0), \(Self.lock.1))", logger: logger)
                throw error
            }
        }
    }

    /// The versions recorded in `schema_migrations` (none when the table does not exist).
    public static func recordedVersions(on connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
        var found = false
        for try await (value) in exists.decode(Bool.self) { found = value }
        guard found else { return [] }
        var versions: [Int] = []
        for try await (version) in try await connection.query("SELECT version FROM schema_migrations ORDER BY version", logger: logger)
            .decode(Int.self) { versions.append(version) }
        return versions
    }

    private func apply(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let recorded = try await Self.recordedVersions(on: connection, logger: logger)
        let known = Set(files.map(\.version))
        if let newer = recorded.first(where: { !known.contains($0) }) {
            throw StoreError.schema(
                "the database records schema version \(newer), which this opsdeck does not know: it was written by a newer opsdeck; left untouched")
        }
        var applied: [String] = []
        for file in files where !recorded.contains(file.version) {
            try await connection.query("BEGIN", logger: logger)
            try await PostgresPool.runScript(file.sql, on: connection, logger: logger)
            try await connection.query(
                "INSERT INTO schema_migrations (version, name) VALUES (\(file.version), \(file.name))", logger: logger)
            try await connection.query("COMMIT", logger: logger)
            applied.append(file.fileName)
        }
        try await connection.query("BEGIN", logger: logger)
        try await PostgresPool.runScript(roles, on: connection, logger: logger)
        try await connection.query("COMMIT", logger: logger)
        return applied
    }
}
