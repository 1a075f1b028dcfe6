import DeckCore

/// Everything the console needs loaded for the screen it shows now. The console state
/// derives it; the loader runs it when it changes or the database did.
public struct DataRequest: Sendable, Hashable {
    public var view: ConsoleViewKind
    public var scope: TenantScope
    public var envelopeFilter: EnvelopeFilter
    public var auditFilter: AuditFilter
    /// The rows of the outbox, DLQ or audit view to load.
    public var window: WindowRequest
    public var detail: DetailRequest?

    public init(
        view: ConsoleViewKind, scope: TenantScope = .allTenants, envelopeFilter: EnvelopeFilter = EnvelopeFilter(),
        auditFilter: AuditFilter = AuditFilter(), window: WindowRequest = WindowRequest(anchor: .top, above: 0, below: 50),
        detail: DetailRequest? = nil
    ) {
        self.view = view
        self.scope = scope
        self.envelopeFilter = envelopeFilter
        self.auditFilter = auditFilter
        self.window = window
        self.detail = detail
    }
}
