/// Which side of its column a table cell's text keeps to: names left, numbers right.
public enum Alignment: Sendable, Hashable {
    /// Text starts at the column's left edge.
    case left
    /// Text ends at the column's right edge, padded on the left.
    case right
}
