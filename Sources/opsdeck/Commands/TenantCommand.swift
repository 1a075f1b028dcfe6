import ArgumentParser
import DeckCore
import Foundation

/// `opsdeck tenant add|import|list|set|pause|resume`.
struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Create, list and change tenants.",
        subcommands: [Add.self, Import.self, List.self, Set.self, Pause.self, Resume.self]
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
            let access = try await StoreAccess.open(global)
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

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create many tenants from a JSON-lines file, in one transaction.",
            discussion: """
                One tenant per line: {"name": "acme", "plan": "pro", "timezone": "Europe/Berlin", \
                "max_running": 5, "composio_user_id": "u1"} — every key but name optional, with the \
                defaults of tenant add. The whole file is checked first; a bad line, a name given \
                twice or a name already taken stores nothing and names the line.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("JSON-lines file of tenants.", valueName: "path")) var file: String
        @Flag(help: "Print the created tenants as a JSON array.") var json = false

        func run() async throws {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError(.badInput, "cannot read \(file): \((error as NSError).localizedDescription)")
            }
            let cap = try global.settings().int("tenants.max_running", flag: nil)
            let access = try await StoreAccess.open(global)
            let taken = Swift.Set(try await access.store.tenants(in: .allTenants).map(\.name))
            let drafts = try TenantLines.drafts(from: data, path: file, defaultCap: cap, taken: taken)
            let started = Date()
            let tenants = try await access.store.addTenants(drafts, actor: access.operatorName)
            if json {
                print(JSONValue.array(tenants.map(OutputJSON.tenant)).prettyText)
            } else {
                print("imported \(tenants.count) tenant\(tenants.count == 1 ? "" : "s") in "
                    + String(format: "%.2f", Date().timeIntervalSince(started)) + " s")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants by name.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let access = try await StoreAccess.open(global, readOnly: true)
            let tenants = try await access.store.tenants(in: .allTenants)
            if json {
                print(JSONValue.array(tenants.map(OutputJSON.tenant)).prettyText)
                return
            }
            var table = TextTable(["ID", "NAME", "PLAN", "TIME ZONE", "MAX RUNNING", "QUEUE", "COMPOSIO USER", "CREATED"])
            for tenant in tenants {
                table.add([
                    tenant.id.rawValue, tenant.name, tenant.plan, tenant.timeZone, String(tenant.maxRunning),
                    tenant.pausedAt.map { "paused \($0.tableText)" } ?? "running",
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
            let access = try await StoreAccess.open(global)
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

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause a tenant's queue: workers claim none of its envelopes until it is resumed.",
            discussion: """
                Envelopes already running finish; new ones are still accepted and wait, pending. \
                Audited (tenant paused). The console shows paused tenants in its header and \
                tenants view, where p pauses and resumes too.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Tenant id or name.") var tenant: String
        @Flag(help: "Print the tenant as JSON.") var json = false

        func run() async throws {
            try await TenantCommand.setPaused(true, tenant: tenant, global: global, json: json)
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a paused tenant's queue.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Tenant id or name.") var tenant: String
        @Flag(help: "Print the tenant as JSON.") var json = false

        func run() async throws {
            try await TenantCommand.setPaused(false, tenant: tenant, global: global, json: json)
        }
    }

    static func setPaused(_ paused: Bool, tenant reference: String, global: GlobalOptions, json: Bool) async throws {
        let access = try await StoreAccess.open(global)
        let current = try await access.tenant(reference)
        let updated = try await access.store.setTenantPaused(current.id, paused, in: .tenant(current.id), actor: access.operatorName)
        if json {
            print(OutputJSON.tenant(updated).prettyText)
            return
        }
        let name = TerminalText.sanitize(updated.name)
        switch (current.isPaused, paused) {
        case (true, true): print("tenant \(name) was already paused (by \(TerminalText.sanitize(current.pausedBy ?? "?")))")
        case (false, false): print("tenant \(name) is not paused")
        case (_, true): print("paused tenant \(name): workers claim none of its envelopes until 'opsdeck tenant resume'")
        case (_, false): print("resumed tenant \(name)")
        }
    }
}
