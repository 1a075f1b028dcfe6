/// Input that OpsDeck refuses, with the one line an operator needs to fix it.
public struct InvalidInput: Error, Sendable, Hashable, CustomStringConvertible {
    /// A single line naming what is wrong (already safe to print).
    public var message: String

    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
