import DeckCore
import Testing

@Suite("JSONValue.canonicalText")
struct JSONCanonicalTextTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var value: JSONValue
        var text: String
        var testDescription: String { text }
    }

    static let examples: [Example] = [
        .init(value: .null, text: "null"),
        .init(value: true, text: "true"),
        .init(value: false, text: "false"),
        .init(value: .integer(0), text: "0"),
        .init(value: .integer(-5), text: "-5"),
        .init(value: .integer(.max), text: "9223372036854775807"),
        .init(value: .integer(.min), text: "-9223372036854775808"),
        .init(value: .number(1), text: "1.0"),
        .init(value: .number(-3), text: "-3.0"),
        .init(value: .number(0.5), text: "0.5"),
        .init(value: .number(-1.25), text: "-1.25"),
        .init(value: .number(0), text: "0.0"),
        .init(value: .number(-0.0), text: "0.0"),
        .init(value: .string(""), text: #""""#),
        .init(value: .string("plain"), text: #""plain""#),
        .init(value: .array([]), text: "[]"),
        .init(value: .object([:]), text: "{}"),
        .init(value: [1, "a", nil, [true]], text: #"[1,"a",null,[true]]"#),
        .init(value: ["b": 1, "a": ["d": 2, "c": [3]]], text: #"{"a":{"c":[3],"d":2},"b":1}"#),
    ]

    @Test("exact canonical text of small values", arguments: examples)
    func exactText(_ example: Example) {
        #expect(Array(example.value.canonicalText.utf8) == Array(example.text.utf8))
    }

    @Test("object keys are sorted by their UTF-8 bytes")
    func sortedKeys() {
        let value: JSONValue = ["b": 1, "a": 2, "A": 3, "é": 4, "aa": 5, "": 6, "a b": 7, "Z": 8]
        #expect(Array(value.canonicalText.utf8) == Array(#"{"":6,"A":3,"Z":8,"a":2,"a b":7,"aa":5,"b":1,"é":4}"#.utf8))
        // U+FF61 (EF BD A1) sorts before U+1F600 (F0 9F 98 80) by UTF-8 bytes, although its
        // UTF-16 code unit (FF61) sorts after the high surrogate D83D.
        let astral: JSONValue = ["😀": 1, "\u{FF61}": 2]
        #expect(Array(astral.canonicalText.utf8) == Array("{\"\u{FF61}\":2,\"😀\":1}".utf8))
    }

    @Test("no whitespace outside strings")
    func noWhitespace() throws {
        let pretty = """
            {
                "list" : [ 1 , 2 , { "x" : "a b" } ] ,
                "t"    : true
            }
            """
        let text = try JSONValue(parsing: pretty).canonicalText
        #expect(text == #"{"list":[1,2,{"x":"a b"}],"t":true}"#)
    }

    @Test("control characters, quotes and backslashes are escaped; everything else is written raw")
    func stringEscaping() {
        let value = JSONValue.string("\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1B}\u{1F} \"\\/\u{7F}é€😀\u{2028}")
        #expect(value.canonicalText
            == #""\u0000\u0001\u0008\t\n\u000b\u000c\r\u001b\u001f \"\\/"# + "\u{7F}é€😀\u{2028}\"")
    }

    @Test("every C0 control is written as an escape that parses back", arguments: 0..<0x20)
    func everyControlEscaped(code: Int) throws {
        let scalar = try #require(Unicode.Scalar(code))
        let value = JSONValue.string("a" + String(Character(scalar)) + "b")
        let text = value.canonicalText
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(try JSONValue(parsing: text) == value)
    }

    @Test("keys are escaped like strings")
    func keyEscaping() throws {
        let value: JSONValue = ["line\nbreak": 1, "quote\"": 2]
        #expect(value.canonicalText == #"{"line\nbreak":1,"quote\"":2}"#)
        #expect(try JSONValue(parsing: value.canonicalText) == value)
    }

    static let roundTrips: [JSONValue] = [
        .null, true, 0, -1, .integer(.max), .integer(.min),
        .number(0.1), .number(-0.0), .number(1e15), .number(1e16), .number(123_456_789_012_345), .number(1e-7),
        .number(.greatestFiniteMagnitude), .number(.leastNonzeroMagnitude), .number(-.leastNormalMagnitude),
        .number(9.223372036854775808e18), .number(0.1 + 0.2), .number(1.0 / 3.0),
        "", "\u{0}", "tab\tand\u{1}", "😀 漢字 e\u{301}", "\u{10FFFF}", "\\\"",
        [], [:], [[], [:], [[]]],
        ["nested": ["deeper": ["deepest": [1, 2.5, "three", nil, false]]], "": "empty key"],
    ]

    @Test("parse(canonical(x)) == x", arguments: roundTrips)
    func roundTrip(_ value: JSONValue) throws {
        let text = value.canonicalText
        let parsed = try JSONValue(parsing: text)
        #expect(parsed == value)
        #expect(Array(parsed.canonicalText.utf8) == Array(text.utf8), "canonical text is a fixed point")
    }

    @Test("numbers that need an exponent still parse back as numbers")
    func largeNumbersStayNumbers() throws {
        for value in [1e15, -1e15, 1e300, 2.5e-300, 9.223372036854775808e18] {
            let parsed = try JSONValue(parsing: JSONValue.number(value).canonicalText)
            #expect(parsed == .number(value))
        }
    }

    @Test("equal values always have the same text")
    func deterministic() throws {
        var forward: [String: JSONValue] = [:]
        var backward: [String: JSONValue] = [:]
        let keys = (0..<200).map { "key\($0)" }
        for key in keys { forward[key] = .string(key) }
        for key in keys.reversed() { backward[key] = .string(key) }
        #expect(JSONValue.object(forward) == JSONValue.object(backward))
        #expect(Array(JSONValue.object(forward).canonicalText.utf8) == Array(JSONValue.object(backward).canonicalText.utf8))

        let a = try JSONValue(parsing: #"{"z":[1,{"y":2,"x":3}],"a":"b"}"#)
        let b = try JSONValue(parsing: " {\"a\" : \"b\", \"z\" : [ 1 , { \"x\" : 3 , \"y\" : 2 } ] } ")
        #expect(a == b)
        #expect(Array(a.canonicalText.utf8) == Array(b.canonicalText.utf8))
        #expect(JSONValue.number(-0.0).canonicalText == JSONValue.number(0.0).canonicalText)
    }

    /// Swift's `String ==` treats canonically equivalent text as equal; `JSONValue` does
    /// not: strings compare by bytes, so equal values always have equal texts and text that
    /// differs in bytes is never silently merged.
    @Test("canonically equivalent strings are different values with different texts")
    func unicodeEquivalence() throws {
        let composed = JSONValue.string("caf\u{E9}")
        let decomposed = JSONValue.string("cafe\u{301}")
        #expect(composed != decomposed)
        #expect(Array(composed.canonicalText.utf8) != Array(decomposed.canonicalText.utf8))
        #expect(composed == JSONValue.string("caf\u{E9}"))
        let composedKey: JSONValue = ["\u{E9}": 1]
        let decomposedKey: JSONValue = ["e\u{301}": 1]
        #expect(composedKey != decomposedKey)
        #expect(Set([composed, decomposed, composedKey, decomposedKey]).count == 4)
        #expect(try JSONValue(parsing: composedKey.canonicalText) == composedKey)
        #expect(try JSONValue(parsing: decomposedKey.canonicalText) == decomposedKey)
    }

    @Test("an object whose member names are equal or canonically equivalent is refused, not merged")
    func duplicateNames() {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: #"{"a":1,"a":2}"#) }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: "{\"\u{E9}\":1,\"e\u{301}\":2}") }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: #"{"\u00e9":1,"e\u0301":2}"#) }
    }

    @Test("different values have different texts")
    func distinguishes() {
        let values: [JSONValue] = [.integer(1), .number(1), .string("1"), .bool(true), .string("true"), .null, .string("null"),
                                   [1], ["1": 1], [:], [], ""]
        let texts = values.map(\.canonicalText)
        #expect(Set(texts).count == values.count)
    }

    @Test("prettyText is indented, sorted and parses back to the same value")
    func prettyText() throws {
        let value: JSONValue = ["b": [1, 2], "a": ["c": nil], "e": [], "d": [:]]
        #expect(value.prettyText == """
            {
              "a": {
                "c": null
              },
              "b": [
                1,
                2
              ],
              "d": {},
              "e": []
            }
            """)
        #expect(try JSONValue(parsing: value.prettyText) == value)
    }

    @Test("Codable encoding and decoding go through the same values")
    func codable() throws {
        struct Payload: Codable, Equatable {
            var name: String
            var count: Int
            var tags: [String]
        }
        let json = try JSONValue(encoding: Payload(name: "x", count: 3, tags: ["a"]))
        #expect(json == ["name": "x", "count": 3, "tags": ["a"]])
        #expect(try json.decode(as: Payload.self) == Payload(name: "x", count: 3, tags: ["a"]))
        // 0 and 1 stay integers; they are not mistaken for booleans.
        #expect(try JSONValue(encoding: [0, 1]) == [.integer(0), .integer(1)])
        #expect(try JSONValue(encoding: [true]) == [.bool(true)])
        #expect(try JSONValue(encoding: ["k": 1.5]) == ["k": .number(1.5)])
        #expect(try JSONValue(encoding: Optional<Int>.none) == .null)
    }

    @Test("pretty text and terminal lines escape DEL, C1 and bidi controls as \\uXXXX, and parse back to the same value")
    func terminalOutputEscapesWhatCouldMoveTheCursor() throws {
        let hostile = "a\u{85}b\u{202E}c\u{7F}d\"e\\f\ng\u{1B}[2J"
        let value: JSONValue = ["k\u{9B}": .string(hostile), "list": [.string(hostile)]]
        for text in [value.prettyText, value.terminalSafeLine] {
            #expect(!text.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" })
            #expect(text.contains("\\u0085") && text.contains("\\u202e") && text.contains("\\u007f") && text.contains("\\u009b"))
            #expect(try JSONValue(parsing: text) == value)
        }
        #expect(!value.terminalSafeLine.contains("\n"))
        // The canonical text (what the audit chain hashes) is unchanged: raw UTF-8 beyond ASCII controls.
        #expect(value.canonicalText.contains("\u{85}"))
    }
}

