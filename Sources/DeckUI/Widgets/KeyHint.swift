/// One key and what it does, for the hint line at the bottom of a view.
public struct KeyHint: Sendable, Hashable {
    /// The key's name as shown ("q", "Enter", "Ctrl-R").
    public var key: String
    /// What the key does ("quit").
    public var label: String

    /// A hint that `key` does `label`.
    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }
}
