/// What one classified difference between two JSON Schemas is.
///
/// The kind says what changed; whether it can break a caller is `SchemaChange.breaking`,
/// decided per change (a property added is breaking only when it is required, for
/// instance). The declaration order is the order changes at the same path are listed in.
public enum SchemaChangeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A property now exists that did not (breaking when it is required at once).
    case propertyAdded = "property_added"
    /// A property is gone: arguments for it are no longer understood. Always breaking.
    case propertyRemoved = "property_removed"
    /// A property that callers could omit must now be given. Always breaking.
    case becameRequired = "became_required"
    /// A required property may now be omitted. Never breaking.
    case becameOptional = "became_optional"
    /// `type` changed: breaking unless every former type is still allowed (a widening).
    case typeChanged = "type_changed"
    /// An `enum` lost values (perhaps gaining others too), or an enum now restricts a value
    /// that was free. Always breaking.
    case enumNarrowed = "enum_narrowed"
    /// An `enum` only gained values, or no longer restricts the value. Never breaking.
    case enumWidened = "enum_widened"
    /// A validation keyword changed (`maxLength`, `minimum`, `pattern`, `const`, `items`
    /// or `additionalProperties` added or closed, …): breaking when it rejects more.
    case constraintChanged = "constraint_changed"
    /// `description` changed. Never breaking.
    case descriptionChanged = "description_changed"
    /// Anything else: annotations (`title`, `examples`, `default`, `format`, vendor keys),
    /// reordered lists, changes to `anyOf`/`oneOf`/`allOf` branch lists, and values that
    /// are not valid JSON Schema (then breaking, since safety cannot be shown).
    case otherChanged = "other_changed"
    /// A schema was swapped for something that cannot be compared keyword by keyword (an
    /// object for a boolean or garbage, or `properties` that is not an object). Always
    /// breaking.
    case schemaReplaced = "schema_replaced"

    /// Position in the declaration order, for sorting changes at the same path.
    var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }
}
