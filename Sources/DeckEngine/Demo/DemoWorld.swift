import DeckCore
import Foundation

/// The demo's world: tenants in four time zones (one inside its quiet hours now), their
/// guardrails, objectives and tasks, and a first batch of envelopes. Connected accounts and
/// schema changes come from the simulator's demo script; the synthetic agent keeps
/// submitting once the console runs.
public enum DemoWorld {
    /// One demo tenant.
    public struct TenantSpec: Sendable {
        public var name: String
        public var plan: String
        public var timeZone: String
        public var maxRunning: Int
        public var autonomy: RiskTier
        public var allowedToolkits: [String]?
        public var tone: String?
        /// True for the tenant whose quiet hours are set around the current local time.
        public var quietNow: Bool
        public var objectives: [(metric: String, target: Double, current: Double, horizon: String)]
        public var tasks: [(title: String, state: TaskState)]
    }

    public static let tenants: [TenantSpec] = [
        TenantSpec(
            name: "acme", plan: "growth", timeZone: "Europe/Berlin", maxRunning: 4, autonomy: .medium,
            allowedToolkits: ["gmail", "slack", "hubspot", "github"], tone: "friendly, concise", quietNow: false,
            objectives: [("qualified meetings booked", 40, 23, "2026-Q4"), ("reply time under 1 h (%)", 95, 88, "2026-12")],
            tasks: [("Follow up on the Q3 webinar leads", .inProgress), ("Clean the CRM of duplicates", .planned),
                    ("Weekly pipeline digest to #sales", .done), ("Re-engage churned trials", .blocked)]),
        TenantSpec(
            name: "globex", plan: "enterprise", timeZone: "America/New_York", maxRunning: 8, autonomy: .high,
            allowedToolkits: nil, tone: "formal", quietNow: false,
            objectives: [("renewals closed", 12, 9, "2026-Q4"), ("open support escalations", 0, 3, "2026-11")],
            tasks: [("Prepare renewal packs", .inProgress), ("Triage escalations daily", .inProgress), ("Board update deck", .done)]),
        TenantSpec(
            name: "initech", plan: "starter", timeZone: "Asia/Tokyo", maxRunning: 2, autonomy: .low,
            allowedToolkits: ["gmail", "slack", "hubspot"], tone: nil, quietNow: false,
            objectives: [("demo requests answered", 30, 6, "2026-12")],
            tasks: [("Answer inbound demo requests", .inProgress), ("Set up the HubSpot sequences", .planned)]),
        TenantSpec(
            name: "umbrella", plan: "growth", timeZone: "Australia/Sydney", maxRunning: 3, autonomy: .medium,
            allowedToolkits: ["gmail", "slack", "github"], tone: "plain", quietNow: true,
            objectives: [("issues triaged within a day (%)", 90, 71, "2026-Q4")],
            tasks: [("Triage new GitHub issues", .inProgress), ("Release notes for 4.2", .planned), ("On-call handover", .done)]),
    ]

    /// Quiet hours from the start of the previous local hour to two hours after the next, in
    /// `zone` at `now`: the tenant is inside them now, and for the next two hours at least.
    public static func quietHoursAround(_ now: Timestamp, in zone: TimeZone) -> QuietHours {
        let offsetMinutes = zone.secondsFromGMT(for: now.date) / 60
        let utcMinutes = Int((now.millisecondsSinceEpoch / 60_000) % 1440)
        let local = ((utcMinutes + offsetMinutes) % 1440 + 1440) % 1440
        let start = ((local / 60 - 1 + 24) % 24) * 60
        let end = ((local / 60 + 3) % 24) * 60
        // Both are whole hours and differ by four hours, so they are valid and distinct.
        return try! QuietHours(startMinute: start, endMinute: end)
    }

    /// What seeding wrote.
    public struct Report: Sendable, Hashable {
        public var tenants: Int
        public var objectives: Int
        public var tasks: Int
        public var envelopes: Int
    }

