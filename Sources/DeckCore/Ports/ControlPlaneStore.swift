/// Every port of the control plane's storage, as one adapter provides them.
public protocol ControlPlaneStore: TenantRepository, GuardrailRepository, ObjectiveRepository,
    ConnectedAccountRepository, CatalogService, TaskRepository, SignalRepository, ScheduleRepository,
    DriftAlertRepository, HeartbeatRepository, OutboxRepository, OutboxQueue, AuditLogger
{}
