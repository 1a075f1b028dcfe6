import DeckCore

extension Console {
    /// Sort keys of the short lists, in the order `s` cycles through them.
    static func sortTitles(_ view: ConsoleViewKind) -> [String] {
        switch view {
        case .tenants: ["name", "plan", "time zone", "pending", "awaiting", "dead"]
        case .accounts: ["tenant", "toolkit", "status", "last scan"]
        case .drift: ["opened", "tenant", "tool", "status"]
        default: []
        }
    }

    static func sort(_ state: ConsoleState, _ view: ConsoleViewKind) -> ColumnSort {
        state.sorts[view] ?? ColumnSort(column: 0, ascending: view != .drift)
    }

    /// The tenants view's rows, sorted.
    public static func tenantRows(_ state: ConsoleState) -> [TenantSummary] {
        let sort = sort(state, .tenants)
        let rows = state.data.tenants
        let ordered: [TenantSummary]
        switch sort.column {
        case 1: ordered = rows.sorted { ($0.tenant.plan, $0.tenant.name) < ($1.tenant.plan, $1.tenant.name) }
        case 2: ordered = rows.sorted { ($0.tenant.timeZone, $0.tenant.name) < ($1.tenant.timeZone, $1.tenant.name) }
        case 3: ordered = rows.sorted { ($0.envelopes[.pending] ?? 0, $0.tenant.name) < ($1.envelopes[.pending] ?? 0, $1.tenant.name) }
        case 4: ordered = rows.sorted { ($0.envelopes[.awaitingApproval] ?? 0, $0.tenant.name) < ($1.envelopes[.awaitingApproval] ?? 0, $1.tenant.name) }
        case 5: ordered = rows.sorted { ($0.envelopes[.dead] ?? 0, $0.tenant.name) < ($1.envelopes[.dead] ?? 0, $1.tenant.name) }
        default: ordered = rows.sorted { ($0.tenant.name, $0.tenant.id.rawValue) < ($1.tenant.name, $1.tenant.id.rawValue) }
        }
        return sort.ascending ? ordered : ordered.reversed()
    }

    /// The accounts view's rows, sorted.
    public static func accountRows(_ state: ConsoleState) -> [ConnectedAccount] {
        let sort = sort(state, .accounts)
        let names = state.data.tenantNames
        func tenant(_ account: ConnectedAccount) -> String { names[account.tenantID] ?? account.tenantID.rawValue }
        let rows = state.data.accounts
        let ordered: [ConnectedAccount]
        switch sort.column {
        case 1: ordered = rows.sorted { ($0.provider, tenant($0), $0.id.rawValue) < ($1.provider, tenant($1), $1.id.rawValue) }
        case 2: ordered = rows.sorted { ($0.status.rawValue, tenant($0), $0.id.rawValue) < ($1.status.rawValue, tenant($1), $1.id.rawValue) }
        case 3:
            ordered = rows.sorted {
                ($0.lastScanAt?.millisecondsSinceEpoch ?? 0, $0.id.rawValue) < ($1.lastScanAt?.millisecondsSinceEpoch ?? 0, $1.id.rawValue)
            }
        default: ordered = rows.sorted { (tenant($0), $0.provider, $0.id.rawValue) < (tenant($1), $1.provider, $1.id.rawValue) }
        }
        return sort.ascending ? ordered : ordered.reversed()
    }

    /// The drift view's rows, sorted (newest first by default).
    public static func driftRows(_ state: ConsoleState) -> [DriftAlert] {
        let sort = sort(state, .drift)
        let names = state.data.tenantNames
        let rows = state.data.driftAlerts
        let ordered: [DriftAlert]
        switch sort.column {
        case 1:
            ordered = rows.sorted { (names[$0.tenantID] ?? "", $0.id.rawValue) < (names[$1.tenantID] ?? "", $1.id.rawValue) }
        case 2: ordered = rows.sorted { ($0.toolSlug, $0.id.rawValue) < ($1.toolSlug, $1.id.rawValue) }
        case 3: ordered = rows.sorted { ($0.status.rawValue, $0.id.rawValue) < ($1.status.rawValue, $1.id.rawValue) }
        default: ordered = rows.sorted { $0.id.rawValue < $1.id.rawValue }
        }
        return sort.ascending ? ordered : ordered.reversed()
    }

    /// The loaded rows' ids of a windowed view (newest first), or of the drift list.
    static func rowIDs(_ state: ConsoleState, _ view: ConsoleViewKind) -> [Int64] {
        guard showsLoadedRows(state, view) else { return [] }
        switch view {
        case .outbox, .dlq: return state.data.envelopes.map(\.id.rawValue)
        case .audit: return state.data.auditEvents.map(\.id.rawValue)
        case .drift: return driftRows(state).map(\.id.rawValue)
        default: return []
        }
    }

    /// True when the loaded rows answer `view` as it is filtered and scoped now: rows loaded
    /// for another filter are never shown, selected or acted on.
    public static func showsLoadedRows(_ state: ConsoleState, _ view: ConsoleViewKind) -> Bool {
        guard let loaded = state.loadedRequest, loaded.view == view, loaded.scope == state.scope else { return false }
        switch view {
        case .outbox, .dlq: return loaded.envelopeFilter == state.filter(view)
        case .audit: return loaded.auditFilter == state.auditFilter
        default: return true
        }
    }

    static func rowCount(_ state: ConsoleState, _ view: ConsoleViewKind) -> Int {
        guard showsLoadedRows(state, view) else { return 0 }
        switch view {
        case .tenants: return state.data.tenants.count
        case .accounts: return state.data.accounts.count
        case .drift: return state.data.driftAlerts.count
        case .outbox, .dlq: return state.data.envelopes.count
        case .audit: return state.data.auditEvents.count
        case .telemetry: return state.data.telemetry?.workers.count ?? 0
        }
    }

    /// The index of the selected row in the loaded rows, if any.
    public static func selectedIndex(_ state: ConsoleState, _ view: ConsoleViewKind) -> Int? {
        let count = rowCount(state, view)
        guard count > 0 else { return nil }
        let position = state.position(view)
        guard isWindowed(view) else { return min(position.index, count - 1) }
        guard let id = position.selectedID else { return 0 }
        let ids = rowIDs(state, view)
        return ids.firstIndex(where: { $0 <= id }) ?? ids.count - 1
    }

    /// The first row a windowed view shows, keeping the selection on its screen row.
    public static func windowOffset(_ state: ConsoleState, _ view: ConsoleViewKind) -> Int {
        guard let index = selectedIndex(state, view) else { return 0 }
        let count = rowCount(state, view)
        let rows = state.visibleRows
        let cursor = min(state.position(view).cursorRow, index)
        // Where one can act, the selected row keeps its screen row even when that leaves the
        // bottom of a short list empty: rows arriving above never slide it down the screen.
        if view.listsEnvelopes { return max(0, index - cursor) }
        return max(0, min(index - cursor, max(0, count - rows)))
    }

    /// The envelope under the cursor in the outbox or DLQ.
    public static func selectedEnvelope(_ state: ConsoleState) -> Envelope? {
        guard state.view.listsEnvelopes, let index = selectedIndex(state, state.view) else { return nil }
        return state.data.envelopes[index]
    }

    /// The drift alert under the cursor.
    public static func selectedDriftAlert(_ state: ConsoleState) -> DriftAlert? {
        guard state.view == .drift, let index = selectedIndex(state, .drift) else { return nil }
        let rows = driftRows(state)
        return index < rows.count ? rows[index] : nil
    }
}
