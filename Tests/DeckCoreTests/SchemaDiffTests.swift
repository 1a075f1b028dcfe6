import DeckCore
import Foundation
import Testing

/// The classification rules of `SchemaDiff`, each on a small literal schema with the exact
/// expected changes.
@Suite("SchemaDiff rules")
struct SchemaDiffTests {
    /// A Gmail-like send schema: `to` required, `cc` and `subject` optional.
    static let base: JSONValue = [
        "type": "object",
        "properties": [
            "to": ["type": "string", "description": "Recipient"],
            "cc": ["type": "string"],
            "subject": ["type": "string"],
        ],
        "required": ["to"],
    ]

    /// `schema` with the value at `tokens` replaced by `value`, or removed when nil.
    static func setting(_ schema: JSONValue, _ tokens: [String], _ value: JSONValue?) -> JSONValue {
        guard let first = tokens.first else { return value ?? .null }
        switch schema {
        case .array(var items):
            guard let index = Int(first), items.indices.contains(index) else { return schema }
            items[index] = setting(items[index], Array(tokens.dropFirst()), value)
            return .array(items)
        default:
            var members = schema.objectValue ?? [:]
            if tokens.count == 1 {
                members[first] = value
            } else {
                members[first] = setting(members[first] ?? [:], Array(tokens.dropFirst()), value)
            }
            return .object(members)
        }
    }

    static func diff(_ old: JSONValue, _ new: JSONValue) -> [SchemaChange] {
        SchemaDiff.diff(from: old, to: new)
    }

    /// The diff of `base` with the value at `tokens` set to `value` (nil removes it).
    static func diffBase(_ tokens: [String], _ value: JSONValue?) -> [SchemaChange] {
        diff(base, setting(base, tokens, value))
    }

    // MARK: - Properties and required

