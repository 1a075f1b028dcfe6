import DeckConsole
import DeckCore
import DeckStore
import DeckUI
import Testing

/// A real in-memory control plane with a manual clock, and the console's source over it.
///
/// 120 envelopes, ids 1…120 in submission order: envelope `n` (index `n - 1`) belongs to
/// beta when `(n - 1) % 3 == 0`, else acme; its tool is SLACK_SEND_MESSAGE when
/// `(n - 1) % 4 == 0`, else GMAIL_SEND_EMAIL; its risk is high when `(n - 1) % 5 == 0`,
/// else medium. Then `(n - 1) % 10 == 7` are dead (rejected by a guardrail), `== 3` await
/// approval, `== 5` are cancelled (discarded); the rest are pending.
struct StoreWorld {
    static let operatorName = "ops@example.com"

    let clock: ManualClock
    let store: InMemoryStore
    let source: StoreConsoleSource
    let acme: Tenant
    let beta: Tenant
    let envelopes: [Envelope]

    static func tenantIndex(_ index: Int) -> Int { index % 3 == 0 ? 1 : 0 }
    static func tool(_ index: Int) -> String { index % 4 == 0 ? "SLACK_SEND_MESSAGE" : "GMAIL_SEND_EMAIL" }
    static func risk(_ index: Int) -> RiskTier { index % 5 == 0 ? .high : .medium }

    static func make(count: Int = 120) async throws -> StoreWorld {
        let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_790_000_000_000))
        let store = InMemoryStore(clock: clock)
        let acme = try await store.addTenant(TenantDraft(name: "acme", timeZone: "UTC", maxRunning: 2), actor: operatorName)
        let beta = try await store.addTenant(TenantDraft(name: "beta", timeZone: "Europe/Berlin"), actor: operatorName)
        let tenants = [acme, beta]
        let drafts = try (0..<count).map { index in
            try EnvelopeDraft(
                tenantID: tenants[tenantIndex(index)].id, toolSlug: tool(index), arguments: ["n": .integer(Int64(index + 1))],
                risk: risk(index))
        }
        let ids = try await store.submit(drafts, in: .allTenants, actor: "agent").ids
        #expect(ids == (1...Int64(count)).map { EnvelopeID($0) })
        clock.advance(seconds: 1)
        let dead = ids.enumerated().filter { $0.offset % 10 == 7 }.map { EnvelopeChange($0.element, .reject(reason: "toolkit not allowed")) }
        let held = ids.enumerated().filter { $0.offset % 10 == 3 }.map { EnvelopeChange($0.element, .holdForApproval(reason: "risk above autonomy")) }
        _ = try await store.apply(dead + held, in: .allTenants, actor: "guardrails", mode: .allOrNothing)
        let discarded = ids.enumerated().filter { $0.offset % 10 == 5 }.map(\.element)
        _ = try await store.apply(.discard, to: discarded, in: .allTenants, actor: "setup", mode: .allOrNothing)
        clock.advance(seconds: 1)
        let source = StoreConsoleSource(
            store: store,
            telemetry: { heartbeats, now in
                TelemetryFrame(takenAt: now, workers: heartbeats.map {
                    .init(id: $0.id.rawValue, host: $0.host, pid: $0.pid, startedAt: $0.startedAt, lastSeenAt: $0.lastSeenAt)
                })
            },
            now: { clock.now() })
        var envelopes: [Envelope] = []
        for id in ids { envelopes.append(try #require(try await store.envelope(id, in: .allTenants))) }
        return StoreWorld(clock: clock, store: store, source: source, acme: acme, beta: beta, envelopes: envelopes)
    }

    func ids(_ where: (Envelope) -> Bool) -> [Int64] { envelopes.filter(`where`).map(\.id.rawValue) }

    func load(
        _ view: ConsoleViewKind, _ anchor: WindowRequest.Anchor = .top, above: Int = 0, below: Int = 500,
        scope: TenantScope = .allTenants, filter: EnvelopeFilter = EnvelopeFilter(), audit: AuditFilter = AuditFilter(),
        detail: DetailRequest? = nil
    ) async throws -> ConsoleData {
        try await source.load(DataRequest(
            view: view, scope: scope, envelopeFilter: filter, auditFilter: audit,
            window: WindowRequest(anchor: anchor, above: above, below: below), detail: detail))
    }
}

