/// What an action did, for the flash line.
public struct ActionOutcome: Sendable, Hashable {
    public var message: String
    public var isError: Bool

    public init(_ message: String, isError: Bool = false) {
        self.message = message
        self.isError = isError
    }
}
