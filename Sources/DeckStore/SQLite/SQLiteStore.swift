import DeckCore
import Foundation
import GRDB

/// The SQLite adapter of every control-plane port: one file, shared by every OpsDeck
/// process on the host.
///
/// Opens a `DatabasePool` (WAL, `synchronous=NORMAL`, foreign keys, busy timeout); writes
/// run in immediate transactions, so the audit chain head is read and extended under the
/// write lock. Open each file once per process and share the store.
public final class SQLiteStore: ControlPlaneStore {
    /// How `open` treats a database that is missing or behind the current schema.
    public enum OpenMode: Sendable {
        /// Create the file if needed and apply pending migrations (`opsdeck migrate`).
        case migrate
        /// The file must exist and be fully migrated; nothing is created or changed.
        case existing
        /// As `existing`, for reading only: the connections are read-only, and when the file
        /// or its folder cannot be written (an evidence copy, a read-only mount) the file is
        /// opened immutable, so SQLite creates no `-wal` or `-shm` beside it.
        case readOnly
    }

    /// The database file.
    public let path: String
    let pool: DatabasePool
    let clock: any WallClock
    /// Tenants as claims read them, kept until an operator changes one.
    let claimContexts = ClaimContextCache()
    let catalogVersions = CatalogVersionCache()
    /// Checkpoints the WAL off the writer's path.
    private let checkpointer: WALCheckpointer

    private init(path: String, pool: DatabasePool, clock: any WallClock) {
        self.path = path
        self.pool = pool
        self.clock = clock
        checkpointer = WALCheckpointer(path: path, restartFrames: Int32(Self.walCheckpointPages))
        try? pool.writeWithoutTransaction { db in checkpointer.install(on: db) }
    }

    deinit {
        checkpointer.close()
    }

    /// Opens the database at `path`.
    ///
    /// Refuses, without changing the file: a missing file (in `.existing` mode), a file that
    /// is not SQLite, an SQLite file of another application, a schema newer than this build
    /// and (in `.existing` mode) a schema with pending migrations.
    public static func open(
        path: String, mode: OpenMode, clock: any WallClock = SystemClock(), busyTimeout: TimeInterval = 10
    ) throws(StoreError) -> SQLiteStore {
        var isDirectory: ObjCBool = false
        let fileExists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw .unavailable("\(path) is a directory, not a database file") }
        if mode != .migrate, !fileExists {
            throw .unavailable("no database at \(path) (create it with `opsdeck migrate`)")
        }
        // Read-only on a file nobody here may change: immutable, so nothing is written beside it.
        let directory = (path as NSString).deletingLastPathComponent
        let immutable = mode == .readOnly
            && (access(path, W_OK) != 0 || access(directory.isEmpty ? "." : directory, W_OK) != 0)
        let openPath = immutable ? Self.immutableURI(path) : path
        if fileExists {
            try inspect(path: path, openPath: openPath, mode: mode)
        }
        do {
            var configuration = configuration(busyTimeout: busyTimeout)
            configuration.readonly = mode == .readOnly
            let pool = try DatabasePool(path: openPath, configuration: configuration)
            return SQLiteStore(path: path, pool: pool, clock: clock)
        } catch {
            throw SQLiteErrors.map(error, path: path)
        }
    }

    /// `file:` URI of `path` with `immutable=1` (SQLite then takes no locks and reads no WAL).
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Applies pending migrations; returns the names of the ones applied (empty when the
    /// schema was already current).
    @discardableResult
    public func migrate() throws(StoreError) -> [String] {
        let migrator = SQLiteSchema.migrator
        do {
            let before = try pool.read { db in try migrator.appliedIdentifiers(db) }
            try migrator.migrate(pool)
            return migrator.migrations.filter { !before.contains($0) }
        } catch {
            throw SQLiteErrors.map(error, path: path)
        }
    }

    /// Names of all migrations this build knows, in order.
    public static var knownMigrations: [String] { SQLiteSchema.migrator.migrations }

    /// Page cache of the writer connection, in KiB.
    static let writerCacheKiB = 32_768
    /// WAL pages after which the log restarts (SQLite's default checkpoint is at 1,000).
    static let walCheckpointPages = 16_000
    /// Size the WAL file is truncated to after a checkpoint, in bytes.
    static let walSizeLimitBytes = 64 * 1024 * 1024

    private static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "opsdeck"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if !db.configuration.readonly {
                // The writer keeps a whole batch's dirty pages in memory: with SQLite's 2 MB
                // default, a 2,000-envelope transaction spilled pages to the WAL and rewrote
                // them (12 page writes per envelope instead of about one).
                try db.execute(sql: "PRAGMA cache_size = -\(writerCacheKiB); PRAGMA temp_store = MEMORY; PRAGMA secure_delete = OFF")
                // The log restarts every `walCheckpointPages` pages instead of SQLite's 1,000:
                // the queue rewrites the same hot pages (index tails, the running set) in every
                // transaction, and a longer WAL lets one checkpoint copy each page once for many
                // commits. `WALCheckpointer` replaces this automatic checkpoint on the store's
                // writer (copying in the background); it stays for any other writer connection.
                // The file is cut back to `walSizeLimitBytes` after a checkpoint.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(walCheckpointPages); PRAGMA journal_size_limit = \(walSizeLimitBytes)")
            }
        }
        return configuration
    }

    /// Checks an existing file through a plain connection that cannot change it.
    private static func inspect(path: String, openPath: String, mode: OpenMode) throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(5)
            let queue = try DatabaseQueue(path: openPath, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                if applicationID != 0, applicationID != SQLiteSchema.applicationID {
                    throw StoreError.schema("\(path) is an SQLite database of another application, not OpsDeck's")
                }
                if applicationID == 0 {
                    guard tables.isEmpty else {
                        throw StoreError.schema("\(path) is an SQLite database of another application, not OpsDeck's")
                    }
                    if mode != .migrate {
                        throw StoreError.schema("\(path) has no OpsDeck schema yet (run `opsdeck migrate`)")
                    }
                    return
                }
                let migrator = SQLiteSchema.migrator
                if try migrator.hasBeenSuperseded(db) {
                    let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
                    throw StoreError.schema(
                        "\(path) has a newer schema (\(unknown.joined(separator: ", "))) than this opsdeck knows; upgrade opsdeck")
                }
                if mode != .migrate, try !migrator.hasCompletedMigrations(db) {
                    throw StoreError.schema("\(path) needs migrating to this opsdeck's schema (run `opsdeck migrate`)")
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteErrors.map(error, path: path)
        }
    }
}
