import DeckCore
import GRDB
import Synchronization

/// The catalog version of each tenant's tools, as claims pin them, kept between claims until
/// `counters.catalog_versions` moves.
///
/// A claim pins, for every envelope submitted without a version, the version of its tool in
/// the tenant's catalog. Read one row at a time, that lookup cost more than any other read of
/// the claim (measured: 13 % of the drain rate). Triggers move the counter when a catalog row
/// appears, disappears or changes version (in any process); a claim reads it inside its own
/// write transaction, so what it pins is never older than the row it would have read. A
/// tenant's versions are loaded on its first claim after a change, in one statement.
final class CatalogVersionCache: Sendable {
    private struct State {
        var generation: Int64 = .min
        var versions: [TenantID: [String: String]] = [:]
    }

    private let state = Mutex(State())

    /// Starts a claim's lookups: forgets every tenant's versions if the catalog changed since
    /// they were read.
    func refresh(_ db: Database) throws {
        let counter = try SQLiteRawStatement.cached(db, sql: "SELECT value FROM counters WHERE name = 'catalog_versions'")
        defer { counter.done() }
        let generation = try counter.next() ? counter.int64(0) : -1
        state.withLock { state in
            if state.generation != generation {
                state.generation = generation
                state.versions.removeAll()
            }
        }
    }

    /// The version of `tool` in `tenant`'s catalog, or nil when the catalog does not list it.
    /// Call `refresh` first in the same transaction.
    func version(of tool: String, for tenant: TenantID, _ db: Database) throws -> String? {
        if let known = state.withLock({ $0.versions[tenant] }) { return known[tool] }
        let statement = try SQLiteRawStatement.cached(db, sql: "SELECT tool_slug, version FROM tool_catalog WHERE tenant_id = ?")
        defer { statement.done() }
        statement.bind(1, tenant.rawValue)
        var versions: [String: String] = [:]
        while try statement.next() {
            if let slug = statement.text(0), let version = statement.text(1) { versions[slug] = version }
        }
        state.withLock { $0.versions[tenant] = versions }
        return versions[tool]
    }
}
