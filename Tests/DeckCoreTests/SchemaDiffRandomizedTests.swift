import DeckCore
import Testing

/// Seeded property tests of `SchemaDiff`: random JSON Schemas and their mutations, and
/// arbitrary JSON that is no schema at all.
@Suite("SchemaDiff randomized")
struct SchemaDiffRandomizedTests {
    // MARK: - Generators

    static let names = ["to", "cc", "bcc", "subject", "body", "labels", "a/b", "m~n", "~1", "", "é", "2", "10"]
    static let types: [JSONValue] = ["string", "integer", "number", "boolean", "object", "array", "null"]
    static let keywords = [
        "type", "properties", "required", "enum", "items", "anyOf", "oneOf", "allOf", "additionalProperties",
        "description", "title", "default", "format", "minimum", "maxLength", "pattern", "nullable", "$defs", "$ref",
        "uniqueItems", "exclusiveMinimum", "not", "x-vendor",
    ]

    static func pick<T>(_ values: [T], _ rng: inout SplitMix64) -> T { values[rng.below(values.count)] }

    /// A plausible tool-input schema, nested up to a few levels.
    static func schema(_ rng: inout SplitMix64, depth: Int = 0) -> JSONValue {
        var members: [String: JSONValue] = [:]
        switch rng.below(depth >= 3 ? 4 : 7) {
        case 0:
            members["type"] = "string"
            if rng.chance(3) { members["enum"] = .array((0..<rng.below(4)).map { _ in .string(pick(names, &rng)) }) }
            if rng.chance(3) { members["maxLength"] = .integer(Int64(rng.below(200))) }
            if rng.chance(4) { members["format"] = pick(["email", "date-time", "uri"], &rng) }
        case 1:
            members["type"] = rng.chance(2) ? "integer" : "number"
            if rng.chance(3) { members["minimum"] = .integer(Int64(rng.below(10))) }
            if rng.chance(4) { members["enum"] = [1, 2, 3] }
        case 2:
            members["type"] = rng.chance(2) ? "boolean" : ["string", "null"]
        case 3:
            members["anyOf"] = [["type": "string"], ["type": "null"]]
        case 4, 5:
            members["type"] = "object"
            var properties: [String: JSONValue] = [:]
            for _ in 0..<rng.below(5) { properties[pick(names, &rng)] = schema(&rng, depth: depth + 1) }
            members["properties"] = .object(properties)
            let required = properties.keys.sorted().filter { _ in rng.chance(2) }
            if !required.isEmpty || rng.chance(3) { members["required"] = .array(required.map(JSONValue.string)) }
            if rng.chance(4) { members["additionalProperties"] = .bool(rng.chance(2)) }
        default:
            members["type"] = "array"
            members["items"] = schema(&rng, depth: depth + 1)
            if rng.chance(3) { members["minItems"] = 1 }
        }
        if rng.chance(2) { members["description"] = .string("about " + pick(names, &rng)) }
        if rng.chance(5) { members["title"] = .string(pick(names, &rng)) }
        if rng.chance(6) { members["default"] = rng.chance(2) ? .null : "x" }
        return .object(members)
    }

