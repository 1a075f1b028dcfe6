import ArgumentParser
import DeckCore

extension EnvelopeCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List envelopes, newest first, filtered and paginated.",
            discussion: "Pass the printed next cursor as --after to see the following page."
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this status (repeat or comma-separate): awaiting_approval, pending, running, succeeded, dead, cancelled.")
        var status: [String] = []
        @Option(help: "Only this tenant (id or name).") var tenant: String?
        @Option(help: "Only this tool slug.") var tool: String?
        @Option(help: "Only this risk tier (repeat or comma-separate).") var risk: [String] = []
        @Flag(help: "Only envelopes marked in doubt.") var inDoubt = false
        @Option(help: "Rows per page (1-10000).") var limit = 50
        @Option(help: "Continue after this envelope id.") var after: Int64?
        @Flag(help: "Oldest first instead of newest first.") var oldestFirst = false
        @Flag(help: "Print one JSON document.") var json = false

        func run() async throws {
            let statuses = try status.flatMap { $0.split(separator: ",") }
                .map { text throws(InvalidInput) in try EnvelopeStatus.parse(String(text)) }
            let risks = try risk.flatMap { $0.split(separator: ",") }
                .map { text throws(InvalidInput) in try RiskTier.parse(String(text)) }
            guard (1...10_000).contains(limit) else { throw CLIError(.badInput, "--limit must be 1 to 10000") }
            if let after, after <= 0 { throw CLIError(.badInput, "--after must be a positive id") }
            let slug = try tool.map { text throws(InvalidInput) in try ToolSlug(parsing: text) }
            let access = try await StoreAccess.open(global, readOnly: true)
            let scope = try await access.scope(tenant)
            let query = EnvelopeQuery(
                statuses: statuses.isEmpty ? nil : Swift.Set(statuses), toolSlug: slug,
                risks: risks.isEmpty ? nil : Swift.Set(risks), inDoubt: inDoubt ? true : nil,
                order: oldestFirst ? .oldestFirst : .newestFirst, after: after.map { EnvelopeID($0) }, limit: limit)
            let page = try await access.store.envelopes(query, in: scope)
            let names = try await access.tenantNames()
            if json {
                print(JSONValue.object([
                    "envelopes": .array(page.items.map { OutputJSON.envelope($0, tenantName: names[$0.tenantID]) }),
                    "next_cursor": page.nextCursor.map { .integer($0.rawValue) } ?? .null,
                ]).prettyText)
                return
            }
            var table = TextTable(["ID", "TENANT", "STATUS", "RISK", "TOOL", "ATT", "RUN AT", "UPDATED", "LAST ERROR"], maxCellWidth: 40)
            for envelope in page.items {
                table.add([
                    String(envelope.id.rawValue), names[envelope.tenantID] ?? envelope.tenantID.short,
                    envelope.status.rawValue + (envelope.inDoubt ? " (in doubt)" : envelope.heldBy != nil ? " (held)" : ""),
                    envelope.risk.rawValue, envelope.toolSlug.rawValue, String(envelope.attempts),
                    envelope.heldBy.map { "drift #\($0)" } ?? envelope.runAt.tableText, envelope.updatedAt.tableText,
                    envelope.lastError ?? envelope.statusReason ?? "",
                ])
            }
            print(table.text)
            if let next = page.nextCursor { print("next page: --after \(next)") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one envelope with its audit history.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Envelope id.") var id: Int64
        @Option(help: "Only if it belongs to this tenant (id or name).") var tenant: String?
        @Flag(help: "Print one JSON document.") var json = false

        func run() async throws {
            guard id > 0 else { throw CLIError(.badInput, "envelope id must be positive") }
            let access = try await StoreAccess.open(global, readOnly: true)
            let scope = try await access.scope(tenant)
            guard let envelope = try await access.store.envelope(EnvelopeID(id), in: scope) else {
                throw CLIError(.refused, "envelope \(id) not found")
            }
            let history = try await access.store.auditEvents(
                AuditQuery(envelopeID: envelope.id, order: .oldestFirst, limit: 1000), in: scope
            ).items
            let name = try await access.store.tenant(envelope.tenantID, in: scope)?.name
            if json {
                var document = OutputJSON.envelope(envelope, tenantName: name).objectValue ?? [:]
                document["history"] = .array(history.map(OutputJSON.audit))
                print(JSONValue.object(document).prettyText)
                return
            }
            let safe = TerminalText.sanitize
            var lines = [
                "envelope \(envelope.id)  \(envelope.status.rawValue)\(envelope.inDoubt ? " (IN DOUBT)" : "")",
                "tenant:          \(safe(name ?? "?")) (\(envelope.tenantID))",
                "tool:            \(envelope.toolSlug) (toolkit \(envelope.toolkit), version \(envelope.version ?? "unpinned"))",
                "risk:            \(envelope.risk.rawValue)",
                "attempts:        \(envelope.attempts)",
                "run at:          " + (envelope.heldBy.map { "held by drift alert \($0) until it is accepted" } ?? envelope.runAt.iso8601),
                "idempotency key: \(safe(envelope.idempotencyKey))",
                "created:         \(envelope.createdAt.iso8601)",
                "updated:         \(envelope.updatedAt.iso8601)",
            ]
            if let account = envelope.connectedAccountID { lines.append("account:         \(safe(account.rawValue))") }
            if let task = envelope.taskID { lines.append("task:            \(task)") }
            if let owner = envelope.leaseOwner {
                lines.append("lease:           \(safe(owner.rawValue)) until \(envelope.leaseExpiresAt?.iso8601 ?? "?")")
            }
            if let approvedBy = envelope.approvedBy { lines.append("approved by:     \(safe(approvedBy))") }
            if let reason = envelope.statusReason { lines.append("reason:          \(safe(reason))") }
            if let error = envelope.lastError { lines.append("last error:      \(safe(error))") }
            if let external = envelope.externalID { lines.append("external id:     \(safe(external))") }
            if let result = envelope.result {
                lines.append("result:          \(safe(result))\(envelope.resultTruncated ? " [truncated]" : "")")
            }
            lines.append("arguments:")
            lines += envelope.arguments.prettyText.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + safe(String($0)) }
            lines.append("history:")
            for event in history {
                lines.append(
                    "  \(event.id)  \(event.createdAt.tableText)  \(event.action)  by \(safe(event.actor))  "
                        + safe(event.payload.canonicalText))
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
