import Foundation

/// The guardrails, applied to one due envelope at claim time. Pure: `now` is an argument.
public enum GuardrailEvaluator {
    /// The decision for `envelope` under `guardrails` in the tenant's `timeZone` at `now`.
    ///
    /// In order: a toolkit outside the allowed list is rejected (no retry); risk above the
    /// autonomy threshold waits for approval unless an operator already approved it; inside
    /// quiet hours it is deferred to the end of the window.
    public static func decide(
        _ envelope: Envelope, guardrails: Guardrails, timeZone: String, at now: Timestamp
    ) -> GuardrailDecision {
        if !guardrails.allows(toolkit: envelope.toolkit) {
            let allowed = guardrails.allowedToolkits?.joined(separator: ", ") ?? ""
            return .reject(reason: "guardrail: toolkit \(envelope.toolkit) is not allowed (allowed: \(allowed))")
        }
        if envelope.approvedBy == nil, guardrails.requiresApproval(envelope.risk) {
            return .holdForApproval(
                reason: "guardrail: risk \(envelope.risk) is above the autonomy threshold \(guardrails.autonomy)")
        }
        if let quiet = guardrails.quietHours, let zone = TimeZone(identifier: timeZone),
           let end = quiet.end(ofWindowContaining: now, in: zone) {
            return .deferUntil(end, reason: "guardrail: quiet hours \(quiet) (\(timeZone))")
        }
        return .run
    }
}
