import AsyncHTTPClient
import DeckCore
import NIOCore
import Synchronization

/// The tool provider of production: Composio's REST API (`/api/v3.1`) over AsyncHTTPClient.
///
/// **Errors.** Every call either returns a fully mapped value or throws a `ProviderError`
/// already classified for the worker (see `ComposioFailure`): HTTP 408/409/5xx, timeouts and
/// connection failures are retryable, 429 is rate-limited with the server's `Retry-After`,
/// other 4xx, app-level `successful: false` and responses OpsDeck cannot read are
/// permanent. The client itself never retries: retry timing is the engine's job.
///
/// **Secrets.** The API key goes only into the `x-api-key` header. It is redacted from
/// every message (even when the server echoes it back), the configuration prints it as
/// `<redacted>`, and AsyncHTTPClient is given no logger, so nothing of a request is logged.
/// Redirects are not followed, so the key is never sent to another host.
///
/// **Lifecycle.** The client owns an `HTTPClient` on the shared event loop group.
/// Whoever creates a `ComposioClient` must `await shutdown()` once no call is in flight
/// and none will be made — `opsdeck` when its worker stops, each test at its end. A client
/// dropped without it leaks its connection pool, and AsyncHTTPClient traps in debug builds.
/// Calls after `shutdown()` fail as retryable ("the Composio client is shut down").
///
/// Failed connection attempts are not retried inside AsyncHTTPClient's pool either, so a
/// refused connection fails at once instead of holding the call until its deadline.
public final class ComposioClient: ToolProvider {
    /// The checked settings the client was made with.
    public let configuration: ComposioConfiguration

    let http: HTTPClient
    let clock: any WallClock
    private let state = Mutex(State())

    private struct State: Sendable {
        var isShutDown = false
        var unrecognisedStatuses = 0
    }

    /// A client for `configuration`; `clock` dates `Retry-After` HTTP-dates (inject a
    /// `ManualClock` in tests). Opens nothing until the first call.
    public init(configuration: ComposioConfiguration, clock: any WallClock = SystemClock()) {
        self.configuration = configuration
        self.clock = clock
        var settings = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(
                connect: Self.timeAmount(configuration.connectTimeout),
                read: Self.timeAmount(configuration.requestTimeout)))
        settings.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    /// Closes every connection and releases the pool; safe to call more than once.
    ///
    /// The creator of the client must call it (see the type's notes) after the last call
    /// has returned; calls made afterwards fail as retryable.
    public func shutdown() async {
        let first = state.withLock { state in
            defer { state.isShutDown = true }
            return !state.isShutDown
        }
        guard first else { return }
        try? await http.shutdown()
    }

    /// How many connected accounts so far came with a status OpsDeck does not know, each
    /// reported as `.failed` with the status in its reason (see `listConnectedAccounts`).
    public var unrecognisedAccountStatuses: Int {
        state.withLock { $0.unrecognisedStatuses }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow else { return .nanoseconds(Int64.max) }
        return .nanoseconds(nanoseconds.partialValue + attoseconds / 1_000_000_000)
    }

    // MARK: - Tools

    /// One page of `GET /tools`: `toolkit_slug`, `tool_slugs` (comma-separated; an empty
    /// list filters nothing), `toolkit_versions=latest` when `latestVersions`, `limit` and
    /// `cursor`. A limit outside 1...1000 is refused locally as permanent.
    public func listTools(_ query: ToolListQuery) async throws(ProviderError) -> ProviderPage<ToolDefinition> {
        guard (1...ComposioConfiguration.maximumPageSize).contains(query.limit) else {
            throw ProviderError(
                .permanent, "limit must be between 1 and \(ComposioConfiguration.maximumPageSize), got \(query.limit)")
        }
        var parameters: [(String, String)] = []
        if let toolkit = query.toolkit, !toolkit.isEmpty { parameters.append(("toolkit_slug", toolkit)) }
        if let slugs = query.slugs, !slugs.isEmpty { parameters.append(("tool_slugs", slugs.joined(separator: ","))) }
        if query.latestVersions { parameters.append(("toolkit_versions", "latest")) }
        parameters.append(("limit", String(query.limit)))
        if let cursor = query.cursor { parameters.append(("cursor", cursor)) }
        let thing = "tool listing"
        let body = try await send(.GET, ["tools"], query: parameters, thing: thing)
        return try ComposioMapping.page(body, thing: thing) { (item, path) throws(ProviderError) in
            try ComposioMapping.tool(item, at: path, thing: thing)
        }
    }

