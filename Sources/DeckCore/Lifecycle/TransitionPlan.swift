/// What a batch of envelope transitions writes, planned without IO: every store reads the
/// envelopes the batch names, asks for the plan, and executes it — each changed envelope's
/// final state (`writes`), then one audit row per step in order (`EnvelopeAudit`).
///
/// Two entry points carry the two rules stores used to restate:
/// - `applying(_:to:…)`: operator and engine changes. Each change sees the result of the
///   earlier ones for the same envelope; a missing envelope or an illegal transition fails the
///   whole batch (`allOrNothing`) or is reported and left alone (`skipIneligible`).
/// - `finishing(_:worker:…)`: a worker's finished executions. Each is applied to the envelope
///   exactly as the worker claimed it, only while it still runs under that worker's lease; the
///   store's write must check the same lease (`confirmingWritten`), since another process may
///   have taken it back since.
public struct TransitionPlan: Sendable {
    /// One transition as it happened: the audit row's `from` and `to`.
    public struct Step: Sendable {
        public var transition: EnvelopeTransition
        public var before: Envelope
        public var after: Envelope
    }

    /// One changed envelope: as read (`before`) and its final state after all its steps.
    public struct Write: Sendable {
        public var before: Envelope
        public var after: Envelope
    }

    /// The transitions applied, in order: one audit row each (none for a lease renewal).
    public private(set) var steps: [Step] = []
    /// One write per changed envelope, in the order first changed.
    public private(set) var writes: [Write] = []
    /// The envelopes left alone and why.
    public private(set) var skipped: [TransitionReport.Skipped] = []

    /// What the caller reports once the plan is written: the state after each step, in order.
    public var report: TransitionReport {
        TransitionReport(applied: steps.map(\.after), skipped: skipped)
    }

    /// Plans `changes` over `current` (the envelopes read, by id; an id missing from it is not
    /// found in the caller's scope).
    public static func applying(
        _ changes: [EnvelopeChange], to current: [EnvelopeID: Envelope], mode: BatchMode, at now: Timestamp,
        by actor: String
    ) throws(StoreError) -> TransitionPlan {
        var plan = TransitionPlan()
        plan.steps.reserveCapacity(changes.count)
        var latest: [EnvelopeID: Envelope] = [:]
        var writeIndex: [EnvelopeID: Int] = [:]
        for change in changes {
            guard let before = latest[change.id] ?? current[change.id] else {
                if mode == .allOrNothing { throw .notFound("envelope \(change.id)") }
                plan.skipped.append(.init(id: change.id, reason: "not found"))
                continue
            }
            let after: Envelope
            do throws(EnvelopeTransitionError) {
                after = try EnvelopeLifecycle.apply(change.transition, to: before, at: now, by: actor)
            } catch {
                if mode == .allOrNothing { throw .transition(change.id, error) }
                plan.skipped.append(.init(id: change.id, reason: error.description))
                continue
            }
            latest[change.id] = after
            if let index = writeIndex[change.id] {
                plan.writes[index].after = after
            } else {
                writeIndex[change.id] = plan.writes.count
                plan.writes.append(Write(before: before, after: after))
            }
            plan.steps.append(Step(transition: change.transition, before: before, after: after))
        }
        return plan
    }

    /// Plans a worker's finished executions: each outcome's transition applied to its envelope
    /// as claimed, if it still says it runs under `worker`'s lease (the write checks the row
    /// too); an outcome named twice is applied once.
    public static func finishing(_ outcomes: [ExecutionOutcome], worker: WorkerID, at now: Timestamp) -> TransitionPlan {
        var plan = TransitionPlan()
        plan.steps.reserveCapacity(outcomes.count)
        plan.writes.reserveCapacity(outcomes.count)
        var seen = Set<EnvelopeID>()
        for outcome in outcomes {
            let before = outcome.envelope
            do throws(EnvelopeTransitionError) {
                guard before.status == .running, before.leaseOwner == worker else {
                    throw .notLeaseOwner(worker: worker, owner: before.leaseOwner)
                }
                guard seen.insert(before.id).inserted else { throw .illegal(transition: outcome.transition.name, from: .running) }
                let after = try EnvelopeLifecycle.apply(outcome.transition, to: before, at: now, by: worker.rawValue)
                plan.writes.append(Write(before: before, after: after))
                plan.steps.append(Step(transition: outcome.transition, before: before, after: after))
            } catch {
                plan.skipped.append(.init(id: before.id, reason: error.description))
            }
        }
        return plan
    }

    /// The plan as far as the store could write it: `written` names the envelopes whose row
    /// the guarded write changed; every other step is reported as a lost lease, and writes
    /// none of its audit rows.
    public func confirmingWritten(_ written: Set<EnvelopeID>) -> TransitionPlan {
        guard writes.contains(where: { !written.contains($0.after.id) }) else { return self }
        var plan = self
        plan.writes.removeAll { !written.contains($0.after.id) }
        plan.steps.removeAll { step in
            guard !written.contains(step.after.id) else { return false }
            plan.skipped.append(.init(id: step.after.id, reason: Self.leaseLost))
            return true
        }
        return plan
    }

    /// The reason given for an outcome whose envelope was no longer the worker's to finish.
    public static let leaseLost = "lease lost (the envelope was taken back)"
}
