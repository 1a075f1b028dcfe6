/// How wide a table column is: a fixed number of columns, or a share of what the fixed
/// columns leave, so a table uses the whole terminal width whatever its size.
public enum ColumnWidth: Sendable, Hashable {
    /// Exactly this many terminal columns.
    case fixed(Int)
    /// An even share of the remaining width, never fewer than `min` columns.
    case flex(min: Int)
}
