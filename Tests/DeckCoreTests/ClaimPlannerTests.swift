import DeckCore
import Testing

private let a = TenantID(rawValue: "aaaaaaaa-0000-4000-8000-000000000001")
private let b = TenantID(rawValue: "bbbbbbbb-0000-4000-8000-000000000002")
private let c = TenantID(rawValue: "cccccccc-0000-4000-8000-000000000003")

/// Candidates from `(id, tenant)` pairs, in the order given (oldest first).
private func candidates(_ pairs: [(Int64, TenantID)]) -> [(id: EnvelopeID, tenant: TenantID)] {
    pairs.map { (id: EnvelopeID($0.0), tenant: $0.1) }
}

private func ids(_ values: Int64...) -> [EnvelopeID] { values.map { EnvelopeID($0) } }

@Suite("ClaimPlanner")
struct ClaimPlannerTests {
    @Test("empty input: nothing selected, no conflicts", arguments: [0, 1, 10])
    func empty(limit: Int) {
        let plan = ClaimPlanner.plan(candidates: [], freeSlots: [a: 3, b: 0], limit: limit)
        #expect(plan == ClaimPlanner.Plan(selected: [], conflicts: 0))
        #expect(ClaimPlanner.plan(candidates: [], freeSlots: [:], limit: limit) == ClaimPlanner.Plan(selected: [], conflicts: 0))
    }

    @Test("tenants take turns, one envelope per round, until their slots run out")
    func roundRobin() {
        // Oldest first: a1 a2 a3 b4 c5 b6 a7. Tenant order by oldest candidate: a, b, c.
        let plan = ClaimPlanner.plan(
            candidates: candidates([(1, a), (2, a), (3, a), (4, b), (5, c), (6, b), (7, a)]),
            freeSlots: [a: 3, b: 2, c: 1], limit: 10)
        // Round 1: a1 b4 c5. Round 2: a2 b6. Round 3: a3. a7 is left: a ran out of slots.
        #expect(plan.selected == ids(1, 4, 5, 2, 6, 3))
        #expect(plan.conflicts == 1)
    }

    @Test("one tenant's backlog does not starve a younger tenant")
    func noStarvation() {
        let backlog = (1...50).map { (Int64($0), a) }
        let plan = ClaimPlanner.plan(candidates: candidates(backlog + [(51, b)]), freeSlots: [a: 10, b: 1], limit: 2)
        #expect(plan.selected == ids(1, 51))
        // a still has 9 free slots: its left-behind candidates are not conflicts.
        #expect(plan.conflicts == 0)
    }

    @Test("tenants are ordered by their oldest candidate, not by id or by slots")
    func tenantOrder() {
        let plan = ClaimPlanner.plan(
            candidates: candidates([(1, c), (2, a), (3, b), (4, a), (5, c)]), freeSlots: [a: 5, b: 5, c: 5], limit: 10)
        #expect(plan.selected == ids(1, 2, 3, 5, 4))
        #expect(plan.conflicts == 0)
    }

    @Test("the limit cuts a round in tenant order")
    func limitCutsRound() {
        let plan = ClaimPlanner.plan(
            candidates: candidates([(1, a), (2, b), (3, c), (4, a)]), freeSlots: [a: 1, b: 1, c: 1], limit: 2)
        #expect(plan.selected == ids(1, 2))
        // a used its only slot with envelope 4 behind: a conflict. c was cut by the limit: not one.
        #expect(plan.conflicts == 1)
    }

    @Test("a tenant missing from freeSlots, or with none, gets nothing; its candidates are conflicts")
    func noSlots() {
        let plan = ClaimPlanner.plan(
            candidates: candidates([(1, a), (2, b), (3, c), (4, b), (5, c)]), freeSlots: [a: 2, c: 0], limit: 10)
        #expect(plan.selected == ids(1))
        #expect(plan.conflicts == 4)
        let negative = ClaimPlanner.plan(candidates: candidates([(1, a), (2, a)]), freeSlots: [a: -1], limit: 10)
        #expect(negative == ClaimPlanner.Plan(selected: [], conflicts: 2))
    }

    @Test("limit zero selects nothing; only slotless tenants count conflicts")
    func zeroLimit() {
        let plan = ClaimPlanner.plan(candidates: candidates([(1, a), (2, b)]), freeSlots: [a: 1], limit: 0)
        #expect(plan == ClaimPlanner.Plan(selected: [], conflicts: 1))
    }

