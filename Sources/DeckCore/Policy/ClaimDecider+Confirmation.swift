extension ClaimDecider.Outcome {
    /// The outcome with only the claims a store could confirm under its tenants' locks.
    ///
    /// A store that decides from counts read without holding the tenants (so that claims of
    /// different tenants need not wait for each other) then locks the tenants it chose and reads
    /// them again. `freeSlots` maps each tenant it holds to the claims that tenant may still take
    /// by that fresh read (its cap less its running envelopes; 0 when paused). A claim of a tenant
    /// the store could not lock is dropped (another claim holds it right now; the envelope waits
    /// for the next claim), and so is each claim beyond the tenant's free slots, latest chosen
    /// first. Guardrail and drift-hold transitions stay: they do not start anything. Each tenant
    /// that lost claims counts as one conflict.
    public func confirmingClaims(tenantOf: (EnvelopeID) -> TenantID?, freeSlots: [TenantID: Int]) -> Self {
        var kept: [TenantID: Int] = [:]
        var dropped = Set<EnvelopeID>()
        var conflicted = Set<TenantID>()
        for id in claimed {
            guard let tenant = tenantOf(id), let free = freeSlots[tenant], kept[tenant, default: 0] < free else {
                dropped.insert(id)
                if let tenant = tenantOf(id) { conflicted.insert(tenant) }
                continue
            }
            kept[tenant, default: 0] += 1
        }
        guard !dropped.isEmpty else { return self }
        var confirmed = self
        confirmed.claimed.removeAll { dropped.contains($0) }
        confirmed.changes.removeAll { change in
            if case .claim = change.transition { return dropped.contains(change.id) }
            return false
        }
        confirmed.conflicts += conflicted.count
        return confirmed
    }
}
