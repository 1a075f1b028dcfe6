import ArgumentParser
import DeckCore

/// `opsdeck guardrails set|show`.
struct GuardrailsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guardrails",
        abstract: "Show and change a tenant's guardrails.",
        subcommands: [Set.self, Show.self]
    )

    static func printGuardrails(_ guardrails: Guardrails, of tenant: Tenant, json: Bool) {
        if json {
            print(OutputJSON.guardrails(guardrails, tenant: tenant).prettyText)
            return
        }
        var table = TextTable(["TENANT", "QUIET HOURS", "TIME ZONE", "ALLOWED TOOLKITS", "AUTONOMY", "TONE"], maxCellWidth: 60)
        table.add([
            tenant.name, guardrails.quietHours?.description ?? "-", tenant.timeZone,
            guardrails.allowedToolkits?.joined(separator: ",") ?? "any", guardrails.autonomy.rawValue,
            guardrails.tone ?? "-",
        ])
        print(table.text)
    }
}

extension GuardrailsCommand {
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a tenant's guardrails; options not given keep their value.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Tenant id or name.") var tenant: String
        @Option(help: ArgumentHelp("Local window when nothing runs, e.g. 22:00-07:00.", valueName: "HH:MM-HH:MM"))
        var quietHours: String?
        @Flag(help: "Remove the quiet hours.") var noQuietHours = false
        @Option(help: "Allow this toolkit (repeat for several); others are refused.") var allowToolkit: [String] = []
        @Flag(help: "Allow every toolkit.") var allowAnyToolkit = false
        @Option(help: "Highest risk tier that runs without approval: low, medium, high, critical.") var autonomy: String?
        @Option(help: "How the agent should write for this tenant.") var tone: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            if quietHours != nil, noQuietHours { throw CLIError(.badInput, "--quiet-hours and --no-quiet-hours conflict") }
            if !allowToolkit.isEmpty, allowAnyToolkit {
                throw CLIError(.badInput, "--allow-toolkit and --allow-any-toolkit conflict")
            }
            guard quietHours != nil || noQuietHours || !allowToolkit.isEmpty || allowAnyToolkit || autonomy != nil || tone != nil else {
                throw CLIError(.badInput, "nothing to change (give at least one option; guardrails show prints them)")
            }
            if let tone, tone.count > 2_000 || tone.unicodeScalars.contains(where: TerminalText.needsEscape) {
                throw CLIError(.badInput, "--tone must be at most 2000 characters, without control characters")
            }
            let quiet = try quietHours.map { text throws(InvalidInput) in try QuietHours(parsing: text) }
            let tier = try autonomy.map { text throws(InvalidInput) in try RiskTier.parse(text) }
            let toolkits = try allowToolkit.map { text throws(InvalidInput) in try ToolkitSlug.normalize(text) }
            let access = try await StoreAccess.open(global)
            let target = try await access.tenant(tenant)
            let scope = TenantScope.tenant(target.id)
            var guardrails = try await access.store.guardrails(for: target.id, in: scope)
            if let quiet { guardrails.quietHours = quiet }
            if noQuietHours { guardrails.quietHours = nil }
            if !toolkits.isEmpty { guardrails.allowedToolkits = Array(Swift.Set(toolkits)).sorted() }
            if allowAnyToolkit { guardrails.allowedToolkits = nil }
            if let tier { guardrails.autonomy = tier }
            if let tone { guardrails.tone = tone.isEmpty ? nil : tone }
            try await access.store.setGuardrails(guardrails, for: target.id, in: scope, actor: access.operatorName)
            GuardrailsCommand.printGuardrails(guardrails, of: target, json: json)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a tenant's guardrails.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Tenant id or name.") var tenant: String
        @Flag(help: "Print as JSON.") var json = false

        func run() async throws {
            let access = try await StoreAccess.open(global, readOnly: true)
            let target = try await access.tenant(tenant)
            let guardrails = try await access.store.guardrails(for: target.id, in: .tenant(target.id))
            GuardrailsCommand.printGuardrails(guardrails, of: target, json: json)
        }
    }
}
