import DeckComposio
import DeckCore
import Testing

@Suite("ComposioClient execute", .timeLimit(.minutes(2)))
struct ComposioClientExecuteTests {
    @Test("execute posts the arguments, account, user id and pinned version, and maps data and log_id")
    func sendsPinnedCall() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            let result = try await client.execute(try ComposioHarness.execution())
            let arguments: JSONValue = ["recipient_email": "a@example.com", "subject": "Hi", "cc": [], "priority": 2]
            #expect(result == ToolExecutionResult(logID: "log_8f2a", data: ["tool": "GMAIL_SEND_EMAIL", "echo": arguments]))
            let request = try #require(await stub.requests.last)
            #expect(request.method == "POST")
            #expect(request.path == "/api/v3.1/tools/execute/GMAIL_SEND_EMAIL")
            #expect(request.query == [:])
            #expect(request.apiKey == ComposioStub.apiKey)
            #expect(request.contentType == "application/json")
            #expect(request.body == [
                "arguments": arguments, "connected_account_id": "ca_active", "user_id": "user-1", "version": "20251027_00",
            ])
        }
    }

    @Test("a result that echoes the API key stores <redacted> in its place, in values and member names")
    func echoedKeyIsRedacted() async throws {
        try await ComposioHarness.run { (_, client) async throws in
            let key = ComposioStub.apiKey
            let result = try await client.execute(try ComposioHarness.execution(
                arguments: #"{"note": "header x-api-key: \#(key)", "\#(key)": [1, "\#(key)\#(key)"]}"#))
            let text = result.data.canonicalText
            #expect(!text.contains(key), "\(text)")
            #expect(result.data["echo"]?["note"] == .string("header x-api-key: <redacted>"))
            #expect(result.data["echo"]?["<redacted>"] == [1, .string("<redacted><redacted>")])
        }
    }

    @Test("an unpinned version and a missing account are left out, not sent as null")
    func absentMembers() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            _ = try await client.execute(try ComposioHarness.execution(version: nil, account: nil, arguments: "{}"))
            #expect(await stub.requests.last?.body == ["arguments": [:], "user_id": "user-1"])
        }
    }

    @Test("arguments that are not one JSON object are refused before anything is sent")
    func badArguments() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            var execution = try ComposioHarness.execution()
            execution.arguments = JSONObjectText(storedText: "[1, 2]")
            let failure = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.execute(execution)
            }
            #expect(failure == ProviderError(.permanent, "the arguments of GMAIL_SEND_EMAIL are not a JSON object: not a JSON object"))
            #expect(await stub.requests.isEmpty)
        }
    }

    @Test("a slug cannot change the request path: it is percent-encoded")
    func encodedSlug() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            _ = try await client.execute(try ComposioHarness.execution(slug: "A/../B?x=1"))
            #expect(await stub.requests.last?.path == "/api/v3.1/tools/execute/A%2F..%2FB%3Fx%3D1")
        }
    }

    @Test("successful: false in a 200 is permanent with the app's error as one line", arguments: [
        ("\"Invalid recipient: no such mailbox\"", "Invalid recipient: no such mailbox"),
        ("\"line one\\nline two \\u001b[31mred\"", "line one\\nline two \\x1b[31mred"),
        ("null", "the app refused the action (successful: false)"),
        ("\"\"", "the app refused the action (successful: false)"),
        ("{\"nested\": true}", "the app refused the action (successful: false)"),
    ])
    func appFailure(error: String, message: String) async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.raw(status: 200, body: #"{"data": {}, "error": \#(error), "successful": false, "log_id": "log_x"}"#))
            let execution = try ComposioHarness.execution()
            let failure = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.execute(execution)
            }
            #expect(failure == ProviderError(.permanent, message))
        }
    }

    @Test("the app's error never repeats the API key")
    func appFailureRedacted() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.raw(status: 200, body: #"{"error": "bad header x-api-key=\#(ComposioStub.apiKey)", "successful": false}"#))
            let execution = try ComposioHarness.execution()
            let failure = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.execute(execution)
            }
            #expect(failure == ProviderError(.permanent, "bad header x-api-key=<redacted>"))
        }
    }

    @Test("data may be any JSON value or missing; log_id may be null", arguments: [
        (#"{"data": [1, "two"], "successful": true, "log_id": null}"#, ToolExecutionResult(logID: nil, data: [1, "two"])),
        (#"{"successful": true, "log_id": "log_1", "extra": {"a": 1}}"#, ToolExecutionResult(logID: "log_1", data: nil)),
        (#"{"data": {"id": 7}, "error": null, "successful": true}"#, ToolExecutionResult(logID: nil, data: ["id": 7])),
    ])
    func tolerantResult(body: String, expected: ToolExecutionResult) async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.raw(status: 200, body: body))
            #expect(try await client.execute(try ComposioHarness.execution()) == expected)
        }
    }

    @Test("an execute answer OpsDeck cannot read is permanent: the action may have run", arguments: [
        (#"{"data": {}, "error": null, "log_id": "log_1"}"#, "Composio sent a malformed tool execution result: successful is missing"),
        (#"{"data": {}, "successful": "yes"}"#, "Composio sent a malformed tool execution result: successful is not a boolean"),
        (#"{"data": {}, "successful": true, "log_id": 12}"#, "Composio sent a malformed tool execution result: log_id is not a string"),
        (#"[true]"#, "Composio sent a malformed tool execution result: the response is not a JSON object"),
    ])
    func malformedResult(body: String, message: String) async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.raw(status: 200, body: body))
            let execution = try ComposioHarness.execution()
            let failure = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.execute(execution)
            }
            #expect(failure == ProviderError(.permanent, message))
        }
    }
}
