import DeckComposio
import DeckCore
import Testing

@Suite("SimulatedProvider.execute")
struct SimulatedProviderExecutionTests {
    @Test("a success echoes the call with a deterministic log id")
    func success() async throws {
        let provider = SimulatedProvider(options: .reliable(seed: 11))
        let result = try await provider.execute(Fixture.execution(42, attempt: 2))
        #expect(result.logID == provider.draws.logID(envelopeID: 42, attempt: 2))
        #expect(result.data["tool"] == "GMAIL_SEND_EMAIL")
        #expect(result.data["toolkit"] == "gmail")
        #expect(result.data["version"] == "20251027_00")
        #expect(result.data["envelope_id"] == 42)
        #expect(result.data["attempt"] == 2)
        #expect(result.data["simulated"] == true)
        #expect(result.data["id"]?.stringValue?.hasPrefix("sim_") == true)
        let again = try await SimulatedProvider(options: .reliable(seed: 11)).execute(Fixture.execution(42, attempt: 2))
        #expect(again == result)
    }

    @Test("an envelope retried from the DLQ (its attempts start again) draws afresh; a fresh provider replays the first run")
    func retriedFromTheDLQDrawsAfresh() async throws {
        let options = try Fixture.options(seed: 7, failure: 0.5, rateLimit: 0, permanent: 0)
        func runs(_ provider: SimulatedProvider, _ id: Int64) async -> [Bool] {
            var outcomes: [Bool] = []
            for attempt in 1...3 { outcomes.append((try? (await Fixture.run(provider, Fixture.execution(id, attempt: attempt))).get()) != nil) }
            return outcomes
        }
        let provider = SimulatedProvider(options: options)
        var died = 0, revived = 0
        for id in Int64(1)...200 {
            let first = await runs(provider, id)
            #expect(first == first.indices.map { provider.draws.outcome(envelopeID: EnvelopeID(id), attempt: $0 + 1) == .success })
            guard !first.contains(true) else { continue }
            died += 1
            // Retried from the DLQ: attempts 1, 2, 3 again, no longer the same draws.
            if await runs(provider, id).contains(true) { revived += 1 }
            // Another process (a fresh provider) sees the first generation, as before.
            #expect(await runs(SimulatedProvider(options: options), id) == first)
        }
        #expect(died >= 10, "the seed kills enough envelopes to test (\(died))")
        #expect(revived >= died / 2, "\(revived) of \(died) succeeded on their DLQ retry")
    }

    @Test("an unpinned execution runs and says so")
    func unpinned() async throws {
        let result = try await SimulatedProvider().execute(Fixture.execution(1, version: nil))
        #expect(result.data["version"] == "unpinned")
    }

    @Test("a slug outside the catalog is a permanent 404; with an empty catalog and no script any slug runs")
    func unknownSlug() async throws {
        await #expect(throws: ProviderError(.permanent, "tool ACME_DO_SOMETHING not found", statusCode: 404)) {
            try await SimulatedProvider().execute(Fixture.execution(1, slug: "ACME_DO_SOMETHING"))
        }
        let open = SimulatedProvider(catalog: SimulatedCatalog(toolkits: [], tools: []))
        let result = try await open.execute(Fixture.execution(1, slug: "ACME_DO_SOMETHING"))
        #expect(result.data["tool"] == "ACME_DO_SOMETHING")
    }

    @Test("execute throws exactly the drawn error")
    func drawnErrors() async throws {
        let provider = SimulatedProvider(options: try Fixture.options(failure: 0.3, rateLimit: 0.3, permanent: 0.3))
        for id in Int64(1)...300 {
            let outcome = await Fixture.run(provider, Fixture.execution(id))
            switch provider.draws.outcome(envelopeID: EnvelopeID(id), attempt: 1) {
            case .success: #expect(throws: Never.self) { try outcome.get() }
            case .failure(let error): #expect(throws: error) { try outcome.get() }
            }
        }
    }

    @Test("concurrent calls in any order see the same outcomes as sequential ones")
    func concurrentDeterminism() async throws {
        let options = try Fixture.options(seed: 314, failure: 0.2, rateLimit: 0.1, permanent: 0.1)
        let calls = (Int64(1)...400).flatMap { id in (1...3).map { Fixture.execution(id, attempt: $0) } }
        let sequential = SimulatedProvider(options: options)
        var expected: [String: Result<ToolExecutionResult, ProviderError>] = [:]
        for call in calls { expected["\(call.envelopeID)/\(call.attempt)"] = await Fixture.run(sequential, call) }

        let concurrent = SimulatedProvider(options: options)
        var generator = SystemRandomNumberGenerator()
        let shuffled = calls.shuffled(using: &generator)
        let observed = await withTaskGroup(of: (String, Result<ToolExecutionResult, ProviderError>).self) { group in
            for call in shuffled {
                group.addTask { ("\(call.envelopeID)/\(call.attempt)", await Fixture.run(concurrent, call)) }
            }
            var results: [String: Result<ToolExecutionResult, ProviderError>] = [:]
            for await (key, result) in group { results[key] = result }
            return results
        }
        #expect(observed.count == expected.count)
        #expect(observed == expected)
    }

    @Test("a task cancelled before the call gets a retryable 'cancelled' error")
    func cancelledBefore() async {
        let provider = SimulatedProvider()
        let task = Task { () async -> Result<ToolExecutionResult, ProviderError> in
            while !Task.isCancelled { await Task.yield() }
            return await Fixture.run(provider, Fixture.execution(1))
        }
        task.cancel()
        await #expect(throws: ProviderError(.retryable, "cancelled")) { try await task.value.get() }
    }

    @Test("cancelling a call while it waits ends the wait with a retryable 'cancelled' error")
    func cancelledDuringLatency() async throws {
        let provider = SimulatedProvider(options: try Fixture.options(latency: 600_000, spread: 0))
        let task = Task { await Fixture.run(provider, Fixture.execution(1)) }
        task.cancel()
        let error = try await #require(throws: ProviderError.self) { try await task.value.get() }
        #expect(error.kind == .retryable)
        #expect(error.message == "cancelled")
    }
}
