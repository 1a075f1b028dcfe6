import DeckCore

/// The audit filter typed after `/` in the audit view: `category:envelope,drift`; a bare
/// word is a category.
public struct AuditFilter: Sendable, Hashable {
    public var categories: Set<AuditCategory>?

    public init(categories: Set<AuditCategory>? = nil) { self.categories = categories }

    public var isEmpty: Bool { categories == nil }

    /// Parses filter text; throws `InvalidInput` naming the bad token.
    public static func parse(_ text: String) throws -> AuditFilter {
        var categories = Set<AuditCategory>()
        for token in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            var values = token
            if let colon = token.firstIndex(of: ":") {
                let key = token[..<colon].lowercased()
                guard key == "category" || key == "c" || key == "cat" else {
                    throw InvalidInput("unknown filter key '\(key)' (category)")
                }
                values = String(token[token.index(after: colon)...])
            }
            guard !values.isEmpty else { throw InvalidInput("filter '\(token)' has no value") }
            for value in values.split(separator: ",") {
                guard let category = AuditCategory(rawValue: value.lowercased()) else {
                    let known = AuditCategory.allCases.map(\.rawValue).joined(separator: ", ")
                    throw InvalidInput("unknown audit category '\(value)' (\(known))")
                }
                categories.insert(category)
            }
        }
        return AuditFilter(categories: categories.isEmpty ? nil : categories)
    }

    public var text: String {
        guard let categories else { return "" }
        return "category:" + categories.map(\.rawValue).sorted().joined(separator: ",")
    }
}
