/// What a piece of the screen means; themes map each role to a style.
///
/// Views and widgets name roles, never colours, so a theme (or `NO_COLOR`) changes the
/// whole console consistently.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Ordinary text on the screen's background.
    case text
    /// Secondary text: timestamps, hints, empty-state messages.
    case muted
    /// The header line at the top of the screen.
    case header
    /// A panel or dialog title.
    case title
    /// Frame lines.
    case border
    /// A table's column header row.
    case tableHeader
    /// The row under the cursor.
    case selection
    /// A row the operator marked with Space.
    case marked
    /// The active view's tab.
    case tabActive
    /// The other tabs.
    case tabInactive
    /// The status bar at the bottom.
    case statusBar
    /// A key's name in the key hints and help.
    case key
    /// A flash line reporting success.
    case flashInfo
    /// A flash line reporting a refusal or an error.
    case flashError
    /// Dialog background and text.
    case dialog
    /// The filter and command input line.
    case input
    /// Healthy states: succeeded, ACTIVE, alive.
    case good
    /// Work in flight: running, claimed.
    case active
    /// Waiting: pending, scheduled, deferred.
    case waiting
    /// Needs a human: awaiting approval, held, drift open, quiet hours.
    case attention
    /// Failed, dead, in doubt, EXPIRED, breaking changes.
    case bad
    /// Removed lines in a diff.
    case removed
    /// Added lines in a diff.
    case added
    /// Sparklines and histogram bars.
    case chart
}
