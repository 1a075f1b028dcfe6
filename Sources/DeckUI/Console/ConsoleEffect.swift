/// Work `update` asks the runtime to do; answers come back as messages.
public enum ConsoleEffect: Sendable, Hashable {
    /// Read the rows a bulk action would touch, then answer `.previewed`.
    case preview(ConsoleAction)
    /// Perform the action, then answer `.actionFinished`.
    case perform(ConsoleAction)
    /// Switch to the named theme (already checked to exist).
    case setTheme(String)
    /// Put `text` on the terminal's clipboard (OSC 52); `label` says what it is.
    case copy(String, label: String)
    case quit
}
