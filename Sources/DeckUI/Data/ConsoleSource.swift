import DeckCore

/// Where the console reads and writes: the port between the pure console and storage.
public protocol ConsoleSource: Sendable {
    /// A number that changes whenever anything changed (cheap: polled every 250 ms).
    func changeToken() async throws -> Int64
    /// Runs the queries of `parts` for `request`; parts not asked for are left empty.
    func load(_ request: DataRequest, parts: LoadParts) async throws -> ConsoleData
    /// The rows `action` would touch, named (for the confirmation of a bulk action, which then
    /// acts on exactly those rows).
    func preview(_ action: ConsoleAction) async throws -> ActionPreview
    /// Performs `action` as `actor`; audited by the store.
    func perform(_ action: ConsoleAction, actor: String) async throws -> ActionOutcome
    /// The store's change feed when it has one (PostgreSQL's `NOTIFY`): the console reloads as
    /// soon as it reports a change, and polls the change token only as a fallback.
    var changeFeed: (any ChangeFeed)? { get }
}

extension ConsoleSource {
    /// None: polled.
    public var changeFeed: (any ChangeFeed)? { nil }

    /// Everything for `request` at once (`opsdeck snapshot`, tests).
    public func load(_ request: DataRequest) async throws -> ConsoleData {
        try await load(request, parts: .all)
    }
}