    /// Every tool matching `query`, following `next_cursor` from `query.cursor` to the
    /// last page.
    ///
    /// A server that hands back a cursor it already gave, or that goes on past
    /// `configuration.maximumPages` pages, fails the whole listing as permanent rather than
    /// loop or return part of the catalog (a partial catalog would read as removed tools).
    public func allTools(_ query: ToolListQuery) async throws(ProviderError) -> [ToolDefinition] {
        var query = query
        var tools: [ToolDefinition] = []
        var seen = Set(query.cursor.map { [$0] } ?? [])
        for _ in 0..<configuration.maximumPages {
            let page = try await listTools(query)
            tools += page.items
            guard let next = page.nextCursor else { return tools }
            guard seen.insert(next).inserted else {
                throw ComposioFields.malformed("tool listing", "a page cursor came back a second time")
            }
            query.cursor = next
        }
        throw ComposioFields.malformed("tool listing", "more than \(configuration.maximumPages) pages")
    }

    /// `GET /tools/{slug}` at `version`, or at the latest version (`toolkit_versions=latest`)
    /// when nil.
    public func tool(_ slug: String, version: String?) async throws(ProviderError) -> ToolDefinition {
        guard !slug.isEmpty else { throw ProviderError(.permanent, "a tool slug is required") }
        let parameters = version.map { [("version", $0)] } ?? [("toolkit_versions", "latest")]
        let body = try await send(.GET, ["tools", slug], query: parameters, thing: "tool")
        return try ComposioMapping.tool(body, thing: "tool")
    }

    /// `POST /tools/execute/{slug}` with the envelope's arguments, connected account, user
    /// id and pinned version (left out when nil: the engine always pins; see
    /// `ComposioMapping.executeBody`). `successful: false` throws `.permanent` with the
    /// app's error; a 200 OpsDeck cannot read is permanent too — the action may have run,
    /// so it must not be retried blindly.
    public func execute(_ execution: ToolExecution) async throws(ProviderError) -> ToolExecutionResult {
        guard !execution.toolSlug.isEmpty else { throw ProviderError(.permanent, "a tool slug is required") }
        let request = try ComposioMapping.executeBody(execution)
        let thing = "tool execution result"
        let body = try await send(.POST, ["tools", "execute", execution.toolSlug], body: request, thing: thing)
        return try ComposioMapping.executionResult(body, thing: thing, key: configuration.apiKey)
    }

    // MARK: - Toolkits

    /// One page of `GET /toolkits` (`configuration.pageSize` long), with each toolkit's
    /// `meta.categories` and `meta.tools_count`.
    public func listToolkits(cursor: String?) async throws(ProviderError) -> ProviderPage<ToolkitInfo> {
        var parameters = [("limit", String(configuration.pageSize))]
        if let cursor { parameters.append(("cursor", cursor)) }
        let thing = "toolkit listing"
        let body = try await send(.GET, ["toolkits"], query: parameters, thing: thing)
        return try ComposioMapping.page(body, thing: thing) { (item, path) throws(ProviderError) in
            try ComposioMapping.toolkit(item, at: path, thing: thing)
        }
    }

    /// `GET /toolkits/categories`: `{items: [{id, name}], …}` (a bare array is accepted
    /// too), in the server's order. The endpoint takes no cursor; one answer holds them all.
    public func listToolkitCategories() async throws(ProviderError) -> [ToolkitInfo.Category] {
        let thing = "toolkit category listing"
        let body = try await send(.GET, ["toolkits", "categories"], thing: thing)
        return try ComposioMapping.categories(body, thing: thing)
    }

    // MARK: - Connected accounts

    /// One page of `GET /connected_accounts` (`user_ids` comma-separated, all users when
    /// empty; `configuration.pageSize` long).
    ///
    /// An account whose status OpsDeck does not know is kept and reported `.failed`, its
    /// reason naming the status, and counted in `unrecognisedAccountStatuses`; see
    /// `ComposioMapping.account` for why it is not skipped and for the other mapping rules.
    public func listConnectedAccounts(userIDs: [String], cursor: String?) async throws(ProviderError)
        -> ProviderPage<ProviderAccount>
    {
        var parameters: [(String, String)] = []
        if !userIDs.isEmpty { parameters.append(("user_ids", userIDs.joined(separator: ","))) }
        parameters.append(("limit", String(configuration.pageSize)))
        if let cursor { parameters.append(("cursor", cursor)) }
        let thing = "connected account listing"
        let fallback = userIDs.count == 1 ? userIDs[0] : nil
        let body = try await send(.GET, ["connected_accounts"], query: parameters, thing: thing)
        let page = try ComposioMapping.page(body, thing: thing) { (item, path) throws(ProviderError) in
            try ComposioMapping.account(item, at: path, thing: thing, fallbackUserID: fallback)
        }
        let unrecognised = page.items.count(where: \.unrecognisedStatus)
        if unrecognised > 0 { state.withLock { $0.unrecognisedStatuses += unrecognised } }
        return ProviderPage(items: page.items.map(\.account), nextCursor: page.nextCursor)
    }
}
