import ArgumentParser
import DeckCore

/// `opsdeck audit tail|verify`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read and verify the append-only audit log.",
        subcommands: [Tail.self, Verify.self]
    )
}

extension AuditCommand {
    struct Tail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the latest audit rows, oldest of them first.")

        @OptionGroup var global: GlobalOptions
        @Option(name: [.short, .long], help: "How many rows (1-10000).") var limit = 20
        @Option(help: "Only this tenant's rows (id or name).") var tenant: String?
        @Option(help: "Only this category (repeat or comma-separate).") var category: [String] = []
        @Option(help: "Only rows about this envelope.") var envelope: Int64?
        @Flag(help: "Print JSON lines, one row per line.") var json = false

        func run() async throws {
            guard (1...10_000).contains(limit) else { throw CLIError(.badInput, "--limit must be 1 to 10000") }
            let categories = try category.flatMap { $0.split(separator: ",") }
                .map { text throws(InvalidInput) in try AuditCategory.parse(String(text)) }
            let access = try StoreAccess(global, readOnly: true)
            let scope = try await access.scope(tenant)
            let query = AuditQuery(
                categories: categories.isEmpty ? nil : Set(categories), envelopeID: envelope.map { EnvelopeID($0) },
                order: .newestFirst, limit: limit)
            let events = try await access.store.auditEvents(query, in: scope).items.reversed()
            if json {
                for event in events { print(OutputJSON.audit(event).terminalSafeLine) }
                return
            }
            let names = try await access.tenantNames()
            var table = TextTable(["ID", "TIME", "TENANT", "CATEGORY", "ACTION", "ENVELOPE", "ACTOR", "DETAILS"], maxCellWidth: 60)
            for event in events {
                table.add([
                    String(event.id.rawValue), event.createdAt.tableText, event.tenantID.map { names[$0] ?? $0.short } ?? "-",
                    event.category.rawValue, event.action, event.envelopeID.map { String($0.rawValue) } ?? "-", event.actor,
                    event.payload.canonicalText,
                ])
            }
            print(table.text)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the hash chain; exit 0 when intact, 4 naming the first bad row otherwise.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print the verdict as JSON.") var json = false

        func run() async throws {
            let access = try StoreAccess(global, readOnly: true)
            switch try await access.store.verifyAuditChain() {
            case .intact(let rows, let head):
                if json {
                    print(JSONValue.object(["intact": true, "rows": .integer(Int64(rows)), "head_hash": .string(head)]).prettyText)
                } else {
                    print("audit chain intact: \(rows) rows, head \(head)")
                }
            case .broken(let failure, let checked):
                if json {
                    print(JSONValue.object([
                        "intact": false, "first_bad_row": .integer(failure.id), "reason": .string(failure.reason),
                        "rows_checked": .integer(Int64(checked)),
                    ]).prettyText)
                }
                throw CLIError(.auditBroken, "audit chain broken at row \(failure.id): \(failure.reason) (\(checked) rows before it are intact)")
            }
        }
    }
}
