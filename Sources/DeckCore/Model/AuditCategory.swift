/// What part of the system an audit row is about; filters in the console and CLI use it.
public enum AuditCategory: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case envelope
    case tenant
    case guardrails
    case objective
    case task
    case account
    case catalog
    case drift
    case scheduler
    case worker
    case system

    public var description: String { rawValue }

    /// Parses a category name; the error lists the valid names.
    public static func parse(_ text: String) throws(InvalidInput) -> AuditCategory {
        guard let category = AuditCategory(rawValue: text.lowercased()) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            throw InvalidInput("unknown audit category '\(TerminalText.sanitize(text))' (expected one of: \(names))")
        }
        return category
    }
}
