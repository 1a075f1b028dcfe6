import DeckCore
import Foundation

/// How a worker runs: identity, parallelism, leases, polling and the retry policy.
public struct WorkerConfiguration: Sendable {
    /// This worker's id, written as lease owner and audit actor.
    public var id: WorkerID
    public var host: String
    public var pid: Int32
    /// Most envelopes executing at once.
    public var concurrency: Int
    /// Most envelopes leased per claim.
    public var batchSize: Int
    /// Lease length; leases of long executions are renewed when half of it is left.
    public var leaseSeconds: Double
    /// How often an idle worker checks for new work (a cheap read, not a claim).
    public var pollMilliseconds: Int
    /// How often this worker looks for expired leases of dead workers.
    public var rescueIntervalSeconds: Double
    /// How often this worker writes its heartbeat row.
    public var heartbeatIntervalSeconds: Double
    /// Exit once nothing is due (retries scheduled for later wait for a later run).
    public var drain: Bool
    public var retryPolicy: RetryPolicy
    /// Results longer than this many UTF-8 bytes are truncated and marked so.
    public var resultLimitBytes: Int

    public init(
        id: WorkerID, host: String, pid: Int32, concurrency: Int = 32, batchSize: Int = 32, leaseSeconds: Double = 30,
        pollMilliseconds: Int = 5, rescueIntervalSeconds: Double = 5, heartbeatIntervalSeconds: Double = 2,
        drain: Bool = false, retryPolicy: RetryPolicy = .standard, resultLimitBytes: Int = 65_536
    ) throws(InvalidInput) {
        guard (1...10_000).contains(concurrency) else { throw InvalidInput("concurrency must be 1 to 10000") }
        guard (1...10_000).contains(batchSize) else { throw InvalidInput("batch must be 1 to 10000") }
        guard leaseSeconds.isFinite, (1...86_400).contains(leaseSeconds) else {
            throw InvalidInput("lease seconds must be 1 to 86400")
        }
        guard (1...10_000).contains(pollMilliseconds) else { throw InvalidInput("poll interval must be 1 to 10000 ms") }
        guard rescueIntervalSeconds.isFinite, (0.01...3_600).contains(rescueIntervalSeconds),
              heartbeatIntervalSeconds.isFinite, (0.01...3_600).contains(heartbeatIntervalSeconds)
        else { throw InvalidInput("rescue and heartbeat intervals must be 0.01 to 3600 seconds") }
        self.id = id
        self.host = host
        self.pid = pid
        self.concurrency = concurrency
        self.batchSize = batchSize
        self.leaseSeconds = leaseSeconds
        self.pollMilliseconds = pollMilliseconds
        self.rescueIntervalSeconds = rescueIntervalSeconds
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
        self.drain = drain
        self.retryPolicy = retryPolicy
        self.resultLimitBytes = resultLimitBytes
    }

    /// A worker id unique across hosts and restarts: `host:pid:random`.
    public static func makeID(host: String, pid: Int32) -> WorkerID {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return WorkerID(rawValue: "\(host):\(pid):\(suffix)")
    }

    /// This process's host name and id.
    public static var currentProcess: (host: String, pid: Int32) {
        (ProcessInfo.processInfo.hostName, ProcessInfo.processInfo.processIdentifier)
    }
}