@Suite("StoreConsoleSource over an in-memory store")
struct StoreConsoleSourceTests {
    static let op = StoreWorld.operatorName

    // MARK: Keyset windows

    @Test(".top returns the newest `below` rows, newest first")
    func topWindow() async throws {
        let world = try await StoreWorld.make()
        let data = try await world.load(.outbox, below: 10)
        #expect(data.envelopes.map(\.id.rawValue) == Array((111...120).reversed()))
        #expect(data.windowAtTop)
        #expect(!data.windowAtBottom)
        let all = try await world.load(.outbox, below: 500)
        #expect(all.envelopes.count == 120)
        #expect(all.windowAtTop && all.windowAtBottom)
        #expect(all.counts == [.pending: 84, .dead: 12, .awaitingApproval: 12, .cancelled: 12])
        #expect(all.tenantNames == [world.acme.id: "acme", world.beta.id: "beta"])
        #expect(all.loadMilliseconds >= 0)
    }

    @Test(".id(x) returns `above` newer rows directly above x, then x and older")
    func idWindow() async throws {
        let world = try await StoreWorld.make()
        let middle = try await world.load(.outbox, .id(60), above: 5, below: 7)
        #expect(middle.envelopes.map(\.id.rawValue) == [65, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54])
        #expect(!middle.windowAtTop)
        #expect(!middle.windowAtBottom)
        let nearTop = try await world.load(.outbox, .id(118), above: 5, below: 3)
        #expect(nearTop.envelopes.map(\.id.rawValue) == [120, 119, 118, 117, 116])
        #expect(nearTop.windowAtTop)
        #expect(!nearTop.windowAtBottom)
        let nearBottom = try await world.load(.outbox, .id(3), above: 2, below: 7)
        #expect(nearBottom.envelopes.map(\.id.rawValue) == [5, 4, 3, 2, 1])
        #expect(!nearBottom.windowAtTop)
        #expect(nearBottom.windowAtBottom)
        // An id that is filtered out still anchors the window between its neighbours.
        let dead = try await world.load(.dlq, .id(60), above: 1, below: 2)
        #expect(dead.envelopes.map(\.id.rawValue) == [68, 58, 48])
    }

    @Test(".bottom returns the oldest rows, newest first")
    func bottomWindow() async throws {
        let world = try await StoreWorld.make()
        let data = try await world.load(.outbox, .bottom, below: 10)
        #expect(data.envelopes.map(\.id.rawValue) == Array((1...10).reversed()))
        #expect(!data.windowAtTop)
        #expect(data.windowAtBottom)
        let all = try await world.load(.outbox, .bottom, below: 200)
        #expect(all.envelopes.count == 120)
        #expect(all.windowAtTop && all.windowAtBottom)
    }

    @Test("the audit view has the same windows")
    func auditWindows() async throws {
        let world = try await StoreWorld.make()
        let top = try await world.load(.audit, below: 5)
        let newest = try #require(top.auditEvents.first).id.rawValue
        #expect(top.auditEvents.map(\.id.rawValue) == Array(((newest - 4)...newest).reversed()))
        #expect(top.windowAtTop && !top.windowAtBottom)
        let around = try await world.load(.audit, .id(50), above: 3, below: 3)
        #expect(around.auditEvents.map(\.id.rawValue) == [53, 52, 51, 50, 49, 48])
        let bottom = try await world.load(.audit, .bottom, below: 4)
        #expect(bottom.auditEvents.map(\.id.rawValue) == [4, 3, 2, 1])
        #expect(bottom.windowAtBottom && !bottom.windowAtTop)
        let filtered = try await world.load(.audit, audit: AuditFilter(categories: [.tenant]))
        #expect(filtered.auditEvents.map(\.action) == ["added", "added"])
    }

    // MARK: Scope and filters

