import Foundation

/// A tenant's id: a lowercase UUID, as in the seed's `tenants.id (uuid)`.
public struct TenantID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The lowercase UUID text.
    public let rawValue: String

    /// Wraps stored text without checking it (rows read back from a store).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A fresh random id.
    public static func random() -> TenantID {
        TenantID(rawValue: UUID().uuidString.lowercased())
    }

    /// Parses a UUID as typed by a person (any case); nil when it is not a UUID.
    public init?(parsing text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.rawValue = uuid.uuidString.lowercased()
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// The first eight characters, enough to tell tenants apart on a screen.
    public var short: String { String(rawValue.prefix(8)) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
