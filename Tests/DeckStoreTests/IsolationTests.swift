import DeckCore
import Testing

/// Interleaves random operations of several tenants under random scopes and checks, after
/// every step, that no read returned and no write touched a row outside the scope.
@Suite("Tenant isolation, randomized")
struct IsolationTests {
    /// The model's view of one envelope.
    struct Modelled: Equatable {
        var tenant: TenantID
        var status: EnvelopeStatus
    }

    enum Operator: CaseIterable {
        case holdForApproval, approve, discard, retry, reject

        var transition: EnvelopeTransition {
            switch self {
            case .holdForApproval: .holdForApproval(reason: "risk")
            case .approve: .approve
            case .discard: .discard
            case .retry: .retry
            case .reject: .reject(reason: "toolkit not allowed")
            }
        }

        /// Written independently of `EnvelopeLifecycle`: where each transition goes from where.
        func next(from status: EnvelopeStatus) -> EnvelopeStatus? {
            switch (self, status) {
            case (.holdForApproval, .pending): .awaitingApproval
            case (.approve, .awaitingApproval): .pending
            case (.discard, .awaitingApproval), (.discard, .pending), (.discard, .dead): .cancelled
            case (.retry, .dead): .pending
            case (.reject, .pending): .dead
            default: nil
            }
        }
    }

    @Test(arguments: StoreKind.allCases, [UInt64(7), 1_234_567])
    func randomInterleavingsNeverCrossScopes(_ kind: StoreKind, seed: UInt64) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let store = fixture.store
        var random = Xoshiro256(seed: seed)
        var tenants: [TenantID] = []
        for index in 0..<4 { tenants.append(try await fixture.tenant("tenant-\(index)").id) }
        var model: [EnvelopeID: Modelled] = [:]
        var objectives: [ObjectiveID: TenantID] = [:]

        func randomScope() -> TenantScope {
            Int.random(in: 0..<5, using: &random) == 0 ? .allTenants : .tenant(tenants.randomElement(using: &random)!)
        }
        func randomID() -> EnvelopeID { EnvelopeID(Int64.random(in: 1...Int64(model.count + 3), using: &random)) }

        for step in 0..<300 {
            fixture.clock.advance(milliseconds: 10)
            let scope = randomScope()
            let target = tenants.randomElement(using: &random)!
            switch Int.random(in: 0..<8, using: &random) {
            case 0:
                let count = Int.random(in: 1...4, using: &random)
                let drafts = try (0..<count).map { _ in try EnvelopeDraft(tenantID: target, toolSlug: "SLACK_SEND_MESSAGE") }
                if scope.admits(target) {
                    let receipt = try await store.submit(drafts, in: scope, actor: "agent")
                    for id in receipt.ids { model[id] = Modelled(tenant: target, status: .pending) }
                } else {
                    await #expect(throws: StoreError.notFound("tenant \(target)"), "step \(step)") {
                        try await store.submit(drafts, in: scope, actor: "agent")
                    }
                }
            case 1:
                let id = randomID()
                let found = try await store.envelope(id, in: scope)
                let expected = model[id].flatMap { scope.admits($0.tenant) ? $0 : nil }
                #expect(found.map { Modelled(tenant: $0.tenantID, status: $0.status) } == expected, "step \(step)")
            case 2:
                let ids = (0..<Int.random(in: 1...5, using: &random)).map { _ in randomID() }
                let action = Operator.allCases.randomElement(using: &random)!
                let report = try await store.apply(action.transition, to: ids, in: scope, actor: "op", mode: .skipIneligible)
                var expectedApplied: [EnvelopeID] = []
                var seen = Set<EnvelopeID>()
                for id in ids where seen.insert(id).inserted {
                    guard let row = model[id], scope.admits(row.tenant), let next = action.next(from: row.status) else { continue }
                    model[id]?.status = next
                    expectedApplied.append(id)
                }
                #expect(report.applied.map(\.id) == expectedApplied, "step \(step)")
                #expect(report.applied.allSatisfy { scope.admits($0.tenantID) }, "step \(step)")
            case 3:
                let page = try await store.envelopes(EnvelopeQuery(limit: 10_000), in: scope)
                let expected = model.filter { scope.admits($0.value.tenant) }.keys.sorted(by: >)
                #expect(page.items.map(\.id) == expected, "step \(step)")
                var counts: [EnvelopeStatus: Int] = [:]
                for row in model.values where scope.admits(row.tenant) { counts[row.status, default: 0] += 1 }
                #expect(try await store.statusCounts(in: scope) == counts, "step \(step)")
            case 4:
                let events = try await store.auditEvents(AuditQuery(limit: 10_000), in: scope).items
                #expect(events.allSatisfy { scope.admits($0.tenantID) }, "step \(step)")
                if case .tenant(let id) = scope {
                    #expect(events.allSatisfy { $0.tenantID == id }, "step \(step)")
                }
            case 5:
                let rules = Guardrails(autonomy: RiskTier.allCases.randomElement(using: &random)!)
                if scope.admits(target) {
                    try await store.setGuardrails(rules, for: target, in: scope, actor: "op")
                    #expect(try await store.guardrails(for: target, in: .tenant(target)) == rules)
                } else {
                    let before = try await store.guardrails(for: target, in: .allTenants)
                    await #expect(throws: StoreError.notFound("tenant \(target)"), "step \(step)") {
                        try await store.setGuardrails(rules, for: target, in: scope, actor: "op")
                    }
                    #expect(try await store.guardrails(for: target, in: .allTenants) == before)
                }
            case 6:
                if scope.admits(target) {
                    let objective = try await store.addObjective(
                        ObjectiveDraft(tenantID: target, metric: "m\(step)", target: 10, horizon: "q"), in: scope, actor: "op")
                    objectives[objective.id] = target
                } else if let (id, owner) = objectives.randomElement(using: &random), !scope.admits(owner) {
                    await #expect(throws: StoreError.notFound("objective \(id)"), "step \(step)") {
                        try await store.recordProgress(5, for: id, in: scope)
                    }
                }
                let visible = try await store.objectives(in: scope)
                #expect(Set(visible.map(\.id)) == Set(objectives.filter { scope.admits($0.value) }.keys), "step \(step)")
            default:
                let visible = try await store.tenants(in: scope)
                #expect(visible.allSatisfy { scope.admits($0.id) }, "step \(step)")
                #expect(visible.count == (scope == .allTenants ? tenants.count : 1), "step \(step)")
            }
        }

        let everything = try await store.envelopes(EnvelopeQuery(limit: 10_000), in: .allTenants).items
        #expect(everything.count == model.count)
        for envelope in everything {
            #expect(model[envelope.id] == Modelled(tenant: envelope.tenantID, status: envelope.status))
        }
        #expect(try await store.verifyAuditChain().isIntact)
    }
}