    @Test("a tenant-scoped request never returns another tenant's envelopes, audit rows, accounts, alerts or tenants")
    func scopeIsolation() async throws {
        let world = try await StoreWorld.make()
        let acme = world.acme.id
        for (tenant, provider) in [(acme, "gmail"), (world.beta.id, "slack")] {
            _ = try await world.store.saveAccount(
                ConnectedAccount(
                    id: ConnectedAccountID("ca_\(provider)"), tenantID: tenant, provider: provider, status: .active,
                    createdAt: world.clock.now(), updatedAt: world.clock.now()),
                in: .allTenants, actor: "sync")
            _ = try await world.store.openDriftAlert(
                ConsoleFixture.breakingDrift.alertDraft(tenantID: tenant), in: .allTenants, actor: "drift-monitor")
        }
        let scope = TenantScope.tenant(acme)
        let acmeIDs = world.ids { $0.tenantID == acme }
        let outbox = try await world.load(.outbox, scope: scope)
        #expect(outbox.envelopes.map(\.id.rawValue) == acmeIDs.reversed())
        #expect(outbox.counts.values.reduce(0, +) == acmeIDs.count)
        let dlq = try await world.load(.dlq, scope: scope)
        #expect(!dlq.envelopes.isEmpty)
        #expect(dlq.envelopes.allSatisfy { $0.tenantID == acme && $0.status == .dead })
        // Windows anchored on another tenant's id stay in the scope.
        let around = try await world.load(.outbox, .id(Int64(1)), above: 50, below: 50, scope: scope)
        #expect(around.envelopes.allSatisfy { $0.tenantID == acme })
        let audit = try await world.load(.audit, scope: scope)
        #expect(!audit.auditEvents.isEmpty)
        #expect(audit.auditEvents.allSatisfy { $0.tenantID == acme })
        let accounts = try await world.load(.accounts, scope: scope)
        #expect(accounts.accounts.map(\.id) == ["ca_gmail"])
        let drift = try await world.load(.drift, scope: scope)
        #expect(drift.driftAlerts.count == 1)
        #expect(drift.driftAlerts.allSatisfy { $0.tenantID == acme })
        let tenants = try await world.load(.tenants, scope: scope)
        #expect(tenants.tenants.map(\.tenant.id) == [acme])
        // Details of the other tenant's rows are missing.
        let betaEnvelope = EnvelopeID(1)
        #expect(world.envelopes[0].tenantID == world.beta.id)
        let detail = try await world.load(.outbox, scope: scope, detail: .envelope(betaEnvelope))
        #expect(detail.detail == .missing("envelope 1 not found"))
        let betaAlert = try #require(try await world.store.driftAlerts(in: .tenant(world.beta.id), status: nil).first)
        #expect(try await world.load(.drift, scope: scope, detail: .drift(betaAlert.id)).detail == .missing("drift alert \(betaAlert.id.rawValue) not found"))
        #expect(try await world.load(.tenants, scope: scope, detail: .tenant(world.beta.id)).detail == .missing("tenant not found"))
        #expect(try await world.load(.accounts, scope: scope, detail: .account("ca_slack")).detail == .missing("account ca_slack not found"))
        let betaAudit = try #require(try await world.store.auditEvents(AuditQuery(limit: 1), in: .tenant(world.beta.id)).items.first)
        #expect(try await world.load(.audit, scope: scope, detail: .audit(betaAudit.id)).detail == .missing("audit row \(betaAudit.id.rawValue) not found"))
    }

    @Test("the DLQ view returns dead envelopes only, whatever the filter asks")
    func dlqOnlyDead() async throws {
        let world = try await StoreWorld.make()
        let dlq = try await world.load(.dlq)
        #expect(dlq.envelopes.map(\.id.rawValue) == world.ids { $0.status == .dead }.reversed())
        #expect(dlq.envelopes.count == 12)
        let pending = try await world.load(.dlq, filter: EnvelopeFilter(statuses: [.pending, .dead]))
        #expect(pending.envelopes.count == 12)
        let none = try await world.load(.dlq, filter: EnvelopeFilter(statuses: [.pending]))
        #expect(none.envelopes.isEmpty)
    }

