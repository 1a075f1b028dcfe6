import DeckCore

/// Reads one JSON object of a Composio response, tolerant of what is extra and strict
/// about what is needed.
///
/// Unknown members are ignored and a missing or `null` optional member takes its default;
/// a required member that is missing, `null` or of the wrong type — or an optional one of
/// the wrong type — throws `.permanent` "Composio sent a malformed <thing>: <where> <what>",
/// naming the member's path and never its value (values may carry account state).
struct ComposioFields: Sendable {
    /// The object's members.
    let members: [String: JSONValue]
    /// Where this object sits in the response (`items[3].toolkit`), empty at the top.
    let path: String
    /// What the response is, for messages ("tool listing", "connected account listing").
    let thing: String

    /// The object `value`, or a malformed error when it is not one.
    init(_ value: JSONValue, at path: String = "", thing: String) throws(ProviderError) {
        guard case .object(let members) = value else {
            throw Self.malformed(thing, path.isEmpty ? "the response is not a JSON object" : "\(path) is not an object")
        }
        self.members = members
        self.path = path
        self.thing = thing
    }

    /// The error for a response that cannot be used.
    static func malformed(_ thing: String, _ what: String) -> ProviderError {
        ProviderError(.permanent, "Composio sent a malformed \(thing): \(what)")
    }

    /// The full path of member `key`.
    func place(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func fail(_ key: String, _ what: String) -> ProviderError {
        Self.malformed(thing, "\(place(key)) \(what)")
    }

    /// The member, nil when missing or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    // MARK: - Strings

    /// A required string.
    func string(_ key: String) throws(ProviderError) -> String {
        guard let text = try optionalString(key) else { throw fail(key, "is missing") }
        return text
    }

    /// A required, non-empty string.
    func nonEmptyString(_ key: String) throws(ProviderError) -> String {
        let text = try string(key)
        guard !text.isEmpty else { throw fail(key, "is empty") }
        return text
    }

    /// An optional string.
    func optionalString(_ key: String) throws(ProviderError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw fail(key, "is not a string") }
        return text
    }

    /// An optional array of strings, `[]` when missing.
    func strings(_ key: String) throws(ProviderError) -> [String] {
        guard let value = value(key) else { return [] }
        guard case .array(let items) = value else { throw fail(key, "is not an array") }
        var texts: [String] = []
        texts.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw fail("\(key)[\(index)]", "is not a string") }
            texts.append(text)
        }
        return texts
    }

    // MARK: - Other scalars

    /// An optional boolean, `fallback` when missing.
    func bool(_ key: String, default fallback: Bool) throws(ProviderError) -> Bool {
        guard let value = value(key) else { return fallback }
        guard case .bool(let flag) = value else { throw fail(key, "is not a boolean") }
        return flag
    }

    /// A required boolean.
    func bool(_ key: String) throws(ProviderError) -> Bool {
        guard value(key) != nil else { throw fail(key, "is missing") }
        return try bool(key, default: false)
    }

    /// An optional non-negative count, `fallback` when missing; Composio's schema types
    /// counts as numbers, so an integral `12.0` is accepted as 12.
    func count(_ key: String, default fallback: Int) throws(ProviderError) -> Int {
        guard let value = value(key) else { return fallback }
        switch value {
        case .integer(let number) where number >= 0 && number <= Int64(Int32.max):
            return Int(number)
        case .number(let number) where number >= 0 && number <= Double(Int32.max) && number == number.rounded():
            return Int(number)
        default:
            throw fail(key, "is not a non-negative whole number")
        }
    }

    // MARK: - Nested values

    /// A required object.
    func object(_ key: String) throws(ProviderError) -> ComposioFields {
        guard let nested = try optionalObject(key) else { throw fail(key, "is missing") }
        return nested
    }

    /// An optional object.
    func optionalObject(_ key: String) throws(ProviderError) -> ComposioFields? {
        guard let value = value(key) else { return nil }
        return try ComposioFields(value, at: place(key), thing: thing)
    }

    /// A required array.
    func array(_ key: String) throws(ProviderError) -> [JSONValue] {
        guard let value = value(key) else { throw fail(key, "is missing") }
        guard case .array(let items) = value else { throw fail(key, "is not an array") }
        return items
    }

    /// A JSON Schema member: it must be an object; `fallback` when missing and not required.
    func schema(_ key: String, required: Bool, default fallback: JSONValue = .object([:])) throws(ProviderError)
        -> JSONValue
    {
        guard let value = value(key) else {
            if required { throw fail(key, "is missing") }
            return fallback
        }
        guard case .object = value else { throw fail(key, "is not a JSON Schema object") }
        return value
    }
}
