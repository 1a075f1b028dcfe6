import ArgumentParser
import DeckCore

/// What approve, retry and discard share: ids, scoping, all-or-nothing, a summary line.
struct EnvelopeActionOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Envelope ids.") var ids: [Int64]
    @Option(help: "Only envelopes of this tenant (id or name); others answer \"not found\".") var tenant: String?
    @Flag(help: "Print the changed envelopes as JSON.") var json = false

    /// Applies `transition` to every id or to none, then prints what changed.
    func perform(_ transition: EnvelopeTransition, verb: String) async throws {
        guard !ids.isEmpty else { throw CLIError(.badInput, "give at least one envelope id") }
        if let bad = ids.first(where: { $0 <= 0 }) { throw CLIError(.badInput, "envelope id \(bad) is not valid") }
        let access = try await StoreAccess.open(global)
        let scope = try await access.scope(tenant)
        let report = try await access.store.apply(
            transition, to: ids.map { EnvelopeID($0) }, in: scope, actor: access.operatorName, mode: .allOrNothing)
        if json {
            let names = try await access.tenantNames()
            print(JSONValue.array(report.applied.map { OutputJSON.envelope($0, tenantName: names[$0.tenantID]) }).prettyText)
        } else {
            let list = report.applied.map { String($0.id.rawValue) }.joined(separator: ", ")
            print("\(verb) \(report.applied.count) envelope\(report.applied.count == 1 ? "" : "s"): \(list)")
        }
    }
}

extension EnvelopeCommand {
    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve envelopes awaiting approval (they become pending).",
            discussion: "All or nothing: if any id is missing or not awaiting approval, nothing changes.")
        @OptionGroup var options: EnvelopeActionOptions
        func run() async throws { try await options.perform(.approve, verb: "approved") }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retry dead envelopes now, with a fresh attempt budget.",
            discussion: "All or nothing: if any id is missing or not dead, nothing changes.")
        @OptionGroup var options: EnvelopeActionOptions
        func run() async throws { try await options.perform(.retry, verb: "retried") }
    }

    struct Discard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Discard envelopes (awaiting approval, pending or dead): they become cancelled.",
            discussion: "All or nothing: if any id is missing or running or finished, nothing changes.")
        @OptionGroup var options: EnvelopeActionOptions
        func run() async throws { try await options.perform(.discard, verb: "discarded") }
    }

    struct RunNow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run-now",
            abstract: "Make envelopes waiting on a retry backoff due now.",
            discussion: """
                Only for a pending envelope that failed and waits for its next attempt: never for \
                one deferred by quiet hours, held by a drift alert or scheduled by its agent. The \
                guardrails still apply when a worker claims it. All or nothing.
                """)
        @OptionGroup var options: EnvelopeActionOptions
        func run() async throws { try await options.perform(.runNow, verb: "made due now") }
    }
}