    @Test("a tenant that uses its last slot on its last candidate has no conflict")
    func exactFit() {
        let plan = ClaimPlanner.plan(candidates: candidates([(1, a), (2, a), (3, b)]), freeSlots: [a: 2, b: 1], limit: 5)
        #expect(plan == ClaimPlanner.Plan(selected: ids(1, 3, 2), conflicts: 0))
    }

    @Test("random inputs: matches the round-robin model and keeps every invariant")
    func randomized() {
        var random = SplitMix64(seed: 0xC1A1_3000)
        let tenants = (0..<6).map { TenantID(rawValue: "00000000-0000-4000-8000-00000000000\($0)") }
        var sawConflict = false, sawLimit = false, sawSlotsBound = false
        for round in 0..<1_500 {
            let tenantCount = 1 + random.below(tenants.count)
            let count = random.below(40)
            let input = (0..<count).map { index in
                (id: EnvelopeID(Int64(1_000 * round + index + 1)), tenant: tenants[random.below(tenantCount)])
            }
            var freeSlots: [TenantID: Int] = [:]
            for tenant in tenants.prefix(tenantCount) where !random.chance(5) {
                freeSlots[tenant] = random.below(6) - 1
            }
            let limit = random.below(25)
            let plan = ClaimPlanner.plan(candidates: input, freeSlots: freeSlots, limit: limit)
            #expect(plan == ClaimPlanner.plan(candidates: input, freeSlots: freeSlots, limit: limit), "deterministic")

            // The tenants' queues and order, derived from the input.
            var queues: [TenantID: [EnvelopeID]] = [:]
            var order: [TenantID] = []
            for candidate in input {
                if queues[candidate.tenant] == nil { order.append(candidate.tenant) }
                queues[candidate.tenant, default: []].append(candidate.id)
            }
            let tenantOf = Dictionary(uniqueKeysWithValues: input.map { ($0.id, $0.tenant) })

            // Invariants.
            #expect(plan.selected.count <= max(0, limit))
            #expect(Set(plan.selected).count == plan.selected.count, "no envelope twice")
            var taken: [TenantID: Int] = [:]
            for id in plan.selected {
                guard let tenant = tenantOf[id] else {
                    Issue.record("selected \(id) is not a candidate")
                    continue
                }
                taken[tenant, default: 0] += 1
            }
            for tenant in order {
                let slots = max(0, freeSlots[tenant] ?? 0)
                let took = taken[tenant, default: 0]
                #expect(took <= slots, "never beyond the tenant's free slots")
                // Each tenant's picks are its oldest candidates, oldest first.
                #expect(plan.selected.filter { tenantOf[$0] == tenant } == Array(queues[tenant]!.prefix(took)))
                if plan.selected.count < limit {
                    #expect(took == min(slots, queues[tenant]!.count), "nobody left out while the limit is not reached")
                }
                if took == slots, slots > 0, queues[tenant]!.count > slots { sawSlotsBound = true }
            }
            if plan.selected.count == limit, limit < count { sawLimit = true }

            // Conflicts: the candidates left behind by tenants that ran out of slots, and only those.
            let expectedConflicts = order.reduce(0) { sum, tenant in
                let slots = max(0, freeSlots[tenant] ?? 0), took = taken[tenant, default: 0]
                return sum + (took == slots ? queues[tenant]!.count - took : 0)
            }
            #expect(plan.conflicts == expectedConflicts)
            if plan.conflicts > 0 { sawConflict = true }

            // Model: every pick is (round, tenant rank); sort, cut at the limit.
            var picks: [(round: Int, rank: Int, id: EnvelopeID)] = []
            for (rank, tenant) in order.enumerated() {
                let usable = min(max(0, freeSlots[tenant] ?? 0), queues[tenant]!.count)
                for round in 0..<usable { picks.append((round, rank, queues[tenant]![round])) }
            }
            picks.sort { ($0.round, $0.rank) < ($1.round, $1.rank) }
            #expect(plan.selected == picks.prefix(max(0, limit)).map(\.id), "round-robin order")
        }
        #expect(sawConflict && sawLimit && sawSlotsBound, "the random cases reach every boundary")
    }
}
