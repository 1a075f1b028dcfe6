/// A numeric row identifier that cannot be confused with another entity's.
///
/// `Identifier<Envelope>` and `Identifier<AuditEvent>` are different types, so passing an
/// audit id where an envelope id is expected does not compile.
public struct Identifier<Entity>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, ExpressibleByIntegerLiteral
{
    /// The database's integer key.
    public let rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public init(integerLiteral value: Int64) { self.rawValue = value }

    /// Parses a decimal id as typed by a person; nil when it is not a positive integer.
    public init?(parsing text: String) {
        guard let value = Int64(text), value > 0 else { return nil }
        self.rawValue = value
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// An outbox envelope's id.
public typealias EnvelopeID = Identifier<Envelope>
/// An audit row's id; ids are dense and increase with the hash chain.
public typealias AuditEventID = Identifier<AuditEvent>
/// An objective's id.
public typealias ObjectiveID = Identifier<Objective>
/// A planned task's id.
public typealias TaskID = Identifier<AgentTask>
/// A stored signal's id.
public typealias SignalID = Identifier<Signal>
/// A drift alert's id.
public typealias DriftAlertID = Identifier<DriftAlert>
