import ArgumentParser
import DeckCore

/// `opsdeck envelope submit|list|show|approve|retry|discard`.
struct EnvelopeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envelope",
        abstract: "Submit, inspect and act on outbox envelopes.",
        subcommands: [Submit.self, List.self, Show.self, Approve.self, Retry.self, RunNow.self, Discard.self]
    )
}
