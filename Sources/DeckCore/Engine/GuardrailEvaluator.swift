import Foundation

/// The guardrails, applied to one due envelope at claim time. Pure: `now` is an argument.
public enum GuardrailEvaluator {
    /// The decision for `envelope` under `guardrails` in the tenant's `timeZone` at `now`.
    ///
    /// In order: a toolkit outside the allowed list is rejected (no retry); risk above the
    /// autonomy threshold waits for approval unless an operator already approved it; inside
    /// quiet hours it is deferred to the end of the window (an unknown zone is read as UTC).
    public static func decide(
        _ envelope: Envelope, guardrails: Guardrails, timeZone: String, at now: Timestamp
    ) -> GuardrailDecision {
        if !guardrails.allows(toolkit: envelope.toolkit) {
            let list = guardrails.allowedToolkits ?? []
            let allowed = list.isEmpty ? "none" : list.joined(separator: ", ")
            return .reject(reason: "guardrail: toolkit \(envelope.toolkit) is not allowed (allowed: \(allowed))")
        }
        if envelope.approvedBy == nil, guardrails.requiresApproval(envelope.risk) {
            return .holdForApproval(
                reason: "guardrail: risk \(envelope.risk) is above the autonomy threshold \(guardrails.autonomy)")
        }
        // Zones are validated when set; one the time-zone database no longer knows is read
        // as UTC rather than ignored, so a quiet window is never silently skipped.
        if let quiet = guardrails.quietHours {
            let zone = TimeZones.named(timeZone)
            if let end = quiet.end(ofWindowContaining: now, in: zone ?? TimeZones.utc) {
                let zoneName = zone == nil ? "unknown zone '\(TerminalText.sanitize(timeZone))' read as UTC" : timeZone
                return .deferUntil(end, reason: "guardrail: quiet hours \(quiet) (\(zoneName))")
            }
        }
        return .run
    }
}
