import DeckCore
import Testing

@Suite("Contract: the worker's queue")
struct QueueContractTests {
    static let worker: WorkerID = "w-1"

    @Test(arguments: StoreKind.allCases)
    func claimLeasesDueEnvelopesOldestFirstAndAuditsEach(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme", maxRunning: 10)
        let now = fixture.clock.now()
        let later = try await fixture.store.submit(
            [try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE", runAt: now.adding(seconds: 60))],
            in: .allTenants, actor: "agent").ids
        let due = try await fixture.submit(3, for: acme.id)
        let result = try await fixture.store.claim(ClaimRequest(worker: Self.worker, limit: 10, leaseMilliseconds: 30_000))
        #expect(result.claimed.map(\.envelope.id) == due)
        #expect(result.claimed.allSatisfy {
            $0.envelope.status == .running && $0.envelope.leaseOwner == Self.worker && $0.envelope.attempts == 1
                && $0.envelope.leaseExpiresAt == now.adding(seconds: 30) && $0.userID == "acme"
        })
        #expect(result.conflicts == 0)
        #expect(try await fixture.store.envelope(later[0], in: .allTenants)?.status == .pending)
        #expect(try await fixture.store.nextRunAt() == now.adding(seconds: 60))
        let claims = try await fixture.store.auditEvents(
            AuditQuery(categories: [.envelope], order: .oldestFirst, limit: 100), in: .allTenants
        ).items.filter { $0.action == "claimed" }
        #expect(claims.map(\.envelopeID) == due.map { Optional($0) })
        #expect(claims.allSatisfy { $0.actor == "w-1" })
        // Nothing else is due until the clock moves.
        #expect(try await fixture.store.claim(ClaimRequest(worker: "w-2", limit: 10, leaseMilliseconds: 1_000)).claimed.isEmpty)
        fixture.clock.advance(seconds: 61)
        #expect(try await fixture.store.claim(ClaimRequest(worker: "w-2", limit: 10, leaseMilliseconds: 1_000)).claimed.map(\.envelope.id) == later)
    }

    @Test(arguments: StoreKind.allCases)
    func tenantCapsHoldAcrossClaimsAndCountConflicts(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme", maxRunning: 2)
        let globex = try await fixture.tenant("globex", maxRunning: 1)
        let acmeIDs = try await fixture.submit(5, for: acme.id)
        fixture.clock.advance(milliseconds: 1)
        let globexIDs = try await fixture.submit(3, for: globex.id)
        let first = try await fixture.store.claim(ClaimRequest(worker: "w-1", limit: 10, leaseMilliseconds: 60_000))
        // Tenants take turns: acme's oldest, globex's oldest, then acme's second.
        #expect(first.claimed.map(\.envelope.id) == [acmeIDs[0], globexIDs[0], acmeIDs[1]])
        #expect(first.conflicts == 3 + 2)
        // Another worker finds every tenant at its cap: nothing claimed, one conflict per tenant.
        let second = try await fixture.store.claim(ClaimRequest(worker: "w-2", limit: 10, leaseMilliseconds: 60_000))
        #expect(second.claimed.isEmpty)
        #expect(second.conflicts == 2)
        // Finishing one of acme's frees exactly one slot.
        _ = try await fixture.store.apply(
            [EnvelopeChange(acmeIDs[0], .succeed(worker: "w-1", externalID: "log_1", result: "{}", resultTruncated: false))],
            in: .allTenants, actor: "w-1", mode: .allOrNothing)
        let third = try await fixture.store.claim(ClaimRequest(worker: "w-2", limit: 10, leaseMilliseconds: 60_000))
        #expect(third.claimed.map(\.envelope.id) == [acmeIDs[2]])
        #expect(try await fixture.store.statusCounts(in: .allTenants) == [.running: 3, .pending: 4, .succeeded: 1])
    }

    @Test(arguments: StoreKind.allCases)
    func guardrailsAreAppliedAtClaimTime(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        // 1_790_000_000_000 ms is 2026-09-21T14:13:20Z: 16:13 in Berlin.
        let berlin = try await fixture.tenant("berlin", maxRunning: 10, timeZone: "Europe/Berlin")
        let store = fixture.store
        try await store.setGuardrails(
            Guardrails(quietHours: try QuietHours(parsing: "16:00-18:00"), allowedToolkits: ["gmail", "slack"], autonomy: .medium),
            for: berlin.id, in: .allTenants, actor: "op")
        let ids = try await store.submit([
            try EnvelopeDraft(tenantID: berlin.id, toolSlug: "HUBSPOT_CREATE_CONTACT"),
            try EnvelopeDraft(tenantID: berlin.id, toolSlug: "GMAIL_DELETE_MESSAGE"),
            try EnvelopeDraft(tenantID: berlin.id, toolSlug: "GMAIL_SEND_EMAIL"),
        ], in: .allTenants, actor: "agent").ids
        let result = try await store.claim(ClaimRequest(worker: Self.worker, limit: 10, leaseMilliseconds: 60_000))
        #expect(result.claimed.isEmpty)
        #expect((result.rejected, result.held, result.deferred) == (1, 1, 1))
        let rejected = try #require(try await store.envelope(ids[0], in: .allTenants))
        #expect(rejected.status == .dead)
        #expect(rejected.lastError?.contains("toolkit hubspot is not allowed") == true)
        let held = try #require(try await store.envelope(ids[1], in: .allTenants))
        #expect(held.status == .awaitingApproval)
        let deferred = try #require(try await store.envelope(ids[2], in: .allTenants))
        #expect(deferred.status == .pending)
        // The window ends at 18:00 Berlin = 16:00 UTC = 1_790_006_400_000.
        #expect(deferred.runAt == Timestamp(millisecondsSinceEpoch: 1_790_006_400_000))
        #expect(deferred.statusReason?.contains("quiet hours 16:00-18:00") == true)

        // Approved, the held one is still deferred by quiet hours, then runs after them.
        _ = try await store.apply(.approve, to: [ids[1]], in: .allTenants, actor: "alice", mode: .allOrNothing)
        #expect(try await store.claim(ClaimRequest(worker: Self.worker, limit: 10, leaseMilliseconds: 60_000)).deferred == 1)
        fixture.clock.set(Timestamp(millisecondsSinceEpoch: 1_790_006_400_000))
        let after = try await store.claim(ClaimRequest(worker: Self.worker, limit: 10, leaseMilliseconds: 60_000))
        #expect(Set(after.claimed.map(\.envelope.id)) == [ids[1], ids[2]])
        let actions = try await store.auditEvents(AuditQuery(envelopeID: ids[1], order: .oldestFirst), in: .allTenants)
            .items.map(\.action)
        #expect(actions == ["submitted", "held_for_approval", "approved", "deferred", "claimed"])
    }

    @Test(arguments: StoreKind.allCases)
    func completionsNeedTheLeaseAndRescueRespectsRepeatSafety(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme", maxRunning: 10)
        let store = fixture.store
        let low = try await fixture.submit(1, for: acme.id, risk: .low)[0]
        let critical = try await fixture.submit(1, for: acme.id, risk: .critical)[0]
        try await store.setGuardrails(Guardrails(autonomy: .critical), for: acme.id, in: .allTenants, actor: "op")
        let claim = try await store.claim(ClaimRequest(worker: "w-dead", limit: 10, leaseMilliseconds: 10_000))
        #expect(claim.claimed.count == 2)
        // Renewal by the owner extends the lease; by anyone else it is refused.
        fixture.clock.advance(seconds: 5)
        let renewed = try await store.apply(
            [EnvelopeChange(low, .renewLease(worker: "w-dead", leaseExpiresAt: fixture.clock.now().adding(seconds: 10)))],
            in: .allTenants, actor: "w-dead", mode: .skipIneligible)
        #expect(renewed.applied.count == 1)
        #expect(try await store.rescueExpiredLeases(policy: .standard, limit: 10, actor: "rescuer").isEmpty)
        fixture.clock.advance(seconds: 6)
        // Critical's lease (10 s) has expired; low's renewed lease has not.
        let first = try await store.rescueExpiredLeases(policy: .standard, limit: 10, actor: "rescuer")
        #expect(first.map(\.id) == [critical])
        #expect(first[0].status == .dead && first[0].inDoubt)
        fixture.clock.advance(seconds: 10)
        let second = try await store.rescueExpiredLeases(policy: .standard, limit: 10, actor: "rescuer")
        #expect(second.map(\.id) == [low])
        #expect(second[0].status == .pending && second[0].attempts == 1 && !second[0].inDoubt)
        // The dead worker's late answer is refused: it no longer holds the lease.
        let late = try await store.apply(
            [EnvelopeChange(low, .succeed(worker: "w-dead", externalID: "log_x", result: nil, resultTruncated: false))],
            in: .allTenants, actor: "w-dead", mode: .skipIneligible)
        #expect(late.applied.isEmpty)
        #expect(try await store.deadCount() == 1)
        let audit = try await store.auditEvents(AuditQuery(categories: [.envelope], limit: 2), in: .allTenants).items
        #expect(audit.map(\.action) == ["lease_expired", "in_doubt"])
        #expect(audit.allSatisfy { $0.actor == "rescuer" && $0.payload["lease_owner"] == "w-dead" })
    }

    @Test(arguments: StoreKind.allCases)
    func tenantsTakeTurnsWithinTheClaimWindow(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        var tenants: [TenantID] = []
        for index in 0..<4 { tenants.append(try await fixture.tenant("t\(index)", maxRunning: 100).id) }
        // t0's backlog is older, but fits in the window (limit 8 × factor 4 = 32 candidates).
        _ = try await fixture.submit(20, for: tenants[0])
        fixture.clock.advance(milliseconds: 5)
        for tenant in tenants.dropFirst() { _ = try await fixture.submit(2, for: tenant) }
        let result = try await fixture.store.claim(ClaimRequest(worker: Self.worker, limit: 8, leaseMilliseconds: 60_000))
        #expect(result.claimed.count == 8)
        let perTenant = Dictionary(grouping: result.claimed, by: \.envelope.tenantID).mapValues(\.count)
        #expect(perTenant == [tenants[0]: 2, tenants[1]: 2, tenants[2]: 2, tenants[3]: 2])
    }

    @Test(arguments: StoreKind.allCases)
    func aTenantAtItsCapCannotStarveOthersWithAnOlderBacklog(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let hog = try await fixture.tenant("hog", maxRunning: 1)
        let small = try await fixture.tenant("small", maxRunning: 5)
        _ = try await fixture.submit(100, for: hog.id)
        fixture.clock.advance(milliseconds: 5)
        let smallIDs = try await fixture.submit(3, for: small.id)
        // The window holds only the hog's older envelopes: it gets its one slot.
        let first = try await fixture.store.claim(ClaimRequest(worker: Self.worker, limit: 8, leaseMilliseconds: 60_000))
        #expect(first.claimed.map(\.envelope.tenantID) == [hog.id])
        #expect(first.conflicts == 31)
        // Now at its cap, the hog is left out of the window and the small tenant's work runs.
        let second = try await fixture.store.claim(ClaimRequest(worker: Self.worker, limit: 8, leaseMilliseconds: 60_000))
        #expect(second.claimed.map(\.envelope.id) == smallIDs)
        #expect(second.conflicts == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func aBreakingDriftAlertHoldsItsToolOnceUntilAcceptedAndClaimsPinTheCatalogVersion(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme", maxRunning: 10)
        let store = fixture.store
        try await store.saveTools([
            ToolCatalogEntry(
                tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", jsonSchema: ["type": "object"],
                version: "20251027_00", classifiedRisk: .medium, fetchedAt: fixture.clock.now()),
        ], in: .allTenants)
        let held = try await fixture.submit(1, for: acme.id, tool: "GMAIL_SEND_EMAIL")[0]
        let other = try await fixture.submit(1, for: acme.id, tool: "SLACK_SEND_MESSAGE")[0]
        let alert = try await store.openDriftAlert(
            DriftAlertDraft(
                tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", kind: .schemaChanged, breaking: true,
                diff: [:], fingerprint: "f"), in: .allTenants, actor: "drift").alert
        let first = try await store.claim(ClaimRequest(worker: Self.worker, limit: 10, leaseMilliseconds: 60_000))
        #expect(first.claimed.map(\.envelope.id) == [other])
        #expect(first.driftHeld == 1 && first.deferred == 0)
        let waiting = try #require(try await store.envelope(held, in: .allTenants))
        #expect(waiting.status == .pending && waiting.heldBy == alert.id && waiting.runAt == .held)
        #expect(waiting.statusReason == "drift: breaking change to GMAIL_SEND_EMAIL awaits an operator (opsdeck drift accept \(alert.id))")
        #expect(try await store.heldCounts(in: .allTenants) == [alert.id: 1])
        #expect(try await store.heldCounts(in: .tenant(TenantID.random())).isEmpty)
        #expect(try await store.envelopes(EnvelopeQuery(heldBy: alert.id), in: .allTenants).items.map(\.id) == [held])
        // Held, it is not looked at again, however long the alert stays open: no claim sees
        // it, no audit row is written, and a draining worker finds nothing due.
        let rowsWhileHeld = try await store.auditEvents(AuditQuery(envelopeID: held, limit: 100), in: .allTenants).items.count
        for _ in 0..<5 {
            fixture.clock.advance(seconds: 3_600)
            let again = try await store.claim(ClaimRequest(worker: Self.worker, limit: 10, leaseMilliseconds: 60_000))
            #expect(again.claimed.isEmpty && again.driftHeld == 0)
        }
        #expect(try await store.nextRunAt() == nil)
        #expect(try await store.auditEvents(AuditQuery(envelopeID: held, limit: 100), in: .allTenants).items.count == rowsWhileHeld)
        // Accepting releases it at once, in the same transaction, and says so.
        let accepted = try await store.acceptDriftAlert(alert.id, in: .allTenants, actor: "alice")
        #expect(accepted.released == [held])
        let released = try #require(try await store.envelope(held, in: .allTenants))
        #expect(released.heldBy == nil && released.runAt == fixture.clock.now() && released.statusReason == nil)
        #expect(try await store.heldCounts(in: .allTenants).isEmpty)
        let second = try await store.claim(ClaimRequest(worker: Self.worker, limit: 10, leaseMilliseconds: 60_000))
        #expect(second.claimed.map(\.envelope.id) == [held])
        #expect(second.claimed.first?.pinnedVersion == "20251027_00")
        #expect(first.claimed.first?.pinnedVersion == nil)
        let history = try await store.auditEvents(AuditQuery(envelopeID: held, order: .oldestFirst), in: .allTenants).items
        #expect(history.map(\.action) == ["submitted", "held_for_drift", "hold_released", "claimed"])
        #expect(history[1].payload["drift_alert"] == .integer(alert.id.rawValue))
        #expect(history[2].actor == "alice")
    }

    @Test(arguments: StoreKind.allCases)
    func finishedOutcomesTravelWithTheNextClaimAndNeedTheLease(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme", maxRunning: 2)
        let ids = try await fixture.submit(4, for: acme.id)
        let first = try await fixture.store.claim(ClaimRequest(worker: Self.worker, limit: 10, leaseMilliseconds: 10_000))
        #expect(first.claimed.map(\.envelope.id) == Array(ids.prefix(2)))
        // The first one finished; the second's lease expires and the rescuer takes it back
        // before its late outcome arrives.
        fixture.clock.advance(seconds: 11)
        let rescued = try await fixture.store.rescueExpiredLeases(policy: .standard, limit: 10, actor: "rescuer")
        #expect(rescued.map(\.id) == [ids[0], ids[1]])
        fixture.clock.advance(seconds: 400)  // past any retry back-off: everything is due
        let again = try await fixture.store.claim(ClaimRequest(worker: "w-2", limit: 1, leaseMilliseconds: 60_000))
        let outcomes = [
            ExecutionOutcome(again.claimed[0].envelope, .succeed(worker: "w-2", externalID: "log_a", result: "{}", resultTruncated: false)),
            ExecutionOutcome(first.claimed[1].envelope, .succeed(worker: Self.worker, externalID: "log_b", result: "{}", resultTruncated: false)),
        ]
        // One transaction: the outcomes are written (the stale one refused), then the claim
        // sees the slot the first freed.
        let next = try await fixture.store.claim(ClaimRequest(worker: "w-2", limit: 10, leaseMilliseconds: 60_000, finished: outcomes))
        #expect(next.finished.applied.map(\.id) == [again.claimed[0].envelope.id])
        #expect(next.finished.applied.first?.status == .succeeded)
        #expect(next.finished.skipped.map(\.id) == [ids[1]])
        #expect(next.claimed.count == 2)
        #expect(try await fixture.store.statusCounts(in: .allTenants) == [.succeeded: 1, .running: 2, .pending: 1])
        // Only recording outcomes: limit 0 claims nothing.
        let record = try await fixture.store.claim(ClaimRequest(
            worker: "w-2", limit: 0, leaseMilliseconds: 60_000,
            finished: next.claimed.map { ExecutionOutcome($0.envelope, .fail(worker: "w-2", error: "boom")) }))
        #expect(record.claimed.isEmpty && record.finished.applied.count == 2)
        #expect(try await fixture.store.statusCounts(in: .allTenants) == [.succeeded: 1, .dead: 2, .pending: 1])
        let audit = try await fixture.store.auditEvents(AuditQuery(categories: [.envelope], limit: 3), in: .allTenants).items
        #expect(audit.map(\.action) == ["failed", "failed", "claimed"])
    }

    @Test(arguments: StoreKind.allCases)
    func activeCountsByTenantMatchTheEnvelopes(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme", maxRunning: 2)
        let globex = try await fixture.tenant("globex", maxRunning: 1)
        let acmeIDs = try await fixture.submit(6, for: acme.id)
        let globexIDs = try await fixture.submit(3, for: globex.id)
        _ = try await fixture.store.apply(
            [EnvelopeChange(acmeIDs[5], .reject(reason: "no")), EnvelopeChange(globexIDs[2], .holdForApproval(reason: "risky")),
             EnvelopeChange(acmeIDs[4], .discard)],
            in: .allTenants, actor: "op", mode: .allOrNothing)
        _ = try await fixture.store.claim(ClaimRequest(worker: Self.worker, limit: 10, leaseMilliseconds: 60_000))
        let counts = try await fixture.store.activeCountsByTenant(in: .allTenants)
        #expect(counts[acme.id] == [.running: 2, .pending: 2, .dead: 1])
        #expect(counts[globex.id] == [.running: 1, .pending: 1, .awaitingApproval: 1])
        #expect(try await fixture.store.activeCountsByTenant(in: .tenant(globex.id)) == [globex.id: counts[globex.id]!])
        // The per-tenant totals agree with each tenant's own status counts (active statuses).
        for tenant in [acme.id, globex.id] {
            let own = try await fixture.store.statusCounts(in: .tenant(tenant)).filter { [.pending, .running, .awaitingApproval, .dead].contains($0.key) }
            #expect(own == counts[tenant])
        }
    }
}
