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
        var queues: [TenantID: [EnvelopeID]] = [:]
        var order: [TenantID] = []
        for candidate in candidates {
            if queues[candidate.tenant] == nil { order.append(candidate.tenant) }
            queues[candidate.tenant, default: []].append(candidate.id)
        }
        var slots = freeSlots
        var positions: [TenantID: Int] = [:]
        var selected: [EnvelopeID] = []
        var progress = true
        while selected.count < limit, progress {
            progress = false
            for tenant in order where selected.count < limit {
                let position = positions[tenant, default: 0]
                guard let queue = queues[tenant], position < queue.count, slots[tenant, default: 0] > 0 else { continue }
                selected.append(queue[position])
                positions[tenant] = position + 1
                slots[tenant, default: 0] -= 1
                progress = true
            }
        }
        var conflicts = 0
        for tenant in order where slots[tenant, default: 0] <= 0 {
            conflicts += (queues[tenant]?.count ?? 0) - positions[tenant, default: 0]
        }
        return Plan(selected: selected, conflicts: conflicts)
    }
}
