/// A worker's request for due envelopes, carrying the outcomes of its finished executions:
/// a store writes those first, in the same transaction as the claim, so one commit both
/// frees slots and fills them.
public struct ClaimRequest: Sendable, Hashable {
    public var worker: WorkerID
    /// Most envelopes to lease (the batch size); 0 only writes `finished`.
    public var limit: Int
    /// Lease length in milliseconds.
    public var leaseMilliseconds: Int64
    /// How many due candidates to consider per claim, per leased envelope (fairness window).
    public var windowFactor: Int
    /// Outcomes of this worker's executions to record before claiming.
    public var finished: [ExecutionOutcome]

    public init(
        worker: WorkerID, limit: Int, leaseMilliseconds: Int64, windowFactor: Int = 4, finished: [ExecutionOutcome] = []
    ) {
        self.worker = worker
        self.limit = max(0, limit)
        self.leaseMilliseconds = max(1, leaseMilliseconds)
        self.windowFactor = max(1, windowFactor)
        self.finished = finished
    }
}
