/// Chooses which due envelopes a claim takes: fair across tenants, within tenant caps.
///
/// Pure, so both stores share it and tests step it directly.
public enum ClaimPlanner {
    /// The plan for one claim.
    public struct Plan: Sendable, Hashable {
        /// Envelopes to claim, in claim order.
        public var selected: [EnvelopeID]
        /// Candidates passed over because their tenant had no free slot (lost races).
        public var conflicts: Int

        public init(selected: [EnvelopeID], conflicts: Int) {
            self.selected = selected
            self.conflicts = conflicts
        }
    }

    /// Picks up to `limit` of `candidates` (due envelopes, oldest `run_at` first).
    ///
    /// Tenants take turns: each round gives every tenant that still has candidates and a
    /// free slot its oldest candidate, tenants ordered by their oldest candidate, so one
    /// tenant's backlog cannot starve the others. `freeSlots` is each tenant's cap minus its
    /// running envelopes; a tenant missing from it has no slot.
    public static func plan(
        candidates: [(id: EnvelopeID, tenant: TenantID)], freeSlots: [TenantID: Int], limit: Int
    ) -> Plan {
        // Tenants by first appearance (= by their oldest candidate); each tenant's candidates
        // chained through `next`, so neither the rounds nor the set-up allocate per tenant.
        var number: [TenantID: Int] = [:]
        number.reserveCapacity(min(candidates.count, 256))
        var head: [Int] = []      // per tenant: its next candidate not yet taken, or -1
        var tail: [Int] = []
        var slots: [Int] = []
        var next = Array(repeating: -1, count: candidates.count)
        for (index, candidate) in candidates.enumerated() {
            if let tenant = number[candidate.tenant] {
                if head[tenant] < 0 { head[tenant] = index } else { next[tail[tenant]] = index }
                tail[tenant] = index
            } else {
                number[candidate.tenant] = head.count
                head.append(index)
                tail.append(index)
                slots.append(freeSlots[candidate.tenant] ?? 0)
            }
        }
        var selected: [EnvelopeID] = []
        selected.reserveCapacity(min(limit, candidates.count))
        var progress = true
        while selected.count < limit, progress {
            progress = false
            for tenant in head.indices where selected.count < limit {
                let candidate = head[tenant]
                guard candidate >= 0, slots[tenant] > 0 else { continue }
                selected.append(candidates[candidate].id)
                head[tenant] = next[candidate]
                slots[tenant] -= 1
                progress = true
            }
        }
        var conflicts = 0
        for tenant in head.indices where slots[tenant] <= 0 {
            var candidate = head[tenant]
            while candidate >= 0 {
                conflicts += 1
                candidate = next[candidate]
            }
        }
        return Plan(selected: selected, conflicts: conflicts)
    }
}
