/// One data row of a table: its cells, the role of its text, and whether the operator
/// marked it for a bulk action.
public struct TableRow: Sendable, Hashable {
    /// The cells, one per column; missing cells show blank.
    public var cells: [TableCell]
    /// The role of the row's text where a cell names none.
    public var role: Role
    /// True when the operator marked the row; shows "*" in the gutter.
    public var marked: Bool

    /// A row of `cells` in `role`, unmarked unless told otherwise.
    public init(_ cells: [TableCell], role: Role = .text, marked: Bool = false) {
        self.cells = cells
        self.role = role
        self.marked = marked
    }
}
