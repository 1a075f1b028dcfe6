/// Which rows of a long, id-ordered list (outbox, DLQ, audit) to load: a keyset window
/// around an anchor id, never an OFFSET, so the cost is the same on page 1 and page 10,000.
public struct WindowRequest: Sendable, Hashable {
    /// Where the window is pinned.
    public enum Anchor: Sendable, Hashable {
        /// The newest rows (following the head).
        case top
        /// The oldest rows.
        case bottom
        /// Around this id: rows newer than it above, it and older below.
        case id(Int64)
    }

    public var anchor: Anchor
    /// Rows to load newer than the anchor.
    public var above: Int
    /// Rows to load at or older than the anchor.
    public var below: Int

    public init(anchor: Anchor, above: Int, below: Int) {
        self.anchor = anchor
        self.above = max(0, above)
        self.below = max(1, below)
    }
}
