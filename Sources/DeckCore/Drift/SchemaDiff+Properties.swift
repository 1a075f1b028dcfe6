extension SchemaDiff {
    /// Compares `properties` and `required` together, name by name, so a new property that
    /// is required at once is one breaking `property_added`, not two changes. Returns false
    /// when `properties` is not an object on a side and the node was reported replaced.
    static func properties(
        _ old: [String: JSONValue], _ new: [String: JSONValue], at path: JSONPointer, depth: Int,
        into changes: inout [SchemaChange]
    ) -> Bool {
        let oldProperties = members(old["properties"]), newProperties = members(new["properties"])
        if oldProperties == nil || newProperties == nil, !same(old["properties"], new["properties"]) {
            changes.append(change(
                .schemaReplaced, at: path, breaking: true, before: .object(old), after: .object(new),
                "schema replaced: properties \(typeName(old["properties"])) → \(typeName(new["properties"]))"))
            return false
        }
        let before = oldProperties ?? [:], after = newProperties ?? [:]
        let oldRequired = requiredNames(old["required"]), newRequired = requiredNames(new["required"])
        let wasRequired = oldRequired ?? [], isRequired = newRequired ?? []
        // Requiredness is compared only when both lists can be read.
        let comparable = oldRequired != nil && newRequired != nil
        var names = Array(before.keys) + Array(after.keys)
        if comparable { names += wasRequired + isRequired }

        let base = path.appending("properties")
        let start = changes.count
        for name in sortedNames(names) {
            let at = base.appending(name)
            let label = "property \(display(name))"
            switch (before[name], after[name]) {
            case (let gone?, nil):
                changes.append(change(
                    .propertyRemoved, at: at, breaking: true, before: gone, after: nil, "\(label) removed"))
            case (nil, let added?):
                let required = isRequired.contains(name) && !wasRequired.contains(name)
                changes.append(change(
                    .propertyAdded, at: at, breaking: required, before: nil, after: added,
                    required ? "required \(label) added" : "\(label) added"))
            case (let oldSchema?, let newSchema?):
                node(oldSchema, newSchema, at: at, depth: depth + 1, into: &changes)
                if comparable { requiredness(name, wasRequired, isRequired, at: at, label: label, into: &changes) }
            case (nil, nil):
                if comparable { requiredness(name, wasRequired, isRequired, at: at, label: label, into: &changes) }
            }
        }

        if changes.count == start, !same(old["properties"], new["properties"]) {
            // No name differs: `properties` went between absent and `{}`, or its names differ
            // only in Unicode normalization (which Swift strings treat as equal).
            let empty = before.isEmpty && after.isEmpty
            changes.append(empty
                ? valueChange(.otherChanged, "properties", old["properties"], new["properties"], at: base, breaking: false)
                : change(.otherChanged, at: base, breaking: true, before: old["properties"], after: new["properties"],
                         "property names differ in Unicode normalization only"))
        }
        if !same(old["required"], new["required"]) {
            let at = path.appending("required")
            if !comparable {
                changes.append(malformed("required", old["required"], new["required"], at: at))
            } else if Set(wasRequired) == Set(isRequired) {
                changes.append(change(
                    .otherChanged, at: at, breaking: false, before: old["required"], after: new["required"],
                    "required list rewritten, same names"))
            }
        }
        return true
    }

    /// `became_required` / `became_optional` for a property on both sides (or on neither).
    private static func requiredness(
        _ name: String, _ wasRequired: [String], _ isRequired: [String], at: JSONPointer, label: String,
        into changes: inout [SchemaChange]
    ) {
        let was = wasRequired.contains(name), now = isRequired.contains(name)
        guard was != now else { return }
        changes.append(change(
            now ? .becameRequired : .becameOptional, at: at, breaking: now, before: .bool(was), after: .bool(now),
            now ? "\(label) became required" : "\(label) became optional"))
    }

    /// An object's members; absent counts as none; nil when the value is not an object.
    static func members(_ value: JSONValue?) -> [String: JSONValue]? {
        switch value {
        case nil: [:]
        case .object(let members)?: members
        default: nil
        }
    }

    /// The string entries of `required` (other entries are ignored); absent is none; nil
    /// when the value is not an array.
    private static func requiredNames(_ value: JSONValue?) -> [String]? {
        switch value {
        case nil: []
        case .array(let items)?: items.compactMap(\.stringValue)
        default: nil
        }
    }
}
