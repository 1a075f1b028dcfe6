/// Command mode (`:`, as in k9s and vim): its commands and Tab completion. ("Palette" is
/// a theme's named colours only.)
public enum CommandMode {
    /// What completion may offer besides command names.
    public struct Context: Sendable, Hashable {
        public var tenantNames: [String]
        public var themeNames: [String]

        public init(tenantNames: [String], themeNames: [String]) {
            self.tenantNames = tenantNames
            self.themeNames = themeNames
        }
    }

    /// Every command, with its help line.
    public static let commands: [(name: String, help: String)] = [
        ("tenant", "filter every view to one tenant (:tenant acme, :tenant all)"),
        ("theme", "switch theme (:theme light)"),
        ("view", "show a view (:view dlq; or just :dlq)"),
        ("filter", "set the view's filter (:filter status:dead)"),
        ("approve", "approve the selection, or every match (:approve all)"),
        ("retry", "retry the selection, or every match (:retry all)"),
        ("discard", "discard the selection, or every match (:discard all)"),
        ("accept", "accept the selected drift alerts"),
        ("pause", "pause the selected tenant's queue (tenants view)"),
        ("resume", "resume the selected tenant's queue (tenants view)"),
        ("cap", "change the selected tenant's cap (:cap 8)"),
        ("follow", "follow / pause the audit tail"),
        ("help", "show the keys"),
        ("quit", "leave the console"),
    ] + ConsoleViewKind.allCases.map { ($0.name, "show the \($0.title) view") }

    /// The completed text and the candidates that matched.
    public struct Completion: Sendable, Hashable {
        public var text: String
        public var candidates: [String]
    }

    /// Completes the last word of `text`: a command name first, then its argument.
    public static func complete(_ text: String, context: Context) -> Completion {
        let endsWithSpace = text.last?.isWhitespace ?? false
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let partial = endsWithSpace || words.isEmpty ? "" : words.removeLast()
        let options: [String]
        if words.isEmpty {
            options = commands.map(\.name)
        } else {
            switch words[0].lowercased() {
            case "tenant", "tenants": options = ["all"] + context.tenantNames
            case "theme": options = context.themeNames
            case "view": options = ConsoleViewKind.allCases.map(\.name)
            case "approve", "retry", "discard": options = ["all"]
            case "filter": options = ["status:", "tool:", "risk:", "doubt:", "category:"]
            default: options = []
            }
        }
        let matches = options.filter { $0.lowercased().hasPrefix(partial.lowercased()) }
        let prefix = words.isEmpty ? "" : words.joined(separator: " ") + " "
        guard !matches.isEmpty else { return Completion(text: text, candidates: []) }
        if matches.count == 1 {
            let suffix = matches[0].hasSuffix(":") ? "" : " "
            return Completion(text: prefix + matches[0] + suffix, candidates: matches)
        }
        return Completion(text: prefix + commonPrefix(matches, atLeast: partial), candidates: matches)
    }

    private static func commonPrefix(_ words: [String], atLeast partial: String) -> String {
        guard var prefix = words.first else { return partial }
        for word in words.dropFirst() {
            while !word.lowercased().hasPrefix(prefix.lowercased()) { prefix.removeLast() }
        }
        return prefix.count >= partial.count ? prefix : partial
    }
}
