import Crypto
import DeckCore
import DeckPostgres
import Foundation
import Testing

@testable import DeckBench

/// The pure parts of `bench worker --db postgres://…`: its options, the plain loop's texts
/// and audit chain (which must be the store's byte for byte, or the reference would do
/// different work or break `audit verify`), and the ratios it prints.
@Suite("PostgreSQL drain benchmark")
struct PostgresDrainBenchTests {
    typealias Worker = BenchCommand.Worker

    @Test("defaults: one and four workers, one plain loop")
    func defaults() throws {
        let options = try Worker.postgresOptions(tenants: "50", batches: "32", workers: nil, plainLoops: nil, latencyMs: 0)
        #expect(options.tenants == 50)
        #expect(options.batch == 32)
        #expect(options.workers == [1, 4])
        #expect(options.plainLoops == [1])
        #expect(options.apart == [])
    }

    @Test("--workers-apart: 2 to 16 workers, each on a database of its own")
    func apartCounts() throws {
        let options = try Worker.postgresOptions(tenants: "50", batches: "32", workers: "1,4", plainLoops: "1", apart: "4, 2", latencyMs: 0)
        #expect(options.apart == [4, 2])
        for (typed, message) in [
            ("1", "--workers-apart must list numbers from 2 to 16"), ("17", "--workers-apart must list numbers from 2 to 16"),
            ("", "--workers-apart must list numbers from 2 to 16"),
            ("4,4", "--workers, --plain-loops and --workers-apart list each count once"),
        ] {
            #expect(throws: InvalidInput(message)) {
                try Worker.postgresOptions(tenants: "50", batches: "32", workers: nil, plainLoops: nil, apart: typed, latencyMs: 0)
            }
        }
    }

    @Test("workers apart run right after as many workers sharing one database; their ratio is against one worker")
    func apartOrderAndRatio() {
        let steps = PostgresDrainBench.order(workers: [1, 4], plainLoops: [1], apart: [2, 4])
        #expect(steps.map(\.kind) == [.workers, .plainLoop, .workers, .workersApart, .workersApart])
        #expect(steps.map(\.processes) == [1, 1, 4, 4, 2])
        typealias Measurement = PostgresDrainBench.Measurement
        let measurements = [
            Measurement(kind: .workers, processes: 1, seconds: 20, peakRunning: 64, envelopes: 100_000),
            Measurement(kind: .workers, processes: 4, seconds: 12.5, peakRunning: 256, envelopes: 100_000),
            // Four databases of 25,000 envelopes drained at once.
            Measurement(kind: .workersApart, processes: 4, seconds: 10, peakRunning: 64, envelopes: 100_000),
        ]
        let ratios = PostgresDrainBench.ratios(measurements)
        #expect(ratios.map(\.name) == ["4 workers / 1 worker", "4 workers apart / 1 worker"])
        #expect(ratios.map(\.value) == [1.6, 2.0])
        let line = PostgresDrainBench.describe(measurements[2])
        #expect(line == "4 worker processes apart, each on a database of its own with 25000 envelopes: 10000 envelopes/s (10.00 s), peak running 64 in the first database; all succeeded, audit chains intact")
        #expect(PostgresDrainBench.json(measurements[2])["kind"] == .string("workers_apart"))
        #expect(PostgresDrainBench.json(measurements[2])["envelopes"] == .integer(100_000))
    }

    @Test("counts as typed, spaces allowed")
    func counts() throws {
        let options = try Worker.postgresOptions(tenants: "5000", batches: "64", workers: "1, 2,8", plainLoops: "1,4", latencyMs: 0)
        #expect(options.workers == [1, 2, 8])
        #expect(options.plainLoops == [1, 4])
    }

    @Test("bad input is refused with one line naming the option", arguments: [
        ("50", "32", "0", "1", "--workers must list numbers from 1 to 64"),
        ("50", "32", "1,x", "1", "--workers must list numbers from 1 to 64"),
        ("50", "32", "", "1", "--workers must list numbers from 1 to 64"),
        ("50", "32", "65", "1", "--workers must list numbers from 1 to 64"),
        ("50", "32", "1,1", "1", "--workers, --plain-loops and --workers-apart list each count once"),
        ("50", "32", "1", "-1", "--plain-loops must list numbers from 1 to 64"),
        ("50,5000", "32", "1", "1", "with --db, --tenants and --batches take one value each"),
        ("50", "32,64", "1", "1", "with --db, --tenants and --batches take one value each"),
    ])
    func refused(_ input: (String, String, String, String, String)) {
        #expect(throws: InvalidInput(input.4)) {
            try Worker.postgresOptions(tenants: input.0, batches: input.1, workers: input.2, plainLoops: input.3, latencyMs: 0)
        }
    }

    @Test("simulated latency is the SQLite benchmark's")
    func latencyRefused() {
        #expect(throws: InvalidInput("--latency-ms applies to the SQLite benchmark only")) {
            try Worker.postgresOptions(tenants: "50", batches: "32", workers: nil, plainLoops: nil, latencyMs: 200)
        }
    }

    /// An envelope claimed and finished as the worker does it, through the lifecycle.
    static func lifecycle() throws -> (pending: Envelope, running: Envelope, succeeded: Envelope, lease: Timestamp, externalID: String) {
        let tenant = TenantID(rawValue: "0b5e3f6c-2f0a-4c8e-9a51-3d1f6f1d2a77")
        let draft = try EnvelopeDraft(tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", arguments: ["n": 7], risk: .low)
        let now = Timestamp(millisecondsSinceEpoch: 1_780_000_000_000)
        let pending = EnvelopeLifecycle.submit(draft, id: EnvelopeID(4_242), idempotencyKey: "key", at: now)
        let lease = now.adding(milliseconds: 30_000)
        let worker = WorkerID(rawValue: "plain-loop-1")
        let running = try EnvelopeLifecycle.apply(.claim(worker: worker, leaseExpiresAt: lease), to: pending, at: now, by: "plain-loop-1")
        let externalID = PlainClaimLoop.externalID(envelopeID: 4_242, attempt: running.attempts)
        let succeeded = try EnvelopeLifecycle.apply(
            .succeed(worker: worker, externalID: externalID, result: "{}", resultTruncated: false), to: running, at: now,
            by: "plain-loop-1")
        return (pending, running, succeeded, lease, externalID)
    }

    @Test("the plain loop's audit payloads are the store's canonical texts")
    func payloads() throws {
        let (pending, running, succeeded, lease, externalID) = try Self.lifecycle()
        let worker = WorkerID(rawValue: "plain-loop-1")
        let claimed = try #require(EnvelopeAudit.transitioned(
            .claim(worker: worker, leaseExpiresAt: lease), from: pending, to: running, actor: "plain-loop-1"))
        #expect(PlainClaimLoop.claimedPayload(attempts: running.attempts, leaseExpiresAt: lease.millisecondsSinceEpoch)
            == claimed.payload.canonicalText)
        #expect(claimed.action == "claimed")
        let finished = try #require(EnvelopeAudit.transitioned(
            .succeed(worker: worker, externalID: externalID, result: "{}", resultTruncated: false), from: running,
            to: succeeded, actor: "plain-loop-1"))
        #expect(PlainClaimLoop.succeededPayload(attempts: succeeded.attempts, externalID: externalID)
            == finished.payload.canonicalText)
        #expect(finished.action == "succeeded")
    }

    @Test("the plain loop's results and log ids have the simulator's shape")
    func results() throws {
        let claimed = PlainClaimLoop.Claimed(id: 17, tenantID: "t", attempts: 1, toolSlug: "SLACK_SEND_MESSAGE", toolkit: "slack")
        let text = PlainClaimLoop.resultText(claimed)
        let parsed = try JSONValue(parsing: text)
        #expect(parsed.canonicalText == text)
        guard case .object(let members) = parsed, case .string(let id) = members["id"] else {
            Issue.record("not an object with an id: \(text)")
            return
        }
        #expect(members["envelope_id"] == .integer(17))
        #expect(members["tool"] == .string("SLACK_SEND_MESSAGE"))
        #expect(members["toolkit"] == .string("slack"))
        #expect(members["simulated"] == .bool(true))
        #expect(id.hasPrefix("sim_") && id.count == 20)
        let log = PlainClaimLoop.externalID(envelopeID: 17, attempt: 1)
        #expect(log.hasPrefix("log_") && log.count == 20)
        #expect(log != PlainClaimLoop.externalID(envelopeID: 18, attempt: 1))
    }

    @Test("the plain loop chains its rows after the head as the audit verifier expects")
    func chain() throws {
        let rows = [
            PlainClaimLoop.AuditRow(
                tenantID: "0b5e3f6c-2f0a-4c8e-9a51-3d1f6f1d2a77", action: "succeeded", envelopeID: 9,
                payload: PlainClaimLoop.succeededPayload(attempts: 1, externalID: "log_0123456789abcdef")),
            PlainClaimLoop.AuditRow(
                tenantID: "0b5e3f6c-2f0a-4c8e-9a51-3d1f6f1d2a77", action: "claimed", envelopeID: 10,
                payload: PlainClaimLoop.claimedPayload(attempts: 1, leaseExpiresAt: 1_780_000_030_000)),
        ]
        var scratch: [UInt8] = []
        let head: (id: Int64, hash: String) = (41, String(repeating: "ab", count: 32))
        let sealed = PlainClaimLoop.seal(rows, actor: "plain-loop-1", at: 1_780_000_000_000, after: head, scratch: &scratch)
        #expect(sealed.ids == [42, 43])
        #expect(sealed.prevHashes == [head.hash, sealed.hashes[0]])
        // From the first row, re-hashed independently, as `audit verify` walks them.
        let first = PlainClaimLoop.seal(
            rows, actor: "plain-loop-1", at: 1_780_000_000_000, after: (0, AuditChain.genesisHash), scratch: &scratch)
        var verifier = AuditChain.Verifier(hash: { bytes in SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() })
        for (index, row) in rows.enumerated() {
            let record = AuditRecord(
                id: first.ids[index], createdAt: 1_780_000_000_000, tenantID: row.tenantID, category: "envelope",
                action: row.action, envelopeID: row.envelopeID, actor: "plain-loop-1", payloadText: row.payload,
                prevHash: first.prevHashes[index], hash: first.hashes[index])
            let linked = verifier.check(record)
            #expect(linked)
        }
        #expect(verifier.result == .intact(rows: 2, headHash: first.hashes[1]))
    }

    @Test("ratios: one worker against one plain loop, more workers and loops against one")
    func ratios() {
        typealias Measurement = PostgresDrainBench.Measurement
        let measurements = [
            Measurement(kind: .workers, processes: 1, seconds: 20, peakRunning: 128, envelopes: 100_000),
            Measurement(kind: .workers, processes: 4, seconds: 8, peakRunning: 512, envelopes: 100_000),
            Measurement(kind: .plainLoop, processes: 1, seconds: 10, peakRunning: 32, envelopes: 100_000),
            Measurement(kind: .plainLoop, processes: 4, seconds: 5, peakRunning: 128, envelopes: 100_000),
        ]
        let ratios = PostgresDrainBench.ratios(measurements)
        #expect(ratios.map(\.name) == ["1 worker / plain loop", "4 workers / 1 worker", "4 plain loops / 1 plain loop"])
        #expect(ratios.map(\.value) == [0.5, 2.5, 2.0])
        #expect(PostgresDrainBench.ratios(Array(measurements.prefix(2))).map(\.name) == ["4 workers / 1 worker"])
    }

    @Test("the machine's CPU: busy ticks (user, nice, system, irq, softirq) over all of them, idle and stolen included")
    func machineCPU() throws {
        let before = try #require(MachineCPU(procStat: "cpu  100 10 50 800 20 5 5 10 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n"))
        #expect(before.busyTicks == 170)
        #expect(before.totalTicks == 1000)
        // 150 busy ticks of 300 (the rest idle, waiting for I/O and stolen).
        let after = try #require(MachineCPU(procStat: "cpu  200 10 90 900 40 10 10 40 0 0\n"))
        let usage = try #require(after.since(before, ticksPerSecond: 100))
        #expect(usage == MachineCPU.Usage(busyShare: 0.5, cpuSeconds: 1.5))
        #expect(after.since(after, ticksPerSecond: 100) == nil)
        #expect(MachineCPU(procStat: "intr 1 2 3\n") == nil)
        #expect(MachineCPU(procStat: "cpu  1 2 3\n") == nil)
        // The line's format as the kernel writes it, on the machine running the tests.
        if FileManager.default.fileExists(atPath: "/proc/stat") {
            let now = try #require(MachineCPU())
            #expect(now.busyTicks > 0 && now.totalTicks > now.busyTicks)
        }
    }

    @Test("each drain's line says how busy the machine was and the CPU it took per envelope")
    func drainLineWithCPU() {
        var measurement = PostgresDrainBench.Measurement(
            kind: .workers, processes: 4, seconds: 10, peakRunning: 256, envelopes: 20_000)
        #expect(!PostgresDrainBench.describe(measurement).contains("busy"))
        measurement.cpu = MachineCPU.Usage(busyShare: 0.954, cpuSeconds: 11)
        #expect(PostgresDrainBench.describe(measurement).hasSuffix("; machine 95 % busy, 0.55 CPU-ms per envelope"))
        let json = PostgresDrainBench.json(measurement)
        #expect(json["machine_busy_share"] == .number(0.954))
        #expect(json["cpu_ms_per_envelope"] == .number(0.55))
    }

    @Test("a round runs one worker, then the plain loop right after it, then the other counts; ratios named in that order")
    func roundOrder() {
        let steps = PostgresDrainBench.order(workers: [4, 1, 2], plainLoops: [2, 1])
        #expect(steps.map(\.kind) == [.workers, .plainLoop, .workers, .workers, .plainLoop])
        #expect(steps.map(\.processes) == [1, 1, 4, 2, 2])
        // The medians' lines follow the ratios' own order, whatever order the counts were given in.
        typealias Measurement = PostgresDrainBench.Measurement
        let measured = steps.map { Measurement(kind: $0.kind, processes: $0.processes, seconds: 10, peakRunning: 1, envelopes: 1_000) }
        #expect(PostgresDrainBench.ratios(measured).map(\.name)
            == ["1 worker / plain loop", "2 workers / 1 worker", "4 workers / 1 worker", "2 plain loops / 1 plain loop"])
        #expect(PostgresDrainBench.ratios([measured[2], measured[1]]).isEmpty)
    }

    @Test("--db is read back from the command line wherever the root took it")
    func databaseArgument() {
        typealias Option = BenchDatabaseOption
        #expect(Option.databaseArgument(in: ["bench", "worker", "--db", "postgres://a@h/d", "--workers", "1"]) == "postgres://a@h/d")
        #expect(Option.databaseArgument(in: ["--db=postgres://a@h/d", "bench", "worker"]) == "postgres://a@h/d")
        #expect(Option.databaseArgument(in: ["bench", "worker", "--db", "x", "--db", "y"]) == "y")
        #expect(Option.databaseArgument(in: ["bench", "worker", "--dbx", "y"]) == nil)
        #expect(Option.databaseArgument(in: ["bench", "worker", "--", "--db", "y"]) == nil)
        #expect(Option.databaseArgument(in: ["bench", "worker", "--db"]) == nil)
    }

    @Test("children get the URL without its password, sslmode kept when not the host's default")
    func childURL() throws {
        let local = try PostgresURL(parsing: "postgres://admin:secret@127.0.0.1:54329/opsdeck_bench_0123")
        #expect(PostgresBenchServer.childURLText(local) == "postgres://admin@127.0.0.1:54329/opsdeck_bench_0123")
        let remote = try PostgresURL(parsing: "postgres://admin:secret@db.example.com/x?sslmode=disable")
        #expect(PostgresBenchServer.childURLText(remote) == "postgres://admin@db.example.com:5432/x?sslmode=disable")
        let name = PostgresBenchServer.newDatabaseName()
        #expect(name.hasPrefix("opsdeck_bench_") && name.count == 26)
        #expect(name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
    }
}
