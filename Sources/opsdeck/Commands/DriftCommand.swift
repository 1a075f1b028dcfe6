import ArgumentParser
import DeckCore
import DeckEngine
import Foundation
import Logging

/// `opsdeck drift check|list|show|accept`.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Catalog drift: check the provider's latest tools against each tenant's cache, list and accept alerts.",
        subcommands: [Check.self, List.self, Show.self, Accept.self]
    )

    static func row(_ alert: DriftAlert, tenants: [TenantID: String]) -> [String] {
        [
            String(alert.id.rawValue), tenants[alert.tenantID] ?? alert.tenantID.short, alert.status.rawValue,
            alert.breaking ? "BREAKING" : "-", alert.kind.rawValue, alert.toolSlug,
            "\(alert.fromVersion ?? "-") → \(alert.toVersion ?? "-")", alert.openedAt.tableText,
            (alert.diff["changes"]?.arrayValue?.count).map(String.init) ?? "0",
        ]
    }

    static let headers = ["ID", "TENANT", "STATUS", "BREAKING", "KIND", "TOOL", "VERSIONS", "OPENED", "CHANGES"]

    static func json(_ alert: DriftAlert, tenants: [TenantID: String]) -> JSONValue {
        [
            "id": .integer(alert.id.rawValue), "tenant_id": .string(alert.tenantID.rawValue),
            "tenant": tenants[alert.tenantID].map(JSONValue.string) ?? .null, "tool_slug": .string(alert.toolSlug),
            "toolkit": .string(alert.toolkit), "kind": .string(alert.kind.rawValue), "breaking": .bool(alert.breaking),
            "from_version": OutputJSON.optional(alert.fromVersion), "to_version": OutputJSON.optional(alert.toVersion),
            "status": .string(alert.status.rawValue), "fingerprint": .string(alert.fingerprint),
            "opened_at": OutputJSON.time(alert.openedAt), "accepted_at": alert.acceptedAt.map(OutputJSON.time) ?? .null,
            "accepted_by": OutputJSON.optional(alert.acceptedBy), "diff": alert.diff,
        ]
    }
}

