/// The identity of one metric series: its label plus its dimensions.
///
/// swift-metrics hands dimensions over as ordered `(name, value)` tuples; a series is the
/// same whatever the order, so the key keeps them as a dictionary. Keys order by label,
/// then by their dimensions sorted by name, which gives snapshots and the Prometheus text
/// a stable order.
public struct TelemetryKey: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The metric's label, e.g. `opsdeck_worker_failures_total`.
    public var label: String
    /// The dimensions, e.g. `["kind": "retryable"]`; empty for a plain metric.
    public var dimensions: [String: String]

    /// A key from a label and a dimension dictionary.
    public init(label: String, dimensions: [String: String] = [:]) {
        self.label = label
        self.dimensions = dimensions
    }

    /// A key from swift-metrics' dimension tuples; a name given twice keeps its last value.
    public init(label: String, dimensions: [(String, String)]) {
        self.init(label: label, dimensions: Dictionary(dimensions, uniquingKeysWith: { _, last in last }))
    }

    /// The dimensions sorted by name: the order used for comparison and for output.
    public var sortedDimensions: [(name: String, value: String)] {
        dimensions.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    /// Orders by label, then by the name-sorted dimensions, pair by pair.
    public static func < (lhs: TelemetryKey, rhs: TelemetryKey) -> Bool {
        if lhs.label != rhs.label { return lhs.label < rhs.label }
        let left = lhs.sortedDimensions, right = rhs.sortedDimensions
        for (l, r) in zip(left, right) {
            if l.name != r.name { return l.name < r.name }
            if l.value != r.value { return l.value < r.value }
        }
        return left.count < right.count
    }

    /// `label{name="value",…}` with dimensions sorted by name, or the bare label.
    public var description: String {
        guard !dimensions.isEmpty else { return label }
        let pairs = sortedDimensions.map { "\($0.name)=\"\($0.value)\"" }
        return "\(label){\(pairs.joined(separator: ","))}"
    }

    private enum CodingKeys: String, CodingKey {
        case label, dimensions
    }

    /// Reads `{"label": …, "dimensions": {…}}`; missing dimensions mean none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.decode(String.self, forKey: .label)
        dimensions = try container.decodeIfPresent([String: String].self, forKey: .dimensions) ?? [:]
    }

    /// Writes `{"label": …, "dimensions": {…}}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(dimensions, forKey: .dimensions)
    }
}
