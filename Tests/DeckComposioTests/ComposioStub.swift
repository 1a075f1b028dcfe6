import DeckComposio
import DeckCore
// Scoped imports: FlyingFox has a JSONValue of its own, and this file means DeckCore's.
import struct FlyingFox.ClosureHTTPHandler
import struct FlyingFox.HTTPHeader
import struct FlyingFox.HTTPHeaders
import struct FlyingFox.HTTPRequest
import struct FlyingFox.HTTPResponse
import class FlyingFox.HTTPServer
import OpsDeckTestSupport
import struct FlyingFox.HTTPStatusCode
import FlyingSocks
import Foundation

/// A loopback stand-in for Composio's REST API (`/api/v3.1`), served by FlyingFox over a
/// real socket, for `ComposioClient`'s tests.
///
/// It serves the documented shapes of every endpoint the client uses from `world`, checks
/// `x-api-key` (401 with Composio's error shape when wrong), pages listings with opaque
/// cursors, and records every request. A test scripts misbehaviour with `script(_:)`: each
/// scripted reply answers one request, in order, before normal service resumes.
actor ComposioStub {
    /// The key the stub accepts.
    static let apiKey = "ck_live_7Hq2SECRETkey9Zx"

    /// What the stub knows: raw JSON items, exactly as Composio would send them.
    struct World: Sendable {
        var tools: [JSONValue] = ComposioFixtures.tools
        var toolkits: [JSONValue] = ComposioFixtures.toolkits
        var categories: [JSONValue] = ComposioFixtures.categories
        /// Serve the categories as a bare array instead of a page.
        var categoriesAsBareArray = false
        var accounts: [JSONValue] = ComposioFixtures.accounts
        /// The answer to every execute call that is not scripted; nil echoes the call.
        var executeAnswer: JSONValue?
        /// Page length when the request has no `limit`.
        var defaultLimit = 20
        /// Every `next_cursor` points back at the first page (a looping server).
        var repeatCursor = false
    }

    /// One request as it arrived.
    struct Recorded: Sendable {
        var method: String
        /// The path as sent, percent-encoding and all.
        var path: String
        var query: [String: String]
        var apiKey: String?
        var contentType: String?
        var body: JSONValue?
    }

    /// A scripted answer to the next request.
    enum Reply: Sendable {
        /// Composio's error shape `{"error": {message, code, slug, status, request_id}}`.
        case error(status: Int, message: String, slug: String)
        /// A 429 `{"message": "Rate limit exceeded. …"}` with these headers.
        case rateLimited(headers: [String: String])
        /// Any status, body and headers.
        case raw(status: Int, body: String, headers: [String: String] = [:])
        /// Waits this long (cancellable), then serves normally.
        case delay(seconds: Double)
    }

    var world = World()
    private(set) var requests: [Recorded] = []
    private var replies: [Reply] = []
    private var cursors: [String: Int] = [:]
    private var server: HTTPServer?
    private var serving: Task<Void, Never>?
    private(set) var port: UInt16 = 0
    /// The stub and its server run on threads of their own: other suites block the cooperative
    /// pool for seconds at a time, and the client under test would give up.
    private let executor = DedicatedSerialExecutor()
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// A stub listening on 127.0.0.1 at a port the system picks.
    static func start() async throws -> ComposioStub {
        let stub = ComposioStub()
        // The handler's allowance (FlyingFox answers 500 with no body past it) is the client's
        // own 30 s: on a machine with load 13 on its 2 CPUs, the stub once took over 5 s to
        // answer and four tests saw a 500 they never scripted.
        let server = HTTPServer(
            address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled,
            handler: ClosureHTTPHandler { request in await stub.handle(request) })
        let serving = Task(executorPreference: DedicatedExecutor()) { _ = try? await server.run() }
        // FlyingFox waits 5 s by default; a loaded machine (CI's other core busy, other suites
        // holding the pool) started the server later than that.
        try await server.waitUntilListening(timeout: 30)
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            await server.stop()
            throw StubError("the stub server has no IPv4 address")
        }
        await stub.attach(server, serving: serving, port: port)
        return stub
    }

    private func attach(_ server: HTTPServer, serving: Task<Void, Never>, port: UInt16) {
        self.server = server
        self.serving = serving
        self.port = port
    }

    /// Stops listening, cancels requests still being answered and waits for the server task.
    func stop() async {
        await server?.stop(timeout: 0)
        serving?.cancel()
        await serving?.value
        server = nil
        serving = nil
    }

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// A client configuration for this stub with `key` and a timeout long enough for a machine whose cores are busy (30 s; the timeout tests set their own).
    func configuration(key: String = apiKey, timeout: Duration = .seconds(30), pageSize: Int = 2, maximumPages: Int = 50)
        throws -> ComposioConfiguration
    {
        try ComposioConfiguration(
            apiKey: key, baseURL: baseURL, requestTimeout: timeout, connectTimeout: .seconds(1), pageSize: pageSize,
            maximumPages: maximumPages)
    }

    /// Queues answers for the next requests, one each.
    func script(_ replies: Reply...) {
        self.replies += replies
    }

    /// Changes the world.
    func update(_ change: @Sendable (inout World) -> Void) {
        change(&world)
    }

    // MARK: - Serving

    private func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let body = try? await request.bodyData
        let query = Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        requests.append(
            Recorded(
                method: request.method.rawValue, path: request.target.path(percentEncoded: true), query: query,
                apiKey: request.headers[HTTPHeader("x-api-key")], contentType: request.headers[.contentType],
                body: body.flatMap { $0.isEmpty ? nil : try? JSONValue(parsing: $0) }))
        guard request.headers[HTTPHeader("x-api-key")] == Self.apiKey else {
            let sent = request.headers[HTTPHeader("x-api-key")] ?? ""
            return Self.error(401, "Invalid API key \(sent): check your project settings", slug: "Auth_InvalidApiKey")
        }
        while !replies.isEmpty {
            switch replies.removeFirst() {
            case .error(let status, let message, let slug):
                return Self.error(status, message, slug: slug)
            case .rateLimited(let headers):
                return Self.response(
                    429, #"{"message": "Rate limit exceeded. Please retry after some time."}"#,
                    headers: headers.merging(["X-RateLimit": "2000", "X-RateLimit-Remaining": "0"]) { given, _ in given })
            case .raw(let status, let text, let headers):
                return Self.response(status, text, headers: headers)
            case .delay(let seconds):
                do {
                    try await Task.sleep(for: .seconds(seconds))
                } catch {
                    return Self.error(503, "stub stopped", slug: "Stub_Stopped")
                }
            }
        }
        return route(request.method.rawValue, request.target.path(percentEncoded: true), query: query, body: body)
    }

    private func route(_ method: String, _ path: String, query: [String: String], body: Data?) -> HTTPResponse {
        let prefix = "/api/v3.1/"
        guard path.hasPrefix(prefix) else { return Self.error(404, "no route \(path)", slug: "NotFound") }
        // Split before decoding, so an encoded `/` stays inside its segment.
        let parts = path.dropFirst(prefix.count).split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        switch (method, parts.count, parts.first) {
        case ("GET", 1, "tools"): return listTools(query)
        case ("GET", 2, "tools"): return tool(parts[1], query: query)
        case ("POST", 3, "tools") where parts[1] == "execute": return execute(parts[2], body: body)
        case ("GET", 1, "toolkits"): return page(world.toolkits, query: query)
        case ("GET", 2, "toolkits") where parts[1] == "categories": return categories()
        case ("GET", 1, "connected_accounts"): return listAccounts(query)
        default: return Self.error(404, "no route \(method) \(path)", slug: "NotFound")
        }
    }

    private func listTools(_ query: [String: String]) -> HTTPResponse {
        var tools = world.tools
        if let toolkit = query["toolkit_slug"] {
            tools = tools.filter { $0["toolkit"]?["slug"]?.stringValue == toolkit }
        }
        if let slugs = query["tool_slugs"] {
            let wanted = Set(slugs.split(separator: ",").map(String.init))
            tools = tools.filter { $0["slug"]?.stringValue.map(wanted.contains) == true }
        }
        if query["toolkit_versions"] != "latest" {
            tools = tools.map { Self.setting($0, "version", to: "00000000_00") }
        }
        return page(tools, query: query)
    }

    private func tool(_ slug: String, query: [String: String]) -> HTTPResponse {
        guard var tool = world.tools.first(where: { $0["slug"]?.stringValue == slug }) else {
            return Self.error(404, "Tool \(slug) not found", slug: "Tool_ToolNotFound")
        }
        if let version = query["version"] {
            let available = tool["available_versions"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard available.contains(version) else {
                return Self.error(404, "Tool \(slug) has no version \(version)", slug: "Tool_VersionNotFound")
            }
            tool = Self.setting(tool, "version", to: .string(version))
        } else if query["toolkit_versions"] != "latest" {
            tool = Self.setting(tool, "version", to: "00000000_00")
        }
        return Self.json(tool)
    }

    private func execute(_ slug: String, body: Data?) -> HTTPResponse {
        if let answer = world.executeAnswer { return Self.json(answer) }
        let request = body.flatMap { try? JSONValue(parsing: $0) } ?? .null
        return Self.json([
            "data": ["tool": .string(slug), "echo": request["arguments"] ?? .null],
            "error": nil, "successful": true, "log_id": "log_8f2a", "session_info": nil,
        ])
    }

    private func categories() -> HTTPResponse {
        if world.categoriesAsBareArray { return Self.json(.array(world.categories)) }
        return Self.json([
            "items": .array(world.categories), "next_cursor": nil, "total_items": .integer(Int64(world.categories.count)),
            "total_pages": 1, "current_page": 1,
        ])
    }

    private func listAccounts(_ query: [String: String]) -> HTTPResponse {
        var accounts = world.accounts
        if let users = query["user_ids"] {
            let wanted = Set(users.split(separator: ",").map(String.init))
            accounts = accounts.filter { $0["user_id"]?.stringValue.map(wanted.contains) ?? true }
        }
        return page(accounts, query: query)
    }

    /// A page of `items` from the request's `cursor`, `limit` long, with a fresh opaque
    /// cursor for the next one.
    private func page(_ items: [JSONValue], query: [String: String]) -> HTTPResponse {
        let limit = query["limit"].flatMap { Int($0) } ?? world.defaultLimit
        guard (1...1000).contains(limit) else {
            return Self.error(400, "limit must be between 1 and 1000", slug: "Request_InvalidLimit")
        }
        var start = 0
        if let cursor = query["cursor"] {
            guard let offset = cursors[cursor] else {
                return Self.error(400, "Invalid cursor", slug: "Request_InvalidCursor")
            }
            start = offset
        }
        let end = min(items.count, start + limit)
        var next: JSONValue = nil
        if end < items.count {
            let token = world.repeatCursor ? "loop" : UUID().uuidString.lowercased()
            cursors[token] = world.repeatCursor ? 0 : end
            next = .string(token)
        }
        let pages = max(1, (items.count + limit - 1) / limit)
        return Self.json([
            "items": .array(Array(items[min(start, end)..<end])), "next_cursor": next,
            "total_items": .integer(Int64(items.count)), "total_pages": .integer(Int64(pages)),
            "current_page": .integer(Int64(start / limit + 1)),
        ])
    }

    // MARK: - Responses

    static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        response(status, value.canonicalText)
    }

    static func error(_ status: Int, _ message: String, slug: String) -> HTTPResponse {
        json(
            [
                "error": [
                    "message": .string(message), "code": .integer(Int64(status * 10)), "slug": .string(slug),
                    "status": .integer(Int64(status)), "request_id": "req_5b1c",
                    "suggested_fix": "See https://docs.composio.dev", "errors": [],
                ]
            ], status: status)
    }

    static func response(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPResponse {
        var fields = HTTPHeaders()
        fields[.contentType] = "application/json"
        for (name, value) in headers { fields[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Stub"), headers: fields, body: Data(body.utf8))
    }

    static func setting(_ value: JSONValue, _ key: String, to member: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members[key] = member
        return .object(members)
    }
}

/// A failure of the stub's own setup.
struct StubError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
