/// One classified difference between a tool's cached and latest input JSON Schema.
///
/// Drift alerts carry a list of these so an operator sees what moved (`path`), how
/// (`kind`, `detail`), whether callers may now fail (`breaking`) and the values on both
/// sides. `before`/`after` are nil when the keyword or property is absent on that side —
/// distinct from a JSON `null` value, which is `.null`.
public struct SchemaChange: Sendable, Hashable {
    /// What changed.
    public var kind: SchemaChangeKind
    /// Where, as a JSON Pointer (RFC 6901) into the schema, e.g. `/properties/cc`.
    public var path: String
    /// True when an argument list valid before may now be rejected or misread.
    public var breaking: Bool
    /// The value at the change's location in the cached schema; nil when absent.
    public var before: JSONValue?
    /// The value at the change's location in the latest schema; nil when absent.
    public var after: JSONValue?
    /// One line for people, e.g. `property cc removed` or `type string → array`.
    public var detail: String

    /// A change as classified by `SchemaDiff` (or read back from an alert).
    public init(
        kind: SchemaChangeKind, path: String, breaking: Bool, before: JSONValue? = nil, after: JSONValue? = nil,
        detail: String
    ) {
        self.kind = kind
        self.path = path
        self.breaking = breaking
        self.before = before
        self.after = after
        self.detail = detail
    }

    /// The path read as a pointer; a text that is not one counts as a single token.
    public var pointer: JSONPointer {
        JSONPointer(parsing: path) ?? JSONPointer([path])
    }

    /// The order `SchemaDiff` lists changes in: by path (token by token), then kind, then
    /// the remaining fields, so equal inputs always give the same list.
    public static func precedes(_ lhs: SchemaChange, _ rhs: SchemaChange) -> Bool {
        let left = lhs.pointer, right = rhs.pointer
        if left != right { return left < right }
        if lhs.kind != rhs.kind { return lhs.kind.rank < rhs.kind.rank }
        if lhs.breaking != rhs.breaking { return lhs.breaking }
        for (a, b) in [(lhs.detail, rhs.detail), (text(lhs.before), text(rhs.before)), (text(lhs.after), text(rhs.after))]
        where !a.utf8.elementsEqual(b.utf8) {
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
        return false
    }

    private static func text(_ value: JSONValue?) -> String {
        value.map { "1" + $0.canonicalText } ?? "0"
    }
}
