import DeckCore
import Foundation
import Testing

@Suite("JSONValue parsing")
struct JSONParsingTests {
    struct Accepted: Sendable, CustomTestStringConvertible {
        var text: String
        var value: JSONValue
        var testDescription: String { text.debugDescription }
    }

    static let accepted: [Accepted] = [
        // Scalars at the top level.
        .init(text: "null", value: .null),
        .init(text: "true", value: .bool(true)),
        .init(text: "false", value: .bool(false)),
        .init(text: "\"\"", value: .string("")),
        .init(text: "\"hi\"", value: .string("hi")),
        .init(text: "0", value: .integer(0)),
        .init(text: "42", value: .integer(42)),
        .init(text: "-7", value: .integer(-7)),
        // Whitespace (all four kinds) around and inside.
        .init(text: " \t\r\n[ 1 ,\t2\r\n, 3 ] \n", value: [1, 2, 3]),
        .init(text: "{ \"a\" : 1 }", value: ["a": 1]),
        // Containers.
        .init(text: "{}", value: .object([:])),
        .init(text: "[]", value: .array([])),
        .init(text: "[[]]", value: .array([.array([])])),
        .init(text: "[{}]", value: .array([.object([:])])),
        .init(
            text: #"{"a":[1,2,{"b":null}],"c":true,"d":false,"e":{"f":{"g":"h"}}}"#,
            value: ["a": [1, 2, ["b": nil]], "c": true, "d": false, "e": ["f": ["g": "h"]]]),
        .init(text: #"[1,"two",3.5,null,true,[false]]"#, value: [1, "two", 3.5, nil, true, [false]]),
        // Escapes.
        .init(text: #""\"\\\/\b\f\n\r\t""#, value: .string("\"\\/\u{8}\u{C}\n\r\t")),
        .init(text: #""\u0041\u00e9\u00E9\u20ac""#, value: .string("Aéé€")),
        .init(text: #""\u0000""#, value: .string("\u{0}")),
        .init(text: #""a\u001fb""#, value: .string("a\u{1F}b")),
        .init(text: #""\ud83d\ude00""#, value: .string("😀")),
        .init(text: #""\uD83D\uDE00x\uDBFF\uDFFF""#, value: .string("😀x\u{10FFFF}")),
        .init(text: #""\ud800\udc00""#, value: .string("\u{10000}")),
        .init(text: #""\uffff""#, value: .string("\u{FFFF}")),
        .init(text: #"{"k\u0065y":"v"}"#, value: ["key": "v"]),
        // Raw UTF-8 and DEL are fine inside strings.
        .init(text: "\"héllo wörld 漢字 😀\"", value: .string("héllo wörld 漢字 😀")),
        .init(text: "\"\u{7F}\"", value: .string("\u{7F}")),
        .init(text: "\"\u{2028}\"", value: .string("\u{2028}")),
        // Numbers.
        .init(text: "1e3", value: .number(1000)),
        .init(text: "1E3", value: .number(1000)),
        .init(text: "1e+3", value: .number(1000)),
        .init(text: "1.5e-3", value: .number(0.0015)),
        .init(text: "-1.25", value: .number(-1.25)),
        .init(text: "0.5", value: .number(0.5)),
        .init(text: "-0.5E+1", value: .number(-5)),
        .init(text: "0e0", value: .number(0)),
        .init(text: "1.0", value: .number(1)),
        .init(text: "1e-400", value: .number(0)),
        .init(text: "9223372036854775807", value: .integer(.max)),
        .init(text: "-9223372036854775808", value: .integer(.min)),
        .init(text: "9223372036854775808", value: .number(9.223372036854775808e18)),
        .init(text: "-9223372036854775809", value: .number(-9.223372036854775809e18)),
        .init(text: "123456789012345678901234567890", value: .number(1.2345678901234568e29)),
        .init(text: "1.7976931348623157e308", value: .number(.greatestFiniteMagnitude)),
        .init(text: "5e-324", value: .number(.leastNonzeroMagnitude)),
    ]

    @Test("valid documents parse to the expected value", arguments: accepted)
    func accepts(_ example: Accepted) throws {
        let fromText = try JSONValue(parsing: example.text)
        #expect(fromText == example.value)
        let fromBytes = try JSONValue(parsing: Array(example.text.utf8))
        #expect(fromBytes == example.value)
        let fromData = try JSONValue(parsing: Data(example.text.utf8))
        #expect(fromData == example.value)
    }

    @Test("integers keep their kind; fractions and exponents make numbers")
    func numberKinds() throws {
        #expect(try JSONValue(parsing: "10") == .integer(10))
        #expect(try JSONValue(parsing: "10.0") == .number(10))
        #expect(try JSONValue(parsing: "1e1") == .number(10))
        #expect(try JSONValue(parsing: "10") != JSONValue(parsing: "10.0"))
    }

    @Test("negative zero parses: as integer zero, or as a negative-signed double")
    func negativeZero() throws {
        #expect(try JSONValue(parsing: "-0") == .integer(0))
        guard case .number(let value) = try JSONValue(parsing: "-0.0") else {
            Issue.record("-0.0 did not parse to a number")
            return
        }
        #expect(value == 0)
        #expect(value.sign == .minus)
        guard case .number(let exponent) = try JSONValue(parsing: "-0e5") else {
            Issue.record("-0e5 did not parse to a number")
            return
        }
        #expect(exponent.sign == .minus && exponent == 0)
    }

    @Test("a nested document with every kind of value")
    func nested() throws {
        let text = """
            {
              "tool": "GMAIL_SEND_EMAIL",
              "args": {"to": ["a@example.com", "b@example.com"], "cc": [], "retries": 3, "ratio": 0.25},
              "flags": {"dry_run": false, "verbose": true, "note": null},
              "emoji": "\\ud83d\\udc4d"
            }
            """
        let value = try JSONValue(parsing: text)
        #expect(value["tool"] == "GMAIL_SEND_EMAIL")
        #expect(value["args"]?["to"]?.arrayValue?.count == 2)
        #expect(value["args"]?["cc"] == .array([]))
        #expect(value["args"]?["retries"] == .integer(3))
        #expect(value["args"]?["ratio"] == .number(0.25))
        #expect(value["flags"]?["note"] == .null)
        #expect(value["emoji"]?.stringValue == "👍")
        #expect(value["missing"] == nil)
        #expect(value.objectValue?.count == 4)
        #expect(JSONValue.string("x").objectValue == nil)
        #expect(JSONValue.string("x")["k"] == nil)
    }

    static let rejected: [String] = [
        // Empty and whitespace only.
        "", " ", "\n\t",
        // Trailing and doubled commas, missing separators.
        "[1,]", #"{"a":1,}"#, "[,1]", "[1,,2]", "{,}", "[1 2]", #"{"a" 1}"#, #"{"a":1 "b":2}"#,
        // Bad member names.
        "{a:1}", "{'a':1}", "{1:1}", #"{"a"}"#, #"{"a":}"#,
        // Unterminated containers and strings.
        "[", "{", "[1", #"{"a":1"#, #"{"a""#, "\"abc", "\"abc\\", "\"\\u12", "\"\\",
        // Numbers.
        "01", "-01", "00", "-", "--1", "+1", ".5", "1.", "1.e3", "1e", "1e+", "1E-", "0x10", "1_000",
        "NaN", "Infinity", "-Infinity", "1e999", "-1e999",
        // Literals.
        "nul", "tru", "fals", "True", "NULL", "nulll", "undefined",
        // Escapes.
        #""\x41""#, #""\a""#, #""\U0041""#, #""\u12g4""#, #""\u 123""#, #""\'""#,
        // Lone and broken surrogates.
        #""\ud800""#, #""\udc00""#, #""\udfff""#, #""\ud800\u0041""#, #""\ud800x""#, #""\ud800\ud800""#,
        #""\udc00\ud800""#, #""\ud800\""#, #""\ud800\u""#,
        // Bare control characters inside strings.
        "\"\t\"", "\"\n\"", "\"\r\"", "\"a\u{0}b\"", "\"\u{1}\"", "\"\u{1F}\"", "\"\\n\u{1}\"",
        // Trailing garbage.
        "[1] x", "1 2", "{} {}", "null,", "\"a\"\"b\"", "truex", "[1]]", "{}}",
        // Not JSON at all.
        "'a'", "abc", "/* c */ 1", "\u{FEFF}1",
    ]

    @Test("invalid documents are refused with a ParseError", arguments: rejected)
    func rejects(_ text: String) {
        let error = #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: text) }
        #expect(error?.reason.hasPrefix("not valid JSON") == true)
        #expect(error?.description == error?.reason)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Array(text.utf8)) }
    }

    static let invalidUTF8: [[UInt8]] = [
        [0x22, 0xFF, 0x22],  // never valid
        [0x22, 0xC0, 0x80, 0x22],  // overlong NUL
        [0x22, 0xC1, 0xBF, 0x22],  // overlong
        [0x22, 0xE0, 0x80, 0x80, 0x22],  // overlong three-byte
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8 encoded surrogate
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
        [0x22, 0xE2, 0x82, 0x22],  // truncated sequence
        [0x22, 0x80, 0x22],  // lone continuation byte
        [0x22, 0x5C, 0x6E, 0xFF, 0x22],  // invalid byte after an escape (slow path)
        [0x22, 0xC3, 0x5C, 0x6E, 0xA9, 0x22],  // a sequence split by an escape
        [0x7B, 0x22, 0xFE, 0x22, 0x3A, 0x31, 0x7D],  // invalid member name
        [0xFF],  // outside any string
        [0x5B, 0x31, 0x5D, 0xFF],  // trailing invalid byte
    ]

    @Test("invalid UTF-8 is refused", arguments: invalidUTF8)
    func rejectsInvalidUTF8(_ bytes: [UInt8]) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: bytes) }
    }

    @Test("valid multi-byte UTF-8 in bytes is accepted, in both string paths")
    func acceptsMultibyteBytes() throws {
        #expect(try JSONValue(parsing: [0x22, 0xC3, 0xA9, 0x22] as [UInt8]) == .string("é"))
        #expect(try JSONValue(parsing: [0x22, 0x5C, 0x6E, 0xF0, 0x9F, 0x98, 0x80, 0x22] as [UInt8]) == .string("\n😀"))
    }

    static func nestedArrays(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    static func nestedObjects(_ depth: Int) -> String {
        String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
    }

    @Test("nesting up to 256 levels is accepted")
    func depthLimitAccepted() throws {
        var arrays = try JSONValue(parsing: Self.nestedArrays(256))
        var depth = 1
        while case .array(let items) = arrays, let first = items.first {
            arrays = first
            depth += 1
        }
        #expect(depth == 256)
        _ = try JSONValue(parsing: Self.nestedObjects(256))
        // Mixed, and depth is released when a container closes.
        let mixed = String(repeating: #"[{"a":"#, count: 128) + "1" + String(repeating: "}]", count: 128)
        _ = try JSONValue(parsing: mixed)
        let siblings = "[" + Array(repeating: Self.nestedArrays(255), count: 3).joined(separator: ",") + "]"
        _ = try JSONValue(parsing: siblings)
    }

    @Test("nesting deeper than 256 levels is refused", arguments: [257, 300, 100_000])
    func depthLimitRejected(depth: Int) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Self.nestedArrays(depth)) }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Self.nestedObjects(depth)) }
        // Unclosed deep input must be refused too, not crash.
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: String(repeating: "[", count: depth)) }
    }

    @Test("a ParseError reason never contains the offending text")
    func reasonIsOneLine() {
        let error = #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: "{\"secret\n\u{1b}[31m\":1}") }
        #expect(error?.reason.contains("secret") == false)
        #expect(error?.reason.contains("\n") == false)
        #expect(error?.reason.contains("\u{1b}") == false)
    }
}
