/// The text of a JSON object, checked once and kept as written.
///
/// Tool arguments travel from the submitter to the outbox as text: validating them
/// without building a `JSONValue` tree, and storing the text as submitted, is what lets
/// bulk submission keep up. `value` builds the tree when someone needs to look inside.
public struct JSONObjectText: Sendable, Hashable, CustomStringConvertible {
    /// The object's JSON text, exactly as given.
    public let text: String

    /// Checks that `text` is exactly one JSON object (strict RFC 8259, no duplicate names).
    public init(validating text: String) throws(JSONValue.ParseError) {
        var copy = text
        let outcome = copy.withUTF8 { bytes in
            Result { () throws(JSONValue.ParseError) in
                var start = 0
                while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
                guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else {
                    throw JSONValue.ParseError(reason: "not a JSON object")
                }
                try JSONParser.validate(bytes)
            }
        }
        try outcome.get()
        self.text = text
    }

    /// The canonical text of an object value.
    public init(_ object: [String: JSONValue]) {
        text = JSONValue.object(object).canonicalText
    }

    /// Text the parser has already validated.
    init(validated text: String) {
        self.text = text
    }

    /// The parsed object.
    public var value: JSONValue {
        (try? JSONValue(parsing: text)) ?? .object([:])
    }

    public var description: String { text }
}
