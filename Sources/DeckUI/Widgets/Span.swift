/// A run of text in one role: the unit views use to say what each piece of a line means,
/// leaving its look to the theme.
public struct Span: Sendable, Hashable {
    /// The text, untrusted: it is escaped when written to a buffer.
    public var text: String
    /// What the text means; the theme turns it into a style.
    public var role: Role

    /// A span of `text` in `role` (ordinary text by default).
    public init(_ text: String, _ role: Role = .text) {
        self.text = text
        self.role = role
    }
}

/// One line of text made of spans in different roles, drawn left to right.
public typealias StyledLine = [Span]
