/// One screen position: the grapheme shown there, its display width and its style.
///
/// A double-width character occupies two cells: the first holds the grapheme with width 2,
/// the second is a continuation cell (empty symbol, width 0) that backends skip.
public struct Cell: Sendable, Hashable {
    /// One grapheme cluster, already safe for a terminal; empty in a continuation cell.
    public var symbol: String
    /// Columns the symbol occupies: 1, 2, or 0 for a continuation cell.
    public var width: UInt8
    public var style: Style

    public init(symbol: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }

    /// A blank cell in `style`.
    public static func blank(_ style: Style = .plain) -> Cell { Cell(symbol: " ", width: 1, style: style) }

    /// True for the right half of a double-width character.
    public var isContinuation: Bool { width == 0 }
}
