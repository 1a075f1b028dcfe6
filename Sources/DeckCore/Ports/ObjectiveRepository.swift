/// Value objectives per tenant.
public protocol ObjectiveRepository: Sendable {
    /// Creates an objective; audited.
    func addObjective(_ draft: ObjectiveDraft, in scope: TenantScope, actor: String) async throws -> Objective
    /// Objectives visible in `scope`, oldest first.
    func objectives(in scope: TenantScope) async throws -> [Objective]
    /// Records the latest measured value of an objective.
    func recordProgress(_ current: Double, for objective: ObjectiveID, in scope: TenantScope) async throws -> Objective
}
