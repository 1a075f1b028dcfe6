/// Catalog drift alerts.
public protocol DriftAlertRepository: Sendable {
    /// Opens an alert unless one with the same tenant and fingerprint exists; audited when
    /// opened. Returns the alert and whether it is new.
    func openDriftAlert(_ draft: DriftAlertDraft, in scope: TenantScope, actor: String) async throws -> (alert: DriftAlert, opened: Bool)
    /// One alert, nil when not visible.
    func driftAlert(_ id: DriftAlertID, in scope: TenantScope) async throws -> DriftAlert?
    /// Alerts visible in `scope` (optionally of one status), newest first.
    func driftAlerts(in scope: TenantScope, status: DriftAlertStatus?) async throws -> [DriftAlert]
    /// Marks an open alert accepted by an operator and, in the same transaction, releases
    /// the envelopes it holds (due now, each audited); audited. Accepting twice is `conflict`.
    func acceptDriftAlert(_ id: DriftAlertID, in scope: TenantScope, actor: String) async throws -> AcceptedDriftAlert
}
