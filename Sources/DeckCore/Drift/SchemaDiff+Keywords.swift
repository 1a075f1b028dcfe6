extension SchemaDiff {
    /// How a validation keyword constrains values, so a change can be called tighter or looser.
    enum Constraint: Sendable {
        /// A minimum: raising or adding it rejects more.
        case lowerBound
        /// A maximum: lowering or adding it rejects more.
        case upperBound
        /// `exclusiveMinimum`: a number (a lower bound) or, in draft 4, a flag.
        case exclusiveLower
        /// `exclusiveMaximum`: a number (an upper bound) or, in draft 4, a flag.
        case exclusiveUpper
        /// A flag that rejects more when true (`uniqueItems`).
        case tighterWhenTrue
        /// A flag that accepts more when true (`nullable`).
        case looserWhenTrue
        /// Any other validation keyword: adding or changing it may reject more, removing it
        /// cannot.
        case exact
    }

    /// The validation keywords compared as constraints; other unknown keywords are
    /// annotations (`other_changed`, not breaking).
    static let constraints: [String: Constraint] = [
        "minLength": .lowerBound, "minItems": .lowerBound, "minProperties": .lowerBound, "minimum": .lowerBound,
        "minContains": .lowerBound,
        "maxLength": .upperBound, "maxItems": .upperBound, "maxProperties": .upperBound, "maximum": .upperBound,
        "maxContains": .upperBound,
        "exclusiveMinimum": .exclusiveLower, "exclusiveMaximum": .exclusiveUpper,
        "uniqueItems": .tighterWhenTrue, "nullable": .looserWhenTrue,
        "pattern": .exact, "const": .exact, "multipleOf": .exact, "not": .exact, "if": .exact, "then": .exact,
        "else": .exact, "patternProperties": .exact, "propertyNames": .exact, "dependencies": .exact,
        "dependentRequired": .exact, "dependentSchemas": .exact, "prefixItems": .exact, "contains": .exact,
        "additionalItems": .exact, "unevaluatedProperties": .exact, "unevaluatedItems": .exact, "$ref": .exact,
        "$dynamicRef": .exact, "$recursiveRef": .exact,
    ]

    /// A `type` keyword as read: absent (any type), a list of names, or not valid.
    private enum TypeList {
        case any
        case names([String])
        case malformed
    }

    private static func typeList(_ value: JSONValue?) -> TypeList {
        switch value {
        case nil: return .any
        case .string(let name)?: return .names([name])
        case .array(let items)?:
            let names = items.compactMap(\.stringValue)
            return names.count == items.count ? .names(names) : .malformed
        default: return .malformed
        }
    }

    /// `type`: breaking unless every former type is still allowed (`integer` is allowed by
    /// `number`); the same types written differently is `other_changed`.
    static func typeChange(_ old: JSONValue?, _ new: JSONValue?, at: JSONPointer, into changes: inout [SchemaChange]) {
        switch (typeList(old), typeList(new)) {
        case (.malformed, _), (_, .malformed):
            changes.append(malformed("type", old, new, at: at))
        case (.any, .any):
            break
        case (.any, .names):
            changes.append(change(.typeChanged, at: at, breaking: true, before: old, after: new,
                                  "type any → \(typeText(new))"))
        case (.names, .any):
            changes.append(change(.typeChanged, at: at, breaking: false, before: old, after: new,
                                  "type \(typeText(old)) → any (widened)"))
        case (.names(let before), .names(let after)):
            if Set(before) == Set(after) {
                changes.append(change(.otherChanged, at: at, breaking: false, before: old, after: new,
                                      "type \(typeText(old)) → \(typeText(new)), same types"))
                return
            }
            let widened = before.allSatisfy { after.contains($0) || ($0 == "integer" && after.contains("number")) }
            changes.append(change(.typeChanged, at: at, breaking: !widened, before: old, after: new,
                                  "type \(typeText(old)) → \(typeText(new))" + (widened ? " (widened)" : "")))
        }
    }

    /// `enum`: values removed (or an enum added) narrow it, breaking; values only added (or
    /// the enum dropped) widen it; the same values reordered is `other_changed`.
    static func enumChange(_ old: JSONValue?, _ new: JSONValue?, at: JSONPointer, into changes: inout [SchemaChange]) {
        switch (old, new) {
        case (.array(let before)?, .array(let after)?):
            let removed = missing(from: after, in: before), added = missing(from: before, in: after)
            if !removed.isEmpty {
                let alsoAdded = added.isEmpty ? "" : "; added \(list(added))"
                changes.append(change(.enumNarrowed, at: at, breaking: true, before: old, after: new,
                                      "enum narrowed: removed \(list(removed))" + alsoAdded))
            } else if !added.isEmpty {
                changes.append(change(.enumWidened, at: at, breaking: false, before: old, after: new,
                                      "enum widened: added \(list(added))"))
            } else {
                changes.append(change(.otherChanged, at: at, breaking: false, before: old, after: new,
                                      "enum rewritten, same values"))
            }
        case (nil, .array(let after)?):
            changes.append(change(.enumNarrowed, at: at, breaking: true, before: nil, after: new,
                                  "enum added: \(list(unique(after)))"))
        case (.array?, nil):
            changes.append(change(.enumWidened, at: at, breaking: false, before: old, after: nil, "enum removed"))
        default:
            changes.append(malformed("enum", old, new, at: at))
        }
    }

    /// `description`: never breaking.
    static func descriptionChange(
        _ old: JSONValue?, _ new: JSONValue?, at: JSONPointer, into changes: inout [SchemaChange]
    ) {
        let detail = switch (old, new) {
        case (nil, _): "description added"
        case (_, nil): "description removed"
        default: "description changed"
        }
        changes.append(change(.descriptionChanged, at: at, breaking: false, before: old, after: new, detail))
    }

    /// A validation keyword: breaking when it now rejects more.
    static func constraintChange(
        _ keyword: String, _ constraint: Constraint, _ old: JSONValue?, _ new: JSONValue?, at: JSONPointer,
        into changes: inout [SchemaChange]
    ) {
        switch constraint {
        case .lowerBound: bound(keyword, lower: true, old, new, at: at, into: &changes)
        case .upperBound: bound(keyword, lower: false, old, new, at: at, into: &changes)
        case .exclusiveLower, .exclusiveUpper:
            if isFlag(old), isFlag(new) {
                flag(keyword, tighterWhenTrue: true, old, new, at: at, into: &changes)
            } else {
                bound(keyword, lower: constraint == .exclusiveLower, old, new, at: at, into: &changes)
            }
        case .tighterWhenTrue: flag(keyword, tighterWhenTrue: true, old, new, at: at, into: &changes)
        case .looserWhenTrue: flag(keyword, tighterWhenTrue: false, old, new, at: at, into: &changes)
        case .exact:
            changes.append(valueChange(.constraintChanged, keyword, old, new, at: at, breaking: new != nil))
        }
    }

    private static func bound(
        _ keyword: String, lower: Bool, _ old: JSONValue?, _ new: JSONValue?, at: JSONPointer,
        into changes: inout [SchemaChange]
    ) {
        let before = old.flatMap(number), after = new.flatMap(number)
        guard (old == nil) == (before == nil), (new == nil) == (after == nil) else {
            changes.append(malformed(keyword, old, new, at: at))
            return
        }
        let tighter: Bool, looser: Bool
        switch (before, after) {
        case (nil, _?): (tighter, looser) = (true, false)
        case (_?, nil): (tighter, looser) = (false, true)
        case (let before?, let after?):
            (tighter, looser) = lower ? (after > before, after < before) : (after < before, after > before)
        case (nil, nil): (tighter, looser) = (false, false)
        }
        let suffix = tighter ? " (tighter)" : looser ? " (looser)" : ""
        changes.append(change(.constraintChanged, at: at, breaking: tighter, before: old, after: new,
                              "\(keyword) \(display(old)) → \(display(new))" + suffix))
    }

    private static func flag(
        _ keyword: String, tighterWhenTrue: Bool, _ old: JSONValue?, _ new: JSONValue?, at: JSONPointer,
        into changes: inout [SchemaChange]
    ) {
        guard isFlag(old), isFlag(new) else {
            changes.append(malformed(keyword, old, new, at: at))
            return
        }
        let before = old == .bool(true), after = new == .bool(true)
        let tighter = tighterWhenTrue ? !before && after : before && !after
        changes.append(change(.constraintChanged, at: at, breaking: tighter, before: old, after: new,
                              "\(keyword) \(display(old)) → \(display(new))" + (tighter ? " (tighter)" : "")))
    }

    /// Absent or a boolean.
    private static func isFlag(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .bool?: true
        default: false
        }
    }

    /// A finite number's value.
    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let integer): Double(integer)
        case .number(let number) where number.isFinite: number
        default: nil
        }
    }

    /// The values of `values` (first occurrences, in order) that `other` does not contain.
    private static func missing(from other: [JSONValue], in values: [JSONValue]) -> [JSONValue] {
        let present = Set(other.map { Array($0.canonicalText.utf8) })
        return unique(values).filter { !present.contains(Array($0.canonicalText.utf8)) }
    }

    /// `values` without repeats, first occurrences in order.
    private static func unique(_ values: [JSONValue]) -> [JSONValue] {
        var seen: Set<[UInt8]> = []
        return values.filter { seen.insert(Array($0.canonicalText.utf8)).inserted }
    }
}
