import ArgumentParser
import DeckConfig
import DeckCore
import DeckUI
import Foundation

/// The console's own options: theme, view, read-only, engine.
struct ConsoleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Colour theme: dark, light, high-contrast, monochrome, or a themes/*.yaml name.", valueName: "name"))
    var theme: String?
    @Option(name: .customLong("open"), help: ArgumentHelp(
        "The view to open: tenants, accounts, drift, outbox, dlq, audit, telemetry.", valueName: "view"))
    var view = "outbox"
    @Flag(help: "Open the live demo world (opsdeck-demo.sqlite unless --db; created and seeded if missing, reused otherwise).")
    var demo = false
    @Option(help: "Envelopes per second the demo's synthetic agent submits (default 2; config demo.rate).") var demoRate: Double?
    @Option(help: "Seed of the demo world and its agent (default 1; config demo.seed).") var demoSeed: UInt64?
    @Flag(help: ArgumentHelp(
        "Run on an in-memory store: no file is read or written, and everything is lost on exit (with --demo: the demo world)."))
    var memory = false
    @Flag(help: "Hide and refuse every action (approve, retry, discard, accept).") var readOnly = false
    @Flag(help: "Only observe: run no worker and no schedulers in this process.") var noEngine = false
    @Flag(help: "Leave the mouse to the terminal (text selection).") var noMouse = false
    @Option(help: "Most envelopes the in-process worker executes at once.") var concurrency = 16
    @Option(help: ArgumentHelp(
        "Where stderr goes while the console runs (engine logs, crash reports); default a file in the temporary directory, removed when empty.",
        valueName: "path"))
    var logFile: String?

    /// The view named by `--view`; bad input otherwise.
    func initialView() throws -> ConsoleViewKind {
        guard let kind = ConsoleViewKind(name: view) else {
            throw CLIError(.badInput, "unknown view '\(TerminalText.sanitize(view))' (\(ConsoleViewKind.allCases.map(\.name).joined(separator: ", ")))")
        }
        return kind
    }

    /// The demo's database when `--db` and `$OPSDECK_DB` do not name one.
    static let demoDatabase = "opsdeck-demo.sqlite"

    /// True when colour is off by `NO_COLOR` (https://no-color.org: any non-empty value).
    static var noColorRequested: Bool {
        !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Built-in themes, then `./themes`, the XDG config directory's `opsdeck/themes` and
    /// `$OPSDECK_THEMES`; a bad file is reported on stderr and skipped.
    static func themeCatalog() -> ThemeCatalog {
        var catalog = ThemeCatalog()
        let environment = ProcessInfo.processInfo.environment
        var directories = ["themes"]
        if let directory = Settings.opsdeckConfigDirectory { directories.append(directory + "/themes") }
        if let extra = environment["OPSDECK_THEMES"], !extra.isEmpty { directories.append(extra) }
        for directory in directories where FileManager.default.fileExists(atPath: directory) {
            for error in catalog.load(directory: directory) {
                FileHandle.standardError.write(Data("opsdeck: theme skipped: \(error)\n".utf8))
            }
        }
        return catalog
    }

    /// The theme to start with: `--theme`, else the default; an unknown name is bad input.
    func themeName(in catalog: ThemeCatalog, settings: Settings) throws -> String {
        let name = settings.string("theme", flag: theme)
        guard catalog.theme(named: name) != nil else {
            throw CLIError(.badInput, "unknown theme '\(TerminalText.sanitize(name))' (\(catalog.names.joined(separator: ", ")))")
        }
        return name
    }
}
