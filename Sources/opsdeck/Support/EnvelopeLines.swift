import DeckCore
import Foundation

/// Reads `envelope submit --file`: JSON lines, one envelope per line, keys named like the
/// flags (`tenant`, `tool`, `args`, `risk`, `toolkit`, `version`, `account`, `task`,
/// `idempotency_key`).
///
/// The whole file is validated before anything is stored; the first bad line is reported
/// with its number and the file is refused.
enum EnvelopeLines {
    static let knownKeys: Set<String> = [
        "tenant", "tool", "args", "risk", "toolkit", "version", "account", "task", "idempotency_key",
    ]

    /// Every line of `data` as a draft; `tenants` maps the names and ids a line may use.
    static func drafts(from data: Data, path: String, tenants: TenantDirectory) throws(CLIError) -> [EnvelopeDraft] {
        var drafts: [EnvelopeDraft] = []
        var failure: CLIError?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var lineNumber = 0
            var start = 0
            while start <= raw.count, failure == nil {
                var end = start
                while end < raw.count, raw[end] != 0x0A { end += 1 }
                lineNumber += 1
                var stop = end
                if stop > start, raw[stop - 1] == 0x0D { stop -= 1 }
                let line = UnsafeRawBufferPointer(rebasing: raw[start..<stop])
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    do throws(InvalidInput) {
                        drafts.append(try draft(from: line, tenants: tenants))
                    } catch {
                        failure = CLIError(.badInput, "\(path):\(lineNumber): \(error.message)")
                    }
                }
                start = end + 1
            }
        }
        if let failure { throw failure }
        guard !drafts.isEmpty else { throw CLIError(.badInput, "\(path): no envelopes in file") }
        return drafts
    }

    private static func draft(from line: UnsafeRawBufferPointer, tenants: TenantDirectory) throws(InvalidInput) -> EnvelopeDraft {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line)
        } catch {
            throw InvalidInput(error.reason)
        }
        guard let fields = value.objectValue else { throw InvalidInput("expected a JSON object") }
        if let unknown = fields.keys.filter({ !knownKeys.contains($0) }).sorted().first {
            throw InvalidInput("unknown field '\(TerminalText.sanitize(unknown))'")
        }
        func string(_ key: String, required: Bool = false) throws(InvalidInput) -> String? {
            switch fields[key] {
            case nil, .null?:
                if required { throw InvalidInput("missing field '\(key)'") }
                return nil
            case .string(let text)?: return text
            default: throw InvalidInput("field '\(key)' must be a string")
            }
        }
        let tenant = try tenants.resolve(try string("tenant", required: true)!)
        var task: TaskID?
        switch fields["task"] {
        case nil, .null?: break
        case .integer(let id)? where id > 0: task = TaskID(id)
        default: throw InvalidInput("field 'task' must be a positive integer")
        }
        return try EnvelopeDraft(
            tenantID: tenant, toolSlug: try string("tool", required: true)!, toolkit: try string("toolkit"),
            version: try string("version"), connectedAccountID: try string("account").map { ConnectedAccountID(rawValue: $0) },
            taskID: task, arguments: fields["args"] ?? .object([:]),
            risk: try string("risk").map { text throws(InvalidInput) in try RiskTier.parse(text) },
            idempotencyKey: try string("idempotency_key"))
    }
}

/// The tenants a submission may name, by id and by name.
struct TenantDirectory: Sendable {
    private let byName: [String: TenantID]
    private let ids: Set<TenantID>

    init(_ tenants: [Tenant]) {
        byName = Dictionary(tenants.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        ids = Set(tenants.map(\.id))
    }

    /// The id for a name or id; a tenant outside the directory is "not found".
    func resolve(_ reference: String) throws(InvalidInput) -> TenantID {
        if let id = TenantID(parsing: reference), ids.contains(id) { return id }
        if let id = byName[reference] { return id }
        throw InvalidInput("tenant '\(TerminalText.sanitize(reference))' not found")
    }
}