    @Test("the outbox filters by tool, risk and status")
    func filters() async throws {
        let world = try await StoreWorld.make()
        let slack = try await world.load(.outbox, filter: try EnvelopeFilter.parse("tool:slack_send_message"))
        #expect(slack.envelopes.map(\.id.rawValue) == world.ids { $0.toolSlug == "SLACK_SEND_MESSAGE" }.reversed())
        #expect(slack.envelopes.count == 30)
        let high = try await world.load(.outbox, filter: try EnvelopeFilter.parse("risk:high"))
        #expect(high.envelopes.map(\.id.rawValue) == world.ids { $0.risk == .high }.reversed())
        let both = try await world.load(.outbox, filter: try EnvelopeFilter.parse("SLACK_SEND_MESSAGE risk:high status:pending,awaiting"))
        let expected = world.ids {
            $0.toolSlug == "SLACK_SEND_MESSAGE" && $0.risk == .high && ($0.status == .pending || $0.status == .awaitingApproval)
        }
        #expect(both.envelopes.map(\.id.rawValue) == expected.reversed())
        #expect(!expected.isEmpty)
        let doubt = try await world.load(.outbox, filter: EnvelopeFilter(inDoubt: true))
        #expect(doubt.envelopes.isEmpty)
    }

    // MARK: Counting and actions

