import DeckCore

/// Everything the console shows and remembers: a value, changed only by `update`.
public struct ConsoleState: Sendable {
    /// Who acts: written into every audit row an action causes.
    public var operatorName: String
    /// What the header says about the database (its path).
    public var databaseLabel: String
    /// "engine" when this process runs the worker and schedulers, else "observe".
    public var engineLabel: String
    /// Hides and refuses every write.
    public var readOnly: Bool
    public var keyMap: KeyMap
    public var themeName: String
    public var themeNames: [String]

    public var width: Int
    public var height: Int
    public var view: ConsoleViewKind = .outbox
    public var mode: ConsoleMode = .normal
    /// The open detail pane, if any, and its scroll offset.
    public var detail: DetailRequest?
    public var detailOffset = 0
    /// Enter came before the view's rows: the detail opens when they arrive.
    public var pendingDetail = false

    /// The global tenant filter.
    public var scope: TenantScope = .allTenants
    public var envelopeFilters: [ConsoleViewKind: EnvelopeFilter] = [:]
    public var auditFilter = AuditFilter()
    public var positions: [ConsoleViewKind: ListPosition] = [:]
    /// Marked row ids (envelope or drift alert ids) per view.
    public var marks: [ConsoleViewKind: Set<Int64>] = [:]
    /// Marked envelopes as they looked when marked, so a confirmation can name them when they
    /// have scrolled out of the loaded window.
    public var markedRows: [Int64: ActionPreview.Row] = [:]
    /// A bulk action (`:approve all` …) over more rows than this, or across tenants, is
    /// confirmed by typing the count.
    public var bulkConfirmThreshold = 20
    /// Sort column and direction of the short lists.
    public var sorts: [ConsoleViewKind: ColumnSort] = [:]

    /// The latest rows, and the request they answer.
    public var data = ConsoleData()
    public var loadedRequest: DataRequest?
    public var flash: Flash?
    /// What the input line says beside the typed text: a filter's error, Tab's candidates.
    public var inputNote: String?
    public var inputNoteIsError = false
    /// The view's filters as they were when `/` opened the line (filters apply as they are
    /// typed; Esc puts these back).
    public var filterUndo: (envelope: EnvelopeFilter?, audit: AuditFilter, position: ListPosition)?
    public var history = TelemetryHistory()
    public var now: Timestamp

    public init(
        operatorName: String, databaseLabel: String, engineLabel: String, readOnly: Bool, width: Int, height: Int,
        now: Timestamp, themeName: String = "dark", themeNames: [String] = ["dark"], keyMap: KeyMap = .standard
    ) {
        self.operatorName = operatorName
        self.databaseLabel = databaseLabel
        self.engineLabel = engineLabel
        self.readOnly = readOnly
        self.width = width
        self.height = height
        self.now = now
        self.themeName = themeName
        self.themeNames = themeNames
        self.keyMap = keyMap
    }

    /// The smallest screen the console draws on; below it says so.
    public static let minimumWidth = 60
    public static let minimumHeight = 12

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Data rows a table shows: the screen minus header, tabs, title, column header, flash and status lines.
    public var visibleRows: Int { max(1, height - 6) }

    public func position(_ view: ConsoleViewKind) -> ListPosition { positions[view] ?? ListPosition() }

    public func filter(_ view: ConsoleViewKind) -> EnvelopeFilter { envelopeFilters[view] ?? EnvelopeFilter() }

    /// The scope's tenant name, or nil for all tenants.
    public var scopeName: String? {
        guard let id = scope.tenantID else { return nil }
        return data.tenantNames[id] ?? id.rawValue
    }

    /// What must be loaded for the screen as it is now.
    public var dataRequest: DataRequest {
        let rows = visibleRows
        let position = position(view)
        let window: WindowRequest
        if position.wantsBottom {
            window = WindowRequest(anchor: .bottom, above: 0, below: rows * 2)
        } else if let id = position.selectedID {
            window = WindowRequest(anchor: .id(id), above: rows + position.cursorRow, below: 2 * rows - position.cursorRow + 1)
        } else {
            window = WindowRequest(anchor: .top, above: 0, below: 2 * rows + 1)
        }
        return DataRequest(
            view: view, scope: scope, envelopeFilter: filter(view), auditFilter: auditFilter,
            window: window, detail: detail)
    }
}

/// A short list's sort: column index and direction.
public struct ColumnSort: Sendable, Hashable {
    public var column: Int
    public var ascending: Bool

    public init(column: Int, ascending: Bool) {
        self.column = column
        self.ascending = ascending
    }
}
