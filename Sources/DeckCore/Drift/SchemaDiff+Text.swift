extension SchemaDiff {
    /// Longest rendering of one value or name inside a change's detail, in characters.
    static let detailValueLimit = 60

    /// A change at `at`.
    static func change(
        _ kind: SchemaChangeKind, at: JSONPointer, breaking: Bool, before: JSONValue?, after: JSONValue?,
        _ detail: String
    ) -> SchemaChange {
        SchemaChange(kind: kind, path: at.text, breaking: breaking, before: before, after: after, detail: detail)
    }

    /// A keyword added, removed or changed, described with its values.
    static func valueChange(
        _ kind: SchemaChangeKind, _ keyword: String, _ old: JSONValue?, _ new: JSONValue?, at: JSONPointer,
        breaking: Bool
    ) -> SchemaChange {
        let detail = switch (old, new) {
        case (nil, _): "\(display(keyword)) added: \(display(new))"
        case (_, nil): "\(display(keyword)) removed (was \(display(old)))"
        default: "\(display(keyword)) \(display(old)) → \(display(new))"
        }
        return change(kind, at: at, breaking: breaking, before: old, after: new, detail)
    }

    /// A keyword whose value is not valid JSON Schema on a side: `other_changed`, breaking,
    /// because nothing shows the change is safe.
    static func malformed(_ keyword: String, _ old: JSONValue?, _ new: JSONValue?, at: JSONPointer) -> SchemaChange {
        change(.otherChanged, at: at, breaking: true, before: old, after: new,
               "\(display(keyword)) \(display(old)) → \(display(new)) (not valid JSON Schema; assumed breaking)")
    }

    /// Distinct names sorted by their UTF-8 bytes.
    static func sortedNames(_ names: [String]) -> [String] {
        Set(names).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// A name on one line: control characters escaped, long names cut.
    static func display(_ name: String) -> String {
        let safe = TerminalText.sanitize(name)
        guard safe.count > detailValueLimit else { return safe }
        return String(safe.prefix(detailValueLimit - 1)) + "…"
    }

    /// A value on one line as compact JSON (`absent` when missing), long values cut.
    static func display(_ value: JSONValue?) -> String {
        guard let value else { return "absent" }
        return display(value.canonicalText)
    }

    /// Values joined for a detail line, at most eight of them.
    static func list(_ values: [JSONValue]) -> String {
        let shown = values.prefix(8).map { display($0) }.joined(separator: ", ")
        return values.count > 8 ? shown + ", … (\(values.count - 8) more)" : shown
    }

    /// A `type` keyword for people: `string`, `[string, null]`, or `any` when absent.
    static func typeText(_ value: JSONValue?) -> String {
        switch value {
        case nil: "any"
        case .string(let name)?: display(name)
        case .array(let items)?:
            "[" + items.map { $0.stringValue.map(display) ?? display($0) }.joined(separator: ", ") + "]"
        case let other?: display(other)
        }
    }

    /// The JSON type of a value, for `schema_replaced` details.
    static func typeName(_ value: JSONValue?) -> String {
        switch value {
        case nil: "absent"
        case .null?: "null"
        case .bool(let flag)?: flag ? "true" : "false"
        case .integer?, .number?: "number"
        case .string?: "string"
        case .array?: "array"
        case .object?: "object"
        }
    }
}
