import ArgumentParser
import DeckConsole
import DeckCore
import DeckEngine
import DeckStore
import DeckUI
import Foundation

/// `opsdeck snapshot`: one console frame as plain text, for incident notes, docs and tests.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one frame of a console view as plain text.",
        discussion: "The same queries and rendering as the console, without a terminal: what an operator would see now.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("tenants, accounts, drift, outbox, dlq, audit or telemetry.", valueName: "view")) var view: String
    @Option(help: "Columns (20 to 1000).") var width = 120
    @Option(help: "Rows (5 to 1000).") var height = 40
    @Option(help: "Only this tenant (id or name).") var tenant: String?
    @Option(help: "The view's filter, as typed after / (e.g. status:dead).") var filter: String?
    @Option(help: "Open the detail of this row (an envelope, audit row or drift alert id).") var detail: Int64?
    @Flag(help: "Render the demo world (seed 1) from a fresh in-memory store instead of a database.") var memory = false

    func run() async throws {
        guard let kind = ConsoleViewKind(name: view) else {
            throw CLIError(.badInput, "unknown view '\(TerminalText.sanitize(view))' (\(ConsoleViewKind.allCases.map(\.name).joined(separator: ", ")))")
        }
        guard (20...1000).contains(width), (5...1000).contains(height) else {
            throw CLIError(.badInput, "size must be 20 to 1000 columns and 5 to 1000 rows")
        }
        let access = memory ? try StoreAccess(memory: global) : try await StoreAccess.open(global, readOnly: true)
        let now = Timestamp(Date())
        if memory { _ = try await DemoWorld.seed(into: access.store, seed: 1, now: now) }
        var state = ConsoleState(
            operatorName: access.operatorName, databaseLabel: memory ? "memory" : StoreOpening.label(global.databasePath), engineLabel: "snapshot", readOnly: true,
            width: width, height: height, now: now)
        state.view = kind
        state.scope = try await access.scope(tenant)
        if let filter {
            do {
                if kind == .audit {
                    state.auditFilter = try AuditFilter.parse(filter)
                } else {
                    state.envelopeFilters[kind] = try EnvelopeFilter.parse(filter)
                }
            } catch let error as InvalidInput {
                throw CLIError(.badInput, "--filter: \(error.message)")
            }
        }
        if let detail {
            switch kind {
            case .outbox, .dlq: state.detail = .envelope(EnvelopeID(detail))
            case .audit: state.detail = .audit(AuditEventID(detail))
            case .drift: state.detail = .drift(DriftAlertID(detail))
            default: throw CLIError(.badInput, "--detail works with outbox, dlq, audit and drift")
            }
        }
        let source = StoreConsoleSource(store: access.store, telemetry: EngineTelemetry.frame)
        let request = state.dataRequest
        let data = try await source.load(request)
        if case .missing(let reason)? = data.detail {
            // One clear line, not a frame that says so in its middle with exit 0.
            throw CLIError(.refused, reason)
        }
        _ = Console.update(&state, .loaded(request, data))
        let buffer = Console.render(state, theme: .monochrome)
        print(buffer.lines().joined(separator: "\n"))
    }
}
