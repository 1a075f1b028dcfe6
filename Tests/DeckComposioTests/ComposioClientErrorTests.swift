import DeckComposio
import DeckCore
import Foundation
import OpsDeckTestSupport
import Testing

@Suite("ComposioClient errors", .timeLimit(.minutes(2)))
struct ComposioClientErrorTests {
    @Test("Composio's error shape maps to the kind of its status, with message, slug and request id", arguments: [
        (400, ProviderError.Kind.permanent), (401, .permanent), (403, .permanent), (404, .permanent), (408, .retryable),
        (409, .retryable), (422, .permanent), (500, .retryable), (502, .retryable), (503, .retryable),
    ])
    func errorShape(status: Int, kind: ProviderError.Kind) async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.error(status: status, message: "Something is off", slug: "Some_Slug"))
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listToolkits(cursor: nil)
            }
            #expect(error == ProviderError(kind, "Something is off (Some_Slug) [request req_5b1c]", statusCode: status))
        }
    }

    @Test("every endpoint maps errors the same way")
    func everyEndpoint() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            for endpoint in ComposioClientDecodingTests.Endpoint.allCases {
                await stub.script(.error(status: 422, message: "Unprocessable", slug: "Request_Invalid"))
                let error = try await endpoint.failure(client)
                #expect(
                    error == ProviderError(.permanent, "Unprocessable (Request_Invalid) [request req_5b1c]", statusCode: 422),
                    "\(endpoint)")
            }
        }
    }

    @Test("a wrong key is a permanent 401 whose message never repeats the key")
    func wrongKey() async throws {
        let wrong = "ck_live_WRONGsecret_55"
        try await ComposioHarness.run(key: wrong) { (_, client) async throws in
            let error = try #require(await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listTools(ToolListQuery())
            })
            #expect(error == ProviderError(
                .permanent, "Invalid API key <redacted>: check your project settings (Auth_InvalidApiKey) [request req_5b1c]",
                statusCode: 401))
            #expect(!error.description.contains(wrong))
            #expect(!"\(error)".contains("WRONGsecret"))
            #expect(!String(reflecting: client.configuration).contains(wrong))
        }
    }

    @Test("429 then success: the first call is rate-limited with Retry-After seconds, the second works")
    func rateLimitedThenSuccess() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.rateLimited(headers: ["Retry-After": "7"]))
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listTools(ToolListQuery(limit: 1))
            }
            #expect(error == ProviderError(
                .rateLimited, "Rate limit exceeded. Please retry after some time.", retryAfter: 7, statusCode: 429))
            #expect(try await client.listTools(ToolListQuery(limit: 1)).items == [ComposioFixtures.definitions[0]])
        }
    }

    @Test("Retry-After as an HTTP-date counts from the injected clock; retry-after-ms wins over it", arguments: [
        (["Retry-After": "Thu, 01 Jan 2026 00:00:07 GMT"], 7.0 as Double?),
        (["Retry-After": "Thursday, 01-Jan-26 00:00:30 GMT"], 30),
        (["Retry-After": "Thu Jan  1 00:01:00 2026"], 60),
        (["Retry-After": "Wed, 31 Dec 2025 23:59:00 GMT"], 0),
        (["retry-after-ms": "1500"], 1.5),
        (["Retry-After": "9", "retry-after-ms": "250"], 0.25),
        (["Retry-After": "soon"], nil),
        (["Retry-After": "-3"], nil),
        ([:], nil),
    ])
    func retryAfter(headers: [String: String], seconds: Double?) async throws {
        let clock = ManualClock(ComposioHarness.newYear)
        try await ComposioHarness.run(clock: clock) { (stub, client) async throws in
            await stub.script(.rateLimited(headers: headers))
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listConnectedAccounts(userIDs: [], cursor: nil)
            }
            #expect(error?.kind == .rateLimited)
            #expect(error?.statusCode == 429)
            #expect(error?.retryAfter == seconds)
        }
    }

    @Test("a response slower than the request timeout is retryable, and comes back on time")
    func timeout() async throws {
        // Timed on threads of its own: a cooperative pool held by other suites would stretch
        // the measured time, not the client's.
        try await DedicatedExecutor.run { try await self.timedOut() }
    }

    func timedOut() async throws {
        try await ComposioHarness.run(timeout: .milliseconds(300)) { (stub, client) async throws in
            await stub.script(.delay(seconds: 3))
            let started = ContinuousClock.now
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listTools(ToolListQuery())
            }
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(error == ProviderError(.retryable, "Composio did not answer GET /api/v3.1/tools within 0.3 s"))
        }
    }

    @Test("no server listening is a retryable connection failure, reported at once")
    func connectionRefused() async throws {
        try await DedicatedExecutor.run { try await self.refused() }
    }

    func refused() async throws {
        // Port 1 on loopback: nothing listens there. (A stopped stub's port could still hold a
        // listening socket for a moment, or be handed to another suite's stub running beside.)
        let configuration = try ComposioConfiguration(
            apiKey: ComposioStub.apiKey, baseURL: "http://127.0.0.1:1", requestTimeout: .seconds(5), connectTimeout: .seconds(1),
            pageSize: 2, maximumPages: 50)
        let client = ComposioClient(configuration: configuration)
        let started = ContinuousClock.now
        let error = await ComposioHarness.failure { () async throws(ProviderError) in
            try await client.listToolkitCategories()
        }
        await client.shutdown()
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(error?.kind == .retryable)
        #expect(error?.statusCode == nil)
        #expect(error?.message == "could not connect to Composio: connection refused")
    }

    @Test("a 200 over the size limit is permanent; an oversized error body keeps its status")
    func oversized() async throws {
        let stub = try await ComposioStub.start()
        let client = ComposioClient(configuration: try ComposioConfiguration(
            apiKey: ComposioStub.apiKey, baseURL: await stub.baseURL, requestTimeout: .seconds(30), maximumResponseBytes: 1024))
        let big = await ComposioHarness.failure { () async throws(ProviderError) in
            try await client.listTools(ToolListQuery())
        }
        await stub.script(.raw(status: 503, body: "{" + String(repeating: " ", count: 200_000) + "}"))
        let unavailable = await ComposioHarness.failure { () async throws(ProviderError) in
            try await client.listTools(ToolListQuery())
        }
        await client.shutdown()
        await stub.stop()
        #expect(big == ProviderError(.permanent, "Composio sent more than 1024 bytes for GET /api/v3.1/tools"))
        #expect(unavailable == ProviderError(.retryable, "Composio answered without an error message", statusCode: 503))
    }

    @Test("a call after shutdown is retryable, and shutdown may be repeated")
    func afterShutdown() async throws {
        try await ComposioHarness.run { (_, client) async throws in
            await client.shutdown()
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listToolkits(cursor: nil)
            }
            #expect(error == ProviderError(.retryable, "the Composio client is shut down"))
        }
    }

    @Test("an error body that is not Composio's shape keeps the status and says nothing more", arguments: [
        (502, "<html><body>Bad gateway</body></html>", ProviderError.Kind.retryable),
        (500, "", .retryable),
        (418, #"{"detail": "teapot"}"#, .permanent),
    ])
    func foreignErrorBody(status: Int, body: String, kind: ProviderError.Kind) async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.raw(status: status, body: body, headers: ["Content-Type": "text/html"]))
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listToolkitCategories()
            }
            #expect(error == ProviderError(kind, "Composio answered without an error message", statusCode: status))
        }
    }

    @Test("an error message is made one line and safe for a terminal, and cut when very long")
    func sanitizedMessage() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            await stub.script(.error(status: 400, message: "bad\n\u{1B}]0;pwned\u{07}input", slug: "Request_Bad"))
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listToolkits(cursor: nil)
            }
            #expect(error?.message == "bad\\n\\x1b]0;pwned\\x07input (Request_Bad) [request req_5b1c]")

            await stub.script(.error(status: 400, message: String(repeating: "x", count: 5000), slug: "Long"))
            let long = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listToolkits(cursor: nil)
            }
            #expect(long?.message.count == 300)
            #expect(long?.message.hasSuffix("…") == true)
        }
    }

    @Test("a redirect is not followed (the key stays with Composio) and is permanent")
    func redirect() async throws {
        try await ComposioHarness.run { (stub, client) async throws in
            let elsewhere = "http://127.0.0.1:9/steal"
            await stub.script(.raw(status: 307, body: "", headers: ["Location": elsewhere]))
            let error = await ComposioHarness.failure { () async throws(ProviderError) in
                try await client.listToolkits(cursor: nil)
            }
            #expect(error == ProviderError(
                .permanent, "Composio redirected the request, and redirects are not followed", statusCode: 307))
            #expect(await stub.requests.count == 1)
        }
    }
}
