import DeckCore
import DeckUI
import Foundation

/// The console's source over any `ControlPlaneStore`: keyset-paginated reads of the visible
/// rows, and the CLI's store operations for actions.
public struct StoreConsoleSource: ConsoleSource {
    public let store: any ControlPlaneStore
    /// Builds the telemetry frame from live workers' heartbeats.
    public let telemetry: @Sendable ([WorkerHeartbeat], Timestamp) -> TelemetryFrame
    /// The clock (injected for tests).
    public let now: @Sendable () -> Timestamp
    /// A worker is live when its heartbeat is younger than this.
    public var heartbeatWindowMilliseconds: Int64 = 15_000

    public init(
        store: any ControlPlaneStore,
        telemetry: @escaping @Sendable ([WorkerHeartbeat], Timestamp) -> TelemetryFrame,
        now: @escaping @Sendable () -> Timestamp = { Timestamp(Date()) }
    ) {
        self.store = store
        self.telemetry = telemetry
        self.now = now
    }

    public func changeToken() async throws -> Int64 {
        try await store.changeToken()
    }

    public var changeFeed: (any ChangeFeed)? { store as? any ChangeFeed }

    public func load(_ request: DataRequest, parts: LoadParts) async throws -> ConsoleData {
        let started = ContinuousClock.now
        let instant = now()
        var data = ConsoleData()
        let tenants = try await store.tenants(in: .allTenants)
        data.tenantNames = Dictionary(uniqueKeysWithValues: tenants.map { ($0.id, $0.name) })
        data.pausedTenants = Set(tenants.lazy.filter { $0.isPaused && request.scope.admits($0.id) }.map(\.id))
        if parts.contains(.counts) {
            data.counts = try await store.statusCounts(in: request.scope)
            // A filter's match count is an aggregate too (it may scan up to 10,001 rows): with the
            // counts, at most once a second, not with every reload of the visible rows.
            if request.view.listsEnvelopes, !request.envelopeFilter.isEmpty {
                data.matchCount = try await store.envelopeCount(
                    request.envelopeFilter.query(for: request.view, order: .newestFirst, after: nil, limit: 1), in: request.scope)
            }
            data.openBreakingDrift = try await store.driftAlerts(in: request.scope, status: .open).count(where: \.breaking)
            if request.view == .tenants {
                data.tenants = try await summaries(tenants.filter { request.scope.admits($0.id) }, at: instant)
            }
        }
        if parts.contains(.telemetry) {
            let heartbeats = try await store.heartbeats(seenSince: instant.adding(milliseconds: -heartbeatWindowMilliseconds))
            data.telemetry = telemetry(heartbeats, instant)
        }
        if parts.contains(.rows) {
            try await loadRows(request, tenants: tenants, at: instant, into: &data)
        }
        data.loadMilliseconds = (ContinuousClock.now - started).milliseconds
        return data
    }

    private func loadRows(_ request: DataRequest, tenants: [Tenant], at instant: Timestamp, into data: inout ConsoleData) async throws {
        switch request.view {
        case .tenants:
            break
        case .accounts:
            data.accounts = try await store.accounts(in: request.scope, status: nil)
        case .drift:
            data.driftAlerts = try await store.driftAlerts(in: request.scope, status: nil).sorted { $0.id.rawValue > $1.id.rawValue }
            data.heldCounts = try await store.heldCounts(in: request.scope)
        case .outbox, .dlq:
            try await loadEnvelopes(request, into: &data)
        case .audit:
            try await loadAudit(request, into: &data)
        case .telemetry:
            break
        }
        if let detail = request.detail {
            data.detail = try await loadDetail(detail, scope: request.scope, tenants: tenants, at: instant)
        }
    }

