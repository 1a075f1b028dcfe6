import DeckCore
import Foundation

/// Short, fixed-width renderings of times, counts and durations for table cells.
enum Format {
    /// "3s", "5m", "2h", "4d" from `instant` to `now` (future instants read "in 3s").
    static func age(_ instant: Timestamp, now: Timestamp) -> String {
        let milliseconds = now.milliseconds(since: instant)
        // Under a second either way is "now": clocks of two processes differ by that much.
        if abs(milliseconds) < 1000 { return "0s" }
        let text = span(abs(milliseconds))
        return milliseconds >= 0 ? text : "in " + text
    }

    /// "3m ago" or "in 3m".
    static func relative(_ instant: Timestamp, now: Timestamp) -> String {
        now.milliseconds(since: instant) >= 0 ? age(instant, now: now) + " ago" : age(instant, now: now)
    }

    /// A duration: tenths of a second under ten seconds ("0.4s", "4.2s"), else as `span`.
    static func duration(_ milliseconds: Int64) -> String {
        milliseconds < 10_000 ? String(format: "%.1fs", Double(milliseconds) / 1000) : span(milliseconds)
    }

    static func span(_ milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3600)h" }
        return "\(seconds / 86_400)d"
    }

    /// "12:34:56" UTC.
    static func clock(_ instant: Timestamp) -> String {
        let iso = instant.iso8601
        guard let t = iso.firstIndex(of: "T") else { return iso }
        return String(iso[iso.index(after: t)...].prefix(8))
    }

    /// "1,234,567".
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// A latency in seconds as "850µs", "12.3ms", "1.20s".
    static func latency(_ seconds: Double) -> String {
        if seconds < 0.001 { return String(format: "%.0fµs", seconds * 1_000_000) }
        if seconds < 1 { return String(format: "%.1fms", seconds * 1000) }
        return String(format: "%.2fs", seconds)
    }

    /// A rate with one decimal.
    static func rate(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A progress bar of `width` cells for a fraction 0…1: "█████░░░░░".
    static func bar(_ fraction: Double, width: Int) -> String {
        let clamped = min(max(fraction.isFinite ? fraction : 0, 0), 1)
        let filled = Int((clamped * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: max(0, width - filled))
    }

    /// The role an envelope status shows in.
    static func role(_ status: EnvelopeStatus) -> Role {
        switch status {
        case .pending: .waiting
        case .running: .active
        case .awaitingApproval: .attention
        case .succeeded: .good
        case .dead: .bad
        case .cancelled: .muted
        }
    }

    static func role(_ status: AccountStatus) -> Role {
        switch status {
        case .active: .good
        case .initiated, .initializing: .waiting
        case .inactive: .muted
        case .expired, .failed, .revoked: .bad
        }
    }

    static func role(_ risk: RiskTier) -> Role {
        switch risk {
        case .low: .muted
        case .medium: .text
        case .high: .attention
        case .critical: .bad
        }
    }

    /// A status label that says more than the column: "dead ⚠doubt", "awaiting".
    static func statusText(_ envelope: Envelope) -> String {
        switch envelope.status {
        case .awaitingApproval: return "awaiting_approval"
        case .dead where envelope.inDoubt: return "dead (in doubt)"
        case .pending where envelope.heldBy != nil: return "held (drift)"
        default: return envelope.status.rawValue
        }
    }

    /// One line of text from possibly multi-line untrusted text (newlines shown escaped by the buffer).
    static func oneLine(_ text: String?, limit: Int = 400) -> String {
        guard let text else { return "" }
        return String(text.prefix(limit))
    }
}
