/// Which parts of `ConsoleData` a load fills: the visible rows on every change, the counts
/// (whole-table aggregates) at most once a second, the telemetry once a second.
public struct LoadParts: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Tenant names, the view's visible rows and the open detail.
    public static let rows = LoadParts(rawValue: 1 << 0)
    /// Envelope counts by status (header, titles) and the tenants view's per-tenant summaries.
    public static let counts = LoadParts(rawValue: 1 << 1)
    /// Live workers' heartbeats, as a telemetry frame.
    public static let telemetry = LoadParts(rawValue: 1 << 2)

    public static let all: LoadParts = [.rows, .counts, .telemetry]
}
