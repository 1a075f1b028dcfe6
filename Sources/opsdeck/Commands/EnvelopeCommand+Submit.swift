import ArgumentParser
import DeckCore
import Foundation

extension EnvelopeCommand {
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit one envelope, or a JSON-lines file of them.",
            discussion: """
                One envelope: --tenant, --tool and --args (JSON, or @FILE, or @- for stdin).
                A file: --file PATH with one JSON object per line, keys named like the flags: \
                {"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "args": {...}, "risk": "low"} \
                (risk, toolkit, version, account, task and idempotency_key optional). The whole \
                file is checked first; one bad line refuses the file, naming its line number. \
                Envelopes with an idempotency key already stored for their tenant are not \
                stored again.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: "Tenant id or name (scopes --file to that tenant).") var tenant: String?
        @Option(help: "Tool slug, e.g. GMAIL_SEND_EMAIL.") var tool: String?
        @Option(help: ArgumentHelp("Tool arguments: a JSON object, @FILE or @-.", valueName: "json")) var args: String?
        @Option(help: "Risk tier: low, medium, high, critical (default: from the tool's verb).") var risk: String?
        @Option(help: "Toolkit slug (default: the tool slug's first word).") var toolkit: String?
        @Option(help: "Pinned tool version, YYYYMMDD_NN.") var version: String?
        @Option(help: "Composio connected account id.") var account: String?
        @Option(help: "Task id the envelope serves.") var task: Int64?
        @Option(help: "Deduplication key, unique per tenant.") var idempotencyKey: String?
        @Option(help: ArgumentHelp("JSON-lines file of envelopes (- reads standard input).", valueName: "path")) var file: String?
        @Option(help: "Envelopes per transaction when submitting a file.") var batchSize = 5000
        @Flag(help: "Print the result as JSON.") var json = false
        @Flag(help: .hidden) var traceTiming = false

        func run() async throws {
            if let file {
                guard tool == nil, args == nil, risk == nil, toolkit == nil, version == nil, account == nil, task == nil,
                      idempotencyKey == nil
                else { throw CLIError(.badInput, "--file takes no per-envelope options (only --tenant to scope it)") }
                try await submitFile(file)
            } else {
                try await submitOne()
            }
        }

        private func submitOne() async throws {
            guard let tenant else { throw CLIError(.badInput, "missing --tenant (or give --file)") }
            guard let tool else { throw CLIError(.badInput, "missing --tool (or give --file)") }
            let arguments = try parseArguments(args ?? "{}")
            let tier = try risk.map { text throws(InvalidInput) in try RiskTier.parse(text) }
            if let task, task <= 0 { throw CLIError(.badInput, "--task must be a positive id") }
            let access = try await StoreAccess.open(global)
            let target = try await access.tenant(tenant)
            let draft = try EnvelopeDraft(
                tenantID: target.id, toolSlug: tool, toolkit: toolkit, version: version,
                connectedAccountID: account.map { ConnectedAccountID(rawValue: $0) }, taskID: task.map { TaskID($0) },
                argumentsJSON: arguments, risk: tier, idempotencyKey: idempotencyKey)
            let receipt = try await access.store.submit([draft], in: .tenant(target.id), actor: access.operatorName)
            if json {
                print(JSONValue.object([
                    "ids": .array(receipt.ids.map { .integer($0.rawValue) }), "duplicates": .integer(Int64(receipt.duplicates)),
                ]).prettyText)
            } else {
                print(receipt.ids[0].rawValue)
            }
        }

        private func submitFile(_ path: String) async throws {
            guard (1...100_000).contains(batchSize) else { throw CLIError(.badInput, "--batch-size must be 1 to 100000") }
            let data: Data
            do {
                // `-` is standard input (a pipe from the agent, `< file`).
                data = path == "-" ? try FileHandle.standardInput.readToEnd() ?? Data() : try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw CLIError(.badInput, "cannot read \(path): \((error as NSError).localizedDescription)")
            }
            let access = try await StoreAccess.open(global)
            let scope = try await access.scope(tenant)
            let directory = TenantDirectory(try await access.store.tenants(in: scope))
            let started = Date()
            let lines = try EnvelopeLines.drafts(from: data, path: path, tenants: directory)
            try await checkTasks(of: lines, path: path, store: access.store)
            let drafts = lines.map(\.draft)
            let parsed = Date()
            var stored = 0
            var duplicates = 0
            var firstID: EnvelopeID?
            var lastID: EnvelopeID?
            var offset = 0
            while offset < drafts.count {
                let batch = Array(drafts[offset..<min(offset + batchSize, drafts.count)])
                let receipt: SubmitReceipt
                do {
                    receipt = try await access.store.submit(batch, in: scope, actor: access.operatorName)
                } catch let error as StoreError {
                    var failure = CLIError(error)
                    if offset > 0 {
                        failure.message += " (after \(offset) of \(drafts.count) envelopes were stored; "
                            + "envelopes with idempotency keys can be resubmitted safely)"
                    }
                    throw failure
                }
                stored += receipt.ids.count - receipt.duplicates
                duplicates += receipt.duplicates
                firstID = firstID ?? receipt.ids.first
                lastID = receipt.ids.last ?? lastID
                offset += batch.count
            }
            let seconds = Date().timeIntervalSince(started)
            if traceTiming {
                let parse = parsed.timeIntervalSince(started)
                FileHandle.standardError.write(Data(String(
                    format: "timing: parse+validate %.3f s, store %.3f s\n", parse, seconds - parse).utf8))
            }
            if json {
                print(JSONValue.object([
                    "submitted": .integer(Int64(stored)), "duplicates": .integer(Int64(duplicates)),
                    "first_id": firstID.map { .integer($0.rawValue) } ?? .null,
                    "last_id": lastID.map { .integer($0.rawValue) } ?? .null, "seconds": .number(seconds),
                ]).prettyText)
            } else {
                let rate = seconds > 0 ? Int(Double(drafts.count) / seconds) : drafts.count
                print("submitted \(stored) envelopes (\(duplicates) duplicates) in \(String(format: "%.2f", seconds)) s, \(rate)/s")
            }
        }

        /// Refuses the file, naming the first line, when a line names a task its tenant lacks.
        private func checkTasks(of lines: [EnvelopeLines.Line], path: String, store: some TaskRepository) async throws {
            var checked = Swift.Set<String>()
            for line in lines {
                guard let task = line.draft.taskID, checked.insert("\(line.draft.tenantID) \(task)").inserted else { continue }
                if try await store.task(task, in: .tenant(line.draft.tenantID)) == nil {
                    throw CLIError(.badInput, "\(path):\(line.number): task \(task) not found")
                }
            }
        }

        private func parseArguments(_ text: String) throws -> JSONObjectText {
            var source = text
            var origin = "--args"
            if text.hasPrefix("@") {
                let path = String(text.dropFirst())
                origin = path
                do {
                    if path == "-" {
                        source = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                    } else {
                        source = try String(contentsOfFile: path, encoding: .utf8)
                    }
                } catch {
                    throw CLIError(.badInput, "cannot read \(path): \((error as NSError).localizedDescription)")
                }
            }
            do {
                return try JSONObjectText(validating: source)
            } catch {
                let reason = error.reason == "not a JSON object" ? "tool arguments must be a JSON object" : error.reason
                throw CLIError(.badInput, "\(origin): \(reason)")
            }
        }
    }
}
