import DeckCore
import Testing

@Suite("Contract: operator controls (pause a tenant's queue, run a retry now)")
struct OperatorControlContractTests {
    @Test(arguments: StoreKind.allCases)
    func aPausedTenantsEnvelopesStayPendingWhileOthersRun(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let store = fixture.store
        let acme = try await fixture.tenant("acme", maxRunning: 10)
        let globex = try await fixture.tenant("globex", maxRunning: 10)
        // acme's work is older and would fill the whole window (limit 2 × window factor).
        let acmeIDs = try await fixture.submit(20, for: acme.id)
        fixture.clock.advance(milliseconds: 1)
        let globexIDs = try await fixture.submit(2, for: globex.id)

        fixture.clock.advance(seconds: 3)
        let paused = try await store.setTenantPaused(acme.id, true, in: .tenant(acme.id), actor: "alice")
        #expect(paused.isPaused)
        #expect(paused.pausedAt == fixture.clock.now())
        #expect(paused.pausedBy == "alice")
        #expect(try await store.tenant(acme.id, in: .allTenants) == paused)

        let claim = try await store.claim(ClaimRequest(worker: "w-1", limit: 2, leaseMilliseconds: 60_000))
        #expect(claim.claimed.map(\.envelope.id) == globexIDs)
        #expect(claim.paused == 1)
        #expect(claim.conflicts == 0)
        let acmeEnvelopes = try await store.envelopes(EnvelopeQuery(limit: 100), in: .tenant(acme.id)).items
        #expect(acmeEnvelopes.count == 20)
        #expect(acmeEnvelopes.allSatisfy { $0.status == .pending && $0.attempts == 0 })
        // Nothing of acme is written while it is paused: no audit row but its submissions.
        let acmeAudit = try await store.auditEvents(AuditQuery(categories: [.envelope], limit: 100), in: .tenant(acme.id)).items
        #expect(Set(acmeAudit.map(\.action)) == ["submitted"])

        // Pausing again changes nothing and writes no second row.
        fixture.clock.advance(seconds: 1)
        #expect(try await store.setTenantPaused(acme.id, true, in: .allTenants, actor: "bob") == paused)

        let resumed = try await store.setTenantPaused(acme.id, false, in: .allTenants, actor: "bob")
        #expect(!resumed.isPaused)
        #expect(resumed.pausedAt == nil && resumed.pausedBy == nil)
        let after = try await store.claim(ClaimRequest(worker: "w-1", limit: 5, leaseMilliseconds: 60_000))
        #expect(after.claimed.map(\.envelope.id) == Array(acmeIDs.prefix(5)))
        #expect(after.paused == 0)

        let tenantRows = try await store.auditEvents(
            AuditQuery(categories: [.tenant], order: .oldestFirst, limit: 10), in: .tenant(acme.id)).items
        #expect(tenantRows.map(\.action) == ["added", "paused", "resumed"])
        #expect(tenantRows.map(\.actor) == ["test", "alice", "bob"])
    }

    @Test(arguments: StoreKind.allCases)
    func pausingAnotherTenantIsNotFound(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        await #expect(throws: StoreError.notFound("tenant \(globex.id)")) {
            try await fixture.store.setTenantPaused(globex.id, true, in: .tenant(acme.id), actor: "op")
        }
        #expect(try await fixture.store.tenant(globex.id, in: .allTenants)?.isPaused == false)
    }

    @Test(arguments: StoreKind.allCases)
    func runNowMakesARetryBackoffDueAndNothingElse(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let store = fixture.store
        let acme = try await fixture.tenant("acme", maxRunning: 10)
        let ids = try await fixture.submit(2, for: acme.id)
        let scheduled = try await store.submit(
            [try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE", runAt: fixture.clock.now().adding(seconds: 600))],
            in: .allTenants, actor: "agent").ids[0]
        let claim = try await store.claim(ClaimRequest(worker: "w-1", limit: 10, leaseMilliseconds: 60_000))
        #expect(claim.claimed.count == 2)
        let retryAt = fixture.clock.now().adding(seconds: 300)
        _ = try await store.apply(
            [EnvelopeChange(ids[0], .scheduleRetry(worker: "w-1", runAt: retryAt, error: "HTTP 503"))],
            in: .allTenants, actor: "w-1", mode: .allOrNothing)

        // Scheduled by its agent, not failed: refused, and nothing changes.
        await #expect(throws: (any Error).self) {
            try await store.apply(.runNow, to: [scheduled], in: .allTenants, actor: "alice", mode: .allOrNothing)
        }
        // Running: refused.
        await #expect(throws: (any Error).self) {
            try await store.apply(.runNow, to: [ids[1]], in: .allTenants, actor: "alice", mode: .allOrNothing)
        }
        fixture.clock.advance(seconds: 10)
        let report = try await store.apply(.runNow, to: [ids[0]], in: .allTenants, actor: "alice", mode: .allOrNothing)
        #expect(report.applied.map(\.runAt) == [fixture.clock.now()])
        #expect(report.applied.first?.lastError == "HTTP 503")
        let last = try #require(try await store.auditEvents(AuditQuery(envelopeID: ids[0], limit: 1), in: .allTenants).items.first)
        #expect(last.action == "run_now")
        #expect(last.actor == "alice")
        #expect(last.payload["run_at"]?["from"] == .integer(retryAt.millisecondsSinceEpoch))
        let next = try await store.claim(ClaimRequest(worker: "w-1", limit: 10, leaseMilliseconds: 60_000))
        #expect(next.claimed.map(\.envelope.id) == [ids[0]])
        #expect(try await store.envelope(scheduled, in: .allTenants)?.runAt == fixture.clock.now().adding(seconds: 590))
    }

    @Test func runNowRefusesQuietHoursAndDriftHolds() throws {
        let now = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)
        var envelope = Envelope(
            id: 1, tenantID: .random(), toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", arguments: [:], risk: .medium,
            status: .pending, attempts: 1, runAt: now.adding(seconds: 60), idempotencyKey: "k", createdAt: now, updatedAt: now)
        envelope.lastError = "HTTP 429"
        #expect(EnvelopeLifecycle.retryBackoffRefusal(envelope, at: now) == nil)
        var quiet = envelope
        quiet.statusReason = "quiet hours 22:00-07:00 (Europe/Berlin)"
        #expect(throws: EnvelopeTransitionError.notWaitingOnRetry("deferred: quiet hours 22:00-07:00 (Europe/Berlin)")) {
            try EnvelopeLifecycle.apply(.runNow, to: quiet, at: now, by: "alice")
        }
        var held = envelope
        held.heldBy = 7
        held.runAt = .held
        #expect(EnvelopeLifecycle.retryBackoffRefusal(held, at: now)?.contains("drift alert 7") == true)
        var due = envelope
        due.runAt = now
        #expect(EnvelopeLifecycle.retryBackoffRefusal(due, at: now) == "it is due already")
        let ran = try EnvelopeLifecycle.apply(.runNow, to: envelope, at: now, by: "alice")
        #expect(ran.runAt == now && ran.status == .pending && ran.attempts == 1)
    }
}