    private func loadEnvelopes(_ request: DataRequest, into data: inout ConsoleData) async throws {
        let filter = request.envelopeFilter
        let window = request.window
        switch window.anchor {
        case .top:
            let page = try await store.envelopes(
                filter.query(for: request.view, order: .newestFirst, after: nil, limit: window.below), in: request.scope)
            data.envelopes = page.items
            data.windowAtTop = true
            data.windowAtBottom = page.items.count < window.below
        case .bottom:
            let page = try await store.envelopes(
                filter.query(for: request.view, order: .oldestFirst, after: nil, limit: window.below), in: request.scope)
            data.envelopes = page.items.reversed()
            data.windowAtTop = page.items.count < window.below
            data.windowAtBottom = true
        case .id(let id):
            let above = window.above == 0 ? [] : try await store.envelopes(
                filter.query(for: request.view, order: .oldestFirst, after: EnvelopeID(id), limit: window.above),
                in: request.scope
            ).items
            let below = try await store.envelopes(
                filter.query(for: request.view, order: .newestFirst, after: EnvelopeID(id + 1), limit: window.below),
                in: request.scope
            ).items
            data.envelopes = above.reversed() + below
            data.windowAtTop = above.count < window.above
            data.windowAtBottom = below.count < window.below
        }
    }

    private func loadAudit(_ request: DataRequest, into data: inout ConsoleData) async throws {
        let categories = request.auditFilter.categories
        let window = request.window
        switch window.anchor {
        case .top:
            let page = try await store.auditEvents(
                AuditQuery(categories: categories, order: .newestFirst, limit: window.below), in: request.scope)
            data.auditEvents = page.items
            data.windowAtTop = true
            data.windowAtBottom = page.items.count < window.below
        case .bottom:
            let page = try await store.auditEvents(
                AuditQuery(categories: categories, order: .oldestFirst, limit: window.below), in: request.scope)
            data.auditEvents = page.items.reversed()
            data.windowAtTop = page.items.count < window.below
            data.windowAtBottom = true
        case .id(let id):
            let above = window.above == 0 ? [] : try await store.auditEvents(
                AuditQuery(categories: categories, order: .oldestFirst, after: AuditEventID(id), limit: window.above),
                in: request.scope
            ).items
            let below = try await store.auditEvents(
                AuditQuery(categories: categories, order: .newestFirst, after: AuditEventID(id + 1), limit: window.below),
                in: request.scope
            ).items
            data.auditEvents = above.reversed() + below
            data.windowAtTop = above.count < window.above
            data.windowAtBottom = below.count < window.below
        }
    }

    /// Every tenant's row of the tenants view: active envelope counts from one pass over the
    /// active statuses, objectives and tasks in one read each (the tenant's detail counts
    /// every status).
    private func summaries(_ tenants: [Tenant], at instant: Timestamp) async throws -> [TenantSummary] {
        let counts = try await store.activeCountsByTenant(in: .allTenants)
        let objectives = Dictionary(grouping: try await store.objectives(in: .allTenants), by: \.tenantID)
        var tasks: [TenantID: [TaskState: Int]] = [:]
        for task in try await store.tasks(in: .allTenants, state: nil) { tasks[task.tenantID, default: [:]][task.state, default: 0] += 1 }
        var result: [TenantSummary] = []
        for tenant in tenants {
            let guardrails = try await store.guardrails(for: tenant.id, in: .tenant(tenant.id))
            result.append(TenantSummary(
                tenant: tenant, guardrails: guardrails, objectives: objectives[tenant.id] ?? [], tasks: tasks[tenant.id] ?? [:],
                envelopes: counts[tenant.id] ?? [:], inQuietHours: Self.inQuietHours(tenant, guardrails, at: instant)))
        }
        return result
    }

    private func summary(_ tenant: Tenant, at instant: Timestamp) async throws -> TenantSummary {
        let scope = TenantScope.tenant(tenant.id)
        let guardrails = try await store.guardrails(for: tenant.id, in: scope)
        var tasks: [TaskState: Int] = [:]
        for task in try await store.tasks(in: scope, state: nil) { tasks[task.state, default: 0] += 1 }
        return TenantSummary(
            tenant: tenant, guardrails: guardrails, objectives: try await store.objectives(in: scope), tasks: tasks,
            envelopes: try await store.statusCounts(in: scope), inQuietHours: Self.inQuietHours(tenant, guardrails, at: instant))
    }