    /// `value` with one random change somewhere inside (which may leave it equal).
    static func mutate(_ value: JSONValue, _ rng: inout SplitMix64, depth: Int = 0) -> JSONValue {
        guard case .object(var members) = value, depth < 6 else { return schema(&rng, depth: 3) }
        if case .object(var properties)? = members["properties"], !properties.isEmpty, rng.below(10) < 4 {
            let name = properties.keys.sorted()[rng.below(properties.count)]
            properties[name] = properties[name].map { mutate($0, &rng, depth: depth + 1) }
            members["properties"] = .object(properties)
            return .object(members)
        }
        if let items = members["items"], rng.chance(2) {
            members["items"] = mutate(items, &rng, depth: depth + 1)
            return .object(members)
        }
        switch rng.below(16) {
        case 0:
            var properties = members["properties"]?.objectValue ?? [:]
            let name = pick(names, &rng)
            properties[name] = schema(&rng, depth: 3)
            members["properties"] = .object(properties)
            if rng.chance(2) { members["required"] = .array((members["required"]?.arrayValue ?? []) + [.string(name)]) }
        case 1:
            var properties = members["properties"]?.objectValue ?? [:]
            if let name = properties.keys.sorted().first { properties[name] = nil }
            members["properties"] = .object(properties)
        case 2:
            var required = members["required"]?.arrayValue ?? []
            let name = JSONValue.string(pick(names, &rng))
            if let index = required.firstIndex(of: name) { required.remove(at: index) } else { required.append(name) }
            members["required"] = .array(required)
        case 3:
            let type: JSONValue = rng.chance(3) ? .array([pick(types, &rng), pick(types, &rng)]) : pick(types, &rng)
            members["type"] = rng.chance(4) ? Optional.none : type
        case 4:
            var values = members["enum"]?.arrayValue ?? []
            if !values.isEmpty, rng.chance(2) { values.remove(at: rng.below(values.count)) } else { values.append(.string(pick(names, &rng))) }
            members["enum"] = rng.chance(8) ? Optional.none : .array(values)
        case 5:
            members["enum"] = members["enum"]?.arrayValue.map { .array($0.reversed()) }
        case 6:
            members["description"] = rng.chance(3) ? Optional.none : .string("changed " + pick(names, &rng))
        case 7:
            members[pick(["title", "default", "format", "examples", "x-vendor"], &rng)] = .string(pick(names, &rng))
        case 8:
            members[pick(["maxLength", "minimum", "minItems", "exclusiveMinimum"], &rng)] =
                rng.chance(4) ? Optional.none : .integer(Int64(rng.below(20)))
        case 9:
            members["additionalProperties"] = pick([Optional.none, true, false, ["type": "string"]] as [JSONValue?], &rng)
        case 10:
            if case .array(var branches)? = members["anyOf"], !branches.isEmpty, rng.chance(2) {
                let index = rng.below(branches.count)
                branches[index] = mutate(branches[index], &rng, depth: depth + 1)
                members["anyOf"] = .array(branches)
            } else {
                members[pick(["anyOf", "oneOf", "allOf"], &rng)] = .array((0..<rng.below(3)).map { _ in schema(&rng, depth: 3) })
            }
        case 11:
            return pick([true, false, .null, "garbage", 7], &rng)
        case 12:
            members["properties"] = pick(["garbage", [1, 2], .null, Optional.none] as [JSONValue?], &rng)
        case 13:
            members["required"] = pick(["to", [1, "to", nil], Optional.none, .object([:])] as [JSONValue?], &rng)
        case 14:
            members["type"] = pick([5, ["string", 3], [:]], &rng)
        default:
            members["items"] = rng.chance(2) ? schema(&rng, depth: 3) : pick([true, [["type": "string"]], Optional.none] as [JSONValue?], &rng)
        }
        return .object(members)
    }

