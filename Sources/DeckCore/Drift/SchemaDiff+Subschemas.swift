extension SchemaDiff {
    /// What a subschema slot (`items`, `additionalProperties`) allows.
    private enum Slot {
        /// Anything: absent, `true` or `{}`.
        case any
        /// Nothing: `false`.
        case nothing
        /// A schema object with keywords.
        case schema
        /// Not a schema (a number, a string, a tuple-form array, …).
        case malformed
    }

    private static func slot(_ value: JSONValue?) -> Slot {
        switch value {
        case nil, .bool(true)?: .any
        case .bool(false)?: .nothing
        case .object(let members)?: members.isEmpty ? .any : .schema
        default: .malformed
        }
    }

    /// `items` or `additionalProperties`: two schemas are compared recursively; closing the
    /// slot (`false`) or giving a schema where anything was allowed is breaking; opening it
    /// is not.
    static func slotChange(
        _ keyword: String, _ old: JSONValue?, _ new: JSONValue?, at: JSONPointer, depth: Int,
        into changes: inout [SchemaChange]
    ) {
        let what = keyword == "items" ? "array items" : "undeclared properties"
        switch (slot(old), slot(new)) {
        case (.malformed, _), (_, .malformed):
            changes.append(malformed(keyword, old, new, at: at))
        case (.schema, .schema):
            if let old, let new { node(old, new, at: at, depth: depth + 1, into: &changes) }
        case (.any, .any), (.nothing, .nothing):
            changes.append(valueChange(.otherChanged, keyword, old, new, at: at, breaking: false))
        case (.any, .schema), (.nothing, .schema):
            let breaking = slot(old) == .any
            changes.append(change(.constraintChanged, at: at, breaking: breaking, before: old, after: new,
                                  "\(keyword) schema added: \(what) must match it"))
        case (.any, .nothing), (.schema, .nothing):
            changes.append(change(.constraintChanged, at: at, breaking: true, before: old, after: new,
                                  "\(keyword) closed: \(what) are rejected"))
        case (.schema, .any), (.nothing, .any):
            changes.append(change(.constraintChanged, at: at, breaking: false, before: old, after: new,
                                  "\(keyword) opened: any \(what) are accepted"))
        }
    }

    /// `anyOf`/`oneOf`/`allOf`: with as many branches on both sides, branches are compared
    /// pairwise (the same branches reordered is one `other_changed`); otherwise one
    /// `other_changed` for the list — breaking when `anyOf` lost a branch, `allOf` gained
    /// one, `oneOf` changed at all, or the keyword appeared.
    static func combinatorChange(
        _ keyword: String, _ old: JSONValue?, _ new: JSONValue?, at: JSONPointer, depth: Int,
        into changes: inout [SchemaChange]
    ) {
        switch (old, new) {
        case (.array(let before)?, .array(let after)?):
            let oldKeys = before.map { Array($0.canonicalText.utf8) }, newKeys = after.map { Array($0.canonicalText.utf8) }
            if before.count == after.count {
                let byBytes: ([UInt8], [UInt8]) -> Bool = { $0.lexicographicallyPrecedes($1) }
                if oldKeys.sorted(by: byBytes) == newKeys.sorted(by: byBytes) {
                    changes.append(change(.otherChanged, at: at, breaking: false, before: old, after: new,
                                          "\(keyword) branches reordered"))
                } else {
                    for index in before.indices where !same(before[index], after[index]) {
                        node(before[index], after[index], at: at.appending(String(index)), depth: depth + 1, into: &changes)
                    }
                }
                return
            }
            let removed = Set(oldKeys).subtracting(newKeys).count, added = Set(newKeys).subtracting(oldKeys).count
            let breaking = switch keyword {
            case "anyOf": removed > 0
            case "allOf": added > 0
            default: true
            }
            let counts = "\(before.count) → \(after.count) branches, \(removed) removed, \(added) added"
            changes.append(change(.otherChanged, at: at, breaking: breaking, before: old, after: new, "\(keyword): \(counts)"))
        case (nil, .array?):
            changes.append(change(.otherChanged, at: at, breaking: true, before: nil, after: new, "\(keyword) added"))
        case (.array?, nil):
            changes.append(change(.otherChanged, at: at, breaking: false, before: old, after: nil, "\(keyword) removed"))
        default:
            changes.append(malformed(keyword, old, new, at: at))
        }
    }

    /// `$defs`/`definitions`: definitions compared by name; a removed one is breaking (a
    /// `$ref` may point at it), an added one is not.
    static func definitionsChange(
        _ keyword: String, _ old: JSONValue?, _ new: JSONValue?, at: JSONPointer, depth: Int,
        into changes: inout [SchemaChange]
    ) {
        guard let before = members(old), let after = members(new) else {
            changes.append(malformed(keyword, old, new, at: at))
            return
        }
        for name in sortedNames(Array(before.keys) + Array(after.keys)) {
            let here = at.appending(name)
            switch (before[name], after[name]) {
            case (let gone?, nil):
                changes.append(change(.otherChanged, at: here, breaking: true, before: gone, after: nil,
                                      "definition \(display(name)) removed"))
            case (nil, let added?):
                changes.append(change(.otherChanged, at: here, breaking: false, before: nil, after: added,
                                      "definition \(display(name)) added"))
            case (let oldSchema?, let newSchema?):
                node(oldSchema, newSchema, at: here, depth: depth + 1, into: &changes)
            case (nil, nil):
                break
            }
        }
    }
}
