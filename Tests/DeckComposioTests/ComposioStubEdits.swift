import DeckCore

/// Small edits of fixture JSON, to make the malformed answers the error tests need.
enum ComposioStubEdits {
    /// `value` without member `key` (when it is an object).
    static func removing(_ key: String, from value: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members[key] = nil
        return .object(members)
    }

    /// `value` with member `key` set to `member` (when it is an object).
    static func setting(_ key: String, to member: JSONValue, in value: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members[key] = member
        return .object(members)
    }
}
