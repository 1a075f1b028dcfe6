import ArgumentParser

/// `bench worker --db postgres://…`: the PostgreSQL server to drain on.
///
/// The root command declares `--db` too, and ArgumentParser decodes the root first: its
/// `--db` takes the value wherever it was typed (`opsdeck bench worker --db URL` as well as
/// `opsdeck --db URL bench worker`), and a subcommand sees it only through an option group
/// of the root's own type (`GlobalOptions`, in the executable, which this library cannot
/// name). So the option is declared here for the help and read back from the command line
/// (`databaseArgument(in:)`) when the root took it.
struct BenchDatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Drain on PostgreSQL: an administrator's URL (the benchmark makes and drops databases opsdeck_bench_…).",
        valueName: "postgres-url"))
    var db: String?

    /// `--db`, from this group or else from the command line as typed.
    var value: String? { db ?? Self.databaseArgument(in: Array(CommandLine.arguments.dropFirst())) }

    /// The value of the last `--db VALUE` or `--db=VALUE` among `arguments` (without the
    /// program's name), as ArgumentParser reads it; nil when there is none. Words after a
    /// lone `--` are arguments, not options.
    static func databaseArgument(in arguments: [String]) -> String? {
        var found: String?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" { break }
            if word == "--db", index + 1 < arguments.count {
                found = arguments[index + 1]
                index += 2
                continue
            }
            if word.hasPrefix("--db=") { found = String(word.dropFirst("--db=".count)) }
            index += 1
        }
        return found
    }
}
