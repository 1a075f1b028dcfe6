import ArgumentParser
import DeckComposio
import DeckCore
import DeckEngine
import DeckPostgres
import DeckStore
import Foundation
import Logging
import Metrics

extension BenchCommand {
    /// Times the worker draining a large outbox — with a zero-latency provider (the write
    /// path) or a slow one (concurrency) — beside the reference loops of
    /// `../shared/bench/peers.sh` measured in the same run, and enqueue-to-start latency on
    /// an idle worker.
    struct Worker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker",
            abstract: "Drain N envelopes over M tenants through the simulator; print the reference loops beside.",
            discussion: """
                For each tenant count and batch size: a fresh SQLite file, the tenants (imported in one \
                transaction, caps --max-running), N pending envelopes; then an in-process worker drains them \
                through the simulated provider (median latency --latency-ms, log-normal) with --concurrency \
                executions at once, timed from start to exit; every envelope must have succeeded and the \
                audit chain must be intact. With latency, the rate is held against its bound, concurrency \
                ÷ mean latency (the mean the provider really took), and the peak of envelopes running at \
                once in the database is reported. An idle worker is then timed from enqueue to start over \
                single submissions. Finally the reference loops of peers.sh run on the same machine (a raw \
                C loop on a lean schema, the same loop on OpsDeck's own schema, and huey's SQLite \
                consumer), so the figures can be read as ratios.

                With --db postgres://ADMIN@HOST:PORT/DATABASE (an administrator's URL): the drain on \
                PostgreSQL instead. The data is made once in a new database opsdeck_bench_… (migrated, the \
                tenants, the envelopes submitted through the store) and copied for each run; for each count \
                of --workers, that many `opsdeck worker --drain` processes drain a copy, timed from the first \
                spawn to the last exit; then --plain-loops plain SQL loops of the same claim / complete / \
                audit work drain another copy. Every envelope must have succeeded and the audit chain must be \
                intact; the ratios are one worker against one plain loop and more workers against one. With \
                --workers-apart, that many workers also drain a database each (envelopes ÷ count in each), \
                so nothing is shared but the machine and the server: the ceiling of any shared queue on \
                this machine. The \
                databases are dropped at the end. The idle latency and the reference loops of peers.sh are \
                SQLite's and are skipped.
                """
        )

        @Option(help: "Envelopes to drain per run.") var envelopes = 100_000
        @Option(help: "Tenant counts to measure, comma-separated (e.g. 50,5000).") var tenants = "50"
        @Option(help: "Batch sizes to measure, comma-separated.") var batches = "32"
        @Option(help: "Median simulated provider latency, in milliseconds (0: none).") var latencyMs = 0.0
        @Option(help: "Executions at once (default: four times the batch without latency, so three batches execute while one is written; 512 with latency).") var concurrency: Int?
        @Option(help: "Every tenant's cap of running envelopes.") var maxRunning = 10_000
        @Option(help: "Single submissions timed on the idle worker (0: skip).") var idleSamples = 200
        @Option(help: ArgumentHelp(
            "The reference loops' script (default: $OPSDECK_PEERS, else ../shared/bench/peers.sh when it exists).",
            valueName: "path"))
        var peers: String?
        @Flag(help: "Do not run the reference loops.") var noPeers = false
        @Option(help: "Rounds of drains and reference loops; with more than one, the median of each ratio is printed last (the machine's speed moves between one drain and the next).")
        var rounds = 1
        @Option(help: "Working directory (default: a new temporary directory, removed afterwards).") var dir: String?
        @Flag(help: "Print the results as JSON.") var json = false
        /// `--db` (the root command takes its value; see `BenchDatabaseOption`).
        @OptionGroup var global: BenchDatabaseOption
        @Option(help: "With --db: worker process counts to measure, comma-separated (default 1,4).") var workers: String?
        @Option(help: "With --db: plain SQL loops run at once, comma-separated counts (default 1).") var plainLoops: String?
        @Option(help: "With --db: worker process counts that also drain apart, each a database of its own with envelopes ÷ count (nothing shared but the machine), comma-separated (2 to 16; default none).")
        var workersApart: String?
        @Flag(help: ArgumentHelp(
            "With --db: log every statement of the measured runs with its duration in the server's log (needs a superuser).",
            visibility: .hidden))
        var logStatements = false

        /// One measured drain.
        struct Run {
            var tenants: Int
            var batch: Int
            var concurrency: Int
            var seconds: Double
            var rate: Double
            var meanLatencySeconds: Double
            var peakRunning: Int

            /// `concurrency ÷ mean latency`, nil without latency.
            var bound: Double? { meanLatencySeconds > 0 ? Double(concurrency) / meanLatencySeconds : nil }
        }

        func run() async throws {
            if let db = global.value {
                try await runPostgres(db)
                return
            }
            guard workers == nil, plainLoops == nil, workersApart == nil, !logStatements else {
                throw InvalidInput("--workers, --plain-loops, --workers-apart and --log-statements apply to --db postgres://… only")
            }
            let tenantCounts = try Self.list(tenants, name: "--tenants", range: 1...100_000)
            let sizes = try Self.list(batches, name: "--batches", range: 1...10_000)
            guard envelopes > 0 else { throw InvalidInput("--envelopes must be positive") }
            guard latencyMs.isFinite, (0...60_000).contains(latencyMs) else {
                throw InvalidInput("--latency-ms must be 0 to 60000")
            }
            if let concurrency, !(1...10_000).contains(concurrency) { throw InvalidInput("--concurrency must be 1 to 10000") }
            guard (1...10_000).contains(maxRunning) else { throw InvalidInput("--max-running must be 1 to 10000") }
            guard (1...100).contains(rounds) else { throw InvalidInput("--rounds must be 1 to 100") }
            let script = noPeers ? nil : try peersScript()
            let fileManager = FileManager.default
            let work = dir.map { URL(fileURLWithPath: $0) }
                ?? fileManager.temporaryDirectory.appendingPathComponent("opsdeck-bench-worker-\(UUID().uuidString)")
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
            defer { if dir == nil { try? fileManager.removeItem(at: work) } }
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            let registry = TelemetryRegistry()
            MetricsSystem.bootstrap(registry)

            // First, so the worker's enqueue-to-start timer holds only these submissions.
            let idle = idleSamples > 0
                ? try await Self.idleLatency(path: work.appendingPathComponent("idle.sqlite").path, samples: idleSamples, registry: registry)
                : nil
            var roundRatios: [[String: Double]] = []
            var roundDocuments: [JSONValue] = []
            for round in 1...rounds {
                if rounds > 1, !json { print("round \(round) of \(rounds):") }
                var runs: [Run] = []
                for tenantCount in tenantCounts {
                    for size in sizes {
                        let path = work.appendingPathComponent("worker-\(tenantCount)-\(size).sqlite").path
                        let run = try await measure(path: path, tenants: tenantCount, batch: size, registry: registry)
                        runs.append(run)
                        if !json { print(Self.describe(run, latency: latencyMs)) }
                        for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: path + suffix) }
                    }
                }
                if let idle, !json, round == 1 {
                    print(String(format: "idle worker, enqueue to start over %d single submissions: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms",
                                 idle.count, idle.p50 * 1000, idle.p90 * 1000, idle.p99 * 1000))
                }
                var references = PeerReferences()
                if let script {
                    if !json { print("reference loops (\(script), N \(envelopes), batch \(sizes[0])):") }
                    references = try Self.runPeers(script: script, envelopes: envelopes, batch: sizes[0], echo: !json)
                }
                let ratios = Self.ratios(runs, references: references)
                roundRatios.append(ratios)
                if json {
                    roundDocuments.append(JSONValue.object([
                        "benchmark": "worker drain", "envelopes": .integer(Int64(envelopes)), "latency_ms": .number(latencyMs),
                        "max_running": .integer(Int64(maxRunning)),
                        "runs": .array(runs.map(Self.json)),
                        "idle_enqueue_to_start_seconds": idle.map {
                            ["p50": .number($0.p50), "p90": .number($0.p90), "p99": .number($0.p99), "samples": .integer(Int64($0.count))]
                        } ?? .null,
                        "references_per_second": .object(references.rates.mapValues { .number($0.rounded()) }),
                        "ratios": .object(ratios.mapValues { .number(($0 * 100).rounded() / 100) }),
                    ]))
                } else {
                    for (name, value) in ratios.sorted(by: { $0.key < $1.key }) {
                        print(String(format: "%@: %.2f", name, value))
                    }
                }
            }
            printResults(roundRatios, documents: roundDocuments)
        }

        /// The PostgreSQL drain (`PostgresDrainBench`): worker processes and the plain SQL loop.
        func runPostgres(_ text: String) async throws {
            let url: PostgresURL
            do {
                url = try PostgresURL(parsing: text)
            } catch {
                throw InvalidInput("--db: \(error.message) (the PostgreSQL benchmark takes an administrator's URL)")
            }
            let options = try Self.postgresOptions(
                tenants: tenants, batches: batches, workers: workers, plainLoops: plainLoops, apart: workersApart,
                latencyMs: latencyMs)
            guard envelopes > 0 else { throw InvalidInput("--envelopes must be positive") }
            guard options.apart.allSatisfy({ envelopes >= $0 }) else {
                throw InvalidInput("--workers-apart: each worker's database needs an envelope (--envelopes at least the count)")
            }
            guard (1...100).contains(rounds) else { throw InvalidInput("--rounds must be 1 to 100") }
            if let concurrency, !(1...10_000).contains(concurrency) { throw InvalidInput("--concurrency must be 1 to 10000") }
            guard (1...10_000).contains(maxRunning) else { throw InvalidInput("--max-running must be 1 to 10000") }
            let fileManager = FileManager.default
            let work = dir.map { URL(fileURLWithPath: $0) }
                ?? fileManager.temporaryDirectory.appendingPathComponent("opsdeck-bench-postgres-\(UUID().uuidString)")
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
            defer { if dir == nil { try? fileManager.removeItem(at: work) } }
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            let server = PostgresBenchServer(adminURL: url, password: PostgresPassword.resolve(for: url))
            try await PostgresDrainBench(
                server: server, envelopes: envelopes, tenants: options.tenants, batch: options.batch,
                concurrency: concurrency ?? options.batch * 4, maxRunning: maxRunning, workerCounts: options.workers,
                plainLoopCounts: options.plainLoops, apartCounts: options.apart, logStatements: logStatements, rounds: rounds, workDirectory: work,
                json: json
            ).run()
        }

        /// The PostgreSQL run's settings from the options as typed: one tenant count and one
        /// batch size, the worker and plain-loop counts (1 to 64 each), the counts of workers
        /// apart (2 to 16: a database each), no simulated latency.
        static func postgresOptions(
            tenants: String, batches: String, workers: String?, plainLoops: String?, apart: String? = nil, latencyMs: Double
        ) throws -> (tenants: Int, batch: Int, workers: [Int], plainLoops: [Int], apart: [Int]) {
            let tenantCounts = try list(tenants, name: "--tenants", range: 1...100_000)
            let sizes = try list(batches, name: "--batches", range: 1...10_000)
            guard tenantCounts.count == 1, sizes.count == 1 else {
                throw InvalidInput("with --db, --tenants and --batches take one value each")
            }
            guard latencyMs == 0 else { throw InvalidInput("--latency-ms applies to the SQLite benchmark only") }
            let workerCounts = try list(workers ?? "1,4", name: "--workers", range: 1...64)
            let loopCounts = try list(plainLoops ?? "1", name: "--plain-loops", range: 1...64)
            let apartCounts = try apart.map { try list($0, name: "--workers-apart", range: 2...16) } ?? []
            guard Set(workerCounts).count == workerCounts.count, Set(loopCounts).count == loopCounts.count,
                  Set(apartCounts).count == apartCounts.count
            else {
                throw InvalidInput("--workers, --plain-loops and --workers-apart list each count once")
            }
            return (tenantCounts[0], sizes[0], workerCounts, loopCounts, apartCounts)
        }

        /// One drain: a fresh database, the tenants, the envelopes, a worker until it exits.
        func measure(path: String, tenants tenantCount: Int, batch: Int, registry: TelemetryRegistry) async throws -> Run {
            let store = try await Self.prepare(
                path: path, envelopes: envelopes, tenants: tenantCount, maxRunning: maxRunning)
            let parallel = concurrency ?? (latencyMs > 0 ? 512 : batch * 4)
            let before = registry.snapshot().histogram(TelemetryNames.providerLatency) ?? .empty(.timer)
            let process = WorkerConfiguration.currentProcess
            let provider = SimulatedProvider(options: try SimulatorOptions(seed: 1, latencyMilliseconds: latencyMs))
            let worker = OutboxWorker(
                store: store, provider: provider,
                configuration: try WorkerConfiguration(
                    id: WorkerID(rawValue: "bench-\(tenantCount)-\(batch)"), host: process.host, pid: process.pid,
                    concurrency: parallel, batchSize: batch, leaseSeconds: 300, drain: true),
                logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
            let peak = PeakSampler(store: store)
            let sampling = Task { await peak.run() }
            let started = ContinuousClock.now
            try await worker.run()
            let seconds = (ContinuousClock.now - started).milliseconds / 1000
            sampling.cancel()
            let peakRunning = await peak.peak
            let counts = try await store.statusCounts(in: .allTenants)
            guard counts == [.succeeded: envelopes], try await store.verifyAuditChain().isIntact else {
                throw BenchFailure("\(tenantCount) tenants, batch \(batch): the worker left \(counts) or a broken audit chain")
            }
            let after = registry.snapshot().histogram(TelemetryNames.providerLatency) ?? .empty(.timer)
            let calls = after.count - before.count
            return Run(
                tenants: tenantCount, batch: batch, concurrency: parallel, seconds: seconds,
                rate: Double(envelopes) / seconds,
                meanLatencySeconds: latencyMs > 0 && calls > 0 ? (after.sum - before.sum) / Double(calls) : 0,
                peakRunning: peakRunning)
        }

        /// A fresh database with `tenants` tenants (imported at once, caps `maxRunning`) and
        /// `envelopes` pending envelopes spread over them.
        static func prepare(path: String, envelopes: Int, tenants: Int, maxRunning: Int) async throws -> SQLiteStore {
            let store = try SQLiteStore.open(path: path, mode: .migrate)
            try store.migrate()
            let ids = try await store.addTenants(
                (0..<tenants).map { try TenantDraft(name: "tenant-\($0)", maxRunning: maxRunning) }, actor: "bench"
            ).map(\.id)
            var start = 0
            while start < envelopes {
                let end = min(envelopes, start + 5_000)
                let drafts = try (start..<end).map { try draft($0, tenantIDs: ids) }
                _ = try await store.submit(drafts, in: .allTenants, actor: "bench")
                start = end
            }
            return store
        }

        /// Envelope `index` of a drain: the tenants in turn, e-mail, chat and CRM tools, small arguments.
        static func draft(_ index: Int, tenantIDs: [TenantID]) throws -> EnvelopeDraft {
            let tools = ["GMAIL_SEND_EMAIL", "SLACK_SEND_MESSAGE", "HUBSPOT_CREATE_CONTACT", "GMAIL_LIST_MESSAGES"]
            return try EnvelopeDraft(
                tenantID: tenantIDs[index % tenantIDs.count], toolSlug: tools[index % tools.count],
                arguments: ["to": .string("lead\(index)@example.com"), "n": .integer(Int64(index))], risk: .low)
        }

        /// An idle worker (no drain) on an empty outbox; envelopes submitted one at a time,
        /// 20 ms apart. The worker's own enqueue-to-start timer measures each from its
        /// creation to the start of its execution (run first, so the timer holds only these).
        static func idleLatency(path: String, samples: Int, registry: TelemetryRegistry) async throws -> TelemetryHistogramSummary {
            let store = try SQLiteStore.open(path: path, mode: .migrate)
            try store.migrate()
            let tenant = try await store.addTenant(TenantDraft(name: "idle", maxRunning: 100), actor: "bench")
            let before = registry.snapshot().histogram(TelemetryNames.enqueueToStart)?.count ?? 0
            guard before == 0 else { throw BenchFailure("the idle measurement must run before any other worker") }
            let process = WorkerConfiguration.currentProcess
            let worker = OutboxWorker(
                store: store, provider: SimulatedProvider(options: .reliable(seed: 2)),
                configuration: try WorkerConfiguration(
                    id: "bench-idle", host: process.host, pid: process.pid, concurrency: 8, batchSize: 8, drain: false),
                logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
            let running = Task { try await worker.run() }
            try await Task.sleep(for: .milliseconds(200))
            for index in 0..<samples {
                _ = try await store.submit(
                    [try EnvelopeDraft(tenantID: tenant.id, toolSlug: "SLACK_SEND_MESSAGE", arguments: ["n": .integer(Int64(index))], risk: .low)],
                    in: .allTenants, actor: "bench")
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: .milliseconds(100))
            running.cancel()
            _ = try? await running.value
            guard try await store.statusCounts(in: .allTenants) == [.succeeded: samples] else {
                throw BenchFailure("the idle worker did not run every submission")
            }
            return registry.snapshot().histogram(TelemetryNames.enqueueToStart) ?? .empty(.timer)
        }

        // MARK: - Reference loops

        /// The rates `peers.sh` printed, by name: `lean`, `schema`, `huey`.
        struct PeerReferences {
            var rates: [String: Double] = [:]
        }

        /// `--peers`, `$OPSDECK_PEERS`, or `../shared/bench/peers.sh` when it exists; nil when
        /// none is found (the figures then stand alone).
        func peersScript() throws -> String? {
            if let peers {
                guard FileManager.default.isReadableFile(atPath: peers) else { throw InvalidInput("no script at \(peers)") }
                return peers
            }
            if let path = ProcessInfo.processInfo.environment["OPSDECK_PEERS"], !path.isEmpty { return path }
            let sibling = "../shared/bench/peers.sh"
            return FileManager.default.isReadableFile(atPath: sibling) ? sibling : nil
        }

        /// Runs `peers.sh THIS_BINARY N BATCH`, echoing its lines, and reads its rates.
        static func runPeers(script: String, envelopes: Int, batch: Int, echo: Bool) throws -> PeerReferences {
            let binary = Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
            let (status, text) = try ChildProcess.run(["/bin/bash", script, binary, String(envelopes), String(batch)])
            guard status == 0 else { throw BenchFailure("\(script) exited with status \(status)") }
            var references = PeerReferences()
            for line in text.split(separator: "\n") {
                if echo { print("  " + line) }
                let words = line.split(separator: " ")
                func number(before unit: String) -> Double? {
                    guard let index = words.firstIndex(where: { $0.hasPrefix(unit) }), index > 0 else { return nil }
                    return Double(words[index - 1])
                }
                if line.hasPrefix("lean") { references.rates["lean"] = number(before: "env/s") }
                if line.hasPrefix("schema") { references.rates["schema"] = number(before: "env/s") }
                if line.hasPrefix("huey") { references.rates["huey"] = number(before: "tasks/s") }
            }
            return references
        }

        /// The ratios the targets are stated in, for the first run's batch.
        static func ratios(_ runs: [Run], references: PeerReferences) -> [String: Double] {
            var ratios: [String: Double] = [:]
            guard let first = runs.first else { return ratios }
            if let huey = references.rates["huey"], huey > 0 { ratios["worker / huey"] = first.rate / huey }
            if let schema = references.rates["schema"], schema > 0 { ratios["worker / schema loop"] = first.rate / schema }
            if let bound = first.bound { ratios["worker / bound (concurrency ÷ mean latency)"] = first.rate / bound }
            let sameBatch = runs.filter { $0.batch == first.batch }
            if let few = sameBatch.min(by: { $0.tenants < $1.tenants }), let many = sameBatch.max(by: { $0.tenants < $1.tenants }),
               many.tenants > few.tenants {
                ratios["\(many.tenants) tenants / \(few.tenants) tenants"] = many.rate / few.rate
            }
            return ratios
        }

        // MARK: - Output

        static func describe(_ run: Run, latency: Double) -> String {
            var line = String(
                format: "tenants %d, batch %d, concurrency %d, latency %@ ms: %.0f envelopes/s (%.2f s), peak running %d",
                run.tenants, run.batch, run.concurrency, latency.formatted(), run.rate, run.seconds, run.peakRunning)
            if let bound = run.bound {
                line += String(
                    format: "; mean latency %.1f ms, bound %.0f/s, %.2f of bound", run.meanLatencySeconds * 1000, bound,
                    run.rate / bound)
            }
            return line
        }

        static func json(_ run: Run) -> JSONValue {
            var object: [String: JSONValue] = [
                "tenants": .integer(Int64(run.tenants)), "batch": .integer(Int64(run.batch)),
                "concurrency": .integer(Int64(run.concurrency)), "seconds": .number(run.seconds),
                "envelopes_per_second": .number(run.rate.rounded()), "peak_running": .integer(Int64(run.peakRunning)),
            ]
            if let bound = run.bound {
                object["mean_latency_seconds"] = .number(run.meanLatencySeconds)
                object["bound_per_second"] = .number(bound.rounded())
                object["fraction_of_bound"] = .number((run.rate / bound * 100).rounded() / 100)
            }
            return .object(object)
        }

        static func list(_ text: String, name: String, range: ClosedRange<Int>) throws -> [Int] {
            let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ $0.map(range.contains) ?? false }) else {
                throw InvalidInput("\(name) must list numbers from \(range.lowerBound) to \(range.upperBound)")
            }
            return values.compactMap { $0 }
        }
    }
}

/// The most envelopes running at once during a drain, read from the database every 100 ms
/// (what another process would see).
actor PeakSampler {
    let store: SQLiteStore
    private(set) var peak = 0

    init(store: SQLiteStore) {
        self.store = store
    }

    func run() async {
        while !Task.isCancelled {
            if let running = try? await store.benchmarkRunningCount() { peak = max(peak, running) }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}


