import DeckCore
import DeckPostgres
import Foundation

/// `bench worker --db postgres://…`: the outbox drained on PostgreSQL by `opsdeck worker
/// --drain` processes — one, then several — and, in the same run, by the plain SQL loop of
/// the same claim / complete / audit work (`PlainClaimLoop`), so the figures read as ratios.
///
/// The data is made once: a fresh database (`opsdeck_bench_…`), migrated, the tenants, the
/// envelopes submitted through `PostgresStore` in chunks, then `VACUUM ANALYZE` (and, for
/// workers apart, one such database per count holding envelopes ÷ count). Every measurement
/// runs on its own copies of it (`CREATE DATABASE … TEMPLATE`), dropped after; the templates
/// are dropped at the end. Each drain is timed from the first child's spawn to
/// the last one's exit (process start, connections, every claim and outcome); afterwards
/// every envelope must have succeeded and the audit chain must be intact.
struct PostgresDrainBench {
    var server: PostgresBenchServer
    var envelopes: Int
    var tenants: Int
    var batch: Int
    var concurrency: Int
    var maxRunning: Int
    var workerCounts: [Int]
    var plainLoopCounts: [Int]
    /// Counts of worker processes that each drain a database of their own (`--workers-apart`),
    /// holding envelopes ÷ count: the same work as that many workers on one database, with
    /// nothing shared but the machine and the server — no rows, no tenant holds, no audit
    /// chain — so no design of the shared queue can beat their rate on this machine.
    var apartCounts: [Int] = []
    /// Each copy logs every statement with its duration (`log_min_duration_statement = 0`),
    /// for profiles: the server's log then says which statements the time went to.
    var logStatements = false
    /// Rounds of the measurements, each on fresh copies of the same data; with more than one,
    /// each ratio's median is printed last (`BenchCommand.Worker.medians`).
    var rounds = 1
    /// Where the children's output goes (read back when one fails).
    var workDirectory: URL
    var json: Bool

    /// One measured drain: `processes` worker processes, or `processes` plain loops.
    struct Measurement: Sendable {
        enum Kind: String, Sendable { case workers, workersApart = "workers_apart", plainLoop = "plain_loop" }
        var kind: Kind
        var processes: Int
        var seconds: Double
        var peakRunning: Int
        /// Envelopes drained in all: the data's count, times the copies for workers apart.
        var envelopes: Int

        /// The machine's CPU over the drain (every process on it), when `/proc/stat` says.
        var cpu: MachineCPU.Usage? = nil

        var rate: Double { Double(envelopes) / seconds }
        /// Busy CPU milliseconds per envelope, for the whole machine.
        var cpuMillisecondsPerEnvelope: Double? { cpu.map { $0.cpuSeconds * 1000 / Double(envelopes) } }
    }

