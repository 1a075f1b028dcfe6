import ArgumentParser

/// `opsdeck console` — also what `opsdeck` runs with no subcommand: the operator console on
/// the database, with the worker and schedulers in the same process unless `--no-engine`.
///
/// Its options live here, not on the root command: an option of the root would also be
/// parsed after a subcommand's name and take that subcommand's option of the same name
/// (`opsdeck worker --concurrency 512` set the console's concurrency).
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The operator console (the default: `opsdeck` alone runs it).",
        discussion: """
            Views: tenants, accounts, drift, outbox, DLQ, audit, telemetry. Press ? inside for \
            every key. By default the console also runs the worker and the schedulers (the header \
            says engine); --no-engine only observes, beside headless workers.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var console: ConsoleOptions
    @OptionGroup var providerOptions: ProviderOptions
    @OptionGroup var schedulerOptions: SchedulerOptions

    func run() async throws {
        try await ConsoleLaunch(global: global, console: console, provider: providerOptions, scheduler: schedulerOptions).run()
    }
}
