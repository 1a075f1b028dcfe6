import DeckCore
import Foundation
import Testing
@testable import DeckPostgres

/// The outbox and the queue on PostgreSQL (`OPSDECK_TEST_POSTGRES_URL`).
@Suite("PostgreSQL outbox and claims (server)", .enabled(if: TestServer.url != nil), .timeLimit(.minutes(5)))
struct PostgresOutboxStoreTests {
    private func draft(_ tenant: TenantID, _ tool: String = "GMAIL_SEND_EMAIL", key: String? = nil, to: String = "a") throws -> EnvelopeDraft {
        try EnvelopeDraft(tenantID: tenant, toolSlug: tool, arguments: ["to": .string(to)], idempotencyKey: key)
    }

    @Test("submit: consecutive ids, keys reused as duplicates or refused; listing, counts, actions, isolation")
    func outbox() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let tenants = try await store.addTenants([try TenantDraft(name: "a"), try TenantDraft(name: "b")], actor: "op")
            let a = tenants[0].id, b = tenants[1].id
            let first = try await store.submit([try draft(a, key: "k1"), try draft(a), try draft(b)], in: .allTenants, actor: "agent")
            #expect(first.ids.map(\.rawValue) == [first.ids[0].rawValue, first.ids[0].rawValue + 1, first.ids[0].rawValue + 2])
            let again = try await store.submit([try draft(a, key: "k1")], in: .tenant(a), actor: "agent")
            #expect(again.ids == [first.ids[0]] && again.duplicates == 1)
            await #expect(throws: StoreError.self) {
                try await store.submit([try draft(a, key: "k1", to: "other")], in: .tenant(a), actor: "agent")
            }
            await #expect(throws: StoreError.self) { try await store.submit([try draft(b)], in: .tenant(a), actor: "agent") }
            #expect(try await store.envelopes(EnvelopeQuery(), in: .tenant(a)).items.map(\.tenantID) == [a, a])
            #expect(try await store.envelope(first.ids[2], in: .tenant(a)) == nil)
            #expect(try await store.statusCounts(in: .allTenants) == [.pending: 3])
            #expect(try await store.envelopeCount(EnvelopeQuery(search: ["gmail"]), in: .allTenants) == 3)
            #expect(try await store.activeCountsByTenant(in: .tenant(b)) == [b: [.pending: 1]])
            // An action on another tenant's envelope: not found, nothing changes.
            await #expect(throws: StoreError.self) {
                try await store.apply([EnvelopeChange(first.ids[2], .discard)], in: .tenant(a), actor: "op", mode: .allOrNothing)
            }
            let report = try await store.apply([EnvelopeChange(first.ids[1], .discard)], in: .tenant(a), actor: "op", mode: .allOrNothing)
            #expect(report.applied.map(\.status) == [.cancelled])
            #expect(try await store.envelope(first.ids[1], in: .allTenants)?.status == .cancelled)
            guard case .intact = try await store.verifyAuditChain() else {
                Issue.record("chain broken")
                return
            }
        }
    }

    @Test("claims: a tenant's cap holds, finished work frees slots in the same call, leases are rescued")
    func claims() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let tenant = try await store.addTenant(try TenantDraft(name: "capped", maxRunning: 2), actor: "op").id
            _ = try await store.submit(try (0..<5).map { try draft(tenant, to: "x\($0)") }, in: .allTenants, actor: "agent")
            let worker: WorkerID = "w1"
            let first = try await store.claim(ClaimRequest(worker: worker, limit: 10, leaseMilliseconds: 60_000))
            #expect(first.claimed.count == 2)
            #expect(first.claimed.allSatisfy { $0.envelope.status == .running && $0.envelope.leaseOwner == worker })
            let outcomes = first.claimed.map {
                ExecutionOutcome($0.envelope, .succeed(worker: worker, externalID: "log_\($0.envelope.id)", result: "{}", resultTruncated: false))
            }
            let second = try await store.claim(ClaimRequest(worker: worker, limit: 10, leaseMilliseconds: 60_000, finished: outcomes))
            #expect(second.finished.applied.map(\.status) == [.succeeded, .succeeded])
            #expect(second.claimed.count == 2)
            // A stranger's outcome for envelopes leased to w1: skipped, lease lost.
            let stolen = second.claimed.map { ExecutionOutcome($0.envelope, .fail(worker: "w2", error: "x")) }
            let third = try await store.claim(ClaimRequest(worker: "w2", limit: 0, leaseMilliseconds: 60_000, finished: stolen))
            #expect(third.finished.applied.isEmpty && third.finished.skipped.count == 2)
            #expect(try await store.statusCounts(in: .allTenants) == [.succeeded: 2, .running: 2, .pending: 1])
            #expect(try await store.rescueExpiredLeases(policy: .standard, limit: 10, actor: "rescuer").isEmpty)
            guard case .intact(let rows, _) = try await store.verifyAuditChain() else {
                Issue.record("chain broken")
                return
            }
            #expect(rows == 1 + 5 + 2 + 2 + 2)
            #expect(try await store.changeToken() == Int64(rows))
        }
    }

    @Test("three workers claiming at once: no envelope claimed twice, the cap never exceeded")
    func concurrentClaims() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let tenants = try await store.addTenants(
                [try TenantDraft(name: "one", maxRunning: 3), try TenantDraft(name: "two", maxRunning: 50)], actor: "op")
            _ = try await store.submit(
                try (0..<40).map { try draft(tenants[$0 % 2].id, to: "y\($0)") }, in: .allTenants, actor: "agent")
            let claimed = try await withThrowingTaskGroup(of: [ClaimedEnvelope].self) { group in
                for worker in ["w1", "w2", "w3"] {
                    group.addTask {
                        var mine: [ClaimedEnvelope] = []
                        for _ in 0..<4 {
                            mine += try await store.claim(ClaimRequest(worker: WorkerID(rawValue: worker), limit: 4, leaseMilliseconds: 60_000)).claimed
                        }
                        return mine
                    }
                }
                var all: [ClaimedEnvelope] = []
                for try await part in group { all += part }
                return all
            }
            // A claim leaves out tenants another claim holds at that moment, so the concurrent
            // claims may leave work behind: one more worker claims the rest, alone.
            var rest: [ClaimedEnvelope] = []
            while true {
                let more = try await store.claim(ClaimRequest(worker: "w4", limit: 4, leaseMilliseconds: 60_000)).claimed
                if more.isEmpty { break }
                rest += more
            }
            let all = claimed + rest
            let ids = all.map(\.envelope.id)
            #expect(Set(ids).count == ids.count)
            // None finished: the cap of 3 holds across all of them.
            #expect(all.filter { $0.envelope.tenantID == tenants[0].id }.count == 3)
            #expect(all.filter { $0.envelope.tenantID == tenants[1].id }.count == 20)
            #expect(claimed.count >= 4, "the concurrent claims claimed \(claimed.count)")
        }
    }

    @Test("catalog and drift: risk overrides audited; a breaking alert holds an envelope once; accepting releases it and updates the catalog")
    func catalogAndDrift() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let tenant = try await store.addTenant(try TenantDraft(name: "d", maxRunning: 10), actor: "op").id
            let entry = ToolCatalogEntry(
                tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", jsonSchema: ["type": "object"],
                version: "20250101_00", classifiedRisk: .medium, fetchedAt: Timestamp(millisecondsSinceEpoch: 1))
            try await store.saveTools([entry], in: .tenant(tenant))
            #expect(try await store.tools(in: .allTenants, toolkit: "gmail").map(\.version) == ["20250101_00"])
            let overridden = try await store.setRiskOverride(.low, for: "GMAIL_SEND_EMAIL", tenant: tenant, in: .tenant(tenant), actor: "op")
            #expect(overridden.risk == .low)
            try await store.saveTools([entry], in: .tenant(tenant))
            #expect(try await store.tool("GMAIL_SEND_EMAIL", tenant: tenant, in: .allTenants)?.riskOverride == .low, "a refresh keeps the override")
            let submitted = try await store.submit([try draft(tenant)], in: .tenant(tenant), actor: "agent")
            #expect(try await store.envelope(submitted.ids[0], in: .allTenants)?.risk == .low, "catalog risk for a draft without a tier")
            let diff: JSONValue = ["latest": ["version": "20250201_00", "toolkit": "gmail", "schema": ["type": "object", "required": ["to"]]]]
            let draftAlert = DriftAlertDraft(
                tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", kind: .schemaChanged, breaking: true,
                fromVersion: "20250101_00", toVersion: "20250201_00", diff: diff, fingerprint: "fp-1")
            let opened = try await store.openDriftAlert(draftAlert, in: .allTenants, actor: "drift")
            #expect(opened.opened)
            #expect(try await store.openDriftAlert(draftAlert, in: .allTenants, actor: "drift").opened == false)
            let claim = try await store.claim(ClaimRequest(worker: "w", limit: 5, leaseMilliseconds: 60_000))
            #expect(claim.claimed.isEmpty && claim.driftHeld == 1)
            #expect(try await store.claim(ClaimRequest(worker: "w", limit: 5, leaseMilliseconds: 60_000)).driftHeld == 0, "held once")
            #expect(try await store.heldCounts(in: .allTenants) == [opened.alert.id: 1])
            let accepted = try await store.acceptDriftAlert(opened.alert.id, in: .tenant(tenant), actor: "op")
            #expect(accepted.released == submitted.ids)
            #expect(try await store.tool("GMAIL_SEND_EMAIL", tenant: tenant, in: .allTenants)?.version == "20250201_00")
            let after = try await store.claim(ClaimRequest(worker: "w", limit: 5, leaseMilliseconds: 60_000))
            #expect(after.claimed.map(\.envelope.id) == submitted.ids)
            #expect(after.claimed.first?.pinnedVersion == "20250201_00")
            guard case .intact = try await store.verifyAuditChain() else {
                Issue.record("chain broken")
                return
            }
        }
    }

    @Test("claims see a change to a tenant made after the last claim: pause, resume, a new cap (the context cache moves with the counter)")
    func contextCache() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let tenant = try await store.addTenant(try TenantDraft(name: "c", maxRunning: 1), actor: "op").id
            _ = try await store.submit(try (0..<6).map { try draft(tenant, to: "z\($0)") }, in: .allTenants, actor: "agent")
            func claim() async throws -> ClaimResult {
                try await store.claim(ClaimRequest(worker: "w", limit: 10, leaseMilliseconds: 60_000))
            }
            #expect(try await claim().claimed.count == 1)
            _ = try await store.setTenantPaused(tenant, true, in: .allTenants, actor: "op")
            let paused = try await claim()
            #expect(paused.claimed.isEmpty && paused.paused == 1)
            _ = try await store.setTenantPaused(tenant, false, in: .allTenants, actor: "op")
            _ = try await store.updateTenant(tenant, try TenantChanges(maxRunning: 4), in: .allTenants, actor: "op")
            #expect(try await claim().claimed.count == 3, "the new cap of 4 with one running")
        }
    }
}
