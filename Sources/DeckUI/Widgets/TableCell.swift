/// One cell of a table row: its text, and optionally a role that overrides the row's role
/// for this text (a status coloured by its meaning in an otherwise plain row).
public struct TableCell: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The text, untrusted: it is escaped when drawn.
    public var text: String
    /// The role of this cell's text; `nil` uses the row's role.
    public var role: Role?

    /// A cell showing `text`, in `role` or the row's role.
    public init(_ text: String, _ role: Role? = nil) {
        self.text = text
        self.role = role
    }

    /// A plain cell from a string literal, so rows read like `["alpha", "\(count)"]`.
    public init(stringLiteral value: String) {
        self.init(value)
    }
}
