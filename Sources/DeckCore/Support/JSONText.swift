/// One JSON value's text, validated by the parser and kept exactly as written.
///
/// Only `JSONValue.parseObject(_:verbatim:)` makes these, so holding one proves the text
/// is valid JSON.
public struct JSONText: Sendable, Hashable {
    /// The value's text as it appeared in the input.
    public let text: String

    init(validated text: String) {
        self.text = text
    }

    /// True when the value is an object.
    public var isObject: Bool { text.utf8.first == UInt8(ascii: "{") }
}

extension JSONValue {
    /// Parses a JSON object, returning the members named in `verbatim` as validated text
    /// instead of building them (cheaper for large nested values that are only stored).
    public static func parseObject(
        _ bytes: UnsafeRawBufferPointer, verbatim names: Set<String>
    ) throws(JSONValue.ParseError) -> (members: [String: JSONValue], verbatim: [String: JSONText]) {
        let buffer = bytes.bindMemory(to: UInt8.self)
        let (members, ranges) = try JSONParser.parseObject(buffer, raw: names)
        var verbatim: [String: JSONText] = [:]
        for (name, range) in ranges {
            verbatim[name] = JSONText(validated: String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self))
        }
        return (members, verbatim)
    }
}

extension JSONObjectText {
    /// The object text of a validated value; nil when the value is not an object.
    public init?(_ json: JSONText) {
        guard json.isObject else { return nil }
        self.init(validated: json.text)
    }
}
