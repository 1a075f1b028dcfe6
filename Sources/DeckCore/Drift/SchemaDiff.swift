/// Classifies the differences between two JSON Schemas — a tool's cached and latest
/// `input_parameters` — into `SchemaChange`s that say what moved, where and whether it can
/// break callers.
///
/// Pure and total: any two JSON values can be compared (garbage included, never a trap),
/// the result is empty exactly when the two are equal (a value compared with itself gives
/// no changes), and the list is sorted by path, then kind, so it is the same every run.
///
/// Breaking means an argument list that was valid may now be rejected or misread:
/// - breaking: a property removed; a property that becomes required, or a new property
///   that is required; a `type` that no longer allows a former type (or a `type` where
///   there was none); an `enum` that lost a value (also when it gained others at once) or
///   appears where there was none; a tightened constraint (`minLength`/`minimum`/… raised,
///   `maxLength`/`maximum`/… lowered or added, `pattern`/`const`/`multipleOf`/`$ref` or
///   another validation keyword added or changed, `uniqueItems` turned on, `nullable` turned
///   off); `additionalProperties` or `items` closed (`false`) or given a schema where any
///   value was allowed; `anyOf` losing a branch, `allOf` gaining one, any `oneOf` change;
///   a schema replaced by something that is not a comparable schema object; and any keyword
///   whose value is not valid JSON Schema on either side (safety cannot be shown).
/// - not breaking: a new optional property; a required property becoming optional; a type
///   list that only grew (`integer` → `number` counts as growing); an enum that only gained
///   values or went away; loosened or removed constraints; `description` changes;
///   annotations and unknown keywords (`title`, `examples`, `default`, `format`,
///   `deprecated`, vendor keys): `format` is an annotation in current JSON Schema, and a
///   `default` only matters to callers that omit the argument; reordered `type`, `enum`,
///   `required` or combinator lists.
///
/// Recursion follows `properties/*`, `items` (a single schema), `additionalProperties`
/// (a schema), `anyOf`/`oneOf`/`allOf` branches (pairwise when the branch count is
/// unchanged) and `$defs`/`definitions`; a tuple-form `items` array is compared whole, and
/// below 64 nested schema levels a difference is reported whole (breaking `other_changed`).
///
/// Paths are JSON Pointers into the schemas (`""` is the whole schema). Requiredness is
/// reported at the property (`/properties/cc`), also for a required name that has no
/// property definition; a new property that is required at once is a single breaking
/// `property_added`, and a removed property is only `property_removed`.
public enum SchemaDiff {
    /// The classified changes from `old` to `new`, sorted by path (token by token), then
    /// kind. Empty exactly when the two are the same JSON.
    public static func diff(from old: JSONValue, to new: JSONValue) -> [SchemaChange] {
        var changes: [SchemaChange] = []
        node(old, new, at: JSONPointer(), depth: 0, into: &changes)
        return changes.sorted(by: SchemaChange.precedes)
    }

    /// How many schema levels are compared keyword by keyword; below that, a difference is
    /// reported whole (breaking), so hostile nesting cannot exhaust the stack.
    static let maximumDepth = 64

    /// Whether two values are the same JSON: equal, or written the same (a non-finite
    /// number is written `null`, as it would be stored).
    static func same(_ old: JSONValue, _ new: JSONValue) -> Bool {
        old == new || old.canonicalText.utf8.elementsEqual(new.canonicalText.utf8)
    }

    /// `same` for keywords that may be absent on either side.
    static func same(_ old: JSONValue?, _ new: JSONValue?) -> Bool {
        switch (old, new) {
        case (nil, nil): true
        case (let old?, let new?): same(old, new)
        default: false
        }
    }

    /// Compares two schemas at `path`: keyword by keyword when both are objects, else one
    /// `schema_replaced`.
    static func node(
        _ old: JSONValue, _ new: JSONValue, at path: JSONPointer, depth: Int, into changes: inout [SchemaChange]
    ) {
        guard !same(old, new) else { return }
        guard case .object(let before) = old, case .object(let after) = new else {
            changes.append(change(
                .schemaReplaced, at: path, breaking: true, before: old, after: new,
                "schema replaced: \(typeName(old)) → \(typeName(new))"))
            return
        }
        guard depth < maximumDepth else {
            changes.append(change(
                .otherChanged, at: path, breaking: true, before: old, after: new, "schema nested too deeply to compare"))
            return
        }
        let start = changes.count
        keywords(before, after, at: path, depth: depth, into: &changes)
        if changes.count == start {
            // Only member names that Swift strings treat as equal (Unicode normalization) differ.
            changes.append(change(
                .otherChanged, at: path, breaking: true, before: old, after: new,
                "schema changed: member names differ in Unicode normalization only"))
        }
    }

    /// Compares the keywords of two schema objects.
    private static func keywords(
        _ old: [String: JSONValue], _ new: [String: JSONValue], at path: JSONPointer, depth: Int,
        into changes: inout [SchemaChange]
    ) {
        if !same(old["properties"], new["properties"]) || !same(old["required"], new["required"]) {
            guard properties(old, new, at: path, depth: depth, into: &changes) else { return }
        }
        for key in sortedNames(Array(old.keys) + Array(new.keys)) where key != "properties" && key != "required" {
            let before = old[key], after = new[key]
            guard !same(before, after) else { continue }
            let at = path.appending(key)
            let start = changes.count
            switch key {
            case "type": typeChange(before, after, at: at, into: &changes)
            case "enum": enumChange(before, after, at: at, into: &changes)
            case "description": descriptionChange(before, after, at: at, into: &changes)
            case "items", "additionalProperties": slotChange(key, before, after, at: at, depth: depth, into: &changes)
            case "anyOf", "oneOf", "allOf": combinatorChange(key, before, after, at: at, depth: depth, into: &changes)
            case "$defs", "definitions": definitionsChange(key, before, after, at: at, depth: depth, into: &changes)
            default:
                if let constraint = constraints[key] {
                    constraintChange(key, constraint, before, after, at: at, into: &changes)
                } else {
                    changes.append(valueChange(.otherChanged, key, before, after, at: at, breaking: false))
                }
            }
            if changes.count == start {
                changes.append(valueChange(.otherChanged, key, before, after, at: at, breaking: false))
            }
        }
    }
}
