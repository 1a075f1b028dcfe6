import ArgumentParser
import DeckCore

/// `opsdeck tenant add|list|set`.
struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Create, list and change tenants.",
        subcommands: [Add.self, List.self, Set.self]
    )
}

extension TenantCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant (with default guardrails).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Unique tenant name.") var name: String
        @Option(help: "Commercial plan.") var plan = "free"
        @Option(help: "IANA time zone for quiet hours, e.g. Europe/Berlin.") var timezone = "UTC"
        @Option(help: "Most envelopes of this tenant running at once, across all workers (default 1; config tenants.max_running).")
        var maxRunning: Int?
        @Option(help: "Composio user_id of the tenant's accounts (default: the name).") var composioUserId: String?
        @Flag(help: "Print the tenant as JSON.") var json = false

        func run() async throws {
            let access = try StoreAccess(global)
            let draft = try TenantDraft(
                name: name, plan: plan, timeZone: timezone,
                maxRunning: try global.settings().int("tenants.max_running", flag: maxRunning), composioUserID: composioUserId)
            let tenant = try await access.store.addTenant(draft, actor: access.operatorName)
            if json {
                print(OutputJSON.tenant(tenant).prettyText)
            } else {
                print(tenant.id.rawValue)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants by name.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let access = try StoreAccess(global)
            let tenants = try await access.store.tenants(in: .allTenants)
            if json {
                print(JSONValue.array(tenants.map(OutputJSON.tenant)).prettyText)
                return
            }
            var table = TextTable(["ID", "NAME", "PLAN", "TIME ZONE", "MAX RUNNING", "COMPOSIO USER", "CREATED"])
            for tenant in tenants {
                table.add([
                    tenant.id.rawValue, tenant.name, tenant.plan, tenant.timeZone, String(tenant.maxRunning),
                    tenant.composioUserID, tenant.createdAt.tableText,
                ])
            }
            print(table.text)
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a tenant's settings (cap, plan, zone, name).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Tenant id or name.") var tenant: String
        @Option(help: "New unique name.") var name: String?
        @Option(help: "Commercial plan.") var plan: String?
        @Option(help: "IANA time zone for quiet hours.") var timezone: String?
        @Option(help: "Most envelopes of this tenant running at once.") var maxRunning: Int?
        @Option(help: "Composio user_id of the tenant's accounts.") var composioUserId: String?
        @Flag(help: "Print the tenant as JSON.") var json = false

        func run() async throws {
            let access = try StoreAccess(global)
            let changes = try TenantChanges(
                name: name, plan: plan, timeZone: timezone, maxRunning: maxRunning, composioUserID: composioUserId)
            guard !changes.isEmpty else { throw CLIError(.badInput, "nothing to change (give at least one option)") }
            let current = try await access.tenant(tenant)
            let updated = try await access.store.updateTenant(
                current.id, changes, in: .tenant(current.id), actor: access.operatorName)
            if json {
                print(OutputJSON.tenant(updated).prettyText)
            } else {
                print("updated tenant \(TerminalText.sanitize(updated.name)) (\(updated.id))")
            }
        }
    }
}
