import DeckCore

/// What one load returned for one `DataRequest`.
public struct ConsoleData: Sendable, Hashable {
    /// Every tenant's name, for labelling rows.
    public var tenantNames: [TenantID: String]
    /// Tenants whose queue an operator paused (every view's header names them).
    public var pausedTenants: Set<TenantID> = []
    /// Envelope counts by status in the scope (the header's queue counts).
    public var counts: [EnvelopeStatus: Int]
    public var telemetry: TelemetryFrame?
    public var tenants: [TenantSummary]
    public var accounts: [ConnectedAccount]
    public var driftAlerts: [DriftAlert]
    /// How many pending envelopes each open drift alert holds (with the drift view's rows).
    public var heldCounts: [DriftAlertID: Int]
    /// The outbox or DLQ window, newest first.
    public var envelopes: [Envelope]
    /// The audit window, newest first.
    public var auditEvents: [AuditEvent]
    /// True when the window stops at the newest row (nothing above it).
    public var windowAtTop: Bool
    /// True when the window stops at the oldest row (nothing below it).
    public var windowAtBottom: Bool
    public var detail: DetailData?
    /// Open breaking drift alerts in the scope (the drift tab's badge).
    public var openBreakingDrift = 0
    /// How many envelopes the request's filter matches (capped at 10,001), when it filters;
    /// loaded with the counts.
    public var matchCount: Int?
    /// How long the queries took, in milliseconds (shown in the status bar).
    public var loadMilliseconds: Double

    public init(
        tenantNames: [TenantID: String] = [:], counts: [EnvelopeStatus: Int] = [:], telemetry: TelemetryFrame? = nil,
        tenants: [TenantSummary] = [], accounts: [ConnectedAccount] = [], driftAlerts: [DriftAlert] = [],
        heldCounts: [DriftAlertID: Int] = [:], envelopes: [Envelope] = [], auditEvents: [AuditEvent] = [],
        windowAtTop: Bool = true, windowAtBottom: Bool = true, detail: DetailData? = nil, loadMilliseconds: Double = 0
    ) {
        self.tenantNames = tenantNames
        self.counts = counts
        self.telemetry = telemetry
        self.tenants = tenants
        self.accounts = accounts
        self.driftAlerts = driftAlerts
        self.heldCounts = heldCounts
        self.envelopes = envelopes
        self.auditEvents = auditEvents
        self.windowAtTop = windowAtTop
        self.windowAtBottom = windowAtBottom
        self.detail = detail
        self.loadMilliseconds = loadMilliseconds
    }
}

extension ConsoleData {
    /// This data with the `parts` of `newer` laid over it (the rest kept from earlier loads).
    public func merging(_ newer: ConsoleData, parts: LoadParts) -> ConsoleData {
        var merged = self
        merged.tenantNames = newer.tenantNames
        merged.pausedTenants = newer.pausedTenants
        merged.loadMilliseconds = newer.loadMilliseconds
        if parts.contains(.counts) {
            merged.counts = newer.counts
            merged.tenants = newer.tenants
            merged.openBreakingDrift = newer.openBreakingDrift
            merged.matchCount = newer.matchCount
        }
        if parts.contains(.telemetry) { merged.telemetry = newer.telemetry }
        if parts.contains(.rows) {
            merged.accounts = newer.accounts
            merged.driftAlerts = newer.driftAlerts
            merged.heldCounts = newer.heldCounts
            merged.envelopes = newer.envelopes
            merged.auditEvents = newer.auditEvents
            merged.windowAtTop = newer.windowAtTop
            merged.windowAtBottom = newer.windowAtBottom
            merged.detail = newer.detail
        }
        return merged
    }
}