    func run() async throws {
        let template = try await server.createDatabase()
        /// Workers apart: per count, a template of their own holding envelopes ÷ count, so
        /// together they drain as many envelopes as the workers that share one database.
        var apartTemplates: [Int: (name: String, rows: Int)] = [:]
        func makeCopy(of source: String) async throws -> String {
            let copy = try await server.createDatabase(copying: source)
            if logStatements {
                try await server.execute("ALTER DATABASE \"\(copy)\" SET log_min_duration_statement = 0", in: copy)
                if !json { print("logging every statement of \(copy) in the server's log") }
            }
            return copy
        }
        var copies: [String] = []
        do {
            let started = ContinuousClock.now
            let baseRows = try await fill(template, envelopes: envelopes)
            for count in apartCounts {
                let name = try await server.createDatabase()
                apartTemplates[count] = (name, 0)   // known before it is filled, so a failure drops it
                apartTemplates[count]?.rows = try await fill(name, envelopes: envelopes / count)
            }
            let fillSeconds = (ContinuousClock.now - started).milliseconds / 1000
            if !json {
                print(String(
                    format: "PostgreSQL %@: %d envelopes over %d tenants (caps %d), batch %d, concurrency %d; data made in %.1f s, copied for each run",
                    server.adminURL.description, envelopes, tenants, maxRunning, batch, concurrency, fillSeconds))
            }
            var roundRatios: [[String: Double]] = []
            var documents: [JSONValue] = []
            var names: [String] = []
            for round in 1...rounds {
                if rounds > 1, !json { print("round \(round) of \(rounds):") }
                var measurements: [Measurement] = []
                /// One measurement on `count` copies of its own, dropped after.
                func onCopies(
                    _ count: Int = 1, of source: String = template, _ measure: ([String]) async throws -> Measurement
                ) async throws {
                    var made: [String] = []
                    for _ in 0..<count {
                        let copy = try await makeCopy(of: source)
                        copies.append(copy)
                        made.append(copy)
                    }
                    let measurement = try await measure(made)
                    measurements.append(measurement)
                    if !json { print(Self.describe(measurement)) }
                    for copy in made {
                        try await server.dropDatabase(copy)
                        copies.removeAll { $0 == copy }
                    }
                }
                for step in Self.order(workers: workerCounts, plainLoops: plainLoopCounts, apart: apartCounts) {
                    let expected = baseRows + 2 * envelopes
                    switch step.kind {
                    case .workers:
                        try await onCopies {
                            try await measureWorkers(step.processes, databases: $0, envelopesEach: envelopes, expectedRows: expected)
                        }
                    case .workersApart:
                        let source = apartTemplates[step.processes]!
                        try await onCopies(step.processes, of: source.name) {
                            try await measureWorkers(
                                step.processes, databases: $0, envelopesEach: envelopes / step.processes,
                                expectedRows: source.rows + 2 * (envelopes / step.processes))
                        }
                    case .plainLoop:
                        try await onCopies { try await measurePlainLoop(step.processes, database: $0[0], expectedRows: expected) }
                    }
                }
                let ratios = Self.ratios(measurements)
                names = ratios.map(\.name)
                roundRatios.append(Dictionary(uniqueKeysWithValues: ratios.map { ($0.name, $0.value) }))
                if json {
                    documents.append(JSONValue.object([
                        "benchmark": "worker drain (PostgreSQL)", "server": .string(server.adminURL.description),
                        "envelopes": .integer(Int64(envelopes)), "tenants": .integer(Int64(tenants)),
                        "max_running": .integer(Int64(maxRunning)), "batch": .integer(Int64(batch)),
                        "concurrency": .integer(Int64(concurrency)), "fill_seconds": .number(fillSeconds),
                        "runs": .array(measurements.map(Self.json)),
                        "ratios": .object(Dictionary(uniqueKeysWithValues: ratios.map { ($0.name, .number(($0.value * 100).rounded() / 100)) })),
                    ]))
                } else {
                    for ratio in ratios { print(String(format: "%@: %.2f", ratio.name, ratio.value)) }
                }
            }
            try await server.dropDatabase(template)
            for (name, _) in apartTemplates.values { try await server.dropDatabase(name) }
            BenchCommand.Worker.printRounds(
                roundRatios, documents: documents, benchmark: "worker drain (PostgreSQL)", names: names, json: json)
        } catch {
            for database in copies + [template] + apartTemplates.values.map(\.name) { try? await server.dropDatabase(database) }
            throw error
        }
    }

    // MARK: - The data

    /// Migrates `database`, adds the tenants and submits `envelopes`; returns the audit rows it
    /// then holds (one per tenant and per envelope).
    func fill(_ database: String, envelopes: Int) async throws -> Int {
        let url = server.url(of: database)
        let pool = PostgresPool(url, password: server.password)
        do {
            _ = try await PostgresMigrator.shipped.migrate(pool)
            pool.close()
        } catch {
            pool.close()
            throw BenchFailure("migrating \(url): \(PostgresErrorText.describe(error))")
        }
        let store = try await PostgresStore.open(url, password: server.password)
        do {
            let ids = try await store.addTenants(
                (0..<tenants).map { try TenantDraft(name: "tenant-\($0)", maxRunning: maxRunning) }, actor: "bench"
            ).map(\.id)
            var start = 0
            while start < envelopes {
                let end = min(envelopes, start + 5_000)
                let drafts = try (start..<end).map { try BenchCommand.Worker.draft($0, tenantIDs: ids) }
                _ = try await store.submit(drafts, in: .allTenants, actor: "bench")
                start = end
            }
            guard case .intact(let rows, _) = try await store.verifyAuditChain() else {
                throw BenchFailure("\(url): the audit chain is broken after submission")
            }
            store.close()
            try await server.execute("VACUUM ANALYZE", in: database)
            return rows
        } catch {
            store.close()
            throw error
        }
    }

    // MARK: - Measurements