    private static func inQuietHours(_ tenant: Tenant, _ guardrails: Guardrails, at instant: Timestamp) -> Bool {
        guard let hours = guardrails.quietHours, let zone = TimeZone(identifier: tenant.timeZone) else { return false }
        return hours.end(ofWindowContaining: instant, in: zone) != nil
    }

    private func loadDetail(_ detail: DetailRequest, scope: TenantScope, tenants: [Tenant], at instant: Timestamp) async throws -> DetailData {
        switch detail {
        case .envelope(let id):
            guard let envelope = try await store.envelope(id, in: scope) else { return .missing("envelope \(id.rawValue) not found") }
            let history = try await store.auditEvents(AuditQuery(envelopeID: id, order: .oldestFirst, limit: 500), in: scope).items
            return .envelope(envelope, history: history)
        case .audit(let id):
            let page = try await store.auditEvents(AuditQuery(order: .newestFirst, after: AuditEventID(id.rawValue + 1), limit: 1), in: scope)
            guard let event = page.items.first, event.id == id else { return .missing("audit row \(id.rawValue) not found") }
            return .audit(event)
        case .drift(let id):
            guard let alert = try await store.driftAlert(id, in: scope) else { return .missing("drift alert \(id.rawValue) not found") }
            return .drift(alert)
        case .tenant(let id):
            guard scope.admits(id), let tenant = tenants.first(where: { $0.id == id }) else { return .missing("tenant not found") }
            let tasks = try await store.tasks(in: .tenant(id), state: nil)
            return .tenant(try await summary(tenant, at: instant), tasks: tasks)
        case .account(let id):
            guard let account = try await store.account(id, in: scope) else { return .missing("account \(id.rawValue) not found") }
            return .account(account)
        }
    }

    public func preview(_ action: ConsoleAction) async throws -> ActionPreview {
        func names() async throws -> [TenantID: String] {
            Dictionary(uniqueKeysWithValues: try await store.tenants(in: .allTenants).map { ($0.id, $0.name) })
        }
        switch action {
        case .envelopes(_, let ids):
            let names = try await names()
            var rows: [ActionPreview.Row] = []
            for id in ids {
                if let envelope = try await store.envelope(id, in: .allTenants) { rows.append(ActionPreview.Row(envelope, names: names)) }
            }
            return ActionPreview(rows: rows)
        case .acceptDrift, .pauseTenant, .setCap:
            return ActionPreview(rows: [])
        case .matching(let transition, let view, let scope, let filter):
            let envelopes = try await matching(view: view, scope: scope, filter: Self.eligible(filter, for: transition))
            // Critical envelopes are approved in bulk only when the filter names that risk.
            let leaveOutCritical = transition == .approve && !(filter.risks?.contains(.critical) ?? false)
            let names = try await names()
            var rows: [ActionPreview.Row] = []
            var leftOut = 0
            for envelope in envelopes {
                if leaveOutCritical, envelope.risk == .critical {
                    leftOut += 1
                } else {
                    rows.append(ActionPreview.Row(envelope, names: names))
                }
            }
            return ActionPreview(rows: rows, leftOutCritical: leftOut)
        }
    }

