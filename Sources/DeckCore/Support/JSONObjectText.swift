/// The text of a JSON object, checked once and kept as written.
///
/// Tool arguments travel from the submitter to the outbox as text: validating them
/// without building a `JSONValue` tree, and storing the text as submitted, is what lets
/// bulk submission keep up. `value` builds the tree when someone needs to look inside.
public struct JSONObjectText: Sendable, Hashable, Codable, CustomStringConvertible {
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

    /// Text read back from a store that only ever writes validated object text (and whose
    /// schema checks it is JSON): not validated again, because every claim reads many rows.
    /// Should the text have been edited into something else, `value` falls back to `{}`
    /// when it does not parse as an object.
    public init(storedText text: String) {
        self.text = text
    }

    /// The parsed object (`{}` if the text is not an object, which only a store edited
    /// behind OpsDeck's back could produce).
    public var value: JSONValue {
        guard let parsed = try? JSONValue(parsing: text), case .object = parsed else { return .object([:]) }
        return parsed
    }

    public var description: String { text }

    /// Decodes from the object's text, validating it.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(validating: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.reason))
        }
    }

    /// Encodes as the object's text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
