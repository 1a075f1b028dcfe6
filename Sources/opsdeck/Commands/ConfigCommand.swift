import ArgumentParser
import DeckConfig
import DeckCore
import Foundation

/// `opsdeck config show`: the effective configuration and where each value came from.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "The configuration file.",
        subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every setting's effective value and its source (default, or the file and line).",
            discussion: """
                The file is --config, else $OPSDECK_CONFIG, else $XDG_CONFIG_HOME/opsdeck/config.yaml \
                (~/.config/opsdeck/config.yaml) when it exists. A command's own flags override the file.
                """)

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let settings = try global.settings()
            // What the commands would refuse, refused here too: values that are fine one by one
            // but not together (a backoff whose base exceeds its maximum, a trickle interval
            // whose shortest exceeds its longest), and a theme that does not exist.
            _ = try settings.retryPolicy()
            _ = try SchedulerOptions.parse([]).configuration(actor: SchedulerOptions.actor, settings: settings)
            _ = try ConsoleOptions.parse([]).themeName(in: ConsoleOptions.themeCatalog(), settings: settings)
            let rows = ConfigKey.all.map { key -> (String, String, String) in
                let (value, source) = settings.text(key.name)
                return (key.name, value, source.description)
            }
            if json {
                print(JSONValue.object([
                    "file": settings.file.map { JSONValue.string($0.path) } ?? .null,
                    "settings": .array(rows.map { .object(["key": .string($0.0), "value": .string($0.1), "source": .string($0.2)]) }),
                ]).prettyText)
                return
            }
            print("# configuration file: \(settings.file?.path ?? "none")")
            let width = rows.map(\.0.count).max() ?? 0
            for (key, value, source) in rows {
                let shownValue = TerminalText.sanitize(value)
                print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + shownValue.padding(toLength: max(12, shownValue.count), withPad: " ", startingAt: 0) + "  # " + TerminalText.sanitize(source))
            }
        }
    }
}
