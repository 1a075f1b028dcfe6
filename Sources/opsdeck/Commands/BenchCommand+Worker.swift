import ArgumentParser
import DeckComposio
import DeckCore
import DeckEngine
import DeckStore
import Foundation
import Logging
import Metrics

extension BenchCommand {
    /// Times the worker draining a large outbox, beside a plain SQL loop doing the same
    /// database work, and measures enqueue-to-start latency on an idle worker.
    struct Worker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker",
            abstract: "Drain N envelopes over M tenants with a zero-latency simulator; compare with a plain SQL loop.",
            discussion: """
                For each batch size: a fresh SQLite file, M tenants with caps high enough not to \
                limit, N pending envelopes; then an in-process worker (concurrency twice the batch) \
                drains them through the simulated provider with zero latency, timed from start to \
                exit. In the same run, a plain SQL loop does the same database work on another \
                fresh file with the same batch size — claim (select due, mark running, audit row), \
                complete (mark succeeded, audit row) with the same hash chain — through the same \
                SQLite library and settings, so the ratio holds on any machine. Finally an idle \
                worker is timed from enqueue to start over single submissions.
                """
        )

        @Option(help: "Envelopes to drain.") var envelopes = 100_000
        @Option(help: "Tenants they are spread over.") var tenants = 50
        @Option(help: "Batch sizes to measure, comma-separated.") var batches = "1,32,256"
        @Option(help: "Single submissions timed on the idle worker.") var idleSamples = 200
        @Option(help: "Working directory (default: a new temporary directory, removed afterwards).") var dir: String?
        @Flag(help: "Print the results as JSON.") var json = false

        func run() async throws {
            let sizes = batches.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !sizes.isEmpty, sizes.allSatisfy({ (1...10_000).contains($0) }), envelopes > 0, tenants > 0 else {
                throw CLIError(.badInput, "--batches must list sizes from 1 to 10000; counts must be positive")
            }
            let fileManager = FileManager.default
            let work = dir.map { URL(fileURLWithPath: $0) }
                ?? fileManager.temporaryDirectory.appendingPathComponent("opsdeck-bench-worker-\(UUID().uuidString)")
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
            defer { if dir == nil { try? fileManager.removeItem(at: work) } }
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            let registry = TelemetryRegistry()
            MetricsSystem.bootstrap(registry)

            let idle = try await Self.idleLatency(
                path: work.appendingPathComponent("idle.sqlite").path, samples: idleSamples, registry: registry)
            var rows: [JSONValue] = []
            for size in sizes {
                let workerPath = work.appendingPathComponent("worker-\(size).sqlite").path
                let store = try await Self.prepare(path: workerPath, envelopes: envelopes, tenants: tenants)
                let workerSeconds = try await Self.drain(store: store, batch: size)
                let counts = try await store.statusCounts(in: .allTenants)
                guard counts == [.succeeded: envelopes], try await store.verifyAuditChain().isIntact else {
                    throw CLIError(.refused, "batch \(size): the worker left \(counts) or a broken audit chain")
                }
                let loopPath = work.appendingPathComponent("loop-\(size).sqlite").path
                let loopStore = try await Self.prepare(path: loopPath, envelopes: envelopes, tenants: tenants)
                let loopSeconds = try await loopStore.benchmarkPlainClaimCompleteLoop(batch: size, worker: "plain-loop")
                guard try await loopStore.statusCounts(in: .allTenants) == [.succeeded: envelopes] else {
                    throw CLIError(.refused, "batch \(size): the plain loop did not finish its envelopes")
                }
                let rate = Double(envelopes) / workerSeconds
                let loopRate = Double(envelopes) / loopSeconds
                rows.append([
                    "batch": .integer(Int64(size)), "worker_envelopes_per_second": .number(rate.rounded()),
                    "plain_loop_envelopes_per_second": .number(loopRate.rounded()),
                    "fraction_of_plain_loop": .number((rate / loopRate * 100).rounded() / 100),
                ])
                if !json {
                    print(String(format: "batch %4d: worker %8.0f envelopes/s (%.2f s); plain SQL loop %8.0f envelopes/s (%.2f s); worker/loop %.2f",
                                 size, rate, workerSeconds, loopRate, loopSeconds, rate / loopRate))
                }
                for path in [workerPath, loopPath] {
                    for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: path + suffix) }
                }
            }

            if json {
                print(JSONValue.object([
                    "benchmark": "worker drain", "envelopes": .integer(Int64(envelopes)), "tenants": .integer(Int64(tenants)),
                    "batches": .array(rows),
                    "idle_enqueue_to_start_seconds": [
                        "p50": .number(idle.p50), "p90": .number(idle.p90), "p99": .number(idle.p99),
                        "samples": .integer(Int64(idle.count)),
                    ],
                ]).prettyText)
            } else {
                print(String(format: "idle worker, enqueue to start over %d single submissions: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms",
                             idle.count, idle.p50 * 1000, idle.p90 * 1000, idle.p99 * 1000))
            }
        }

        /// A fresh database with `tenants` tenants (caps that never limit) and `envelopes`
        /// pending envelopes spread over them.
        static func prepare(path: String, envelopes: Int, tenants: Int) async throws -> SQLiteStore {
            let store = try SQLiteStore.open(path: path, mode: .migrate)
            try store.migrate()
            var ids: [TenantID] = []
            for index in 0..<tenants {
                ids.append(try await store.addTenant(TenantDraft(name: "tenant-\(index)", maxRunning: 10_000), actor: "bench").id)
            }
            let tools = ["GMAIL_SEND_EMAIL", "SLACK_SEND_MESSAGE", "HUBSPOT_CREATE_CONTACT", "GMAIL_LIST_MESSAGES"]
            var start = 0
            while start < envelopes {
                let end = min(envelopes, start + 5_000)
                let drafts = try (start..<end).map { index in
                    try EnvelopeDraft(
                        tenantID: ids[index % tenants], toolSlug: tools[index % tools.count],
                        arguments: ["to": .string("lead\(index)@example.com"), "n": .integer(Int64(index))], risk: .low)
                }
                _ = try await store.submit(drafts, in: .allTenants, actor: "bench")
                start = end
            }
            return store
        }

        /// Seconds for a draining worker with a zero-latency simulator to empty the outbox.
        static func drain(store: SQLiteStore, batch: Int) async throws -> Double {
            let process = WorkerConfiguration.currentProcess
            let worker = OutboxWorker(
                store: store, provider: SimulatedProvider(options: .reliable(seed: 1)),
                configuration: try WorkerConfiguration(
                    id: WorkerID(rawValue: "bench-\(batch)"), host: process.host, pid: process.pid, concurrency: batch * 2, batchSize: batch,
                    leaseSeconds: 300, drain: true),
                logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
            let started = ContinuousClock.now
            try await worker.run()
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }

        /// An idle worker (no drain) on an empty outbox; envelopes submitted one at a time,
        /// 20 ms apart. The worker's own enqueue-to-start timer measures each from its
        /// creation to the start of its execution (run first, so the timer holds only these).
        static func idleLatency(path: String, samples: Int, registry: TelemetryRegistry) async throws -> TelemetryHistogramSummary {
            let store = try SQLiteStore.open(path: path, mode: .migrate)
            try store.migrate()
            let tenant = try await store.addTenant(TenantDraft(name: "idle", maxRunning: 100), actor: "bench")
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
                throw CLIError(.refused, "the idle worker did not run every submission")
            }
            return registry.snapshot().histogram(TelemetryNames.enqueueToStart) ?? .empty(.timer)
        }
    }
}
