/// Next-run bookkeeping of the recurring jobs, per tenant × job × category.
public protocol ScheduleRepository: Sendable {
    /// Inserts or replaces a schedule row.
    func saveSchedule(_ schedule: Schedule, in scope: TenantScope) async throws
    /// Schedules visible in `scope`, by next run.
    func schedules(in scope: TenantScope) async throws -> [Schedule]
    /// Schedules due at `instant` (next run at or before it), earliest first.
    func dueSchedules(at instant: Timestamp, limit: Int, in scope: TenantScope) async throws -> [Schedule]
}