    /// Any JSON, biased towards schema keywords holding values of the wrong kind.
    static func arbitrary(_ rng: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch rng.below(depth >= 5 ? 6 : 10) {
        case 0: return .null
        case 1: return .bool(rng.chance(2))
        case 2: return .integer(Int64(bitPattern: rng.next()) % 50)
        case 3: return .number(pick([0.5, -1e300, .nan, .infinity, -0.0, 1.0], &rng))
        case 4, 5: return .string(pick(names + types.compactMap(\.stringValue), &rng))
        case 6: return .array((0..<rng.below(4)).map { _ in arbitrary(&rng, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<rng.below(5) {
                members[rng.chance(4) ? pick(names, &rng) : pick(keywords, &rng)] = arbitrary(&rng, depth: depth + 1)
            }
            return .object(members)
        }
    }

    /// `value` with one random subvalue replaced (which may leave it equal).
    static func perturb(_ value: JSONValue, _ rng: inout SplitMix64, depth: Int = 0) -> JSONValue {
        switch value {
        case .object(var members) where !members.isEmpty && rng.below(4) > 0:
            let key = members.keys.sorted()[rng.below(members.count)]
            members[key] = rng.chance(5) ? Optional.none : members[key].map { perturb($0, &rng, depth: depth + 1) }
            return .object(members)
        case .array(var items) where !items.isEmpty && rng.below(4) > 0:
            let index = rng.below(items.count)
            items[index] = perturb(items[index], &rng, depth: depth + 1)
            return .array(items)
        default:
            return arbitrary(&rng, depth: depth)
        }
    }

    // MARK: - Checks

    /// The same JSON as stored (canonical text), which is what "no change" means.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool { a.canonicalText == b.canonicalText }

    /// Everything that must hold of any diff: empty exactly when the values are the same,
    /// sorted, with readable pointers, one-line details and the fixed breaking kinds.
    static func checkWellFormed(_ old: JSONValue, _ new: JSONValue, _ context: String) -> [SchemaChange] {
        let changes = SchemaDiff.diff(from: old, to: new)
        #expect(changes.isEmpty == same(old, new), "\(context): \(old.canonicalText) → \(new.canonicalText)")
        for (earlier, later) in zip(changes, changes.dropFirst()) {
            #expect(!SchemaChange.precedes(later, earlier), "\(context): out of order")
            #expect(earlier.pointer <= later.pointer, "\(context): paths out of order")
        }
        for change in changes {
            #expect(JSONPointer(parsing: change.path)?.text == change.path, "\(context): bad path \(change.path)")
            #expect(!change.detail.contains("\n") && !change.detail.contains("\r"), "\(context): \(change.detail)")
            #expect(!change.detail.isEmpty)
            switch change.kind {
            case .propertyRemoved, .becameRequired, .enumNarrowed, .schemaReplaced:
                #expect(change.breaking, "\(context): \(change)")
            case .becameOptional, .enumWidened, .descriptionChanged:
                #expect(!change.breaking, "\(context): \(change)")
            default:
                break
            }
        }
        return changes
    }

    /// A change seen from the other side: same path, before and after swapped.
    static func mirrorKey(_ change: SchemaChange) -> String {
        "\(change.path)|\(change.after?.canonicalText ?? "-")|\(change.before?.canonicalText ?? "-")"
    }

    static func key(_ change: SchemaChange) -> String {
        "\(change.path)|\(change.before?.canonicalText ?? "-")|\(change.after?.canonicalText ?? "-")"
    }

    /// Reversing a diff swaps each change's sides, and turns additions into removals,
    /// required into optional and widenings into narrowings.
    static func checkSymmetry(_ old: JSONValue, _ new: JSONValue, _ forward: [SchemaChange], _ context: String) {
        let backward = SchemaDiff.diff(from: new, to: old)
        #expect(forward.map(mirrorKey).sorted() == backward.map(key).sorted(), "\(context)")
        let reversed = Dictionary(backward.map { (key($0), $0.kind) }, uniquingKeysWith: { first, _ in first })
        for change in forward {
            let opposite = reversed[mirrorKey(change)]
            switch change.kind {
            case .propertyAdded: #expect(opposite == .propertyRemoved, "\(context): \(change)")
            case .propertyRemoved: #expect(opposite == .propertyAdded, "\(context): \(change)")
            case .becameRequired: #expect(opposite == .becameOptional, "\(context): \(change)")
            case .becameOptional: #expect(opposite == .becameRequired, "\(context): \(change)")
            case .enumWidened: #expect(opposite == .enumNarrowed, "\(context): \(change)")
            case .schemaReplaced, .descriptionChanged, .constraintChanged:
                #expect(opposite == change.kind, "\(context): \(change)")
            default: break
            }
        }
    }

    // MARK: - Properties

    @Test("a schema compared with itself (or its re-parsed copy) has no changes", arguments: [UInt64(1), 2, 3, 0x5C4E_3A])
    func selfDiffIsEmpty(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for iteration in 0..<1_000 {
            let schema = Self.schema(&rng)
            #expect(SchemaDiff.diff(from: schema, to: schema).isEmpty, "seed \(seed) #\(iteration)")
            let copy = try JSONValue(parsing: schema.canonicalText)
            #expect(SchemaDiff.diff(from: schema, to: copy).isEmpty, "seed \(seed) #\(iteration)")
        }
    }

    @Test("mutated schemas: well-formed, total and symmetric diffs", arguments: [UInt64(11), 12, 13, 0xD21F7])
    func mutatedSchemas(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var changed = 0
        for iteration in 0..<1_000 {
            let old = Self.schema(&rng)
            var new = Self.mutate(old, &rng)
            if rng.chance(3) { new = Self.mutate(new, &rng) }
            let context = "seed \(seed) #\(iteration)"
            let changes = Self.checkWellFormed(old, new, context)
            Self.checkSymmetry(old, new, changes, context)
            #expect(!changes.contains { $0.detail.contains("Unicode") }, "\(context): \(changes)")
            // The result depends on the values only, not on how the dictionaries were built.
            let copies = (try JSONValue(parsing: old.canonicalText), try JSONValue(parsing: new.canonicalText))
            #expect(SchemaDiff.diff(from: copies.0, to: copies.1) == changes, "\(context)")
            if !changes.isEmpty { changed += 1 }
        }
        #expect(changed > 800)
    }

    /// Token paths of the schema objects inside `schema` (itself, properties, items).
    static func schemaNodes(_ schema: JSONValue, at tokens: [String] = []) -> [[String]] {
        guard case .object(let members) = schema else { return [] }
        var nodes = [tokens]
        for (name, property) in (members["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            nodes += schemaNodes(property, at: tokens + ["properties", name])
        }
        if let items = members["items"] { nodes += schemaNodes(items, at: tokens + ["items"]) }
        return nodes
    }

    static func value(_ schema: JSONValue, at tokens: [String]) -> JSONValue? {
        tokens.reduce(Optional(schema)) { value, token in value?[token] }
    }

    @Test("located edits give exactly the expected change", arguments: [UInt64(31), 32, 0x10CA7ED])
    func locatedEdits(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var checked = 0
        for iteration in 0..<1_000 {
            let schema = Self.schema(&rng)
            let nodes = Self.schemaNodes(schema)
            // Mostly a node with properties, where three of the four edits apply.
            let objects = nodes.filter { !(Self.value(schema, at: $0 + ["properties"])?.objectValue ?? [:]).isEmpty }
            let node = objects.isEmpty || rng.chance(4) ? nodes[rng.below(nodes.count)] : objects[rng.below(objects.count)]
            let context = "seed \(seed) #\(iteration) at \(JSONPointer(node).text)"
            let properties = Self.value(schema, at: node + ["properties"])?.objectValue ?? [:]
            let required = Self.value(schema, at: node + ["required"])?.arrayValue ?? []
            let pointer = { (name: String) in JSONPointer(node + ["properties", name]).text }
            switch rng.below(4) {
            case 0:
                guard let (name, removed) = properties.sorted(by: { $0.key < $1.key }).first else { continue }
                let new = SchemaDiffTests.setting(schema, node + ["properties", name], nil)
                #expect(SchemaDiff.diff(from: schema, to: new) == [
                    SchemaChange(kind: .propertyRemoved, path: pointer(name), breaking: true, before: removed,
                                 after: nil, detail: "property \(name) removed"),
                ], "\(context)")
            case 1:
                guard Self.value(schema, at: node + ["properties"]) != nil else { continue }
                let name = "fresh/~\(iteration)", added: JSONValue = ["type": "string"]
                let makeRequired = rng.chance(2)
                var new = SchemaDiffTests.setting(schema, node + ["properties", name], added)
                if makeRequired { new = SchemaDiffTests.setting(new, node + ["required"], .array(required + [.string(name)])) }
                #expect(SchemaDiff.diff(from: schema, to: new) == [
                    SchemaChange(kind: .propertyAdded, path: pointer(name), breaking: makeRequired, before: nil,
                                 after: added, detail: makeRequired ? "required property \(name) added" : "property \(name) added"),
                ], "\(context)")
            case 2:
                guard let name = properties.keys.sorted().first else { continue }
                let was = required.contains(.string(name))
                let toggled: [JSONValue] = was ? required.filter { $0 != .string(name) } : required + [.string(name)]
                let new = SchemaDiffTests.setting(schema, node + ["required"], .array(toggled))
                #expect(SchemaDiff.diff(from: schema, to: new) == [
                    SchemaChange(kind: was ? .becameOptional : .becameRequired, path: pointer(name), breaking: !was,
                                 before: .bool(was), after: .bool(!was),
                                 detail: "property \(name) became \(was ? "optional" : "required")"),
                ], "\(context)")
            default:
                let before = Self.value(schema, at: node + ["description"])
                let new = SchemaDiffTests.setting(schema, node + ["description"], .string("edited \(iteration)"))
                #expect(SchemaDiff.diff(from: schema, to: new) == [
                    SchemaChange(kind: .descriptionChanged, path: JSONPointer(node + ["description"]).text, breaking: false,
                                 before: before, after: .string("edited \(iteration)"),
                                 detail: before == nil ? "description added" : "description changed"),
                ], "\(context)")
            }
            checked += 1
        }
        #expect(checked > 400, "only \(checked) edits applied")
    }

    @Test("arbitrary JSON never traps; diffs are total and symmetric", arguments: [UInt64(21), 22, 23, 0xBAD_F00D])
    func arbitraryJSON(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for iteration in 0..<1_000 {
            let old = Self.arbitrary(&rng)
            #expect(SchemaDiff.diff(from: old, to: old).isEmpty, "seed \(seed) #\(iteration): \(old.canonicalText)")
            let new = rng.chance(3) ? Self.arbitrary(&rng) : Self.perturb(old, &rng)
            let context = "seed \(seed) #\(iteration)"
            let changes = Self.checkWellFormed(old, new, context)
            Self.checkSymmetry(old, new, changes, context)
        }
    }
}
