/// One row of the key table: the keys, the command they run, and the help text.
public struct KeyBinding: Sendable, Hashable {
    /// The keys that run the command (the first is the one shown in hints).
    public var keys: [Key]
    public var command: ConsoleCommand
    /// One line for `?` and the key hints.
    public var help: String
    /// The views where the binding applies; nil = everywhere.
    public var views: Set<ConsoleViewKind>?
    /// True when the command changes data (hidden and refused in read-only mode).
    public var writes: Bool

    public init(_ keys: [Key], _ command: ConsoleCommand, _ help: String, views: Set<ConsoleViewKind>? = nil, writes: Bool = false) {
        self.keys = keys
        self.command = command
        self.help = help
        self.views = views
        self.writes = writes
    }

    /// The keys as shown in help: `j/↓`.
    public var keyText: String { keys.map(\.displayName).joined(separator: "/") }
}
