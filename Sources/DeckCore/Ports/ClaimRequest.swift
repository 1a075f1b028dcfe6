/// A worker's request for due envelopes.
public struct ClaimRequest: Sendable, Hashable {
    public var worker: WorkerID
    /// Most envelopes to lease (the batch size).
    public var limit: Int
    /// Lease length in milliseconds.
    public var leaseMilliseconds: Int64
    /// How many due candidates to consider per claim, per leased envelope (fairness window).
    public var windowFactor: Int

    public init(worker: WorkerID, limit: Int, leaseMilliseconds: Int64, windowFactor: Int = 4) {
        self.worker = worker
        self.limit = max(1, limit)
        self.leaseMilliseconds = max(1, leaseMilliseconds)
        self.windowFactor = max(1, windowFactor)
    }
}
