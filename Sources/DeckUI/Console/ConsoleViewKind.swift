/// The console's views, in the order of their number keys.
public enum ConsoleViewKind: Int, Sendable, Hashable, CaseIterable {
    case tenants = 1
    case accounts
    case drift
    case outbox
    case dlq
    case audit
    case telemetry

    /// The tab title.
    public var title: String {
        switch self {
        case .tenants: "Tenants"
        case .accounts: "Accounts"
        case .drift: "Drift"
        case .outbox: "Outbox"
        case .dlq: "DLQ"
        case .audit: "Audit"
        case .telemetry: "Telemetry"
        }
    }

    /// The name used by `:view NAME`, `--view` and `opsdeck snapshot --view`.
    public var name: String { title.lowercased() }

    /// The view called `name` (case-insensitive; `1`…`7` also accepted).
    public init?(name: String) {
        let lowered = name.lowercased()
        if let number = Int(lowered), let kind = ConsoleViewKind(rawValue: number) {
            self = kind
            return
        }
        guard let kind = Self.allCases.first(where: { $0.name == lowered }) else { return nil }
        self = kind
    }

    /// True for the views listing envelopes, where approve, retry and discard apply.
    public var listsEnvelopes: Bool { self == .outbox || self == .dlq }

    /// The next view (Tab), wrapping around.
    public var next: ConsoleViewKind { ConsoleViewKind(rawValue: rawValue % 7 + 1)! }

    /// The previous view (Shift-Tab), wrapping around.
    public var previous: ConsoleViewKind { ConsoleViewKind(rawValue: (rawValue + 5) % 7 + 1)! }
}
