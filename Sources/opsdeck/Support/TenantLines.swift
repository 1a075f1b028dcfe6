import DeckCore
import Foundation

/// Reads `tenant import --file`: JSON lines, one tenant per line —
/// `{"name": "acme", "plan": "pro", "timezone": "Europe/Berlin", "max_running": 5,
/// "composio_user_id": "u1"}`, every key but `name` optional (defaults as `tenant add`).
///
/// The whole file is validated before anything is stored; the first bad line is reported
/// with its number and the file is refused. Blank lines are skipped.
enum TenantLines {
    static let knownKeys: Set<String> = ["name", "plan", "timezone", "max_running", "composio_user_id"]

    /// Every line of `data` as a draft; `defaultCap` is the cap of lines without `max_running`.
    /// Names in `taken` are refused with their line number (the store refuses them again in
    /// its transaction, should another process take one meanwhile).
    static func drafts(from data: Data, path: String, defaultCap: Int, taken: Set<String> = []) throws(CLIError) -> [TenantDraft] {
        var drafts: [TenantDraft] = []
        var names: [String: Int] = [:]
        var number = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            var bytes = Data(line)
            if bytes.last == 0x0D { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do throws(InvalidInput) {
                let draft = try Self.draft(from: bytes, defaultCap: defaultCap)
                if let earlier = names[draft.name] {
                    throw InvalidInput("tenant name '\(TerminalText.sanitize(draft.name))' is already on line \(earlier)")
                }
                if taken.contains(draft.name) {
                    throw InvalidInput("tenant name '\(TerminalText.sanitize(draft.name))' is already taken")
                }
                names[draft.name] = number
                drafts.append(draft)
            } catch {
                throw CLIError(.badInput, "\(path):\(number): \(error.message)")
            }
        }
        guard !drafts.isEmpty else { throw CLIError(.badInput, "\(path): no tenants in file") }
        return drafts
    }

    private static func draft(from line: Data, defaultCap: Int) throws(InvalidInput) -> TenantDraft {
        guard String(data: line, encoding: .utf8) != nil else { throw InvalidInput("not valid UTF-8") }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line)
        } catch {
            throw InvalidInput(error.reason)
        }
        guard case .object(let fields) = value else { throw InvalidInput("a line must be a JSON object") }
        if let unknown = fields.keys.filter({ !knownKeys.contains($0) }).sorted().first {
            throw InvalidInput("unknown field '\(TerminalText.sanitize(unknown))' (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String) throws(InvalidInput) -> String? {
            switch fields[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default: throw InvalidInput("field '\(key)' must be a string")
            }
        }
        guard let name = try string("name") else { throw InvalidInput("missing field 'name'") }
        var cap = defaultCap
        switch fields["max_running"] {
        case nil, .null?: break
        case .integer(let value)?:
            guard let exact = Int(exactly: value) else { throw InvalidInput("field 'max_running' is out of range") }
            cap = exact
        default: throw InvalidInput("field 'max_running' must be an integer")
        }
        return try TenantDraft(
            name: name, plan: try string("plan") ?? "free", timeZone: try string("timezone") ?? "UTC", maxRunning: cap,
            composioUserID: try string("composio_user_id"))
    }
}
