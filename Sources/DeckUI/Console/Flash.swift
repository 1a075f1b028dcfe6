import DeckCore

/// A one-line message under the view: an action's outcome or a refusal.
public struct Flash: Sendable, Hashable {
    public var text: String
    public var isError: Bool
    public var expiresAt: Timestamp

    public init(_ text: String, isError: Bool, expiresAt: Timestamp) {
        self.text = text
        self.isError = isError
        self.expiresAt = expiresAt
    }
}
