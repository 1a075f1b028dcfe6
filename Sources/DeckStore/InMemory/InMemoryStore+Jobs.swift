import DeckCore

extension InMemoryStore {
    public func saveSchedule(_ schedule: Schedule, in scope: TenantScope) async throws {
        try locked { state throws(StoreError) in
            try state.visibleTenant(schedule.tenantID, in: scope)
            state.schedules[ScheduleKey(tenantID: schedule.tenantID, job: schedule.job, category: schedule.category)] = schedule
        }
    }

    public func schedules(in scope: TenantScope) async throws -> [Schedule] {
        try locked { state in
            state.schedules.values.filter { scope.admits($0.tenantID) }.sorted(by: Self.scheduleOrder)
        }
    }

    public func dueSchedules(at instant: Timestamp, limit: Int, in scope: TenantScope) async throws -> [Schedule] {
        try locked { state in
            Array(
                state.schedules.values.filter { scope.admits($0.tenantID) && $0.nextRunAt <= instant }
                    .sorted(by: Self.scheduleOrder).prefix(max(1, limit)))
        }
    }

    private static func scheduleOrder(_ lhs: Schedule, _ rhs: Schedule) -> Bool {
        (lhs.nextRunAt, lhs.tenantID.rawValue, lhs.job.rawValue, lhs.category)
            < (rhs.nextRunAt, rhs.tenantID.rawValue, rhs.job.rawValue, rhs.category)
    }

    public func openDriftAlert(
        _ draft: DriftAlertDraft, in scope: TenantScope, actor: String
    ) async throws -> (alert: DriftAlert, opened: Bool) {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            try state.visibleTenant(draft.tenantID, in: scope)
            if let existing = state.driftAlerts.first(where: {
                $0.tenantID == draft.tenantID && $0.fingerprint == draft.fingerprint
            }) {
                return (existing, false)
            }
            let alert = DriftAlert(
                id: DriftAlertID(Int64(state.driftAlerts.count + 1)), tenantID: draft.tenantID, toolSlug: draft.toolSlug,
                toolkit: draft.toolkit, kind: draft.kind, breaking: draft.breaking, fromVersion: draft.fromVersion,
                toVersion: draft.toVersion, diff: draft.diff, fingerprint: draft.fingerprint, openedAt: now)
            state.driftAlerts.append(alert)
            state.appendAudit(StoreAudit.driftOpened(alert, actor: actor), at: now)
            return (alert, true)
        }
    }

    public func driftAlert(_ id: DriftAlertID, in scope: TenantScope) async throws -> DriftAlert? {
        try locked { state in
            let index = Int(id.rawValue) - 1
            guard state.driftAlerts.indices.contains(index), scope.admits(state.driftAlerts[index].tenantID) else { return nil }
            return state.driftAlerts[index]
        }
    }

    public func driftAlerts(in scope: TenantScope, status: DriftAlertStatus?) async throws -> [DriftAlert] {
        try locked { state in
            state.driftAlerts.reversed().filter { scope.admits($0.tenantID) && (status == nil || $0.status == status) }
        }
    }

    public func acceptDriftAlert(_ id: DriftAlertID, in scope: TenantScope, actor: String) async throws -> AcceptedDriftAlert {
        let now = clock.now()
        return try locked { state throws(StoreError) in
            let index = Int(id.rawValue) - 1
            guard state.driftAlerts.indices.contains(index), scope.admits(state.driftAlerts[index].tenantID) else {
                throw .notFound("drift alert \(id)")
            }
            guard state.driftAlerts[index].status == .open else { throw .conflict("drift alert \(id) is already accepted") }
            state.driftAlerts[index].status = .accepted
            state.driftAlerts[index].acceptedAt = now
            state.driftAlerts[index].acceptedBy = actor
            let alert = state.driftAlerts[index]
            let cached = state.catalog[alert.tenantID]?[alert.toolSlug]
            switch DriftAcceptance.catalogUpdate(for: alert, cachedVersion: cached?.version, at: now) {
            case .upsert(var entry):
                entry.riskOverride = cached?.riskOverride
                state.catalog[alert.tenantID, default: [:]][alert.toolSlug] = entry
            case .remove(let tenant, let slug):
                state.catalog[tenant]?[slug] = nil
            case .none:
                break
            }
            state.appendAudit(StoreAudit.driftAccepted(state.driftAlerts[index], actor: actor), at: now)
            let held = state.envelopes.filter { $0.status == .pending && $0.heldBy == id }.map { EnvelopeChange($0.id, .releaseHold) }
            let released = try state.apply(held, in: .allTenants, actor: actor, mode: .skipIneligible, at: now)
            return AcceptedDriftAlert(alert: state.driftAlerts[index], released: released.applied.map(\.id))
        }
    }

    public func recordHeartbeat(_ heartbeat: WorkerHeartbeat) async throws {
        try locked { state in state.heartbeats[heartbeat.id] = heartbeat }
    }

    public func heartbeats(seenSince instant: Timestamp) async throws -> [WorkerHeartbeat] {
        try locked { state in state.heartbeats.values.filter { $0.lastSeenAt >= instant }.sorted { $0.id < $1.id } }
    }

    public func removeHeartbeats(seenBefore instant: Timestamp) async throws -> [WorkerID] {
        try locked { state in
            let stale = state.heartbeats.values.filter { $0.lastSeenAt < instant }.map(\.id).sorted { $0.rawValue < $1.rawValue }
            for id in stale { state.heartbeats[id] = nil }
            return stale
        }
    }

    public func removeHeartbeat(_ id: WorkerID) async throws {
        try locked { state in state.heartbeats[id] = nil }
    }
}
