/// What warm scans and trickle refreshes read.
public protocol SignalRepository: Sendable {
    /// Stores signals; each draft's tenant must be visible in `scope`.
    func addSignals(_ drafts: [SignalDraft], in scope: TenantScope) async throws -> [Signal]
    /// A page of signals visible in `scope`.
    func signals(_ query: SignalQuery, in scope: TenantScope) async throws -> Page<Signal>
}
