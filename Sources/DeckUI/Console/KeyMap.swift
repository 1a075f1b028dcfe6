/// The one table from keys to commands, which also writes the help screen and key hints,
/// so help can never disagree with what a key does.
public struct KeyMap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The command `key` runs in `view`, if any; write commands are absent in read-only mode.
    public func command(for key: Key, in view: ConsoleViewKind, readOnly: Bool) -> ConsoleCommand? {
        for binding in bindings where binding.keys.contains(key) {
            if let views = binding.views, !views.contains(view) { continue }
            if readOnly && binding.writes { return nil }
            return binding.command
        }
        return nil
    }

    /// The bindings that apply in `view`, in table order (for `?` and the key hints).
    public func bindings(in view: ConsoleViewKind, readOnly: Bool) -> [KeyBinding] {
        bindings.filter { binding in
            (binding.views.map { $0.contains(view) } ?? true) && !(readOnly && binding.writes)
        }
    }

    private static let envelopeViews: Set<ConsoleViewKind> = [.outbox, .dlq]
    private static let listViews: Set<ConsoleViewKind> = [.tenants, .accounts, .drift, .outbox, .dlq, .audit]

    /// OpsDeck's keys: vim and arrow movement, number keys for views, k9s-style actions.
    public static let standard = KeyMap(bindings: [
        KeyBinding([.character("j"), .down], .moveDown, "move down"),
        KeyBinding([.character("k"), .up], .moveUp, "move up"),
        KeyBinding([.pageDown, .control("f")], .pageDown, "page down"),
        KeyBinding([.pageUp, .control("b")], .pageUp, "page up"),
        KeyBinding([.character("g"), .home], .top, "first row (newest)"),
        KeyBinding([.character("G"), .end], .bottom, "last row (oldest)"),
        KeyBinding([.tab], .nextView, "next view"),
        KeyBinding([.backTab], .previousView, "previous view"),
        KeyBinding([.character("1")], .showView(.tenants), "tenants"),
        KeyBinding([.character("2")], .showView(.accounts), "connected accounts"),
        KeyBinding([.character("3")], .showView(.drift), "catalog drift alerts"),
        KeyBinding([.character("4")], .showView(.outbox), "outbox"),
        KeyBinding([.character("5")], .showView(.dlq), "dead-letter queue"),
        KeyBinding([.character("6")], .showView(.audit), "audit log tail"),
        KeyBinding([.character("7")], .showView(.telemetry), "telemetry"),
        KeyBinding([.enter, .character("l"), .right], .detail, "details of the row", views: listViews),
        KeyBinding([.character(" ")], .mark, "mark / unmark the row", views: envelopeViews.union([.drift]), writes: true),
        KeyBinding([.character("a")], .approve, "approve (marked rows, else the row)", views: envelopeViews, writes: true),
        KeyBinding([.character("r")], .retry, "retry dead (marked rows, else the row)", views: envelopeViews, writes: true),
        KeyBinding([.character("d")], .discard, "discard, after confirmation", views: envelopeViews, writes: true),
        KeyBinding([.character("n")], .runNow, "run now (an envelope waiting on a retry backoff)", views: envelopeViews, writes: true),
        KeyBinding([.character("y")], .copyID, "copy the envelope's id (OSC 52 clipboard)", views: envelopeViews),
        KeyBinding([.character("Y")], .copyJSON, "copy the envelope as JSON (OSC 52 clipboard)", views: envelopeViews),
        KeyBinding([.character("p")], .togglePause, "pause / resume the tenant's queue", views: [.tenants], writes: true),
        KeyBinding([.character("c")], .changeCap, "change the tenant's cap (running at once)", views: [.tenants], writes: true),
        KeyBinding([.character("A")], .acceptDrift, "accept drift (marked alerts, else the row)", views: [.drift], writes: true),
        KeyBinding([.character("o")], .showHeld, "the envelopes the alert holds (outbox, /held:ID)", views: [.drift]),
        KeyBinding([.character("f")], .toggleFollow, "follow / pause the tail", views: [.audit]),
        KeyBinding([.character("s")], .cycleSort, "sort by the next column", views: [.tenants, .accounts, .drift]),
        KeyBinding([.character("/")], .filter, "filter (e.g. status:dead tool:GMAIL_SEND_EMAIL tenant:acme)", views: [.outbox, .dlq, .audit]),
        KeyBinding([.character(":")], .openCommandMode, "command mode (:tenant acme, :theme light, :approve all)"),
        KeyBinding([.character("?")], .help, "this help"),
        KeyBinding([.escape], .back, "back: close detail, clear marks, then the filter, then the tenant"),
        KeyBinding([.character("q"), .character("h"), .left], .close, "close the detail (filters stay)"),
        KeyBinding([.character("Q"), .control("c")], .quit, "quit"),
    ])
}