extension DriftCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List drift alerts, newest first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this status: open or accepted.") var status: String?
        @Option(help: "Only this tenant (id or name).") var tenant: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let wanted = try status.map { text throws -> DriftAlertStatus in
                guard let status = DriftAlertStatus(rawValue: text) else {
                    throw CLIError(.badInput, "unknown drift status '\(TerminalText.sanitize(text))' (expected open or accepted)")
                }
                return status
            }
            let access = try await StoreAccess.open(global, readOnly: true)
            let scope = try await access.scope(tenant)
            let alerts = try await access.store.driftAlerts(in: scope, status: wanted)
            let names = try await access.tenantNames()
            if json {
                print(JSONValue.array(alerts.map { DriftCommand.json($0, tenants: names) }).prettyText)
                return
            }
            var table = TextTable(DriftCommand.headers)
            for alert in alerts { table.add(DriftCommand.row(alert, tenants: names)) }
            print(table.text)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one drift alert with its classified changes.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Alert id.") var id: Int64
        @Option(help: "Only if it belongs to this tenant (id or name).") var tenant: String?
        @Flag(help: "Print one JSON document.") var json = false

        func run() async throws {
            let access = try await StoreAccess.open(global, readOnly: true)
            let scope = try await access.scope(tenant)
            guard id > 0, let alert = try await access.store.driftAlert(DriftAlertID(id), in: scope) else {
                throw CLIError(.refused, "drift alert \(id) not found")
            }
            let names = try await access.tenantNames()
            if json {
                print(DriftCommand.json(alert, tenants: names).prettyText)
                return
            }
            let safe = TerminalText.sanitize
            var lines = [
                "drift alert \(alert.id)  \(alert.status.rawValue)\(alert.breaking ? "  BREAKING" : "")",
                "tenant:   \(safe(names[alert.tenantID] ?? alert.tenantID.rawValue))",
                "tool:     \(alert.toolSlug) (\(alert.toolkit))  \(alert.kind.rawValue)",
                "versions: \(alert.fromVersion ?? "-") → \(alert.toVersion ?? "-")",
                "opened:   \(alert.openedAt.iso8601)",
            ]
            if let by = alert.acceptedBy { lines.append("accepted: \(alert.acceptedAt?.iso8601 ?? "?") by \(safe(by))") }
            lines.append("changes:")
            for change in alert.diff["changes"]?.arrayValue ?? [] {
                let breaking = change["breaking"] == .bool(true) ? "BREAKING " : "         "
                let path = change["path"]?.stringValue ?? "?"
                let detail = change["detail"]?.stringValue ?? change["kind"]?.stringValue ?? ""
                lines.append("  \(breaking)\(safe(path))  \(safe(detail))")
            }
            print(lines.joined(separator: "\n"))
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept drift alerts: the tenant's catalog takes the new definitions and held envelopes run again.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Alert ids.") var ids: [Int64]
        @Option(help: "Only alerts of this tenant (id or name); others answer \"not found\".") var tenant: String?

        func run() async throws {
            guard !ids.isEmpty else { throw CLIError(.badInput, "give at least one drift alert id") }
            if let bad = ids.first(where: { $0 <= 0 }) { throw CLIError(.badInput, "drift alert id \(bad) is not valid") }
            let access = try await StoreAccess.open(global)
            let scope = try await access.scope(tenant)
            for id in ids {
                guard let alert = try await access.store.driftAlert(DriftAlertID(id), in: scope) else {
                    throw CLIError(.refused, "drift alert \(id) not found")
                }
                guard alert.status == .open else { throw CLIError(.refused, "drift alert \(id) is already accepted") }
            }
            var accepted: [String] = []
            var released = 0
            for id in ids {
                let result = try await access.store.acceptDriftAlert(DriftAlertID(id), in: scope, actor: access.operatorName)
                accepted.append("\(result.alert.id) (\(result.alert.toolSlug))")
                released += result.released.count
            }
            print("accepted \(accepted.count) drift alert\(accepted.count == 1 ? "" : "s"): \(accepted.joined(separator: ", ")); "
                + "released \(released) held envelope\(released == 1 ? "" : "s")")
        }
    }
}

extension DriftCommand {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every tenant's cached catalog against the provider's latest tools now; open alerts.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var providerOptions: ProviderOptions
        @Option(help: "Only this tenant (id or name).") var tenant: String?
        @Flag(help: "Print the alerts opened as JSON.") var json = false

        func run() async throws {
            let access = try await StoreAccess.open(global)
            let provider = try await providerOptions.makeProvider(store: access.store, settings: try global.settings())
            let scheduler = try SchedulerService(
                store: access.store, provider: provider,
                configuration: try SchedulerConfiguration(actor: access.operatorName),
                logger: Logger(label: "opsdeck.drift", factory: { _ in SwiftLogNoOpLogHandler() }))
            let before = Set(try await access.store.driftAlerts(in: .allTenants, status: nil).map(\.id))
            var tenants: [Tenant]?
            if let tenant { tenants = [try await access.tenant(tenant)] }
            let report = try await scheduler.checkDriftNow(tenants: tenants)
            await ProviderOptions.release(provider)
            let names = try await access.tenantNames()
            let opened = try await access.store.driftAlerts(in: .allTenants, status: nil).filter { !before.contains($0.id) }
            if json {
                print(JSONValue.array(opened.map { DriftCommand.json($0, tenants: names) }).prettyText)
            } else {
                print("checked \(report.driftChecks) tenants: \(opened.count) new drift alerts, \(report.failures) failures")
                if !opened.isEmpty {
                    var table = TextTable(DriftCommand.headers)
                    for alert in opened { table.add(DriftCommand.row(alert, tenants: names)) }
                    print(table.text)
                }
            }
            if report.failures > 0 { throw CLIError(.refused, "drift check failed for \(report.failures) tenants (see opsdeck audit tail --category scheduler)") }
        }
    }
}
