import DeckCore

/// The one record a detail pane shows.
public enum DetailRequest: Sendable, Hashable {
    case envelope(EnvelopeID)
    case audit(AuditEventID)
    case drift(DriftAlertID)
    case tenant(TenantID)
    case account(ConnectedAccountID)
}
