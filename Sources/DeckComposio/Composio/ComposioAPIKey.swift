import DeckCore
import Foundation

/// A Composio project API key that never prints itself.
///
/// The key travels only in the `x-api-key` header. Everywhere else — `description`,
/// `debugDescription`, `dump`, string interpolation, error messages — it shows as
/// `<redacted>`, so a configuration or an error can be logged without leaking it.
public struct ComposioAPIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The key as Composio issued it; only the transport reads it.
    let secret: String

    /// What every printed form of a key shows.
    public static let redacted = "<redacted>"

    /// Wraps a key; `ComposioConfiguration` checks it is usable as a header value.
    public init(_ secret: String) {
        self.secret = secret
    }

    /// `<redacted>`: the key itself is never printed.
    public var description: String { Self.redacted }

    /// `<redacted>`: the key itself is never printed.
    public var debugDescription: String { Self.redacted }

    /// A mirror without children, so `dump` and reflection show `<redacted>` too.
    public var customMirror: Mirror { Mirror(reflecting: Self.redacted) }

    /// `text` with every occurrence of the key replaced by `<redacted>`, for messages that
    /// echo what the server was sent.
    func redact(_ text: String) -> String {
        guard !secret.isEmpty, text.contains(secret) else { return text }
        return text.replacingOccurrences(of: secret, with: Self.redacted)
    }

    /// `value` with the key redacted in every string and member name: a tool's answer that
    /// echoes the request (headers included) must not store the key in the outbox.
    func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(redact(text))
        case .array(let items): .array(items.map(redact))
        case .object(let members):
            .object(Dictionary(members.map { (redact($0.key), redact($0.value)) }, uniquingKeysWith: { first, _ in first }))
        default: value
        }
    }
}