    @Test("preview(.matching) names exactly the envelopes the view's filter matches in the scope")
    func previewMatching() async throws {
        let world = try await StoreWorld.make()
        let source = world.source
        #expect(try await source.preview(.matching(.retry, view: .dlq, scope: .allTenants, filter: EnvelopeFilter())).rows.count == 12)
        let slack = EnvelopeFilter(tool: "SLACK_SEND_MESSAGE")
        let acmeSlack = try await source.preview(.matching(.discard, view: .outbox, scope: .tenant(world.acme.id), filter: slack))
        #expect(acmeSlack.ids == world.ids { $0.tenantID == world.acme.id && $0.toolSlug == "SLACK_SEND_MESSAGE" }.map { EnvelopeID($0) }.sorted())
        #expect(acmeSlack.rows.allSatisfy { $0.tenant == "acme" && $0.tool == "SLACK_SEND_MESSAGE" })
        // Only what the action can change is named: discard leaves running and finished envelopes alone.
        #expect(try await source.preview(.matching(.discard, view: .outbox, scope: .allTenants, filter: EnvelopeFilter())).rows.count
            == world.ids { [.awaitingApproval, .pending, .dead].contains($0.status) }.count)
        #expect(try await source.preview(.envelopes(.approve, ids: [1, 2, 3])).ids == [1, 2, 3])
    }

    @Test("a bulk approval leaves critical envelopes out unless the filter names risk:critical")
    func bulkApprovalLeavesCriticalOut() async throws {
        let world = try await StoreWorld.make()
        let store = world.store
        let drafts = try [RiskTier.low, .critical, .high, .critical].map {
            try EnvelopeDraft(tenantID: world.acme.id, toolSlug: "STRIPE_CREATE_REFUND", risk: $0)
        }
        let submitted = try await store.submit(drafts, in: .allTenants, actor: "agent").ids
        _ = try await store.apply(
            submitted.map { EnvelopeChange($0, .holdForApproval(reason: "risk above autonomy")) }, in: .allTenants,
            actor: "guardrails", mode: .allOrNothing)
        let awaiting = EnvelopeFilter(statuses: [.awaitingApproval], tool: "STRIPE_CREATE_REFUND")
        let preview = try await world.source.preview(.matching(.approve, view: .outbox, scope: .allTenants, filter: awaiting))
        let critical = Set([submitted[1], submitted[3]])
        #expect(preview.leftOutCritical == 2)
        #expect(preview.rows.allSatisfy { $0.risk != .critical && !critical.contains($0.id) })
        #expect(preview.lines.last == "2 critical left out (filter risk:critical to approve them)")
        var named = awaiting
        named.risks = [.critical]
        let only = try await world.source.preview(.matching(.approve, view: .outbox, scope: .allTenants, filter: named))
        #expect(Set(only.ids) == critical && only.leftOutCritical == 0)
    }

    @Test("perform(.envelopes(.discard)) discards, audits the operator as actor, and skips ineligible rows")
    func performDiscard() async throws {
        let world = try await StoreWorld.make()
        let pending = EnvelopeID(1), dead = EnvelopeID(8), cancelled = EnvelopeID(6)
        #expect(world.envelopes[0].status == .pending && world.envelopes[7].status == .dead && world.envelopes[5].status == .cancelled)
        let token = try await world.source.changeToken()
        let outcome = try await world.source.perform(.envelopes(.discard, ids: [pending, dead, cancelled]), actor: Self.op)
        #expect(outcome.message.hasPrefix("discarded 2 envelopes: 1, 8; skipped 1 (6: "))
        #expect(!outcome.isError)
        #expect(try await world.source.changeToken() != token)
        #expect(try await world.store.envelope(pending, in: .allTenants)?.status == .cancelled)
        #expect(try await world.store.envelope(dead, in: .allTenants)?.status == .cancelled)
        let rows = try await world.store.auditEvents(AuditQuery(categories: [.envelope], order: .newestFirst, limit: 2), in: .allTenants).items
        #expect(rows.map(\.action) == ["discarded", "discarded"])
        #expect(rows.map(\.actor) == [Self.op, Self.op])
        #expect(Set(rows.compactMap(\.envelopeID)) == [pending, dead])

        let nothing = try await world.source.perform(.envelopes(.discard, ids: [cancelled, EnvelopeID(9_999)]), actor: Self.op)
        #expect(nothing.isError)
        #expect(nothing.message.hasPrefix("discarded 0 envelopes; skipped 2 (6: "))
    }

    @Test("perform(.envelopes(.approve)) approves as the operator; retry revives the dead")
    func performApproveRetry() async throws {
        let world = try await StoreWorld.make()
        let awaiting = EnvelopeID(4), dead = EnvelopeID(18)
        let approved = try await world.source.perform(.envelopes(.approve, ids: [awaiting]), actor: Self.op)
        #expect(approved == ActionOutcome("approved 1 envelope: 4"))
        let envelope = try #require(try await world.store.envelope(awaiting, in: .allTenants))
        #expect(envelope.status == .pending)
        #expect(envelope.approvedBy == Self.op)
        let retried = try await world.source.perform(.envelopes(.retry, ids: [dead]), actor: Self.op)
        #expect(retried == ActionOutcome("retried 1 envelope: 18"))
        #expect(try await world.store.envelope(dead, in: .allTenants)?.status == .pending)
    }

    @Test("perform(.matching) works in chunks over more than 1,000 matches")
    func performMatchingChunks() async throws {
        let world = try await StoreWorld.make(count: 2_345)
        let action = ConsoleAction.matching(.discard, view: .outbox, scope: .tenant(world.acme.id), filter: EnvelopeFilter(statuses: [.pending]))
        let expected = world.ids { $0.tenantID == world.acme.id && $0.status == .pending }
        #expect(expected.count > 1_000)
        #expect(try await world.source.preview(action).rows.count == expected.count)
        let outcome = try await world.source.perform(action, actor: Self.op)
        #expect(outcome == ActionOutcome("discarded \(expected.count) envelopes"))
        let counts = try await world.store.statusCounts(in: .tenant(world.acme.id))
        #expect(counts[.pending] == nil)
        // The other tenant is untouched.
        #expect(try await world.store.statusCounts(in: .tenant(world.beta.id))[.pending] == world.ids { $0.tenantID == world.beta.id && $0.status == .pending }.count)
        let discards = try await world.store.auditEvents(AuditQuery(categories: [.envelope], limit: 10_000), in: .allTenants).items
            .filter { $0.action == "discarded" && $0.actor == Self.op }
        #expect(discards.count == expected.count)
    }

    @Test("perform(.acceptDrift) accepts once, says which alert and how many envelopes it released, then reports the refusal")
    func performAcceptDrift() async throws {
        let world = try await StoreWorld.make(count: 3)
        let (alert, _) = try await world.store.openDriftAlert(
            ConsoleFixture.breakingDrift.alertDraft(tenantID: world.acme.id), in: .allTenants, actor: "drift-monitor")
        let held = try await world.store.submit(
            [try EnvelopeDraft(tenantID: world.acme.id, toolSlug: "GMAIL_SEND_EMAIL", risk: .low)], in: .allTenants, actor: "agent").ids
        let claim = try await world.store.claim(ClaimRequest(worker: "w", limit: 10, leaseMilliseconds: 60_000))
        let due = world.envelopes.filter { $0.tenantID == world.acme.id && $0.toolSlug == "GMAIL_SEND_EMAIL" && $0.status == .pending }
        #expect(claim.driftHeld == due.count + 1)
        #expect(try await world.store.heldCounts(in: .allTenants) == [alert.id: due.count + 1])
        #expect(try await world.source.perform(.acceptDrift([alert.id]), actor: Self.op)
            == ActionOutcome("accepted drift alert #\(alert.id.rawValue) GMAIL_SEND_EMAIL; released \(due.count + 1) held envelope\(due.isEmpty ? "" : "s")"))
        #expect(try await world.store.envelope(held[0], in: .allTenants)?.heldBy == nil)
        let accepted = try #require(try await world.store.driftAlert(alert.id, in: .allTenants))
        #expect(accepted.status == .accepted)
        #expect(accepted.acceptedBy == Self.op)
        let again = try await world.source.perform(.acceptDrift([alert.id]), actor: Self.op)
        #expect(again.isError)
        #expect(again.message == "refused 1: \(alert.id.rawValue): drift alert \(alert.id.rawValue) is already accepted", "\(again.message)")
    }

    // MARK: Details

    @Test("an envelope's detail carries its audit history, oldest first")
    func envelopeDetail() async throws {
        let world = try await StoreWorld.make()
        _ = try await world.source.perform(.envelopes(.retry, ids: [8]), actor: Self.op)
        let data = try await world.load(.dlq, detail: .envelope(8))
        guard case .envelope(let envelope, let history)? = data.detail else {
            Issue.record("no envelope detail: \(String(describing: data.detail))")
            return
        }
        #expect(envelope.id == 8)
        #expect(envelope.status == .pending)
        #expect(history.map(\.action) == ["submitted", "rejected", "retried"])
        #expect(history.map(\.id) == history.map(\.id).sorted())
        #expect(history.allSatisfy { $0.envelopeID == 8 })
        #expect(history.last?.actor == Self.op)
    }

    @Test("audit row, drift alert, tenant and account details load; missing ids give .missing")
    func otherDetails() async throws {
        let world = try await StoreWorld.make(count: 5)
        let row = try await world.load(.audit, detail: .audit(3))
        guard case .audit(let event)? = row.detail else {
            Issue.record("no audit detail")
            return
        }
        #expect(event.id == 3)
        #expect(event.action == "submitted")

        let (alert, _) = try await world.store.openDriftAlert(
            ConsoleFixture.nonBreakingDrift.alertDraft(tenantID: world.beta.id), in: .allTenants, actor: "drift-monitor")
        #expect(try await world.load(.drift, detail: .drift(alert.id)).detail == .drift(alert))

        try await world.store.setGuardrails(
            Guardrails(quietHours: try QuietHours(parsing: "14:00-15:00"), autonomy: .high), for: world.acme.id,
            in: .allTenants, actor: Self.op)
        let objective = try await world.store.addObjective(
            ObjectiveDraft(tenantID: world.acme.id, metric: "leads", target: 10, current: 4, horizon: "30d"), in: .allTenants, actor: Self.op)
        let planned = try await world.store.addTask(TaskDraft(tenantID: world.acme.id, objectiveID: objective.id, title: "Call back"), in: .allTenants, actor: "planner")
        let blocked = try await world.store.addTask(TaskDraft(tenantID: world.acme.id, title: "Fix CRM", state: .blocked), in: .allTenants, actor: "planner")
        _ = try await world.store.addTask(TaskDraft(tenantID: world.beta.id, title: "Other tenant's"), in: .allTenants, actor: "planner")
        let tenant = try await world.load(.tenants, detail: .tenant(world.acme.id))
        guard case .tenant(let summary, let tasks)? = tenant.detail else {
            Issue.record("no tenant detail")
            return
        }
        #expect(summary.tenant == world.acme)
        // 14:13 UTC is inside 14:00–15:00.
        #expect(summary.inQuietHours)
        #expect(summary.guardrails.autonomy == .high)
        #expect(summary.objectives == [objective])
        #expect(summary.tasks == [.planned: 1, .blocked: 1])
        #expect(summary.envelopes == (try await world.store.statusCounts(in: .tenant(world.acme.id))))
        #expect(tasks.map(\.id) == [planned.id, blocked.id])
        let list = try await world.load(.tenants)
        #expect(list.tenants.map(\.tenant.name) == ["acme", "beta"])
        #expect(list.tenants.map(\.inQuietHours) == [true, false])

        let account = ConnectedAccount(
            id: "ca_1", tenantID: world.acme.id, provider: "gmail", status: .expired, statusReason: "token revoked",
            createdAt: world.clock.now(), updatedAt: world.clock.now())
        _ = try await world.store.saveAccount(account, in: .allTenants, actor: "sync")
        guard case .account(let loaded)? = try await world.load(.accounts, detail: .account("ca_1")).detail else {
            Issue.record("no account detail")
            return
        }
        #expect(loaded.status == .expired)
        #expect(loaded.statusReason == "token revoked")

        #expect(try await world.load(.outbox, detail: .envelope(9_999)).detail == .missing("envelope 9999 not found"))
        #expect(try await world.load(.audit, detail: .audit(99_999)).detail == .missing("audit row 99999 not found"))
        #expect(try await world.load(.drift, detail: .drift(77)).detail == .missing("drift alert 77 not found"))
        #expect(try await world.load(.tenants, detail: .tenant(TenantID(rawValue: "00000000-0000-4000-8000-000000000000"))).detail
            == .missing("tenant not found"))
        #expect(try await world.load(.accounts, detail: .account("ca_none")).detail == .missing("account ca_none not found"))
    }

    @Test("telemetry counts live workers only (heartbeat in the last 15 s)")
    func telemetryWorkers() async throws {
        let world = try await StoreWorld.make(count: 1)
        let now = world.clock.now()
        try await world.store.recordHeartbeat(WorkerHeartbeat(id: "w-live", host: "a", pid: 1, startedAt: now.adding(seconds: -60), lastSeenAt: now.adding(seconds: -2)))
        try await world.store.recordHeartbeat(WorkerHeartbeat(id: "w-gone", host: "b", pid: 2, startedAt: now.adding(seconds: -600), lastSeenAt: now.adding(seconds: -30)))
        let data = try await world.load(.telemetry)
        #expect(data.telemetry?.workers.map(\.id) == ["w-live"])
        #expect(data.telemetry?.takenAt == now)
    }

    @Test("loads feed the console: a load answering the state's request renders its rows")
    func endToEnd() async throws {
        let world = try await StoreWorld.make()
        var state = ConsoleState(
            operatorName: Self.op, databaseLabel: "memory", engineLabel: "observe", readOnly: false, width: 100, height: 30,
            now: world.clock.now())
        let request = state.dataRequest
        _ = Console.update(&state, .loaded(request, try await world.source.load(request)))
        #expect(Console.selectedEnvelope(state)?.id == 120)
        #expect(state.data.envelopes.count == 2 * state.visibleRows + 1)
        _ = Console.update(&state, .key(.pageDown))
        let next = state.dataRequest
        _ = Console.update(&state, .loaded(next, try await world.source.load(next)))
        #expect(Console.selectedEnvelope(state)?.id.rawValue == 120 - Int64(state.visibleRows))
        #expect(state.position(.outbox).cursorRow == state.visibleRows - 1)
    }

    // MARK: Bugs found in review (fixed)

    @Test(".id(x) with above = 0 does not claim the top when newer rows exist")
    func windowAtTopWithoutAbove() async throws {
        let world = try await StoreWorld.make()
        let data = try await world.load(.outbox, .id(60), above: 0, below: 5)
        #expect(data.envelopes.first?.id == 60)
        #expect(!data.windowAtTop)
    }

    @Test(":approve all asks about the envelopes it can approve, not every envelope the filter matches")
    func countOnlyEligible() async throws {
        let world = try await StoreWorld.make()
        let action = ConsoleAction.matching(.approve, view: .outbox, scope: .allTenants, filter: EnvelopeFilter())
        let preview = try await world.source.preview(action)
        #expect(preview.rows.count + preview.leftOutCritical == 12)
        #expect(preview.rows.allSatisfy { $0.status == .awaitingApproval && $0.risk != .critical })
    }
}
