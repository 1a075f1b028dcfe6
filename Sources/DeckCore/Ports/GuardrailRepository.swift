/// Each tenant's guardrails (quiet hours, allowed toolkits, tone, autonomy threshold).
public protocol GuardrailRepository: Sendable {
    /// The tenant's guardrails (defaults until set); `notFound` when the tenant is not visible.
    func guardrails(for tenant: TenantID, in scope: TenantScope) async throws -> Guardrails
    /// Replaces the tenant's guardrails; audited with the old and new values.
    func setGuardrails(_ guardrails: Guardrails, for tenant: TenantID, in scope: TenantScope, actor: String) async throws
}
