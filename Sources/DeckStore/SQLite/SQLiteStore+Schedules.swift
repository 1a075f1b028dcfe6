import DeckCore
import GRDB

extension SQLiteStore {
    public func saveSchedule(_ schedule: Schedule, in scope: TenantScope) async throws {
        try await write { db in
            try Self.requireTenant(schedule.tenantID, in: scope, db)
            try db.execute(
                sql: """
                    INSERT INTO schedules (tenant_id, job, category, next_run_at, last_run_at, last_outcome, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(tenant_id, job, category) DO UPDATE SET next_run_at = excluded.next_run_at,
                        last_run_at = excluded.last_run_at, last_outcome = excluded.last_outcome,
                        updated_at = excluded.updated_at
                    """,
                arguments: [
                    schedule.tenantID.rawValue, schedule.job.rawValue, schedule.category,
                    schedule.nextRunAt.millisecondsSinceEpoch, schedule.lastRunAt?.millisecondsSinceEpoch,
                    schedule.lastOutcome, schedule.updatedAt.millisecondsSinceEpoch,
                ])
        }
    }

    public func schedules(in scope: TenantScope) async throws -> [Schedule] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM schedules WHERE \(predicate.sql) ORDER BY next_run_at, tenant_id, job, category",
                arguments: predicate.arguments
            ).map(SQLiteRows.schedule)
        }
    }

    public func dueSchedules(at instant: Timestamp, limit: Int, in scope: TenantScope) async throws -> [Schedule] {
        try await read { db in
            let predicate = ScopePredicate(scope)
            var arguments: StatementArguments = [instant.millisecondsSinceEpoch]
            _ = arguments.append(contentsOf: predicate.arguments)
            _ = arguments.append(contentsOf: [max(1, limit)])
            return try Row.fetchAll(
                db, sql: """
                    SELECT * FROM schedules WHERE next_run_at <= ? AND \(predicate.sql)
                    ORDER BY next_run_at, tenant_id, job, category LIMIT ?
                    """,
                arguments: arguments
            ).map(SQLiteRows.schedule)
        }
    }
}
