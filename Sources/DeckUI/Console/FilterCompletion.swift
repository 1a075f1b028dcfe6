import DeckCore

/// Tab in the `/` filter line: completes the last token — a key (`status:`, `tool:` …), or a
/// value of the key typed (statuses, risks, tool slugs on screen, tenant names) — to the
/// longest prefix the candidates share, and lists them when there are several.
public enum FilterCompletion {
    public struct Context: Sendable, Hashable {
        public var tenantNames: [String]
        public var toolSlugs: [String]

        public init(tenantNames: [String], toolSlugs: [String]) {
            self.tenantNames = tenantNames
            self.toolSlugs = toolSlugs
        }
    }

    public static func complete(_ text: String, view: ConsoleViewKind, context: Context) -> CommandMode.Completion {
        let endsWithSpace = text.last?.isWhitespace ?? false
        var tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let partial = endsWithSpace || tokens.isEmpty ? "" : tokens.removeLast()
        let head = tokens.map { $0 + " " }.joined()
        let keys = view == .audit ? ["category:", "tenant:"] : ["status:", "tool:", "risk:", "doubt:", "held:", "tenant:"]
        let prefix: String
        let options: [String]
        let typed: String
        if let colon = partial.firstIndex(of: ":") {
            let key = partial[..<colon].lowercased()
            let valueText = String(partial[partial.index(after: colon)...])
            let listed = valueText.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            typed = listed.last ?? ""
            prefix = String(partial[...colon]) + listed.dropLast().map { $0 + "," }.joined()
            switch key {
            case "status", "s": options = EnvelopeStatus.allCases.map(\.rawValue)
            case "risk", "r": options = RiskTier.allCases.map(\.rawValue)
            case "tool", "t": options = context.toolSlugs
            case "tenant": options = context.tenantNames
            case "doubt": options = ["yes", "no"]
            case "category", "c", "cat": options = AuditCategory.allCases.map(\.rawValue)
            default: options = []
            }
        } else {
            typed = partial
            prefix = ""
            options = keys
        }
        let candidates = options.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
        guard !candidates.isEmpty else { return CommandMode.Completion(text: text, candidates: []) }
        var common = candidates[0]
        for candidate in candidates.dropFirst() {
            common = String(zip(common, candidate).prefix { $0.0.lowercased() == $0.1.lowercased() }.map(\.0))
        }
        let completed = candidates.count == 1 ? candidates[0] : (common.count >= typed.count ? common : typed)
        let suffix = candidates.count == 1 && !completed.hasSuffix(":") ? " " : ""
        return CommandMode.Completion(text: head + prefix + completed + suffix, candidates: candidates)
    }
}