    public func perform(_ action: ConsoleAction, actor: String) async throws -> ActionOutcome {
        switch action {
        case .envelopes(let transition, let ids):
            let report = try await store.apply(transition, to: ids, in: .allTenants, actor: actor, mode: .skipIneligible)
            return Self.outcome(transition, report: report)
        case .matching(let transition, let view, let scope, let filter):
            // The console performs what it previewed (`.envelopes` with the previewed ids); this
            // re-reads the filter, for callers without a preview.
            let ids = try await matching(view: view, scope: scope, filter: Self.eligible(filter, for: transition)).map(\.id)
            var total = TransitionReport()
            for start in stride(from: 0, to: ids.count, by: 1_000) {
                let chunk = Array(ids[start..<min(start + 1_000, ids.count)])
                let report = try await store.apply(transition, to: chunk, in: scope, actor: actor, mode: .skipIneligible)
                total.applied += report.applied
                total.skipped += report.skipped
            }
            return Self.outcome(transition, report: total)
        case .pauseTenant(let id, let paused):
            let before = try await store.tenant(id, in: .allTenants)
            let tenant = try await store.setTenantPaused(id, paused, in: .allTenants, actor: actor)
            let name = tenant.name
            if before?.isPaused == paused { return ActionOutcome("\(name) was \(paused ? "already paused" : "not paused")") }
            return ActionOutcome(paused
                ? "paused \(name): workers claim none of its envelopes until it is resumed"
                : "resumed \(name): its due envelopes are claimable again")
        case .setCap(let id, let cap):
            let before = try await store.tenant(id, in: .allTenants)
            let tenant = try await store.updateTenant(id, try TenantChanges(maxRunning: cap), in: .allTenants, actor: actor)
            return ActionOutcome("\(tenant.name)'s cap is \(tenant.maxRunning) (was \(before.map { String($0.maxRunning) } ?? "?"))")
        case .acceptDrift(let ids):
            var accepted: [String] = []
            var released = 0
            var failures: [String] = []
            for id in ids {
                do {
                    let result = try await store.acceptDriftAlert(id, in: .allTenants, actor: actor)
                    accepted.append("#\(id.rawValue) \(result.alert.toolSlug)")
                    released += result.released.count
                } catch {
                    failures.append("\(id.rawValue): \(error)")
                }
            }
            let summary = "accepted drift alert\(accepted.count == 1 ? "" : "s") \(accepted.joined(separator: ", ")); "
                + "released \(released) held envelope\(released == 1 ? "" : "s")"
            if failures.isEmpty { return ActionOutcome(summary) }
            if accepted.isEmpty { return ActionOutcome("refused \(failures.count): \(failures[0])", isError: true) }
            return ActionOutcome(summary + "; refused \(failures.count): \(failures[0])", isError: false)
        }
    }

    /// The filter narrowed to the statuses `transition` applies to, so a bulk action's count
    /// is what it will change.
    static func eligible(_ filter: EnvelopeFilter, for transition: EnvelopeTransition) -> EnvelopeFilter {
        let allowed = transition.allowedSources
        var narrowed = filter
        narrowed.statuses = (filter.statuses ?? allowed).intersection(allowed)
        return narrowed
    }

    /// Every envelope id the filter matches, by keyset pages of 5,000.
    private func matching(view: ConsoleViewKind, scope: TenantScope, filter: EnvelopeFilter) async throws -> [Envelope] {
        var envelopes: [Envelope] = []
        var after: EnvelopeID?
        while true {
            let page = try await store.envelopes(filter.query(for: view, order: .oldestFirst, after: after, limit: 5_000), in: scope)
            envelopes += page.items
            guard page.items.count == 5_000, let last = page.items.last else { break }
            after = last.id
        }
        return envelopes
    }

    private static func outcome(_ transition: EnvelopeTransition, report: TransitionReport) -> ActionOutcome {
        // The transition's audit action ("approved", "retried", "discarded"), except where
        // that is a code rather than words.
        let verb = transition == .runNow ? "made due now" : transition.auditAction ?? transition.name
        let applied = report.applied.count
        var message = "\(verb) \(applied) envelope\(applied == 1 ? "" : "s")"
        if applied > 0 && applied <= 5 { message += ": " + report.applied.map { String($0.id.rawValue) }.joined(separator: ", ") }
        if let first = report.skipped.first {
            message += "; skipped \(report.skipped.count) (\(first.id.rawValue): \(first.reason))"
        }
        return ActionOutcome(message, isError: applied == 0 && !report.skipped.isEmpty)
    }
}
