/// Decides a whole claim — caps, guardrails, drift holds, fair slot allocation — from what
/// the store reads inside its claim transaction (`ClaimReads`). Pure apart from those
/// reads, so every store shares it and tests step it directly.
public enum ClaimDecider {
    /// A tenant as a claim needs it: what changes only when an operator changes it (the
    /// tenant, its guardrails, its drift alerts), so stores may cache it between claims.
    public struct TenantContext: Sendable, Hashable {
        /// Most envelopes of the tenant running at once.
        public var maxRunning: Int
        public var timeZone: String
        public var guardrails: Guardrails
        /// The tenant's Composio `user_id`.
        public var userID: String
        /// Tools with an open breaking drift alert, by slug: their envelopes are held.
        public var heldTools: [ToolSlug: DriftAlertID]

        public init(
            maxRunning: Int, timeZone: String, guardrails: Guardrails, userID: String,
            heldTools: [ToolSlug: DriftAlertID] = [:]
        ) {
            self.maxRunning = maxRunning
            self.timeZone = timeZone
            self.guardrails = guardrails
            self.userID = userID
            self.heldTools = heldTools
        }
    }

    /// What the store must write and report.
    public struct Outcome: Sendable, Hashable {
        /// Guardrail and drift-hold transitions, then claims, in order; apply them all in the
        /// transaction.
        public var changes: [EnvelopeChange] = []
        /// The envelopes claimed (a subset of `changes`).
        public var claimed: [EnvelopeID] = []
        /// The Composio `user_id` of each claimed envelope's tenant.
        public var userIDs: [TenantID: String] = [:]
        public var conflicts = 0
        public var deferred = 0
        public var held = 0
        public var rejected = 0
        public var driftHeld = 0
        /// Paused tenants with due work in the window (their envelopes stay pending, unwritten).
        public var paused = 0
    }

    /// The claim for `request` at `now`.
    ///
    /// 1. Tenants an operator paused, and tenants at their cap (running ≥ max, *saturated*),
    ///    are left out: their envelopes stay as they are, unwritten. The window — `limit ×
    ///    windowFactor` due candidates, oldest first — is read once; each saturated tenant
    ///    with work in it is one conflict. When their work filled the window, it is read
    ///    again without them, so a tenant at its cap (or paused) with an old backlog cannot
    ///    starve others.
    /// 2. Each candidate passes the guardrails (the quiet window computed once per tenant);
    ///    one whose tool has an open breaking drift alert is held by it (once: a held
    ///    envelope is not due again until the alert is accepted).
    /// 3. `ClaimPlanner` shares the free slots fairly among the rest.
    public static func decide(_ request: ClaimRequest, at now: Timestamp, reads: some ClaimReads) throws -> Outcome {
        var outcome = Outcome()
        guard request.limit > 0 else { return outcome }
        let running = try reads.runningCounts()
        var saturated = Set<TenantID>()
        for (tenant, count) in running where count > 0 {
            if let context = try reads.context(of: tenant), count >= context.maxRunning { saturated.insert(tenant) }
        }
        let paused = try reads.pausedTenants()
        let window = request.limit * request.windowFactor
        var candidates = try reads.dueCandidates(limit: window, excluding: [])
        if !saturated.isEmpty || !paused.isEmpty {
            let blocked = Set(candidates.lazy.map(\.tenantID).filter { saturated.contains($0) || paused.contains($0) })
            outcome.conflicts += blocked.count(where: { saturated.contains($0) && !paused.contains($0) })
            outcome.paused = blocked.count(where: paused.contains)
            if !blocked.isEmpty {
                if candidates.count == window {
                    candidates = try reads.dueCandidates(limit: window, excluding: saturated.union(paused))
                } else {
                    candidates.removeAll { blocked.contains($0.tenantID) }
                }
            }
        }

        // The quiet window of each tenant that has quiet hours, computed once per claim.
        var quietWindows: [TenantID: GuardrailDecision?] = [:]
        var eligible: [(id: EnvelopeID, tenant: TenantID)] = []
        eligible.reserveCapacity(candidates.count)
        // Sized once: with thousands of tenants, a window's candidates are mostly of distinct
        // tenants, and growing these two tables a step at a time rehashed them every claim.
        var slots: [TenantID: Int] = [:]
        slots.reserveCapacity(candidates.count)
        outcome.userIDs.reserveCapacity(candidates.count)
        for candidate in candidates {
            guard let tenant = try reads.context(of: candidate.tenantID) else { continue }
            var quiet: GuardrailDecision?
            if tenant.guardrails.quietHours != nil {
                if let known = quietWindows[candidate.tenantID] {
                    quiet = known
                } else {
                    quiet = GuardrailEvaluator.quietWindow(tenant.guardrails, timeZone: tenant.timeZone, at: now)
                    quietWindows[candidate.tenantID] = quiet
                }
            }
            let decision = GuardrailEvaluator.decide(candidate, guardrails: tenant.guardrails, quietWindow: quiet)
            switch decision {
            case .run:
                if !tenant.heldTools.isEmpty, let alert = tenant.heldTools[candidate.toolSlug] {
                    // A breaking change to the tool's schema awaits an operator: running now
                    // could send arguments the tool no longer accepts.
                    outcome.driftHeld += 1
                    outcome.changes.append(EnvelopeChange(candidate.id, .holdForDrift(
                        alert: alert,
                        reason: "drift: breaking change to \(candidate.toolSlug) awaits an operator (opsdeck drift accept \(alert))")))
                } else {
                    eligible.append((candidate.id, candidate.tenantID))
                    if slots[candidate.tenantID] == nil {
                        slots[candidate.tenantID] = max(0, tenant.maxRunning - running[candidate.tenantID, default: 0])
                        outcome.userIDs[candidate.tenantID] = tenant.userID
                    }
                }
                continue
            case .deferUntil: outcome.deferred += 1
            case .holdForApproval: outcome.held += 1
            case .reject: outcome.rejected += 1
            }
            if let transition = decision.transition { outcome.changes.append(EnvelopeChange(candidate.id, transition)) }
        }

        let plan = ClaimPlanner.plan(candidates: eligible, freeSlots: slots, limit: request.limit)
        let lease = now.adding(milliseconds: request.leaseMilliseconds)
        outcome.changes.reserveCapacity(outcome.changes.count + plan.selected.count)
        for id in plan.selected {
            outcome.changes.append(EnvelopeChange(id, .claim(worker: request.worker, leaseExpiresAt: lease)))
        }
        outcome.claimed = plan.selected
        outcome.conflicts += plan.conflicts
        return outcome
    }
}