    /// `count` `opsdeck worker --drain` processes, timed from the first spawn to the last exit:
    /// all on one database, or (`databases` holding `count` copies) each on a copy of its own;
    /// each database holds `envelopesEach`.
    func measureWorkers(_ count: Int, databases: [String], envelopesEach: Int, expectedRows: Int) async throws -> Measurement {
        let apart = databases.count > 1
        precondition(!apart || databases.count == count, "one copy per worker apart")
        let urls = databases.map(server.url(of:))
        let binary = Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
        func arguments(_ url: PostgresURL) -> [String] {
            [
                binary, "worker", "--drain", "--db", PostgresBenchServer.childURLText(url),
                "--batch", String(batch), "--concurrency", String(concurrency), "--log-level", "warning",
                // Whatever a configuration file says: the zero-latency simulator that always succeeds.
                "--provider", "simulated", "--sim-latency-ms", "0", "--sim-failure-rate", "0", "--sim-429-rate", "0",
                "--sim-permanent-rate", "0",
            ]
        }
        let environment = server.password.map { ["PGPASSWORD": $0] } ?? [:]
        let name = apart ? "apart" : "worker"
        let logs = (1...count).map { workDirectory.appendingPathComponent("\(name)-\(count)-\($0).log").path }
        // The peak of envelopes running at once, in the (first) database.
        let sampler = PostgresPool(urls[0], password: server.password)
        let peak = PostgresPeakSampler(pool: sampler)
        let sampling = Task { await peak.run() }
        let cpuBefore = MachineCPU()
        let started = ContinuousClock.now
        var pids: [pid_t] = []
        do {
            for (index, log) in logs.enumerated() {
                pids.append(try ChildProcess.start(arguments(urls[index % urls.count]), environment: environment, outputPath: log))
            }
        } catch {
            for pid in pids { kill(pid, SIGTERM) }
            _ = await Self.waitAll(pids)
            sampling.cancel()
            sampler.close()
            throw error
        }
        let (statuses, ended) = await Self.waitAll(pids)
        let seconds = (ended - started).milliseconds / 1000
        let cpu = cpuBefore.flatMap { MachineCPU()?.since($0) }
        sampling.cancel()
        await sampling.value
        sampler.close()
        for (index, status) in statuses.enumerated() where status != 0 {
            let output = (try? String(contentsOfFile: logs[index], encoding: .utf8)) ?? ""
            let last = output.split(separator: "\n").last.map(String.init) ?? "no output"
            throw BenchFailure("\(count) workers: worker \(index + 1) exited with status \(status): \(TerminalText.sanitize(last))")
        }
        for log in logs { try? FileManager.default.removeItem(atPath: log) }
        for url in urls {
            try await check(
                url, envelopes: envelopesEach, expectedRows: expectedRows,
                what: apart ? "\(count) worker processes apart" : "\(count) worker processes")
        }
        return Measurement(
            kind: apart ? .workersApart : .workers, processes: count, seconds: seconds, peakRunning: await peak.peak,
            envelopes: envelopesEach * urls.count, cpu: cpu)
    }

    /// `count` plain loops on `database`, timed from their first connection to their last commit.
    func measurePlainLoop(_ count: Int, database: String, expectedRows: Int) async throws -> Measurement {
        let url = server.url(of: database)
        let sampler = PostgresPool(url, password: server.password)
        let peak = PostgresPeakSampler(pool: sampler)
        let sampling = Task { await peak.run() }
        let loop = PlainClaimLoop(server: server, database: database, batch: batch)
        let cpuBefore = MachineCPU()
        let started = ContinuousClock.now
        let finished: Int
        do {
            finished = try await loop.run(loops: count)
        } catch {
            sampling.cancel()
            sampler.close()
            throw error
        }
        let seconds = (ContinuousClock.now - started).milliseconds / 1000
        let cpu = cpuBefore.flatMap { MachineCPU()?.since($0) }
        sampling.cancel()
        await sampling.value
        sampler.close()
        guard finished == envelopes else {
            throw BenchFailure("\(count) plain loops finished \(finished) envelopes of \(envelopes)")
        }
        try await check(url, envelopes: envelopes, expectedRows: expectedRows, what: "\(count) plain loops")
        return Measurement(
            kind: .plainLoop, processes: count, seconds: seconds, peakRunning: await peak.peak, envelopes: envelopes, cpu: cpu)
    }

    /// Every envelope succeeded and the audit chain is intact, one row per tenant, per
    /// submission, per claim and per outcome.
    func check(_ url: PostgresURL, envelopes: Int, expectedRows: Int, what: String) async throws {
        let store = try await PostgresStore.open(url, password: server.password)
        defer { store.close() }
        let counts = try await store.statusCounts(in: .allTenants)
        let verdict = try await store.verifyAuditChain()
        guard counts == [.succeeded: envelopes], case .intact(let rows, _) = verdict, rows == expectedRows else {
            throw BenchFailure("\(what): left \(counts) with audit \(verdict); expected \(envelopes) succeeded and \(expectedRows) intact rows")
        }
    }

