import Foundation

/// Any JSON document: tool arguments, results, schemas, audit payloads.
///
/// Objects keep their keys in a dictionary; `canonicalText` writes them sorted and without
/// whitespace, so the same value always has the same bytes (audit hashes depend on it).
/// Equality is exact: strings compare by their UTF-8 bytes, not by Unicode canonical
/// equivalence, so two values are equal exactly when their canonical texts are.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses UTF-8 JSON text; throws `JSONValue.ParseError` with a one-line reason.
    public init(parsing text: String) throws(JSONValue.ParseError) {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(JSONValue.ParseError) -> JSONValue in try JSONParser.parse(bytes) }
        }
        self = try result.get()
    }

    /// Parses UTF-8 JSON bytes; throws `JSONValue.ParseError` with a one-line reason.
    public init<Bytes: ContiguousBytes>(parsing bytes: Bytes) throws(JSONValue.ParseError) {
        var result: Result<JSONValue, JSONValue.ParseError> = .failure(.init(reason: "not valid JSON"))
        bytes.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            result = Result { () throws(JSONValue.ParseError) -> JSONValue in try JSONParser.parse(buffer) }
        }
        self = try result.get()
    }

    /// Why a text is not JSON.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A one-line reason, without the offending text.
        public var reason: String
        public var description: String { reason }
    }

    /// The object's members when this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The string when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The array when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// A member of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Compact JSON with object keys sorted by their UTF-8 bytes: one value, one text.
    public var canonicalText: String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the canonical text of an object with these members (keys unique) to `out`,
    /// written without building a dictionary: the same bytes as `JSONValue.object(…).canonicalText`.
    public static func writeCanonicalObject(_ members: [(key: String, value: JSONValue)], into out: inout [UInt8]) {
        let sorted = members.sorted { UTF8Order.precedes($0.key, $1.key) }
        out.append(UInt8(ascii: "{"))
        for (index, member) in sorted.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
            member.value.write(into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Indented JSON with sorted keys, for people (and terminals): besides what JSON must
    /// escape, DEL, C1 controls and bidirectional controls are written as `\uXXXX`, so no
    /// printed document can move the cursor or reorder what follows it. The same value as
    /// `canonicalText` once parsed.
    public var prettyText: String {
        var out: [UInt8] = []
        writePretty(into: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// One line, like `canonicalText`, but with the terminal escapes of `prettyText`: for JSON
    /// lines printed to a terminal (`audit tail --json`). Never hashed.
    public var terminalSafeLine: String {
        var out: [UInt8] = []
        write(into: &out, forTerminal: true)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8], forTerminal: Bool = false) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): out.appendDecimal(value)
        case .number(let value): out.append(contentsOf: Self.format(value).utf8)
        case .string(let value): Self.writeString(value, into: &out, forTerminal: forTerminal)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out, forTerminal: forTerminal)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in Self.sortedKeys(members).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out, forTerminal: forTerminal)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(into: &out, forTerminal: forTerminal)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func writePretty(into out: inout [UInt8], indent: Int) {
        let pad = Array(repeating: UInt8(ascii: " "), count: 2 * (indent + 1))
        let closing = Array(repeating: UInt8(ascii: " "), count: 2 * indent)
        switch self {
        case .array(let items) where !items.isEmpty:
            out.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                out.append(contentsOf: pad)
                item.writePretty(into: &out, indent: indent + 1)
                out.append(contentsOf: (index + 1 < items.count ? ",\n" : "\n").utf8)
            }
            out.append(contentsOf: closing)
            out.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            out.append(contentsOf: "{\n".utf8)
            let keys = Self.sortedKeys(members)
            for (index, key) in keys.enumerated() {
                out.append(contentsOf: pad)
                Self.writeString(key, into: &out, forTerminal: true)
                out.append(contentsOf: ": ".utf8)
                members[key]!.writePretty(into: &out, indent: indent + 1)
                out.append(contentsOf: (index + 1 < keys.count ? ",\n" : "\n").utf8)
            }
            out.append(contentsOf: closing)
            out.append(UInt8(ascii: "}"))
        default:
            write(into: &out, forTerminal: true)
        }
    }

    static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted(by: UTF8Order.precedes)
    }

    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value)) + ".0"
        }
        return "\(value)"
    }

    private static func writeString(_ value: String, into out: inout [UInt8], forTerminal: Bool = false) {
        if forTerminal, value.unicodeScalars.contains(where: { $0.value >= 0x7F && TerminalText.needsEscape($0) }) {
            writeTerminalString(value, into: &out)
            return
        }
        out.append(UInt8(ascii: "\""))
        let utf8 = value.utf8
        let plain = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            // Copied as it is.
        } else if plain == nil, !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: utf8)
        } else {
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
                case 0..<0x20:
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                default:
                    out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A string with every scalar `TerminalText.needsEscape` names written as `\uXXXX`.
    private static func writeTerminalString(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".utf8)
            case "\\": out.append(contentsOf: "\\\\".utf8)
            case "\n": out.append(contentsOf: "\\n".utf8)
            case "\r": out.append(contentsOf: "\\r".utf8)
            case "\t": out.append(contentsOf: "\\t".utf8)
            default:
                if TerminalText.needsEscape(scalar) {
                    // Every such scalar is in the Basic Multilingual Plane: one \uXXXX.
                    out.append(contentsOf: "\\u".utf8)
                    for shift in [12, 8, 4, 0] { out.append(hexDigits[Int((scalar.value >> UInt32(shift)) & 0xF)]) }
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
extension JSONValue {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            let left = sortedKeys(a), right = sortedKeys(b)
            return zip(left, right).allSatisfy { $0.utf8.elementsEqual($1.utf8) && a[$0]! == b[$1]! }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(canonicalText)
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