    /// Writes the world into an empty store: tenants, guardrails, objectives, tasks and
    /// `envelopes` first envelopes from `DemoTraffic(seed:)`. Refuses a store that has tenants.
    public static func seed(
        into store: any ControlPlaneStore, seed: UInt64, now: Timestamp, envelopes: Int = 24, actor: String = "demo"
    ) async throws -> Report {
        guard try await store.tenants(in: .allTenants).isEmpty else {
            throw InvalidInput("the database already has tenants; the demo seeds an empty one")
        }
        var report = Report(tenants: 0, objectives: 0, tasks: 0, envelopes: 0)
        var created: [Tenant] = []
        for spec in tenants {
            let tenant = try await store.addTenant(
                try TenantDraft(name: spec.name, plan: spec.plan, timeZone: spec.timeZone, maxRunning: spec.maxRunning), actor: actor)
            created.append(tenant)
            report.tenants += 1
            let zone = TimeZone(identifier: spec.timeZone) ?? TimeZone(secondsFromGMT: 0)!
            try await store.setGuardrails(
                Guardrails(
                    quietHours: spec.quietNow ? quietHoursAround(now, in: zone) : nil,
                    allowedToolkits: spec.allowedToolkits, tone: spec.tone, autonomy: spec.autonomy),
                for: tenant.id, in: .tenant(tenant.id), actor: actor)
            var firstObjective: ObjectiveID?
            for objective in spec.objectives {
                let added = try await store.addObjective(
                    try ObjectiveDraft(
                        tenantID: tenant.id, metric: objective.metric, target: objective.target, current: objective.current,
                        horizon: objective.horizon),
                    in: .tenant(tenant.id), actor: actor)
                firstObjective = firstObjective ?? added.id
                report.objectives += 1
            }
            for task in spec.tasks {
                _ = try await store.addTask(
                    try TaskDraft(tenantID: tenant.id, objectiveID: firstObjective, title: task.title, state: task.state),
                    in: .tenant(tenant.id), actor: actor)
                report.tasks += 1
            }
        }
        var traffic = DemoTraffic(seed: seed, keyPrefix: "demo-seed-\(seed)")
        for _ in 0..<envelopes {
            guard let draft = traffic.next(tenants: created) else { break }
            let receipt = try await store.submit([draft], in: .tenant(draft.tenantID), actor: "agent:demo")
            report.envelopes += receipt.ids.count
        }
        return report
    }

    /// Makes a reused demo database behave like a fresh one where timing matters: account
    /// syncs and drift checks due now (the script's changes come again in this process),
    /// and the quiet-now tenant's quiet hours around `now`.
    public static func refresh(in store: any ControlPlaneStore, now: Timestamp, actor: String = "demo") async throws {
        for var schedule in try await store.schedules(in: .allTenants)
        where schedule.job == .driftCheck || schedule.job == .accountSync {
            guard schedule.nextRunAt > now else { continue }
            schedule.nextRunAt = now
            schedule.updatedAt = now
            try await store.saveSchedule(schedule, in: .tenant(schedule.tenantID))
        }
        try await refreshQuietHours(in: store, now: now, actor: actor)
    }

    /// Puts the quiet-now tenant's quiet hours around `now` again (a reused demo database).
    public static func refreshQuietHours(in store: any ControlPlaneStore, now: Timestamp, actor: String = "demo") async throws {
        for spec in tenants where spec.quietNow {
            guard let tenant = try await store.tenant(named: spec.name, in: .allTenants),
                  let zone = TimeZone(identifier: tenant.timeZone) else { continue }
            var guardrails = try await store.guardrails(for: tenant.id, in: .tenant(tenant.id))
            let hours = quietHoursAround(now, in: zone)
            guard guardrails.quietHours != hours else { continue }
            guardrails.quietHours = hours
            try await store.setGuardrails(guardrails, for: tenant.id, in: .tenant(tenant.id), actor: actor)
        }
    }
}
