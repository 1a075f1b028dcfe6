/// Where the cursor is in one view's list.
///
/// Short lists (tenants, accounts, drift) are loaded whole and addressed by `index`. Long
/// lists (outbox, DLQ, audit) are loaded as a keyset window around `selectedID`; the
/// selection keeps its screen row (`cursorRow`) as the window moves. A nil `selectedID`
/// follows the newest row.
public struct ListPosition: Sendable, Hashable {
    public var index: Int = 0
    public var offset: Int = 0
    public var selectedID: Int64?
    public var cursorRow: Int = 0
    /// `G` was pressed: the next load pins the window to the oldest rows.
    public var wantsBottom = false

    public init() {}
}
