/// A change in the Composio catalog that an operator should look at.
public struct DriftAlert: Sendable, Hashable, Identifiable, Codable {
    public var id: DriftAlertID
    public var tenantID: TenantID
    public var toolSlug: String
    public var toolkit: String
    public var kind: DriftChangeKind
    /// True when envelopes for the tool are held until an operator accepts.
    public var breaking: Bool
    public var fromVersion: String?
    public var toVersion: String?
    /// The classified changes (JSON-pointer paths, kinds) as a JSON document.
    public var diff: JSONValue
    /// Identifies the change, so the same drift opens one alert only.
    public var fingerprint: String
    public var status: DriftAlertStatus
    public var openedAt: Timestamp
    public var acceptedAt: Timestamp?
    public var acceptedBy: String?

    public init(
        id: DriftAlertID, tenantID: TenantID, toolSlug: String, toolkit: String, kind: DriftChangeKind,
        breaking: Bool, fromVersion: String? = nil, toVersion: String? = nil, diff: JSONValue,
        fingerprint: String, status: DriftAlertStatus = .open, openedAt: Timestamp,
        acceptedAt: Timestamp? = nil, acceptedBy: String? = nil
    ) {
        self.id = id
        self.tenantID = tenantID
        self.toolSlug = toolSlug
        self.toolkit = toolkit
        self.kind = kind
        self.breaking = breaking
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.diff = diff
        self.fingerprint = fingerprint
        self.status = status
        self.openedAt = openedAt
        self.acceptedAt = acceptedAt
        self.acceptedBy = acceptedBy
    }
}
