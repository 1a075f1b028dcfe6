import DeckCore
import Synchronization

/// Decoded guardrails by their stored JSON text, so a claim decodes a tenant's
/// guardrails only when they changed.
package final class GuardrailsCache: Sendable {
    package static let shared = GuardrailsCache()

    private let decoded = Mutex<[String: Guardrails]>([:])

    /// The guardrails stored as `config` (defaults when there is no row).
    package func guardrails(config: String?) throws -> Guardrails {
        guard let config else { return .default }
        if let known = decoded.withLock({ $0[config] }) { return known }
        let value: Guardrails
        do {
            value = try JSONValue(parsing: config).decode(as: Guardrails.self)
        } catch {
            throw StoreError.unavailable("stored guardrails are damaged")
        }
        decoded.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[config] = value
        }
        return value
    }
}
