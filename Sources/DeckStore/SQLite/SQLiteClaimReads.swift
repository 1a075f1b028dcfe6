import DeckCore
import GRDB

/// A claim's reads from SQLite, inside the claim's write transaction.
///
/// Running counts come from the partial index of running envelopes (as many entries as
/// envelopes in flight), the window from the partial index of pending ones (`outbox_ready`),
/// tenants from the cache: nothing here grows with the number of tenants.
struct SQLiteClaimReads: ClaimReads {
    let db: Database
    let now: Timestamp
    let contexts: [TenantID: ClaimDecider.TenantContext]
    let paused: Set<TenantID>

    func runningCounts() throws -> [TenantID: Int] {
        let statement = try SQLiteRawStatement.cached(
            db, sql: "SELECT tenant_id, count(*) FROM outbox WHERE status = 'running' GROUP BY tenant_id")
        defer { statement.done() }
        var counts: [TenantID: Int] = [:]
        counts.reserveCapacity(64)
        while try statement.next() {
            counts[TenantID(rawValue: statement.text(0, interning: .shared) ?? "")] = Int(statement.int64(1))
        }
        return counts
    }

    func context(of tenant: TenantID) throws -> ClaimDecider.TenantContext? {
        contexts[tenant]
    }

    func pausedTenants() throws -> Set<TenantID> {
        paused
    }

    func dueCandidates(limit: Int, excluding: Set<TenantID>) throws -> [ClaimCandidate] {
        let statement: SQLiteRawStatement
        if excluding.isEmpty {
            statement = try SQLiteRawStatement.cached(db, sql: Self.windowSQL)
            statement.bind(1, now.millisecondsSinceEpoch)
            statement.bind(2, Int64(limit))
        } else {
            statement = try SQLiteRawStatement.cached(db, sql: Self.windowExcludingSQL)
            statement.bind(1, now.millisecondsSinceEpoch)
            statement.bind(2, JSONValue.array(excluding.map { .string($0.rawValue) }).canonicalText)
            statement.bind(3, Int64(limit))
        }
        defer { statement.done() }
        let texts = SQLiteTextInterner.shared
        var candidates: [ClaimCandidate] = []
        candidates.reserveCapacity(limit)
        while try statement.next() {
            let riskText = statement.text(4) ?? ""
            guard let risk = RiskTier(rawValue: riskText) else {
                throw StoreError.unavailable("unknown value '\(TerminalText.sanitize(riskText))' in column risk")
            }
            candidates.append(ClaimCandidate(
                id: EnvelopeID(statement.int64(0)), tenantID: TenantID(rawValue: statement.text(1, interning: texts) ?? ""),
                toolSlug: ToolSlug(rawValue: statement.text(2, interning: texts) ?? ""), toolkit: statement.text(3, interning: texts) ?? "", risk: risk,
                approved: statement.int64(5) != 0))
        }
        return candidates
    }

    static let candidateColumns = "id, tenant_id, tool_slug, toolkit, risk, approved_by IS NOT NULL"

    /// The claim window: due pending envelopes, oldest `run_at` first. Served by `outbox_ready`.
    static let windowSQL = """
        SELECT \(candidateColumns) FROM outbox
        WHERE status = 'pending' AND run_at <= ? ORDER BY run_at, id LIMIT ?
        """

    /// The window again without tenants at their cap (a JSON array parameter).
    static let windowExcludingSQL = """
        SELECT \(candidateColumns) FROM outbox
        WHERE status = 'pending' AND run_at <= ? AND tenant_id NOT IN (SELECT value FROM json_each(?))
        ORDER BY run_at, id LIMIT ?
        """
}
