/// Work `update` asks the runtime to do; answers come back as messages.
public enum ConsoleEffect: Sendable, Hashable {
    /// Count what a bulk action would touch, then answer `.counted`.
    case count(ConsoleAction)
    /// Perform the action, then answer `.actionFinished`.
    case perform(ConsoleAction)
    /// Switch to the named theme (already checked to exist).
    case setTheme(String)
    case quit
}
