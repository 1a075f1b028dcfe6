import DeckCore
import DeckEngine
import DeckStore
import Foundation

/// The demo database: created, migrated and seeded when missing or empty, reused otherwise.
enum DemoSetup {
    /// The path `--demo` and `demo seed` use: `--db`, else `$OPSDECK_DB`, else `opsdeck-demo.sqlite`.
    static func path(_ global: GlobalOptions) -> String {
        global.databasePath(default: ConsoleOptions.demoDatabase)
    }

    /// Makes the demo database ready; returns its path.
    static func prepare(global: GlobalOptions, seed: UInt64) async throws -> String {
        let path = path(global)
        let store = try await StoreOpening.demo(path)
        let now = Timestamp(Date())
        if try await store.tenants(in: .allTenants).isEmpty {
            _ = try await DemoWorld.seed(into: store, seed: seed, now: now)
        } else {
            try await DemoWorld.refresh(in: store, now: now)
        }
        return path
    }
}
