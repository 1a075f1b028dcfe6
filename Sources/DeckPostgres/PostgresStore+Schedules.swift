import DeckCore
import DeckStore
import PostgresNIO

extension PostgresStore: ScheduleRepository {
    static let scheduleColumns = "tenant_id::text, job, category, next_run_at, last_run_at, last_outcome, updated_at"

    /// By next run, then tenant, job and category in byte order (`COLLATE "C"`, as SQLite
    /// compares text; a uuid sorts as its lowercase text does).
    static let scheduleOrder = "next_run_at, tenant_id, job COLLATE \"C\", category COLLATE \"C\""

    /// The last outcome may quote a provider's error: U+0000 in it is stored as U+FFFD
    /// (`PostgresRows.storable`).
    public func saveSchedule(_ schedule: Schedule, in scope: TenantScope) async throws {
        try await transaction(scope) { connection in
            try await Self.requireTenant(schedule.tenantID, in: scope, connection, logger: logger)
            try await connection.query("""
                INSERT INTO schedules (tenant_id, job, category, next_run_at, last_run_at, last_outcome, updated_at)
                VALUES (\(schedule.tenantID.rawValue)::uuid, \(schedule.job.rawValue), \(schedule.category),
                    \(schedule.nextRunAt.millisecondsSinceEpoch), \(schedule.lastRunAt?.millisecondsSinceEpoch),
                    \(PostgresRows.storable(schedule.lastOutcome)), \(schedule.updatedAt.millisecondsSinceEpoch))
                ON CONFLICT (tenant_id, job, category) DO UPDATE SET next_run_at = excluded.next_run_at,
                    last_run_at = excluded.last_run_at, last_outcome = excluded.last_outcome, updated_at = excluded.updated_at
                """, logger: logger)
        }
    }

    public func schedules(in scope: TenantScope) async throws -> [Schedule] {
        try await transaction(scope) { connection in
            var binds = PostgresBindings()
            let condition = PostgresRows.scopeCondition(scope, &binds)
            return try await Self.fetchSchedules(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Self.scheduleColumns) FROM schedules WHERE \(condition) ORDER BY \(Self.scheduleOrder)",
                    binds: binds),
                connection, logger: logger)
        }
    }

    public func dueSchedules(at instant: Timestamp, limit: Int, in scope: TenantScope) async throws -> [Schedule] {
        try await transaction(scope) { connection in
            var binds = PostgresBindings()
            binds.append(instant.millisecondsSinceEpoch)
            let condition = PostgresRows.scopeCondition(scope, &binds)
            return try await Self.fetchSchedules(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.scheduleColumns) FROM schedules WHERE next_run_at <= $1 AND \(condition)
                        ORDER BY \(Self.scheduleOrder) LIMIT \(max(1, limit))
                        """,
                    binds: binds),
                connection, logger: logger)
        }
    }

    static func fetchSchedules(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws -> [Schedule] {
        var schedules: [Schedule] = []
        for try await (tenant, job, category, nextRun, lastRun, outcome, updated) in try await connection.query(
            query, logger: logger
        ).decode((String, String, String, Int64, Int64?, String?, Int64).self) {
            schedules.append(Schedule(
                tenantID: TenantID(rawValue: tenant), job: try PostgresRows.enumValue(job, column: "job"), category: category,
                nextRunAt: PostgresRows.timestamp(nextRun), lastRunAt: PostgresRows.timestamp(lastRun), lastOutcome: outcome,
                updatedAt: PostgresRows.timestamp(updated)))
        }
        return schedules
    }
}
