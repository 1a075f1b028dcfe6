import DeckCore

extension SchedulerService {
    /// What a batch of read-only executions gave.
    struct Reads {
        var signals: [SignalDraft] = []
        var executed = 0
        /// Reads not made: the toolkit's bucket was empty or the provider said 429.
        var postponed = 0
        var failed = 0
        /// When the toolkit may be read again, if a bucket or a 429 stopped the batch.
        var resumeAt: Timestamp?
    }

    /// Executes `tools` (read-only) through `account`, each taking a token of the toolkit's
    /// bucket; an empty bucket or a 429 stops the batch and says when to resume.
    func read(_ tools: [ToolDefinition], for tenant: Tenant, account: ConnectedAccount, source: SignalSource) async -> Reads {
        var reads = Reads()
        for (index, tool) in tools.enumerated() {
            let now = clock.now()
            if let ready = buckets.take(tool.toolkit, at: now) {
                reads.postponed = tools.count - index
                reads.resumeAt = ready
                break
            }
            let execution = ToolExecution(
                envelopeID: EnvelopeID(0), tenantID: tenant.id, toolSlug: tool.slug, toolkit: tool.toolkit,
                version: tool.version, arguments: JSONObjectText([:]), connectedAccountID: account.id,
                userID: tenant.composioUserID,
                idempotencyKey: "\(source.rawValue):\(account.id):\(tool.slug):\(now.millisecondsSinceEpoch)", attempt: 1)
            do {
                let result = try await provider.execute(execution)
                reads.executed += 1
                reads.signals.append(SignalDraft(
                    tenantID: tenant.id, connectedAccountID: account.id, toolkit: tool.toolkit, toolSlug: tool.slug,
                    source: source, payload: result.data, observedAt: clock.now()))
            } catch {
                if error.kind == .rateLimited {
                    let until = now.adding(seconds: error.retryAfter ?? configuration.rateLimitBackoffSeconds)
                    buckets.block(tool.toolkit, until: until, at: now)
                    reads.postponed = tools.count - index
                    reads.resumeAt = until
                    break
                }
                reads.failed += 1
                logger.warning("read failed", metadata: [
                    "tenant": "\(tenant.name)", "tool": "\(tool.slug)", "error": "\(error)",
                ])
            }
        }
        return reads
    }
}
