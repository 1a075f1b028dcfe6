/// Why a theme file was refused: one line naming the file, the line and the key.
///
/// `description` reads like a compiler diagnostic, for example
/// `dark.yaml:7: roles.selection.bg: unknown palette colour 'acent'`, and is always a
/// single line: control characters in any part are escaped, so a hostile file name or
/// key cannot break the console's flash line.
public struct ThemeError: Error, CustomStringConvertible, Sendable, Hashable {
    /// Where the theme came from: the `source` given to the parser, or the file's path.
    public var source: String
    /// The 1-based line the problem is on, when it is about a place in the file.
    public var line: Int?
    /// The dotted path of the offending key (`roles.selection.bg`), when there is one.
    public var key: String?
    /// What is wrong, in words.
    public var message: String

    /// An error at `line` of `source`, about `key`.
    public init(source: String, line: Int?, key: String?, message: String) {
        self.source = source
        self.line = line
        self.key = key
        self.message = message
    }

    /// `source:line: key: message`, leaving out the parts that are missing; one line.
    public var description: String {
        var text = source
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        text += message
        return ThemeError.singleLine(text)
    }

    /// `text` with every control character (newlines included) escaped as `\u{…}`.
    static func singleLine(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` quoted for a message, cut to `limit` characters so garbage stays readable.
    static func quoted(_ text: String, limit: Int = 40) -> String {
        let cut = text.count > limit ? String(text.prefix(limit)) + "..." : text
        return "'" + singleLine(cut) + "'"
    }
}
