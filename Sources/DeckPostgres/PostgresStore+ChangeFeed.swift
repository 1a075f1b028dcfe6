import DeckCore
import PostgresNIO

/// `LISTEN opsdeck_changes` on a connection of its own: every statement that appends to the
/// audit log notifies the channel when its transaction commits (`0003_change_notifications.sql`).
extension PostgresStore: ChangeFeed {
    /// The channel the audit log's trigger notifies.
    static let changeChannel = "opsdeck_changes"

    public func followChanges(_ handle: @escaping @Sendable (ChangeFeedEvent) -> Void) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let connection = try await pool.dedicatedConnection(id: 1)
                do {
                    try await connection.listen(on: Self.changeChannel) { notifications in
                        failures = 0
                        handle(.listening)
                        for try await _ in notifications { handle(.changed) }
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch where !Task.isCancelled {
                failures += 1
                if failures == 1 || failures & (failures - 1) == 0 {
                    logger.warning(
                        "listening for changes failed; polling until it is back",
                        metadata: ["error": "\(PostgresErrorText.describe(error))", "failures_in_a_row": "\(failures)"])
                }
            } catch {
                return
            }
            if Task.isCancelled { return }
            handle(.lost)
            // 250 ms, doubling to 8 s, between attempts.
            try? await Task.sleep(for: .milliseconds(250 << min(failures, 5)))
        }
    }
}
