import DeckCore

/// The record behind an open detail pane.
public enum DetailData: Sendable, Hashable {
    /// An envelope with its audit history (oldest first).
    case envelope(Envelope, history: [AuditEvent])
    case audit(AuditEvent)
    case drift(DriftAlert)
    /// A tenant with its tasks.
    case tenant(TenantSummary, tasks: [AgentTask])
    case account(ConnectedAccount)
    /// The record is gone or outside the scope.
    case missing(String)
}
