/// A table column: its header title, its width rule and its alignment.
public struct TableColumn: Sendable, Hashable {
    /// The header text.
    public var title: String
    /// How wide the column is.
    public var width: ColumnWidth
    /// Which side the cells' text keeps to.
    public var alignment: Alignment

    /// A column titled `title`, `width` wide, left-aligned unless told otherwise.
    public init(_ title: String, _ width: ColumnWidth, _ alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}