    @Test func aRemovedPropertyIsBreaking() {
        #expect(Self.diffBase(["properties", "cc"], nil) == [
            SchemaChange(kind: .propertyRemoved, path: "/properties/cc", breaking: true, before: ["type": "string"],
                         after: nil, detail: "property cc removed"),
        ])
        // Removing a required property is one change, not also `became_optional`.
        let removedRequired = Self.setting(Self.setting(Self.base, ["properties", "to"], nil), ["required"], [])
        #expect(Self.diff(Self.base, removedRequired) == [
            SchemaChange(kind: .propertyRemoved, path: "/properties/to", breaking: true,
                         before: ["type": "string", "description": "Recipient"], after: nil, detail: "property to removed"),
        ])
    }

    @Test func aNewOptionalPropertyIsNotBreaking() {
        #expect(Self.diffBase(["properties", "bcc"], ["type": "string"]) == [
            SchemaChange(kind: .propertyAdded, path: "/properties/bcc", breaking: false, before: nil,
                         after: ["type": "string"], detail: "property bcc added"),
        ])
    }

    @Test func aNewRequiredPropertyIsOneBreakingAddition() {
        let new = Self.setting(Self.setting(Self.base, ["properties", "bcc"], ["type": "string"]), ["required"], ["to", "bcc"])
        #expect(Self.diff(Self.base, new) == [
            SchemaChange(kind: .propertyAdded, path: "/properties/bcc", breaking: true, before: nil,
                         after: ["type": "string"], detail: "required property bcc added"),
        ])
    }

    @Test func anExistingPropertyBecomingRequiredIsBreaking() {
        #expect(Self.diffBase(["required"], ["to", "cc"]) == [
            SchemaChange(kind: .becameRequired, path: "/properties/cc", breaking: true, before: false, after: true,
                         detail: "property cc became required"),
        ])
        // A name required without a property definition counts too.
        #expect(Self.diffBase(["required"], ["to", "ghost"]) == [
            SchemaChange(kind: .becameRequired, path: "/properties/ghost", breaking: true, before: false, after: true,
                         detail: "property ghost became required"),
        ])
    }

    @Test func aRequiredPropertyBecomingOptionalIsNotBreaking() {
        let expected = [
            SchemaChange(kind: .becameOptional, path: "/properties/to", breaking: false, before: true, after: false,
                         detail: "property to became optional"),
        ]
        #expect(Self.diffBase(["required"], []) == expected)
        #expect(Self.diffBase(["required"], nil) == expected)
    }

    @Test func anEmptyPropertiesObjectOrRequiredListIsOtherChanged() {
        #expect(Self.diff(["type": "string"], ["type": "string", "properties": [:], "required": []]) == [
            SchemaChange(kind: .otherChanged, path: "/properties", breaking: false, before: nil, after: [:],
                         detail: "properties added: {}"),
            SchemaChange(kind: .otherChanged, path: "/required", breaking: false, before: nil, after: [],
                         detail: "required list rewritten, same names"),
        ])
    }

    @Test func aRewrittenRequiredListWithTheSameNamesIsOtherChanged() {
        let old = Self.setting(Self.base, ["required"], ["to", "cc"])
        #expect(Self.diff(old, Self.setting(Self.base, ["required"], ["cc", "to"])) == [
            SchemaChange(kind: .otherChanged, path: "/required", breaking: false, before: ["to", "cc"],
                         after: ["cc", "to"], detail: "required list rewritten, same names"),
        ])
        // Entries that are not names are ignored as names but still reported.
        #expect(Self.diffBase(["required"], ["to", 5, nil]) == [
            SchemaChange(kind: .otherChanged, path: "/required", breaking: false, before: ["to"], after: ["to", 5, nil],
                         detail: "required list rewritten, same names"),
        ])
    }

    @Test func aRequiredValueThatIsNotAListIsBreakingOtherChanged() {
        #expect(Self.diffBase(["required"], "to") == [
            SchemaChange(kind: .otherChanged, path: "/required", breaking: true, before: ["to"], after: "to",
                         detail: "required [\"to\"] → \"to\" (not valid JSON Schema; assumed breaking)"),
        ])
    }

    @Test func nestedObjectsAreComparedByPath() {
        let address: JSONValue = [
            "type": "object", "properties": ["zip": ["type": "string"], "city": ["type": "string"]], "required": ["city"],
        ]
        let old = Self.setting(Self.base, ["properties", "address"], address)
        let zipRemoved = Self.setting(old, ["properties", "address", "properties", "zip"], nil)
        #expect(Self.diff(old, zipRemoved) == [
            SchemaChange(kind: .propertyRemoved, path: "/properties/address/properties/zip", breaking: true,
                         before: ["type": "string"], after: nil, detail: "property zip removed"),
        ])
        let zipRequired = Self.setting(old, ["properties", "address", "required"], ["city", "zip"])
        #expect(Self.diff(old, zipRequired) == [
            SchemaChange(kind: .becameRequired, path: "/properties/address/properties/zip", breaking: true,
                         before: false, after: true, detail: "property zip became required"),
        ])
    }

    // MARK: - Types

    @Test func aTypeChangeIsBreaking() {
        #expect(Self.diffBase(["properties", "cc", "type"], "array") == [
            SchemaChange(kind: .typeChanged, path: "/properties/cc/type", breaking: true, before: "string",
                         after: "array", detail: "type string → array"),
        ])
    }

    @Test func typeListsBreakWhenAFormerTypeIsGone() {
        let path = ["properties", "cc", "type"]
        #expect(Self.diffBase(path, ["string", "null"]) == [
            SchemaChange(kind: .typeChanged, path: "/properties/cc/type", breaking: false, before: "string",
                         after: ["string", "null"], detail: "type string → [string, null] (widened)"),
        ])
        let nullable = Self.setting(Self.base, path, ["string", "null"])
        #expect(Self.diff(nullable, Self.base) == [
            SchemaChange(kind: .typeChanged, path: "/properties/cc/type", breaking: true, before: ["string", "null"],
                         after: "string", detail: "type [string, null] → string"),
        ])
        #expect(Self.diff(nullable, Self.setting(Self.base, path, ["null", "integer"])) == [
            SchemaChange(kind: .typeChanged, path: "/properties/cc/type", breaking: true, before: ["string", "null"],
                         after: ["null", "integer"], detail: "type [string, null] → [null, integer]"),
        ])
    }

    @Test func integerWidensToNumberButNotBack() {
        let integer: JSONValue = ["type": "integer"], number: JSONValue = ["type": "number"]
        #expect(Self.diff(integer, number) == [
            SchemaChange(kind: .typeChanged, path: "/type", breaking: false, before: "integer", after: "number",
                         detail: "type integer → number (widened)"),
        ])
        #expect(Self.diff(number, integer).map(\.breaking) == [true])
    }

    @Test func typeAddedIsBreakingAndTypeRemovedIsNot() {
        #expect(Self.diff([:], ["type": "string"]) == [
            SchemaChange(kind: .typeChanged, path: "/type", breaking: true, before: nil, after: "string",
                         detail: "type any → string"),
        ])
        #expect(Self.diff(["type": "string"], [:]) == [
            SchemaChange(kind: .typeChanged, path: "/type", breaking: false, before: "string", after: nil,
                         detail: "type string → any (widened)"),
        ])
    }

    @Test func theSameTypesWrittenDifferentlyAreOtherChanged() {
        #expect(Self.diff(["type": "string"], ["type": ["string"]]) == [
            SchemaChange(kind: .otherChanged, path: "/type", breaking: false, before: "string", after: ["string"],
                         detail: "type string → [string], same types"),
        ])
        #expect(Self.diff(["type": ["null", "string"]], ["type": ["string", "null"]]).map(\.kind) == [.otherChanged])
    }

    @Test func garbageTypesAreBreakingOtherChanged() {
        #expect(Self.diff(["type": 5], ["type": "string"]) == [
            SchemaChange(kind: .otherChanged, path: "/type", breaking: true, before: 5, after: "string",
                         detail: "type 5 → \"string\" (not valid JSON Schema; assumed breaking)"),
        ])
        #expect(Self.diff(["type": ["string", 3]], ["type": ["string"]]).map { [$0.kind.rawValue, "\($0.breaking)"] }
            == [["other_changed", "true"]])
    }

    // MARK: - Enums

    static let colors: JSONValue = ["type": "string", "enum": ["red", "green"]]

    @Test func aWidenedEnumIsNotBreaking() {
        #expect(Self.diff(Self.colors, Self.setting(Self.colors, ["enum"], ["red", "green", "blue"])) == [
            SchemaChange(kind: .enumWidened, path: "/enum", breaking: false, before: ["red", "green"],
                         after: ["red", "green", "blue"], detail: "enum widened: added \"blue\""),
        ])
        #expect(Self.diff(Self.colors, Self.setting(Self.colors, ["enum"], nil)) == [
            SchemaChange(kind: .enumWidened, path: "/enum", breaking: false, before: ["red", "green"], after: nil,
                         detail: "enum removed"),
        ])
    }

    @Test func aNarrowedEnumIsBreaking() {
        #expect(Self.diff(Self.colors, Self.setting(Self.colors, ["enum"], ["red"])) == [
            SchemaChange(kind: .enumNarrowed, path: "/enum", breaking: true, before: ["red", "green"], after: ["red"],
                         detail: "enum narrowed: removed \"green\""),
        ])
        #expect(Self.diff(["type": "string"], Self.colors) == [
            SchemaChange(kind: .enumNarrowed, path: "/enum", breaking: true, before: nil, after: ["red", "green"],
                         detail: "enum added: \"red\", \"green\""),
        ])
    }

    @Test func anEnumNarrowedAndWidenedAtOnceIsNarrowed() {
        #expect(Self.diff(Self.colors, Self.setting(Self.colors, ["enum"], ["red", "blue"])) == [
            SchemaChange(kind: .enumNarrowed, path: "/enum", breaking: true, before: ["red", "green"],
                         after: ["red", "blue"], detail: "enum narrowed: removed \"green\"; added \"blue\""),
        ])
    }

    @Test func aReorderedEnumIsOtherChangedAndEnumValuesCompareExactly() {
        #expect(Self.diff(Self.colors, Self.setting(Self.colors, ["enum"], ["green", "red"])) == [
            SchemaChange(kind: .otherChanged, path: "/enum", breaking: false, before: ["red", "green"],
                         after: ["green", "red"], detail: "enum rewritten, same values"),
        ])
        // 1 and 1.0 are different JSON values.
        #expect(Self.diff(["enum": [1, 2]], ["enum": [1.0, 2]]).map(\.kind) == [.enumNarrowed])
        #expect(Self.diff(["enum": "red"], ["enum": ["red"]]).map { "\($0.kind.rawValue) \($0.breaking)" }
            == ["other_changed true"])
    }

    // MARK: - Annotations and constraints

    @Test func descriptionChangesAreNotBreaking() {
        #expect(Self.diffBase(["properties", "to", "description"], "Who gets it") == [
            SchemaChange(kind: .descriptionChanged, path: "/properties/to/description", breaking: false,
                         before: "Recipient", after: "Who gets it", detail: "description changed"),
        ])
        #expect(Self.diffBase(["properties", "to", "description"], nil).map(\.detail) == ["description removed"])
        #expect(Self.diffBase(["properties", "cc", "description"], "Copy").map(\.detail) == ["description added"])
    }

    @Test func annotationsAreNotBreakingOtherChanged() {
        let cc = ["properties", "cc"]
        #expect(Self.diffBase(cc + ["title"], "Copy to") == [
            SchemaChange(kind: .otherChanged, path: "/properties/cc/title", breaking: false, before: nil,
                         after: "Copy to", detail: "title added: \"Copy to\""),
        ])
        #expect(Self.diffBase(cc + ["format"], "email") == [
            SchemaChange(kind: .otherChanged, path: "/properties/cc/format", breaking: false, before: nil,
                         after: "email", detail: "format added: \"email\""),
        ])
        let withDefault = Self.setting(Self.base, cc + ["default"], "a@b.c")
        #expect(Self.diff(withDefault, Self.setting(Self.base, cc + ["default"], nil)) == [
            SchemaChange(kind: .otherChanged, path: "/properties/cc/default", breaking: false, before: "a@b.c",
                         after: nil, detail: "default removed (was \"a@b.c\")"),
        ])
        #expect(Self.diff(withDefault, Self.setting(Self.base, cc + ["default"], ["x"])) == [
            SchemaChange(kind: .otherChanged, path: "/properties/cc/default", breaking: false, before: "a@b.c",
                         after: ["x"], detail: "default \"a@b.c\" → [\"x\"]"),
        ])
        #expect(Self.diffBase(cc + ["examples"], ["a@b.c"]).map(\.breaking) == [false])
        #expect(Self.diffBase(["x-vendor"], true).map(\.kind) == [.otherChanged])
    }

    @Test func tightenedConstraintsAreBreakingAndLoosenedOnesAreNot() {
        let limited: JSONValue = ["type": "string", "maxLength": 100, "minLength": 1]
        #expect(Self.diff(limited, Self.setting(limited, ["maxLength"], 50)) == [
            SchemaChange(kind: .constraintChanged, path: "/maxLength", breaking: true, before: 100, after: 50,
                         detail: "maxLength 100 → 50 (tighter)"),
        ])
        #expect(Self.diff(limited, Self.setting(limited, ["maxLength"], 500)) == [
            SchemaChange(kind: .constraintChanged, path: "/maxLength", breaking: false, before: 100, after: 500,
                         detail: "maxLength 100 → 500 (looser)"),
        ])
        #expect(Self.diff(limited, Self.setting(limited, ["minLength"], 3)).map(\.breaking) == [true])
        #expect(Self.diff(limited, Self.setting(limited, ["minLength"], nil)) == [
            SchemaChange(kind: .constraintChanged, path: "/minLength", breaking: false, before: 1, after: nil,
                         detail: "minLength 1 → absent (looser)"),
        ])
        #expect(Self.diff(limited, Self.setting(limited, ["minimum"], 0)).map(\.breaking) == [true])
        #expect(Self.diff(limited, Self.setting(limited, ["maxLength"], "many")).map { "\($0.kind.rawValue) \($0.breaking)" }
            == ["other_changed true"])
        #expect(Self.diff(limited, Self.setting(limited, ["pattern"], "^a")) == [
            SchemaChange(kind: .constraintChanged, path: "/pattern", breaking: true, before: nil, after: "^a",
                         detail: "pattern added: \"^a\""),
        ])
        let patterned = Self.setting(limited, ["pattern"], "^a")
        #expect(Self.diff(patterned, limited).map(\.breaking) == [false])
        #expect(Self.diff(patterned, Self.setting(limited, ["pattern"], "^b")).map(\.breaking) == [true])
        #expect(Self.diff(["type": "array"], ["type": "array", "uniqueItems": true]).map(\.breaking) == [true])
        #expect(Self.diff(["type": "array", "uniqueItems": true], ["type": "array"]).map(\.breaking) == [false])
        #expect(Self.diff(["nullable": true], [:]) == [
            SchemaChange(kind: .constraintChanged, path: "/nullable", breaking: true, before: true, after: nil,
                         detail: "nullable true → absent (tighter)"),
        ])
        #expect(Self.diff(["exclusiveMinimum": 0], ["exclusiveMinimum": 1]).map(\.breaking) == [true])
        #expect(Self.diff(["minimum": 0, "exclusiveMinimum": false], ["minimum": 0, "exclusiveMinimum": true])
            .map(\.breaking) == [true])
    }

    @Test func closingAdditionalPropertiesIsBreaking() {
        #expect(Self.diffBase(["additionalProperties"], false) == [
            SchemaChange(kind: .constraintChanged, path: "/additionalProperties", breaking: true, before: nil,
                         after: false, detail: "additionalProperties closed: undeclared properties are rejected"),
        ])
        let closed = Self.setting(Self.base, ["additionalProperties"], false)
        #expect(Self.diff(closed, Self.base) == [
            SchemaChange(kind: .constraintChanged, path: "/additionalProperties", breaking: false, before: false,
                         after: nil, detail: "additionalProperties opened: any undeclared properties are accepted"),
        ])
        #expect(Self.diffBase(["additionalProperties"], true) == [
            SchemaChange(kind: .otherChanged, path: "/additionalProperties", breaking: false, before: nil, after: true,
                         detail: "additionalProperties added: true"),
        ])
        let typed = Self.setting(Self.base, ["additionalProperties"], ["type": "string"])
        #expect(Self.diffBase(["additionalProperties"], ["type": "string"]).map { "\($0.kind.rawValue) \($0.breaking)" }
            == ["constraint_changed true"])
        #expect(Self.diff(typed, Self.setting(Self.base, ["additionalProperties"], ["type": "integer"])) == [
            SchemaChange(kind: .typeChanged, path: "/additionalProperties/type", breaking: true, before: "string",
                         after: "integer", detail: "type string → integer"),
        ])
    }

    // MARK: - Arrays and combinators

    static let labels: JSONValue = [
        "type": "object",
        "properties": ["to": ["type": "array", "items": ["type": "string"]]],
    ]

    @Test func arrayItemsAreComparedRecursively() {
        #expect(Self.diff(Self.labels, Self.setting(Self.labels, ["properties", "to", "items", "type"], "object")) == [
            SchemaChange(kind: .typeChanged, path: "/properties/to/items/type", breaking: true, before: "string",
                         after: "object", detail: "type string → object"),
        ])
        let untyped = Self.setting(Self.labels, ["properties", "to", "items"], nil)
        #expect(Self.diff(untyped, Self.labels) == [
            SchemaChange(kind: .constraintChanged, path: "/properties/to/items", breaking: true, before: nil,
                         after: ["type": "string"], detail: "items schema added: array items must match it"),
        ])
        #expect(Self.diff(Self.labels, untyped).map(\.breaking) == [false])
        // Tuple-form items are compared whole.
        let tuple = Self.setting(Self.labels, ["properties", "to", "items"], [["type": "string"]])
        #expect(Self.diff(Self.labels, tuple).map { "\($0.path) \($0.kind.rawValue) \($0.breaking)" }
            == ["/properties/to/items other_changed true"])
    }

    static let choice: JSONValue = ["anyOf": [["type": "string"], ["type": "integer"]]]

    @Test func combinatorBranchesAreComparedPairwise() {
        #expect(Self.diff(Self.choice, Self.setting(Self.choice, ["anyOf", "1", "type"], "boolean")) == [
            SchemaChange(kind: .typeChanged, path: "/anyOf/1/type", breaking: true, before: "integer",
                         after: "boolean", detail: "type integer → boolean"),
        ])
        #expect(Self.diff(Self.choice, ["anyOf": [["type": "integer"], ["type": "string"]]]) == [
            SchemaChange(kind: .otherChanged, path: "/anyOf", breaking: false, before: Self.choice["anyOf"],
                         after: [["type": "integer"], ["type": "string"]], detail: "anyOf branches reordered"),
        ])
    }

    @Test func combinatorBranchListChangesAreOtherChanged() {
        let three: JSONValue = ["anyOf": [["type": "string"], ["type": "integer"], ["type": "null"]]]
        #expect(Self.diff(Self.choice, three) == [
            SchemaChange(kind: .otherChanged, path: "/anyOf", breaking: false, before: Self.choice["anyOf"],
                         after: three["anyOf"], detail: "anyOf: 2 → 3 branches, 0 removed, 1 added"),
        ])
        #expect(Self.diff(three, Self.choice).map(\.breaking) == [true])
        let allOf: JSONValue = ["allOf": [["type": "string"]]]
        #expect(Self.diff(allOf, ["allOf": [["type": "string"], ["maxLength": 5]]]).map(\.breaking) == [true])
        #expect(Self.diff(["allOf": [["type": "string"], ["maxLength": 5]]], allOf).map(\.breaking) == [false])
        #expect(Self.diff(["oneOf": [["type": "string"]]], ["oneOf": [["type": "string"], ["type": "null"]]])
            .map(\.breaking) == [true])
        #expect(Self.diff([:], Self.choice).map { "\($0.detail) \($0.breaking)" } == ["anyOf added true"])
        #expect(Self.diff(Self.choice, [:]).map { "\($0.detail) \($0.breaking)" } == ["anyOf removed false"])
        #expect(Self.diff(Self.choice, ["anyOf": ["type": "string"]]).map { "\($0.kind.rawValue) \($0.breaking)" }
            == ["other_changed true"])
    }

    @Test func definitionsAreComparedByName() {
        let old: JSONValue = [
            "$defs": ["Address": ["type": "object", "properties": ["zip": ["type": "string"]]]],
            "properties": ["home": ["$ref": "#/$defs/Address"]],
        ]
        #expect(Self.diff(old, Self.setting(old, ["$defs", "Address", "properties", "zip"], nil)) == [
            SchemaChange(kind: .propertyRemoved, path: "/$defs/Address/properties/zip", breaking: true,
                         before: ["type": "string"], after: nil, detail: "property zip removed"),
        ])
        #expect(Self.diff(old, Self.setting(old, ["$defs", "Place"], ["type": "string"])).map { "\($0.path) \($0.breaking)" }
            == ["/$defs/Place false"])
        #expect(Self.diff(old, Self.setting(old, ["properties", "home", "$ref"], "#/$defs/Place")) == [
            SchemaChange(kind: .constraintChanged, path: "/properties/home/$ref", breaking: true,
                         before: "#/$defs/Address", after: "#/$defs/Place",
                         detail: "$ref \"#/$defs/Address\" → \"#/$defs/Place\""),
        ])
    }

    // MARK: - Replaced schemas

    @Test func aSchemaThatIsNotAnObjectIsReplaced() {
        #expect(Self.diff(Self.base, "garbage") == [
            SchemaChange(kind: .schemaReplaced, path: "", breaking: true, before: Self.base, after: "garbage",
                         detail: "schema replaced: object → string"),
        ])
        #expect(Self.diff(nil, Self.base).map { "\($0.path)|\($0.kind.rawValue)|\($0.breaking)" } == ["|schema_replaced|true"])
        #expect(Self.diffBase(["properties", "cc"], true) == [
            SchemaChange(kind: .schemaReplaced, path: "/properties/cc", breaking: true, before: ["type": "string"],
                         after: true, detail: "schema replaced: object → true"),
        ])
    }

    @Test func propertiesThatAreNotAnObjectReplaceTheSchema() {
        let broken = Self.setting(Self.base, ["properties"], ["to", "cc"])
        #expect(Self.diff(Self.base, broken) == [
            SchemaChange(kind: .schemaReplaced, path: "", breaking: true, before: Self.base, after: broken,
                         detail: "schema replaced: properties object → array"),
        ])
        // The same garbage on both sides is no change; required still counts by name.
        #expect(Self.diff(broken, Self.setting(broken, ["required"], ["to", "cc"])).map(\.path) == ["/properties/cc"])
    }

    // MARK: - Paths and order

    @Test func pointerTokensAreEscaped() {
        let odd: JSONValue = ["properties": ["a/b": [:], "m~n": [:], "~1": [:], "": [:]]]
        #expect(Self.diff(odd, [:]).map(\.path)
            == ["/properties/", "/properties/a~1b", "/properties/m~0n", "/properties/~01"])
        #expect(JSONPointer(["properties", "a/b", "~1"]).text == "/properties/a~1b/~01")
        #expect(JSONPointer.escape("~/") == "~0~1")
        #expect(JSONPointer(parsing: "/properties/a~1b/~01")?.tokens == ["properties", "a/b", "~1"])
        #expect(JSONPointer(parsing: "")?.tokens == [])
        #expect(JSONPointer(parsing: "/")?.tokens == [""])
        #expect(JSONPointer(parsing: "a") == nil)
        #expect(JSONPointer(parsing: "/~2") == nil)
        #expect(JSONPointer(parsing: "/a~") == nil)
    }

    @Test func changesAreSortedByPathTokenByTokenThenKind() {
        let old: JSONValue = [
            "properties": [
                "a": ["type": "string"], "a-b": ["type": "string"], "x": ["type": "string"],
            ],
            "anyOf": .array(Array(repeating: ["type": "string"], count: 11)),
        ]
        var new = Self.setting(old, ["properties", "a", "type"], "integer")
        new = Self.setting(new, ["properties", "a-b"], nil)
        new = Self.setting(new, ["properties", "x"], false)
        new = Self.setting(new, ["required"], ["a", "x"])
        new = Self.setting(new, ["anyOf", "10", "type"], "null")
        new = Self.setting(new, ["anyOf", "2", "type"], "null")
        new = Self.setting(new, ["description"], "d")
        #expect(Self.diff(old, new).map { "\($0.path) \($0.kind.rawValue)" } == [
            "/anyOf/2/type type_changed",
            "/anyOf/10/type type_changed",
            "/description description_changed",
            "/properties/a became_required",
            "/properties/a/type type_changed",
            "/properties/a-b property_removed",
            "/properties/x became_required",
            "/properties/x schema_replaced",
        ])
    }

    // MARK: - Robustness

    @Test func deepNestingIsComparedToAFixedDepthWithoutCrashing() {
        func chain(_ levels: Int, leaf: JSONValue) -> JSONValue {
            var schema = leaf
            for _ in 0..<levels { schema = ["properties": ["p": schema]] }
            return schema
        }
        let changes = Self.diff(chain(150, leaf: ["type": "string"]), chain(150, leaf: ["type": "integer"]))
        #expect(changes.count == 1)
        #expect(changes.first?.kind == .otherChanged)
        #expect(changes.first?.breaking == true)
        #expect(changes.first?.path == String(repeating: "/properties/p", count: 64))
        #expect(Self.diff(chain(10, leaf: ["type": "string"]), chain(10, leaf: ["type": "integer"])).map(\.path)
            == [String(repeating: "/properties/p", count: 10) + "/type"])
    }

    @Test func namesDifferingOnlyInUnicodeNormalizationStillDiffer() {
        let composed: JSONValue = ["properties": ["\u{E9}": ["type": "string"]]]
        let decomposed: JSONValue = ["properties": ["e\u{301}": ["type": "string"]]]
        #expect(composed != decomposed)
        #expect(Self.diff(composed, decomposed).map { "\($0.path)|\($0.kind.rawValue)|\($0.breaking)" }
            == ["/properties|other_changed|true"])
        #expect(Self.diff(["title": 1, "\u{E9}": 1], ["title": 1, "e\u{301}": 1]).map { "\($0.path)|\($0.breaking)|\($0.detail)" }
            == ["|true|schema changed: member names differ in Unicode normalization only"])
        #expect(Self.diff(["enum": ["\u{E9}"]], ["enum": ["e\u{301}"]]).map(\.kind) == [.enumNarrowed])
    }

    @Test func nonFiniteNumbersCompareAsTheyAreStored() {
        let odd: JSONValue = ["minimum": .number(.nan), "default": .number(.infinity), "enum": [.number(.nan)]]
        #expect(Self.diff(odd, odd).isEmpty)
        #expect(Self.diff(["minimum": .number(.nan)], ["minimum": 1]).map { "\($0.kind.rawValue) \($0.breaking)" }
            == ["other_changed true"])
    }

    @Test func detailsStayOnOneLine() {
        let changes = Self.diff(["properties": ["a\nb": [:]], "title": "x"], ["title": "line\nbreak\u{1B}[2J"])
        #expect(changes.map(\.detail) == ["property a\\nb removed", "title \"x\" → \"line\\nbreak\\u001b[2J\""])
    }

    // MARK: - Encoding

    @Test func aChangeRoundTripsThroughJSONAndCodable() throws {
        let change = SchemaChange(kind: .otherChanged, path: "/properties/cc/default", breaking: false, before: .null,
                                  after: nil, detail: "default removed (was null)")
        #expect(change.json == ["path": "/properties/cc/default", "kind": "other_changed", "breaking": false,
                                "detail": "default removed (was null)", "before": nil])
        #expect(SchemaChange(json: change.json) == change)
        #expect(SchemaChange(json: ["path": "/", "kind": "nope", "breaking": true, "detail": ""]) == nil)
        let data = try JSONEncoder().encode(change)
        #expect(try JSONValue(parsing: data) == change.json)
        #expect(try JSONDecoder().decode(SchemaChange.self, from: data) == change)
        #expect(SchemaChangeKind.allCases.map(\.rawValue) == [
            "property_added", "property_removed", "became_required", "became_optional", "type_changed",
            "enum_narrowed", "enum_widened", "constraint_changed", "description_changed", "other_changed",
            "schema_replaced",
        ])
    }
}
