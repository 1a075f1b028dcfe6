import ArgumentParser
import DeckCore
import DeckEngine
import DeckStore
import Foundation

/// `opsdeck demo seed`: the demo world without the console.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The demo world.",
        subcommands: [Seed.self])

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the demo world (tenants, guardrails, objectives, tasks, first envelopes) into an empty database.",
            discussion: """
                The database is --db, else $OPSDECK_DB, else opsdeck-demo.sqlite; created and migrated when \
                missing. The same --seed writes the same world. Connected accounts and schema changes come \
                from the simulator's demo script when a worker, the scheduler or the console runs with \
                --sim-script demo (opsdeck --demo does).
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "Seed of the world's first envelopes.") var seed: UInt64 = 1
        @Option(help: "First envelopes to submit.") var envelopes = 24
        @Flag(help: "Print what was written as JSON.") var json = false

        func run() async throws {
            guard (0...10_000).contains(envelopes) else { throw CLIError(.badInput, "--envelopes must be 0 to 10000") }
            let path = DemoSetup.path(global)
            let store = try await StoreOpening.demo(path)
            let report: DemoWorld.Report
            do {
                report = try await DemoWorld.seed(into: store, seed: seed, now: Timestamp(Date()), envelopes: envelopes)
            } catch let error as InvalidInput {
                throw CLIError(.refused, "\(StoreOpening.label(path)): \(error.message)")
            }
            if json {
                print(JSONValue.object([
                    "database": .string(StoreOpening.label(path)), "tenants": .integer(Int64(report.tenants)),
                    "objectives": .integer(Int64(report.objectives)), "tasks": .integer(Int64(report.tasks)),
                    "envelopes": .integer(Int64(report.envelopes)),
                ]).prettyText)
            } else {
                print("seeded \(StoreOpening.label(path)): \(report.tenants) tenants, \(report.objectives) objectives, \(report.tasks) tasks, \(report.envelopes) envelopes")
            }
        }
    }
}
