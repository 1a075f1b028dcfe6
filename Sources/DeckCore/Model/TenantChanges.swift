/// Changes to an existing tenant; nil fields stay as they are.
public struct TenantChanges: Sendable, Hashable {
    public var name: String?
    public var plan: String?
    public var timeZone: String?
    public var maxRunning: Int?
    public var composioUserID: String?

    /// Validates each given field with the same rules as `TenantDraft`.
    public init(
        name: String? = nil, plan: String? = nil, timeZone: String? = nil, maxRunning: Int? = nil,
        composioUserID: String? = nil
    ) throws(InvalidInput) {
        self.name = try name.map(TenantDraft.validateName)
        self.plan = plan
        self.timeZone = try timeZone.map(TenantDraft.validateTimeZone)
        self.maxRunning = try maxRunning.map(TenantDraft.validateMaxRunning)
        self.composioUserID = composioUserID
    }

    /// True when nothing would change.
    public var isEmpty: Bool {
        name == nil && plan == nil && timeZone == nil && maxRunning == nil && composioUserID == nil
    }

    /// `tenant` with these changes applied.
    public func applied(to tenant: Tenant, at now: Timestamp) -> Tenant {
        var updated = tenant
        if let name { updated.name = name }
        if let plan { updated.plan = plan }
        if let timeZone { updated.timeZone = timeZone }
        if let maxRunning { updated.maxRunning = maxRunning }
        if let composioUserID { updated.composioUserID = composioUserID }
        updated.updatedAt = now
        return updated
    }
}
