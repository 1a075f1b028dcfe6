import DeckCore

extension SchedulerService {
    /// Compares the tenant's cached catalog with the provider's latest tools of the same
    /// toolkits (`toolkit_versions=latest`) and opens one alert per distinct change, each
    /// carrying the latest definition so accepting it can update the cache.
    func checkDrift(of tenant: Tenant, pass: inout SchedulerPass) async -> JobOutcome {
        var outcome = JobOutcome(summary: "")
        outcome.report.driftChecks = 1
        do {
            let cached = try await store.tools(in: .tenant(tenant.id), toolkit: nil)
            guard !cached.isEmpty else {
                outcome.summary = "ok: no catalog cached yet"
                return outcome
            }
            var latest: [ToolDefinition] = []
            for toolkit in Set(cached.map(\.toolkit)).sorted() {
                latest += try await latestTools(of: toolkit, pass: &pass)
            }
            let bySlug = Dictionary(latest.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
            let drifts = CatalogDrift.compare(
                cached: cached.map { CatalogTool(slug: $0.toolSlug, toolkit: $0.toolkit, version: $0.version, schema: $0.jsonSchema) },
                latest: latest.map { CatalogTool(slug: $0.slug, toolkit: $0.toolkit, version: $0.version, schema: $0.inputSchema) })
            var opened: [JSONValue] = []
            for drift in drifts {
                var draft = drift.alertDraft(tenantID: tenant.id)
                if let tool = bySlug[drift.slug], var diff = draft.diff.objectValue {
                    diff["latest"] = DriftAcceptance.latest(tool)
                    draft.diff = .object(diff)
                }
                let result = try await store.openDriftAlert(draft, in: .tenant(tenant.id), actor: configuration.actor)
                if result.opened {
                    opened.append(.integer(result.alert.id.rawValue))
                    outcome.report.alertsOpened += 1
                }
            }
            outcome.summary = "ok: \(cached.count) tools compared, \(drifts.count) drifts, \(opened.count) new alerts"
            await audit(tenant, "drift_check", [
                "tools": .integer(Int64(cached.count)), "drifts": .integer(Int64(drifts.count)), "opened": .array(opened),
            ])
        } catch {
            outcome.report.failures += 1
            outcome.summary = "error: \(error)"
            outcome.nextRunAt = clock.now().adding(seconds: min(configuration.driftCheckSeconds, configuration.rateLimitBackoffSeconds))
            await audit(tenant, "drift_check_failed", ["error": .string("\(error)")])
        }
        return outcome
    }

    /// Checks every tenant (or the given ones) for drift now, whatever their schedule.
    public func checkDriftNow(tenants: [Tenant]? = nil) async throws -> SchedulerReport {
        var report = SchedulerReport()
        var pass = SchedulerPass()
        let all: [Tenant]
        if let tenants { all = tenants } else { all = try await store.tenants(in: .allTenants) }
        for tenant in all {
            report.jobsRun += 1
            report.add(await checkDrift(of: tenant, pass: &pass).report)
        }
        return report
    }
}
