import ArgumentParser
import DeckCore

/// `opsdeck catalog list|risk`: the tenants' cached tools and operators' risk overrides.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "The tenants' cached tool catalog (filled by warm scans, updated by accepted drift) and risk overrides.",
        subcommands: [List.self, Risk.self]
    )
}

extension CatalogCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cached tools with their version and risk.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this tenant (id or name).") var tenant: String?
        @Option(help: "Only this toolkit.") var toolkit: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let access = try await StoreAccess.open(global, readOnly: true)
            let scope = try await access.scope(tenant)
            let tools = try await access.store.tools(in: scope, toolkit: toolkit?.lowercased())
            let names = try await access.tenantNames()
            if json {
                print(JSONValue.array(tools.map { tool in
                    [
                        "tenant_id": .string(tool.tenantID.rawValue), "tenant": OutputJSON.optional(names[tool.tenantID]),
                        "tool_slug": .string(tool.toolSlug), "toolkit": .string(tool.toolkit), "version": .string(tool.version),
                        "risk": .string(tool.risk.rawValue), "classified_risk": .string(tool.classifiedRisk.rawValue),
                        "risk_override": OutputJSON.optional(tool.riskOverride?.rawValue),
                        "tags": .array(tool.tags.map(JSONValue.string)), "scopes": .array(tool.scopes.map(JSONValue.string)),
                        "json_schema": tool.jsonSchema, "fetched_at": OutputJSON.time(tool.fetchedAt),
                    ]
                }).prettyText)
                return
            }
            var table = TextTable(["TENANT", "TOOL", "TOOLKIT", "VERSION", "RISK", "FETCHED"])
            for tool in tools {
                table.add([
                    names[tool.tenantID] ?? tool.tenantID.short, tool.toolSlug, tool.toolkit, tool.version,
                    tool.risk.rawValue + (tool.riskOverride == nil ? "" : " (override; classified \(tool.classifiedRisk.rawValue))"),
                    tool.fetchedAt.tableText,
                ])
            }
            print(table.text)
        }
    }

    struct Risk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Override OpsDeck's risk for one tool of one tenant (or clear the override); audited.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Tenant id or name.") var tenant: String
        @Argument(help: "Tool slug.") var tool: String
        @Argument(help: "low, medium, high or critical.") var tier: String?
        @Flag(help: "Remove the override: the classified risk applies again.") var clear = false

        func run() async throws {
            guard (tier == nil) == clear else { throw CLIError(.badInput, "give either a tier or --clear") }
            let risk = try tier.map { text throws(InvalidInput) in try RiskTier.parse(text) }
            let slug = try ToolSlug(parsing: tool).rawValue
            let access = try await StoreAccess.open(global)
            let target = try await access.tenant(tenant)
            let entry = try await access.store.setRiskOverride(
                risk, for: slug, tenant: target.id, in: .tenant(target.id), actor: access.operatorName)
            print("\(entry.toolSlug) of \(TerminalText.sanitize(target.name)): risk \(entry.risk.rawValue)"
                + (entry.riskOverride == nil ? " (classified)" : " (override)"))
        }
    }
}
