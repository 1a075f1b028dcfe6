/// A text identifier chosen outside OpsDeck (Composio ids, worker ids), typed by what it names.
public struct StringIdentifier<Entity>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    /// The identifier as the outside system spells it.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A Composio connected account id (e.g. `ca_1a2b3c`).
public typealias ConnectedAccountID = StringIdentifier<ConnectedAccount>
/// A worker process's id (host, pid and a random suffix).
public typealias WorkerID = StringIdentifier<WorkerHeartbeat>
