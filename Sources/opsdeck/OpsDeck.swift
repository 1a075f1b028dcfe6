import ArgumentParser
import DeckBench
import DeckCore
import Foundation

/// The `opsdeck` command: the operator console (with no subcommand, once it exists) and
/// the CLI over the same stores.
@main
struct OpsDeck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opsdeck",
        abstract: "Operator console and execution core of an AI-agent control plane.",
        discussion: """
            Agents write envelopes (tool actions for a tenant) into a durable outbox; OpsDeck \
            executes them under each tenant's guardrails and records everything in a \
            tamper-evident audit log. Every command works on one SQLite file (--db), which \
            several OpsDeck processes on the host may share.

            Exit status: 0 success, 1 refused or failed (not found, illegal transition, \
            conflict), 2 bad input, 3 database unusable, 4 audit chain broken.
            """,
        version: "0.1.0",
        subcommands: [
            MigrateCommand.self, TenantCommand.self, GuardrailsCommand.self, EnvelopeCommand.self, AuditCommand.self,
            WorkerCommand.self, StatsCommand.self, SchedulerCommand.self, DriftCommand.self, CatalogCommand.self, SnapshotCommand.self, DemoCommand.self, ConfigCommand.self,
            BenchCommand.self, ConsoleCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    /// The options every subcommand shares, with the same meaning everywhere (`opsdeck --db
    /// PATH migrate` works as `opsdeck migrate --db PATH`). Nothing else belongs here: a root
    /// option would capture a subcommand's option of the same name.
    @OptionGroup var global: GlobalOptions

    /// Parses, runs, and turns every failure into one line on stderr and an exit status.
    static func main() async {
        do {
            // Arguments arrive as bytes; Swift's strings would replace invalid UTF-8 with U+FFFD
            // and store a name or an argument nobody typed. Refuse it instead, naming it.
            for index in 1..<Int(CommandLine.argc) {
                guard let raw = CommandLine.unsafeArgv[index] else { continue }
                let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
                if String(validating: bytes, as: UTF8.self) == nil {
                    throw CLIError(.badInput, "argument \(index) is not valid UTF-8: \(TerminalText.sanitize(String(decoding: bytes, as: UTF8.self)))")
                }
            }
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            CLIError.report(error)
        } catch let error as StoreError {
            CLIError.report(CLIError(error))
        } catch let error as InvalidInput {
            CLIError.report(CLIError(error))
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            if error is ExitCode { exit(withError: error) }
            guard exitCode(for: error) == .validationFailure else {
                // Not a usage problem: a runtime failure from a library (a socket, say).
                CLIError.report(CLIError(.refused, "\(error)"))
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid usage"
            if let negative = negativeNumberMessage(message) { CLIError.report(CLIError(.badInput, negative)) }
            CLIError.report(CLIError(.badInput, message.replacingOccurrences(of: "Error: ", with: "") + " (see --help)"))
        }
    }

    /// "Missing value for '--concurrency <concurrency>'" when the word after the option was a
    /// negative number (which the parser takes for an option): say what was wrong instead.
    static func negativeNumberMessage(_ message: String) -> String? {
        guard message.contains("Missing value for '") else { return nil }
        let arguments = Array(CommandLine.arguments.dropFirst())
        for (index, argument) in arguments.enumerated() where argument.hasPrefix("--") && index + 1 < arguments.count {
            let next = arguments[index + 1]
            guard next.count > 1, next.hasPrefix("-"), Double(next) != nil else { continue }
            let name = argument.split(separator: "=").first.map(String.init) ?? argument
            if message.contains("'\(name) ") || message.contains("'\(name)'") {
                return "\(name) \(next): a negative number is not allowed here"
            }
        }
        return nil
    }
}
