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
        decide(
            ClaimCandidate(envelope), guardrails: guardrails,
            quietWindow: quietWindow(guardrails, timeZone: timeZone, at: now))
    }

    /// The decision for `candidate`, with the tenant's quiet window at the claim's instant
    /// computed once (`quietWindow`) for all of its candidates.
    public static func decide(
        _ candidate: ClaimCandidate, guardrails: Guardrails, quietWindow: GuardrailDecision?
    ) -> GuardrailDecision {
        if !guardrails.allows(toolkit: candidate.toolkit) {
            let list = guardrails.allowedToolkits ?? []
            let allowed = list.isEmpty ? "none" : list.joined(separator: ", ")
            return .reject(reason: "guardrail: toolkit \(candidate.toolkit) is not allowed (allowed: \(allowed))")
        }
        if !candidate.approved, guardrails.requiresApproval(candidate.risk) {
            return .holdForApproval(
                reason: "guardrail: risk \(candidate.risk) is above the autonomy threshold \(guardrails.autonomy)")
        }
        return quietWindow ?? .run
    }

    /// The deferral every envelope of a tenant gets at `now` when it is inside the tenant's
    /// quiet hours, nil outside them.
    ///
    /// Zones are validated when set; one the time-zone database no longer knows is read as
    /// UTC rather than ignored, so a quiet window is never silently skipped.
    public static func quietWindow(_ guardrails: Guardrails, timeZone: String, at now: Timestamp) -> GuardrailDecision? {
        guard let quiet = guardrails.quietHours else { return nil }
        let zone = TimeZones.named(timeZone)
        guard let end = quiet.end(ofWindowContaining: now, in: zone ?? TimeZones.utc) else { return nil }
        let zoneName = zone == nil ? "unknown zone '\(TerminalText.sanitize(timeZone))' read as UTC" : timeZone
        return .deferUntil(end, reason: "guardrail: quiet hours \(quiet) (\(zoneName))")
    }
}
