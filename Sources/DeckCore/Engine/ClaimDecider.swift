/// Decides a whole claim — guardrails first, then fair slot allocation — from data the
/// store has read inside its claim transaction. Pure, so both stores share it.
public enum ClaimDecider {
    /// A tenant as a claim needs it.
    public struct TenantContext: Sendable, Hashable {
        /// Most envelopes of the tenant running at once.
        public var maxRunning: Int
        /// Envelopes of the tenant running now.
        public var running: Int
        public var timeZone: String
        public var guardrails: Guardrails
        /// The tenant's Composio `user_id`.
        public var userID: String
        /// Tools with an open breaking drift alert, by slug: their envelopes are held.
        public var heldTools: [String: DriftAlertID]

        public init(
            maxRunning: Int, running: Int, timeZone: String, guardrails: Guardrails, userID: String,
            heldTools: [String: DriftAlertID] = [:]
        ) {
            self.maxRunning = maxRunning
            self.running = running
            self.timeZone = timeZone
            self.guardrails = guardrails
            self.userID = userID
            self.heldTools = heldTools
        }
    }

    /// What the store must write and report.
    public struct Outcome: Sendable, Hashable {
        /// Guardrail transitions, then claims, in order; apply them all in the transaction.
        public var changes: [EnvelopeChange]
        /// The envelopes claimed (a subset of `changes`).
        public var claimed: [EnvelopeID]
        public var conflicts: Int
        public var deferred: Int
        public var held: Int
        public var rejected: Int
    }

    /// How long an envelope held by a breaking drift alert waits before it is looked at again.
    public static let driftHoldMilliseconds: Int64 = 60_000

    /// The claim for `request` at `now` over `candidates` (due pending envelopes, oldest
    /// `run_at` first, of tenants in `tenants`). A tool with an open breaking drift alert
    /// holds its envelopes (deferred a minute at a time, after the guardrails). `saturatedConflicts` counts tenants left
    /// out of the candidates because they were already at their cap with work due.
    public static func decide(
        candidates: [Envelope], tenants: [TenantID: TenantContext], saturatedConflicts: Int, request: ClaimRequest,
        at now: Timestamp
    ) -> Outcome {
        var changes: [EnvelopeChange] = []
        var eligible: [(id: EnvelopeID, tenant: TenantID)] = []
        var deferred = 0, held = 0, rejected = 0
        for envelope in candidates {
            guard let tenant = tenants[envelope.tenantID] else { continue }
            var decision = GuardrailEvaluator.decide(
                envelope, guardrails: tenant.guardrails, timeZone: tenant.timeZone, at: now)
            if decision == .run, let alert = tenant.heldTools[envelope.toolSlug] {
                // A breaking change to the tool's schema awaits an operator: running now could
                // send arguments the tool no longer accepts.
                decision = .deferUntil(
                    now.adding(milliseconds: driftHoldMilliseconds),
                    reason: "drift: breaking change to \(envelope.toolSlug) awaits an operator (opsdeck drift accept \(alert))")
            }
            switch decision {
            case .run:
                eligible.append((envelope.id, envelope.tenantID))
                continue
            case .deferUntil: deferred += 1
            case .holdForApproval: held += 1
            case .reject: rejected += 1
            }
            if let transition = decision.transition { changes.append(EnvelopeChange(envelope.id, transition)) }
        }
        let slots = tenants.mapValues { max(0, $0.maxRunning - $0.running) }
        let plan = ClaimPlanner.plan(candidates: eligible, freeSlots: slots, limit: request.limit)
        let lease = now.adding(milliseconds: request.leaseMilliseconds)
        for id in plan.selected {
            changes.append(EnvelopeChange(id, .claim(worker: request.worker, leaseExpiresAt: lease)))
        }
        return Outcome(
            changes: changes, claimed: plan.selected, conflicts: plan.conflicts + saturatedConflicts, deferred: deferred,
            held: held, rejected: rejected)
    }
}
