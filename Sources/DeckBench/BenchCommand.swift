import ArgumentParser
import DeckCore
import DeckStore
import Foundation

/// `opsdeck bench …`: the benchmarks behind `docs/benchmarks.md`. Run them on a release build.
public struct BenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (run on a release build: swift build -c release).",
        subcommands: [Submit.self, Worker.self, Console.self]
    )

    public init() {}
}

extension BenchCommand {
    /// Times `opsdeck envelope submit --file` as a separate process on a fresh database.
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time `envelope submit --file` of N envelopes over M tenants into a fresh SQLite file.",
            discussion: """
                Creates a fresh database in --dir, adds the tenants, writes a JSON-lines file, then \
                runs this same binary as `opsdeck envelope submit --file` in a child process and \
                times it from spawn to exit (process start, parsing, validation, inserts, audit \
                rows, commit). Afterwards it checks the envelope and audit counts and verifies the \
                audit chain. Repeats --runs times, each on a fresh file.
                """
        )

        @Option(help: "Envelopes in the file.") var envelopes = 100_000
        @Option(help: "Tenants they are spread over.") var tenants = 50
        @Option(help: "Envelopes per transaction.") var batchSize = 5000
        @Option(help: "Independent runs (fresh database each).") var runs = 3
        @Option(help: "Working directory (default: a new temporary directory, removed afterwards).") var dir: String?
        @Flag(help: "Print the results as JSON.") var json = false

        func run() async throws {
            guard envelopes > 0, tenants > 0, runs > 0 else { throw InvalidInput("counts must be positive") }
            let fileManager = FileManager.default
            let work = dir.map { URL(fileURLWithPath: $0) }
                ?? fileManager.temporaryDirectory.appendingPathComponent("opsdeck-bench-\(UUID().uuidString)")
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
            defer { if dir == nil { try? fileManager.removeItem(at: work) } }

            let names = (0..<tenants).map { "tenant-\($0)" }
            let file = work.appendingPathComponent("envelopes.jsonl")
            try Self.writeEnvelopes(count: envelopes, tenants: names, to: file)
            let fileBytes = (try? fileManager.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0

            var results: [JSONValue] = []
            var rates: [Double] = []
            for run in 1...runs {
                let path = work.appendingPathComponent("bench-\(run).sqlite").path
                let store = try SQLiteStore.open(path: path, mode: .migrate)
                try store.migrate()
                for name in names { _ = try await store.addTenant(TenantDraft(name: name), actor: "bench") }

                let started = DispatchTime.now()
                let status = try Self.runChild([
                    "envelope", "submit", "--file", file.path, "--db", path, "--operator", "bench",
                    "--batch-size", String(batchSize),
                ])
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                guard status == 0 else { throw BenchFailure("envelope submit exited with status \(status)") }

                let counts = try await store.statusCounts(in: .allTenants)
                let verdict = try await store.verifyAuditChain()
                guard counts[.pending] == envelopes, case .intact(let rows, _) = verdict, rows == envelopes + tenants * 1 else {
                    throw BenchFailure("run \(run): stored \(counts) with audit \(verdict); expected \(envelopes) pending")
                }
                let rate = Double(envelopes) / seconds
                rates.append(rate)
                results.append([
                    "run": .integer(Int64(run)), "seconds": .number(seconds), "envelopes_per_second": .number(rate.rounded()),
                    "audit_rows": .integer(Int64(rows)),
                ])
                if !json {
                    print(String(format: "run %d: %d envelopes in %.3f s = %.0f envelopes/s (audit chain intact, %d rows)",
                                 run, envelopes, seconds, rate, rows))
                }
                for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: path + suffix) }
            }
            let sorted = rates.sorted()
            let median = sorted[sorted.count / 2]
            var floorRates: [Double] = []
            for run in 1...runs {
                let path = work.appendingPathComponent("floor-\(run).sqlite").path
                floorRates.append(try await Self.sqliteAlone(path: path, envelopes: envelopes, tenants: names, batchSize: batchSize))
                for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: path + suffix) }
            }
            let floor = floorRates.sorted()[floorRates.count / 2]
            if json {
                print(JSONValue.object([
                    "benchmark": "envelope submit --file", "envelopes": .integer(Int64(envelopes)),
                    "tenants": .integer(Int64(tenants)), "batch_size": .integer(Int64(batchSize)),
                    "file_bytes": .integer(Int64(fileBytes)), "runs": .array(results),
                    "median_envelopes_per_second": .number(median.rounded()),
                    "sqlite_alone_envelopes_per_second": .number(floor.rounded()),
                    "fraction_of_sqlite_alone": .number((median / floor * 100).rounded() / 100),
                ]).prettyText)
            } else {
                print(String(format: "median: %.0f envelopes/s over %d runs (%d envelopes, %d tenants, batch %d, file %.1f MB)",
                             median, runs, envelopes, tenants, batchSize, Double(fileBytes) / 1e6))
                print(String(format: "SQLite alone, same rows and batches (no parsing, hashing or process start): %.0f envelopes/s; opsdeck reaches %.0f%% of it",
                             floor, median / floor * 100))
            }
        }

        /// The same outbox and audit rows inserted by SQLite alone — set-based `INSERT … SELECT`
        /// from a row generator, in the same batches and transactions, through the same
        /// library and connection settings — as the reference for what the database costs.
        static func sqliteAlone(path: String, envelopes: Int, tenants: [String], batchSize: Int) async throws -> Double {
            let store = try SQLiteStore.open(path: path, mode: .migrate)
            try store.migrate()
            var ids: [String] = []
            for name in tenants { ids.append(try await store.addTenant(TenantDraft(name: name), actor: "bench").id.rawValue) }
            let started = DispatchTime.now()
            try await store.benchmarkInsertSetBased(
                envelopes: envelopes, tenantIDs: ids, batchSize: batchSize,
                argumentsSQL: #"'{"body":"Hello again, checking in about the proposal.","priority":' || (i % 5) || ',"subject":"Follow-up #' || i || '","to":"lead' || i || '@example.com"}'"#)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            return Double(envelopes) / seconds
        }

        /// A realistic mix: e-mail, chat and CRM actions with small argument objects.
        static func writeEnvelopes(count: Int, tenants: [String], to url: URL) throws {
            let tools = ["GMAIL_SEND_EMAIL", "SLACK_SEND_MESSAGE", "HUBSPOT_CREATE_CONTACT", "GMAIL_LIST_MESSAGES"]
            var text = ""
            text.reserveCapacity(count * 160)
            for index in 0..<count {
                let tenant = tenants[index % tenants.count]
                let tool = tools[index % tools.count]
                text += #"{"tenant":"\#(tenant)","tool":"\#(tool)","args":{"to":"lead\#(index)@example.com","subject":"Follow-up #\#(index)","body":"Hello again, checking in about the proposal.","priority":\#(index % 5)}}"#
                text += "\n"
            }
            try Data(text.utf8).write(to: url)
        }

        /// Runs this executable with `arguments`, output discarded; returns its exit status.
        static func runChild(_ arguments: [String]) throws -> Int32 {
            let process = Process()
            process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }
}
