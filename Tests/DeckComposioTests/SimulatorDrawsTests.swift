import DeckComposio
import DeckCore
import Testing

@Suite("SimulatorDraws")
struct SimulatorDrawsTests {
    /// Every (envelope, attempt) of a grid, in row order.
    static let grid: [(Int64, Int)] = (1...2_000).flatMap { id in (1...3).map { (Int64(id), $0) } }

    @Test("the same seed draws the same outcomes, latencies and log ids")
    func sameSeed() throws {
        let options = try Fixture.options(seed: 99, failure: 0.2, rateLimit: 0.2, permanent: 0.2, latency: 50)
        let first = SimulatorDraws(options: options)
        let second = SimulatorDraws(options: options)
        // The second pass walks the grid backwards: order plays no part.
        let forward = Self.grid.map { first.outcome(envelopeID: EnvelopeID($0.0), attempt: $0.1) }
        let backward = Self.grid.reversed().map { second.outcome(envelopeID: EnvelopeID($0.0), attempt: $0.1) }
        #expect(forward == Array(backward.reversed()))
        for (id, attempt) in Self.grid.prefix(500) {
            #expect(
                first.latencyMilliseconds(envelopeID: EnvelopeID(id), attempt: attempt)
                    == second.latencyMilliseconds(envelopeID: EnvelopeID(id), attempt: attempt))
            #expect(first.logID(envelopeID: EnvelopeID(id), attempt: attempt) == second.logID(envelopeID: EnvelopeID(id), attempt: attempt))
        }
    }

    @Test("another seed draws other outcomes and latencies")
    func otherSeed() throws {
        let one = SimulatorDraws(options: try Fixture.options(seed: 1, failure: 0.25, rateLimit: 0.25, permanent: 0.25, latency: 50))
        let two = SimulatorDraws(options: try Fixture.options(seed: 2, failure: 0.25, rateLimit: 0.25, permanent: 0.25, latency: 50))
        let differing = Self.grid.filter { id, attempt in
            one.outcome(envelopeID: EnvelopeID(id), attempt: attempt) != two.outcome(envelopeID: EnvelopeID(id), attempt: attempt)
        }
        // Independent draws over four kinds differ about three times in four.
        #expect(differing.count > Self.grid.count / 2)
        let sameLatency = Self.grid.filter { id, attempt in
            one.latencyMilliseconds(envelopeID: EnvelopeID(id), attempt: attempt)
                == two.latencyMilliseconds(envelopeID: EnvelopeID(id), attempt: attempt)
        }
        #expect(sameLatency.isEmpty)
    }

    @Test("each attempt draws afresh, so retries can succeed")
    func attemptsDiffer() throws {
        let draws = SimulatorDraws(options: try Fixture.options(failure: 0.5))
        let firstAttempts = (1...1_000).map { draws.outcome(envelopeID: EnvelopeID($0), attempt: 1).errorKind }
        let secondAttempts = (1...1_000).map { draws.outcome(envelopeID: EnvelopeID($0), attempt: 2).errorKind }
        #expect(firstAttempts != secondAttempts)
        #expect(draws.logID(envelopeID: 1, attempt: 1) != draws.logID(envelopeID: 1, attempt: 2))
    }

    @Test("observed rates over 20,000 draws match the configured ones")
    func observedRates() throws {
        let draws = SimulatorDraws(options: try Fixture.options(seed: 2026, failure: 0.1, rateLimit: 0.05, permanent: 0.15))
        var counts: [ProviderError.Kind?: Int] = [:]
        var retryAfters: Set<Double> = []
        var retryableStatuses: Set<Int> = []
        var permanentStatuses: Set<Int?> = []
        let total = 20_000
        for id in 1...total {
            let outcome = draws.outcome(envelopeID: EnvelopeID(Int64(id)), attempt: 1)
            counts[outcome.errorKind, default: 0] += 1
            guard case .failure(let error) = outcome else { continue }
            switch error.kind {
            case .retryable:
                #expect(error.retryAfter == nil)
                retryableStatuses.insert(error.statusCode ?? 0)
            case .rateLimited:
                #expect(error.statusCode == 429)
                retryAfters.insert(error.retryAfter ?? 0)
            case .permanent:
                #expect(error.retryAfter == nil)
                permanentStatuses.insert(error.statusCode)
            }
        }
        func share(_ kind: ProviderError.Kind?) -> Double { Double(counts[kind, default: 0]) / Double(total) }
        #expect(abs(share(.retryable) - 0.10) < 0.01)
        #expect(abs(share(.rateLimited) - 0.05) < 0.01)
        #expect(abs(share(.permanent) - 0.15) < 0.01)
        #expect(abs(share(nil) - 0.70) < 0.015)
        #expect(retryAfters == [1, 2, 3, 4, 5])
        #expect(retryableStatuses == [500, 502, 503, 504])
        #expect(permanentStatuses == [400, 403, 404, 422, nil])
    }

    @Test("zero rates always succeed")
    func alwaysSucceeds() {
        let draws = SimulatorDraws(options: .reliable(seed: 5))
        #expect(Self.grid.allSatisfy { draws.outcome(envelopeID: EnvelopeID($0.0), attempt: $0.1) == .success })
    }

    @Test("a rate of 1 always fails with that kind", arguments: ProviderError.Kind.allCases)
    func alwaysFails(kind: ProviderError.Kind) throws {
        let options = try Fixture.options(
            failure: kind == .retryable ? 1 : 0, rateLimit: kind == .rateLimited ? 1 : 0,
            permanent: kind == .permanent ? 1 : 0)
        let draws = SimulatorDraws(options: options)
        for (id, attempt) in Self.grid {
            guard case .failure(let error) = draws.outcome(envelopeID: EnvelopeID(id), attempt: attempt) else {
                Issue.record("envelope \(id) attempt \(attempt) succeeded")
                return
            }
            #expect(error.kind == kind)
            switch kind {
            case .retryable:
                #expect((500..<600).contains(error.statusCode ?? 0))
                #expect(error.retryAfter == nil)
            case .rateLimited:
                #expect(error.statusCode == 429)
                #expect((1...5).contains(error.retryAfter ?? 0))
            case .permanent:
                #expect(error.statusCode.map { (400..<500).contains($0) } ?? true)
                #expect(error.retryAfter == nil)
            }
        }
    }

    @Test("a zero median draws no latency at all")
    func zeroLatency() {
        let draws = SimulatorDraws(options: .reliable())
        #expect(Self.grid.allSatisfy { draws.latencyMilliseconds(envelopeID: EnvelopeID($0.0), attempt: $0.1) == 0 })
    }

    @Test("latencies spread log-normally around the configured median")
    func latencyMedian() throws {
        let draws = SimulatorDraws(options: try Fixture.options(latency: 100, spread: 0.5))
        let samples = (1...20_000).map { draws.latencyMilliseconds(envelopeID: EnvelopeID(Int64($0)), attempt: 1) }.sorted()
        let median = samples[samples.count / 2]
        #expect((95...105).contains(median))
        #expect(samples.allSatisfy { $0 > 0 && $0 <= 100 * 7.39 })
        // σ = 0.5: the 84th percentile sits near median × e^0.5 ≈ 165 ms.
        let upper = samples[Int(Double(samples.count) * 0.8413)]
        #expect((150...180).contains(upper))
    }

    @Test("without spread every latency is the median")
    func noSpread() throws {
        let draws = SimulatorDraws(options: try Fixture.options(latency: 40, spread: 0))
        #expect((1...100).allSatisfy { draws.latencyMilliseconds(envelopeID: EnvelopeID(Int64($0)), attempt: 1) == 40 })
    }

    @Test("log ids are log_ and 16 hex digits")
    func logIDs() {
        let draws = SimulatorDraws(options: .reliable())
        let ids = (1...1_000).map { draws.logID(envelopeID: EnvelopeID(Int64($0)), attempt: 1) }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.hasPrefix("log_"))
            #expect(id.count == 20)
            #expect(id.dropFirst(4).allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
    }
}
