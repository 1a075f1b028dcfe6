/// How one execution ended, as the worker that ran it knows it: the envelope as it was
/// claimed (running, leased to that worker) and the transition that ends the run
/// (`succeed`, `scheduleRetry`, `fail` or `release`).
///
/// Stores write it without reading the envelope again when it is still running under the
/// same lease (nothing else can change a leased envelope); when the lease was lost meanwhile
/// (the rescuer took the envelope back), the outcome is refused and reported as skipped.
public struct ExecutionOutcome: Sendable, Hashable {
    public var envelope: Envelope
    public var transition: EnvelopeTransition

    public init(_ envelope: Envelope, _ transition: EnvelopeTransition) {
        self.envelope = envelope
        self.transition = transition
    }

    /// The same as a change by id, for the general transition path.
    public var change: EnvelopeChange { EnvelopeChange(envelope.id, transition) }
}
