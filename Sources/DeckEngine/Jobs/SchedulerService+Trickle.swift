import DeckCore

extension SchedulerService {
    /// Re-reads the read-only tools of the tenant's active accounts in toolkits of
    /// `category`, through the toolkits' rate buckets; stores signals; backs off when a
    /// bucket is empty or the provider answers 429 (the row then runs when it may resume).
    func trickleRefresh(_ tenant: Tenant, category: String, pass: inout SchedulerPass) async -> JobOutcome {
        var outcome = JobOutcome(summary: "")
        outcome.report.trickleRefreshes = 1
        do {
            let categories = try await toolkitCategories(pass: &pass)
            let accounts = try await store.accounts(in: .tenant(tenant.id), status: .active)
                .filter { (categories[$0.provider] ?? []).contains(category) }
            var stored = 0
            var resumeAt: Timestamp?
            for account in accounts {
                let tools = try await store.tools(in: .tenant(tenant.id), toolkit: account.provider)
                    .filter { RiskClassifier.isReadOnly(slug: $0.toolSlug, tags: $0.tags) }
                    .map {
                        ToolDefinition(
                            slug: $0.toolSlug, name: $0.toolSlug, toolkit: $0.toolkit, version: $0.version,
                            inputSchema: $0.jsonSchema, tags: $0.tags, scopes: $0.scopes)
                    }
                let reads = await read(tools, for: tenant, account: account, source: .trickleRefresh)
                outcome.report.reads += reads.executed
                outcome.report.rateLimited += reads.postponed
                outcome.report.failures += reads.failed
                stored += try await store.addSignals(reads.signals, in: .tenant(tenant.id)).count
                if let resume = reads.resumeAt {
                    resumeAt = resume
                    break
                }
            }
            outcome.report.signals = stored
            outcome.nextRunAt = resumeAt
            outcome.summary = resumeAt == nil
                ? "ok: \(accounts.count) accounts, \(stored) signals"
                : "rate limited: \(stored) signals, resumes \(resumeAt.map(\.iso8601) ?? "later")"
            await audit(tenant, "trickle_refresh", [
                "category": .string(category), "accounts": .integer(Int64(accounts.count)),
                "signals": .integer(Int64(stored)), "rate_limited": .integer(Int64(outcome.report.rateLimited)),
                "resume_at": resumeAt.map { .integer($0.millisecondsSinceEpoch) } ?? .null,
            ])
        } catch {
            outcome.report.failures += 1
            outcome.summary = "error: \(error)"
            outcome.nextRunAt = clock.now().adding(seconds: configuration.rateLimitBackoffSeconds)
            await audit(tenant, "trickle_refresh_failed", ["category": .string(category), "error": .string("\(error)")])
        }
        return outcome
    }
}
