/// A Composio tool's slug, such as `GMAIL_SEND_EMAIL`: what an envelope runs.
///
/// `init(parsing:)` checks what people and agents type (1–128 of `A–Z 0–9 _`, starting with a
/// letter, upper-cased first); `init(rawValue:)` wraps text read back from a store or the
/// provider without checking it again. Literals in code are slugs too.
public struct ToolSlug: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// The slug `text` names, upper-cased; refused unless it is 1–128 of `A–Z 0–9 _` starting
    /// with a letter.
    public init(parsing text: String) throws(InvalidInput) {
        let slug = ToolkitSlug.asciiCased(text, upper: true)
        let scalars = slug.unicodeScalars
        guard let first = scalars.first, (1...128).contains(scalars.count),
              ("A"..."Z").contains(first),
              scalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw InvalidInput("invalid tool slug '\(TerminalText.sanitize(text))' (expected letters, digits and '_', like GMAIL_SEND_EMAIL)")
        }
        self.rawValue = slug
    }

    /// Composio names tools `TOOLKIT_ACTION`: the toolkit is the first word, lower-cased.
    public var defaultToolkit: String {
        let head = rawValue.split(separator: "_", maxSplits: 1).first.map(String.init) ?? rawValue
        return head.lowercased()
    }

    public var description: String { rawValue }

    public static func < (lhs: ToolSlug, rhs: ToolSlug) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
