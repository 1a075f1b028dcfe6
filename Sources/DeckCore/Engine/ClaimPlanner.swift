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
        // Tenants by first appearance (= by their oldest candidate), each with its queue of
        // candidate ids; arrays indexed by tenant number, so the rounds do no hashing.
        var number: [TenantID: Int] = [:]
        number.reserveCapacity(min(candidates.count, 64))
        var queues: [[EnvelopeID]] = []
        var slots: [Int] = []
        for candidate in candidates {
            if let index = number[candidate.tenant] {
                queues[index].append(candidate.id)
            } else {
                number[candidate.tenant] = queues.count
                queues.append([candidate.id])
                slots.append(freeSlots[candidate.tenant] ?? 0)
            }
        }
        var positions = Array(repeating: 0, count: queues.count)
        var selected: [EnvelopeID] = []
        selected.reserveCapacity(min(limit, candidates.count))
        var progress = true
        while selected.count < limit, progress {
            progress = false
            for tenant in queues.indices where selected.count < limit {
                let position = positions[tenant]
                guard position < queues[tenant].count, slots[tenant] > 0 else { continue }
                selected.append(queues[tenant][position])
                positions[tenant] = position + 1
                slots[tenant] -= 1
                progress = true
            }
        }
        var conflicts = 0
        for tenant in queues.indices where slots[tenant] <= 0 {
            conflicts += queues[tenant].count - positions[tenant]
        }
        return Plan(selected: selected, conflicts: conflicts)
    }
}
