import DeckComposio
import DeckCore
import Foundation
import Testing

@Suite("Simulator ledger")
struct SimulatorLedgerTests {
    @Test("a success appends one line, present as soon as execute returns, in a file created if missing")
    func oneLine() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("ledger.tsv")
        let clock = ManualClock(Fixture.now)
        let provider = SimulatedProvider(options: try Fixture.options(ledger: path), clock: clock)
        #expect(try ledgerLines(path).isEmpty)

        _ = try await provider.execute(Fixture.execution(17, attempt: 3, key: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"))
        #expect(try ledgerLines(path) == ["17\t0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\t3\t2026-09-21T14:13:20.123Z"])

        clock.advance(milliseconds: 1_000)
        _ = try await provider.execute(Fixture.execution(18))
        #expect(try ledgerLines(path).last == "18\tkey-18\t1\t2026-09-21T14:13:21.123Z")
    }

    @Test("failures perform nothing and leave no line")
    func failuresUnrecorded() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("ledger.tsv")
        for options in [
            try Fixture.options(failure: 1, ledger: path), try Fixture.options(rateLimit: 1, ledger: path),
            try Fixture.options(permanent: 1, ledger: path),
        ] {
            let provider = SimulatedProvider(options: options)
            for id in Int64(1)...50 { _ = await Fixture.run(provider, Fixture.execution(id)) }
        }
        #expect(try ledgerLines(path).isEmpty)
    }

    @Test("exactly one line per successful execution, none per failure")
    func linesMatchSuccesses() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("ledger.tsv")
        let provider = SimulatedProvider(options: try Fixture.options(failure: 0.2, rateLimit: 0.1, permanent: 0.1, ledger: path))
        var succeeded: [String] = []
        for id in Int64(1)...300 {
            for attempt in 1...3 {
                if case .success = await Fixture.run(provider, Fixture.execution(id, attempt: attempt)) {
                    succeeded.append("\(id)\tkey-\(id)\t\(attempt)")
                }
            }
        }
        let recorded = try ledgerLines(path).map { $0.split(separator: "\t").prefix(3).joined(separator: "\t") }
        #expect(recorded == succeeded)
        #expect(succeeded.count > 300)
    }

    @Test("concurrent executions from many tasks and two providers append whole lines")
    func concurrentLines() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("ledger.tsv")
        // Two providers hold two descriptors on one file, as two processes would.
        let providers = [
            SimulatedProvider(options: try Fixture.options(ledger: path)),
            SimulatedProvider(options: try Fixture.options(ledger: path)),
        ]
        let key = String(repeating: "k", count: 120)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<64 {
                group.addTask {
                    for index in 0..<50 {
                        let id = Int64(worker * 50 + index + 1)
                        _ = await Fixture.run(providers[worker % 2], Fixture.execution(id, key: "\(key)-\(id)"))
                    }
                }
            }
        }
        let lines = try ledgerLines(path)
        #expect(lines.count == 64 * 50)
        var ids: Set<Int64> = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 4)
            guard fields.count == 4, let id = Int64(fields[0]) else { continue }
            #expect(fields[1] == "\(key)-\(id)")
            #expect(fields[2] == "1")
            #expect(fields[3].count == 24 && fields[3].hasSuffix("Z"))
            ids.insert(id)
        }
        #expect(ids == Set(1...Int64(64 * 50)))
    }

    @Test("an existing ledger is appended to, never truncated")
    func appends() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("ledger.tsv")
        try "1\told\t1\t2026-01-01T00:00:00.000Z\n".write(toFile: path, atomically: false, encoding: .utf8)
        _ = try await SimulatedProvider(options: try Fixture.options(ledger: path)).execute(Fixture.execution(2))
        let lines = try ledgerLines(path)
        #expect(lines.count == 2)
        #expect(lines.first == "1\told\t1\t2026-01-01T00:00:00.000Z")
    }

    @Test("the same envelope succeeding twice is two lines: the simulator does not deduplicate")
    func noDeduplication() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("ledger.tsv")
        let provider = SimulatedProvider(options: try Fixture.options(ledger: path))
        _ = try await provider.execute(Fixture.execution(5))
        _ = try await provider.execute(Fixture.execution(5))
        #expect(try ledgerLines(path).filter { $0.hasPrefix("5\tkey-5\t1\t") }.count == 2)
    }

    @Test("control characters in a key cannot break a line's four fields")
    func sanitizedKey() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("ledger.tsv")
        let provider = SimulatedProvider(options: try Fixture.options(ledger: path), clock: ManualClock(Fixture.now))
        _ = try await provider.execute(Fixture.execution(9, key: "a\tb\nc"))
        #expect(try ledgerLines(path) == ["9\ta?b?c\t1\t2026-09-21T14:13:20.123Z"])
    }

    @Test("a ledger that cannot be opened is reported at startup and refuses executions")
    func unopenable() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("missing/ledger.tsv")
        let provider = SimulatedProvider(options: try Fixture.options(ledger: path))
        #expect(throws: InvalidInput("cannot open the simulator ledger \(path): No such file or directory")) {
            try provider.openLedger()
        }
        let error = try await #require(throws: ProviderError.self) { try await provider.execute(Fixture.execution(1)) }
        #expect(error.kind == .permanent)
        #expect(error.message.contains("No such file or directory"))
    }

    @Test("openLedger creates the file up front; without a ledger it does nothing")
    func openUpFront() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.path("ledger.tsv")
        try SimulatedProvider(options: try Fixture.options(ledger: path)).openLedger()
        #expect(FileManager.default.fileExists(atPath: path))
        try SimulatedProvider().openLedger()
    }
}
