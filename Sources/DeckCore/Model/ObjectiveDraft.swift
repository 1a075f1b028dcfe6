/// An objective to create.
public struct ObjectiveDraft: Sendable, Hashable {
    public var tenantID: TenantID
    public var metric: String
    public var target: Double
    public var current: Double
    public var horizon: String

    /// Refuses an empty metric and non-finite numbers.
    public init(tenantID: TenantID, metric: String, target: Double, current: Double = 0, horizon: String) throws(InvalidInput) {
        guard !metric.isEmpty, metric.count <= 200 else { throw InvalidInput("objective metric must be 1 to 200 characters") }
        guard target.isFinite, current.isFinite else { throw InvalidInput("objective target and current must be finite numbers") }
        self.tenantID = tenantID
        self.metric = metric
        self.target = target
        self.current = current
        self.horizon = horizon
    }
}
