/// What one pass of the schedulers did, for `scheduler --once` and the logs.
public struct SchedulerReport: Sendable, Hashable {
    /// Schedule rows that were due and ran.
    public var jobsRun = 0
    /// Accounts written from the provider, and those that became ACTIVE.
    public var accountsSynced = 0
    public var accountsActivated = 0
    public var warmScans = 0
    public var trickleRefreshes = 0
    /// Read-only tool executions and the signals they stored.
    public var reads = 0
    public var signals = 0
    /// Reads skipped or postponed by a rate bucket or a 429.
    public var rateLimited = 0
    public var driftChecks = 0
    public var alertsOpened = 0
    /// Jobs that failed (the provider or store answered with an error); each is logged and audited.
    public var failures = 0

    public init() {}

    public mutating func add(_ other: SchedulerReport) {
        jobsRun += other.jobsRun
        accountsSynced += other.accountsSynced
        accountsActivated += other.accountsActivated
        warmScans += other.warmScans
        trickleRefreshes += other.trickleRefreshes
        reads += other.reads
        signals += other.signals
        rateLimited += other.rateLimited
        driftChecks += other.driftChecks
        alertsOpened += other.alertsOpened
        failures += other.failures
    }
}
