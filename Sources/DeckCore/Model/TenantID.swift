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

    /// The same bytes, as the stores compare ids (not `String`'s canonical equivalence).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        let inPlace = lhs.rawValue.utf8.withContiguousStorageIfAvailable { left in
            rhs.rawValue.utf8.withContiguousStorageIfAvailable { right in
                left.count == right.count && (left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
        if let inPlace, let result = inPlace { return result }
        return lhs.rawValue.utf8.elementsEqual(rhs.rawValue.utf8)
    }

    /// Hashes the length and the last eight bytes only: ids are UUIDs, whose tail is random,
    /// and claims look tenants up in dictionaries many times per envelope (a full SipHash
    /// of 36 bytes was 3 % of a drain).
    public func hash(into hasher: inout Hasher) {
        let utf8 = rawValue.utf8
        hasher.combine(utf8.count)
        let tail = utf8.withContiguousStorageIfAvailable { bytes -> UInt64 in
            var word: UInt64 = 0
            for byte in bytes.suffix(8) { word = word << 8 | UInt64(byte) }
            return word
        }
        if let tail {
            hasher.combine(tail)
        } else {
            for byte in utf8.suffix(8) { hasher.combine(byte) }
        }
    }
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