    /// Waits for every child on a thread of its own (waitpid blocks); their statuses and
    /// when the last one ended.
    static func waitAll(_ pids: [pid_t]) async -> ([Int32], ContinuousClock.Instant) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let statuses = pids.map(ChildProcess.wait)
                continuation.resume(returning: (statuses, ContinuousClock.now))
            }
        }
    }

    // MARK: - Output

    /// The order of a round's measurements: one worker, then one plain loop right after it
    /// (their ratio compares two drains a minute apart, not several), then the other worker
    /// counts, each followed by as many workers apart when asked, then the other plain-loop
    /// counts, then workers apart of counts not measured shared.
    static func order(workers: [Int], plainLoops: [Int], apart: [Int] = []) -> [(kind: Measurement.Kind, processes: Int)] {
        var steps: [(kind: Measurement.Kind, processes: Int)] = []
        if workers.contains(1) { steps.append((.workers, 1)) }
        if plainLoops.contains(1) { steps.append((.plainLoop, 1)) }
        for count in workers where count != 1 {
            steps.append((.workers, count))
            if apart.contains(count) { steps.append((.workersApart, count)) }
        }
        steps += plainLoops.filter { $0 != 1 }.map { (.plainLoop, $0) }
        steps += apart.filter { !workers.contains($0) }.map { (.workersApart, $0) }
        return steps
    }

    /// The ratios the targets are stated in: one worker against one plain loop, and each
    /// larger count of workers (or loops) against one.
    static func ratios(_ measurements: [Measurement]) -> [(name: String, value: Double)] {
        func rate(_ kind: Measurement.Kind, _ count: Int) -> Double? {
            measurements.first { $0.kind == kind && $0.processes == count }?.rate
        }
        var ratios: [(name: String, value: Double)] = []
        if let worker = rate(.workers, 1), let plain = rate(.plainLoop, 1) {
            ratios.append(("1 worker / plain loop", worker / plain))
        }
        if let one = rate(.workers, 1) {
            for count in Set(measurements.filter { $0.kind == .workers && $0.processes > 1 }.map(\.processes)).sorted() {
                ratios.append(("\(count) workers / 1 worker", rate(.workers, count)! / one))
            }
            for count in Set(measurements.filter { $0.kind == .workersApart }.map(\.processes)).sorted() {
                ratios.append(("\(count) workers apart / 1 worker", rate(.workersApart, count)! / one))
            }
        }
        if let one = rate(.plainLoop, 1) {
            for count in Set(measurements.filter { $0.kind == .plainLoop && $0.processes > 1 }.map(\.processes)).sorted() {
                ratios.append(("\(count) plain loops / 1 plain loop", rate(.plainLoop, count)! / one))
            }
        }
        return ratios
    }

    static func describe(_ measurement: Measurement) -> String {
        let what = switch measurement.kind {
        case .workers: measurement.processes == 1 ? "1 worker process" : "\(measurement.processes) worker processes"
        case .workersApart:
            "\(measurement.processes) worker processes apart, each on a database of its own with \(measurement.envelopes / measurement.processes) envelopes"
        case .plainLoop: measurement.processes == 1 ? "plain SQL loop, 1 connection" : "plain SQL loop, \(measurement.processes) connections"
        }
        var text = String(
            format: "%@: %.0f envelopes/s (%.2f s), peak running %d%@; all succeeded, audit chain%@ intact",
            what, measurement.rate, measurement.seconds, measurement.peakRunning,
            measurement.kind == .workersApart ? " in the first database" : "",
            measurement.kind == .workersApart ? "s" : "")
        if let cpu = measurement.cpu, let perEnvelope = measurement.cpuMillisecondsPerEnvelope {
            text += String(
                format: "; machine %.0f %% busy, %.2f CPU-ms per envelope", cpu.busyShare * 100, perEnvelope)
        }
        return text
    }

    static func json(_ measurement: Measurement) -> JSONValue {
        [
            "kind": .string(measurement.kind.rawValue), "processes": .integer(Int64(measurement.processes)),
            "envelopes": .integer(Int64(measurement.envelopes)), "seconds": .number(measurement.seconds),
            "envelopes_per_second": .number(measurement.rate.rounded()),
            "peak_running": .integer(Int64(measurement.peakRunning)),
            "machine_busy_share": measurement.cpu.map { .number(($0.busyShare * 1000).rounded() / 1000) } ?? .null,
            "cpu_ms_per_envelope": measurement.cpuMillisecondsPerEnvelope.map { .number(($0 * 1000).rounded() / 1000) } ?? .null,
        ]
    }
}
