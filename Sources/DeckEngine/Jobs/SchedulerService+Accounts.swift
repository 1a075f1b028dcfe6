import DeckCore

extension SchedulerService {
    /// Reads the tenant's connected accounts from the provider, stores them, warm-scans
    /// every account that became ACTIVE (including the first time it is seen ACTIVE), and
    /// makes sure each active toolkit category has its trickle-refresh row.
    func syncAccounts(of tenant: Tenant, pass: inout SchedulerPass) async -> JobOutcome {
        var outcome = JobOutcome(summary: "")
        do {
            let remote = try await provider.allAccounts(userIDs: [tenant.composioUserID])
                .filter { $0.userID == tenant.composioUserID }
            var activated: [ConnectedAccount] = []
            for account in remote {
                let now = clock.now()
                let local = ConnectedAccount(
                    id: account.id, tenantID: tenant.id, provider: account.toolkit, status: account.status,
                    statusReason: account.statusReason, scopes: account.scopes, createdAt: now, updatedAt: now)
                do {
                    let previous = try await store.saveAccount(local, in: .tenant(tenant.id), actor: configuration.actor)
                    outcome.report.accountsSynced += 1
                    if account.status == .active, previous != .active { activated.append(local) }
                } catch StoreError.conflict(let message) {
                    // Another tenant owns this account id: never move it across tenants.
                    logger.warning("connected account skipped", metadata: ["reason": "\(message)"])
                    outcome.report.failures += 1
                }
            }
            for account in activated {
                outcome.report.accountsActivated += 1
                outcome.report.add(await warmScan(tenant, account: account, pass: &pass))
            }
            try await ensureTrickleSchedules(of: tenant, pass: &pass)
            outcome.summary = "ok: \(remote.count) accounts, \(activated.count) became active"
        } catch {
            outcome.report.failures += 1
            outcome.summary = "error: \(error)"
            outcome.nextRunAt = clock.now().adding(seconds: min(configuration.accountSyncSeconds, configuration.rateLimitBackoffSeconds))
            await audit(tenant, "account_sync_failed", ["error": .string("\(error)")])
        }
        return outcome
    }

    /// Fills the tenant's catalog for the account's toolkit (tools not cached yet: changes to
    /// cached ones are the drift monitor's), runs the toolkit's read-only tools, stores what
    /// they return as signals, attaches the signals as evidence to the tenant's open tasks,
    /// stamps the account's last scan and audits it all.
    func warmScan(_ tenant: Tenant, account: ConnectedAccount, pass: inout SchedulerPass) async -> SchedulerReport {
        var report = SchedulerReport()
        report.warmScans = 1
        let toolkit = account.provider
        do {
            let latest = try await latestTools(of: toolkit, pass: &pass)
            let cached = Set(try await store.tools(in: .tenant(tenant.id), toolkit: toolkit).map(\.toolSlug))
            let now = clock.now()
            let fresh = latest.filter { !cached.contains($0.slug) }.map { tool in
                ToolCatalogEntry(
                    tenantID: tenant.id, toolSlug: tool.slug, toolkit: tool.toolkit, jsonSchema: tool.inputSchema,
                    version: tool.version, classifiedRisk: RiskClassifier.classify(slug: tool.slug, tags: tool.tags, scopes: tool.scopes),
                    tags: tool.tags, scopes: tool.scopes, fetchedAt: now)
            }
            if !fresh.isEmpty { try await store.saveTools(fresh, in: .tenant(tenant.id)) }
            let readOnly = latest.filter { RiskClassifier.isReadOnly(slug: $0.slug, tags: $0.tags) }
            let reads = await read(readOnly, for: tenant, account: account, source: .warmScan)
            report.reads = reads.executed
            report.rateLimited = reads.postponed
            report.failures += reads.failed
            let signals = try await store.addSignals(reads.signals, in: .tenant(tenant.id))
            report.signals = signals.count
            let open = try await store.tasks(in: .tenant(tenant.id), state: nil)
                .filter { [.planned, .inProgress, .blocked].contains($0.state) }
            if !signals.isEmpty {
                for task in open {
                    _ = try await store.attachEvidence(signals.map(\.id), to: task.id, in: .tenant(tenant.id))
                }
            }
            try await store.markScanned(account.id, at: clock.now(), in: .tenant(tenant.id))
            await audit(tenant, "warm_scan", [
                "account": .string(account.id.rawValue), "toolkit": .string(toolkit),
                "tools_cached": .integer(Int64(fresh.count)), "reads": .integer(Int64(reads.executed)),
                "signals": .array(signals.map { .integer($0.id.rawValue) }), "tasks": .integer(Int64(open.count)),
                "rate_limited": .integer(Int64(reads.postponed)), "failed": .integer(Int64(reads.failed)),
            ])
        } catch {
            report.failures += 1
            await audit(tenant, "warm_scan_failed", [
                "account": .string(account.id.rawValue), "toolkit": .string(toolkit), "error": .string("\(error)"),
            ])
        }
        return report
    }

    /// The latest tools of `toolkit`, fetched once per pass.
    func latestTools(of toolkit: String, pass: inout SchedulerPass) async throws(ProviderError) -> [ToolDefinition] {
        if let known = pass.latestTools[toolkit] { return known }
        let tools = try await provider.allTools(toolkit: toolkit).filter { $0.toolkit == toolkit }
        pass.latestTools[toolkit] = tools
        return tools
    }

    /// Toolkit slug → category ids, fetched once per pass.
    func toolkitCategories(pass: inout SchedulerPass) async throws(ProviderError) -> [String: [String]] {
        if let known = pass.categories { return known }
        let map = Dictionary(try await provider.allToolkits().map { ($0.slug, $0.categories.map(\.id)) }, uniquingKeysWith: { first, _ in first })
        pass.categories = map
        return map
    }

    /// A trickle-refresh row for every category of the tenant's active accounts' toolkits;
    /// a new row first runs after one refresh interval (the warm scan has just read).
    private func ensureTrickleSchedules(of tenant: Tenant, pass: inout SchedulerPass) async throws {
        let active = try await store.accounts(in: .tenant(tenant.id), status: .active)
        guard !active.isEmpty else { return }
        let categories = try await toolkitCategories(pass: &pass)
        let existing = Set(try await store.schedules(in: .tenant(tenant.id))
            .filter { $0.job == .trickleRefresh }.map(\.category))
        let wanted = Set(active.flatMap { categories[$0.provider] ?? [] })
        let now = clock.now()
        for category in wanted.subtracting(existing).sorted() {
            try await store.saveSchedule(
                Schedule(tenantID: tenant.id, job: .trickleRefresh, category: category,
                         nextRunAt: nextRun(of: .trickleRefresh, after: now), updatedAt: now),
                in: .tenant(tenant.id))
        }
    }
}
