import DeckCore
import Foundation
import Yams

/// The YAML configuration file, read into dotted keys with the line each value is on.
///
/// ```yaml
/// theme: light
/// provider:
///   name: simulated
///   sim: { latency_ms: 120, failure_rate: 0.05 }
/// risk_tiers:
///   high: { attempts: 3, base_seconds: 2, max_seconds: 600 }
/// ```
public struct ConfigFile: Sendable {
    /// Where the file is (for messages and `config show`).
    public var path: String
    /// Values by dotted key, as text, with their line (1-based).
    public var values: [String: (text: String, line: Int)]

    /// Reads and checks `text`; one error line naming the file, line and key otherwise.
    public static func parse(_ text: String, path: String) throws(InvalidInput) -> ConfigFile {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let detail = String(describing: error).split(separator: "\n").first.map(String.init) ?? "not valid YAML"
            throw InvalidInput("\(path): not valid YAML: \(TerminalText.sanitize(detail))")
        }
        var file = ConfigFile(path: path, values: [:])
        guard let node else { return file }
        guard case .mapping(let mapping) = node else {
            throw InvalidInput("\(path):\(node.mark?.line ?? 1): the configuration must be a mapping of keys")
        }
        try file.walk(mapping, prefix: "")
        return file
    }

    /// Reads the file at `path`.
    public static func load(path: String) throws(InvalidInput) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInput("cannot read the configuration file \(path)")
        }
        guard data.count <= 1_048_576, let text = String(data: data, encoding: .utf8) else {
            throw InvalidInput("\(path): not a UTF-8 text file of at most 1 MiB")
        }
        return try parse(text, path: path)
    }

    private mutating func walk(_ mapping: Node.Mapping, prefix: String) throws(InvalidInput) {
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line ?? 0
            guard case .scalar(let scalar) = keyNode else {
                throw InvalidInput("\(path):\(line): keys must be plain words")
            }
            let key = prefix.isEmpty ? scalar.string : prefix + "." + scalar.string
            let shown = TerminalText.sanitize(key)
            switch valueNode {
            case .mapping(let nested):
                guard ConfigKey.all.contains(where: { $0.name.hasPrefix(key + ".") }) else {
                    throw InvalidInput("\(path):\(line): \(shown): unknown section")
                }
                try walk(nested, prefix: key)
            case .scalar(let value):
                guard let known = ConfigKey.byName[key] else {
                    let section = ConfigKey.all.contains(where: { $0.name.hasPrefix(key + ".") })
                    throw InvalidInput("\(path):\(line): \(shown): \(section ? "is a section, not a value" : "unknown key")")
                }
                if let problem = known.check(value.string) {
                    throw InvalidInput("\(path):\(line): \(shown): \(TerminalText.sanitize(problem))")
                }
                values[key] = (value.string, line)
            case .sequence, .alias:
                throw InvalidInput("\(path):\(line): \(shown): expected a single value")
            }
        }
    }
}
