import DeckPostgres
import Logging
import PostgresNIO

/// The most envelopes running at once during a PostgreSQL drain, read every 100 ms through
/// its own pool as `opsdeck_app` in the operator-wide scope (what another host would see).
actor PostgresPeakSampler {
    let pool: PostgresPool
    private(set) var peak = 0

    init(pool: PostgresPool) {
        self.pool = pool
    }

    func run() async {
        while !Task.isCancelled {
            if let running = try? await Self.runningCount(pool) { peak = max(peak, running) }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Envelopes `running` now, by the partial index of running rows.
    nonisolated static func runningCount(_ pool: PostgresPool) async throws -> Int {
        let logger = Logger(label: "opsdeck.bench.peak", factory: { _ in SwiftLogNoOpLogHandler() })
        return try await pool.transaction(.allTenants) { connection in
            var count = 0
            for try await value in try await connection.query(
                "SELECT count(*)::int FROM outbox WHERE status = 'running'", logger: logger
            ).decode(Int.self) { count = value }
            return count
        }
    }
}
