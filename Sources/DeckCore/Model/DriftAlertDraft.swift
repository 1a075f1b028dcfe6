/// A drift alert to open; the store keeps one per tenant and fingerprint.
public struct DriftAlertDraft: Sendable, Hashable {
    public var tenantID: TenantID
    public var toolSlug: String
    public var toolkit: String
    public var kind: DriftChangeKind
    public var breaking: Bool
    public var fromVersion: String?
    public var toVersion: String?
    public var diff: JSONValue
    public var fingerprint: String

    public init(
        tenantID: TenantID, toolSlug: String, toolkit: String, kind: DriftChangeKind, breaking: Bool,
        fromVersion: String? = nil, toVersion: String? = nil, diff: JSONValue, fingerprint: String
    ) {
        self.tenantID = tenantID
        self.toolSlug = toolSlug
        self.toolkit = toolkit
        self.kind = kind
        self.breaking = breaking
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.diff = diff
        self.fingerprint = fingerprint
    }
}
