import Foundation

/// A tenant to create, validated on construction.
public struct TenantDraft: Sendable, Hashable {
    public var name: String
    public var plan: String
    public var timeZone: String
    public var maxRunning: Int
    public var composioUserID: String

    /// Refuses empty or over-long names, names that look like tenant ids, unknown time
    /// zones and caps below one.
    public init(
        name: String, plan: String = "free", timeZone: String = "UTC", maxRunning: Int = 1,
        composioUserID: String? = nil
    ) throws(InvalidInput) {
        self.name = try Self.validateName(name)
        self.plan = plan
        self.timeZone = try Self.validateTimeZone(timeZone)
        self.maxRunning = try Self.validateMaxRunning(maxRunning)
        let userID = composioUserID ?? name
        guard !userID.isEmpty, userID.utf8.count <= 400 else {
            throw InvalidInput("composio user id must be 1 to 400 bytes")
        }
        self.composioUserID = userID
    }

    /// A tenant name: 1–100 characters, no control characters, not a UUID.
    public static func validateName(_ name: String) throws(InvalidInput) -> String {
        let name = try DisplayName.validate(name, what: "tenant name")
        guard TenantID(parsing: name) == nil else {
            throw InvalidInput("tenant name '\(name)' looks like a tenant id; choose another")
        }
        return name
    }

    /// An IANA time zone identifier that this machine knows: `UTC`, or an Area/Location name
    /// from its zone list. Abbreviations (`EST`, `CET`) and offsets (`GMT+5`) are refused —
    /// Foundation accepts them, but they name no place, ignore daylight saving or mean other
    /// things to other people (`EST` is -05:00 all year, even in a New York summer).
    public static func validateTimeZone(_ identifier: String) throws(InvalidInput) -> String {
        guard identifier == "UTC" || identifier.contains("/") && TimeZone.knownTimeZoneIdentifiers.contains(identifier)
                || identifier.hasPrefix("Etc/") && TimeZone(identifier: identifier) != nil else {
            throw InvalidInput("unknown time zone '\(TerminalText.sanitize(identifier))' (expected an IANA name like Europe/Berlin)")
        }
        return identifier
    }

    /// A tenant cap of running envelopes: 1 to 10,000.
    public static func validateMaxRunning(_ value: Int) throws(InvalidInput) -> Int {
        guard (1...10_000).contains(value) else {
            throw InvalidInput("max running must be between 1 and 10000 (got \(value))")
        }
        return value
    }
}

extension TenantDraft {
    /// The tenant a store creates from this draft: a fresh id, stamped `now`.
    public func tenant(at now: Timestamp) -> Tenant {
        Tenant(
            id: .random(), name: name, plan: plan, timeZone: timeZone, maxRunning: maxRunning,
            composioUserID: composioUserID, createdAt: now, updatedAt: now)
    }
}
