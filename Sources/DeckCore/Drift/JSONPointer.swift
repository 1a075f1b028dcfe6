/// A JSON Pointer (RFC 6901): the location of one value inside a JSON document.
///
/// Schema changes name where they happened with a pointer into the schema, such as
/// `/properties/to/items/type`. Names may contain any character; in the text form `~` is
/// written `~0` and `/` is written `~1`, so every pointer text reads back to its tokens.
public struct JSONPointer: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The unescaped reference tokens, outermost first; empty for the whole document.
    public var tokens: [String]

    /// The pointer made of `tokens` (none: the whole document).
    public init(_ tokens: [String] = []) {
        self.tokens = tokens
    }

    /// Reads a pointer text: `""` or `/`-separated tokens with `~0`/`~1` escapes; nil when
    /// the text neither is empty nor starts with `/`, or has a `~` not followed by 0 or 1.
    public init?(parsing text: String) {
        guard !text.isEmpty else {
            self.tokens = []
            return
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "/" else { return nil }
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var index = 1
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "/":
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            case "~":
                guard index + 1 < scalars.count else { return nil }
                switch scalars[index + 1] {
                case "0": current.append("~")
                case "1": current.append("/")
                default: return nil
                }
                index += 1
            default:
                current.append(scalar)
            }
            index += 1
        }
        tokens.append(String(current))
        self.tokens = tokens
    }

    /// The pointer text: `""` for the whole document, else `/token/token…`, escaped.
    public var text: String {
        var out = ""
        for token in tokens {
            out += "/"
            out += Self.escape(token)
        }
        return out
    }

    /// The pointer text, as `text`.
    public var description: String { text }

    /// The pointer one level deeper, at member or index `token`.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens + [token])
    }

    /// One token as written in a pointer: `~` becomes `~0`, then `/` becomes `~1`.
    public static func escape(_ token: String) -> String {
        guard token.unicodeScalars.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        var out = String.UnicodeScalarView()
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": out.append(contentsOf: "~0".unicodeScalars)
            case "/": out.append(contentsOf: "~1".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Token by token, so a location's children follow it directly; tokens that are both
    /// decimal numbers (array indices) compare by value, others by their UTF-8 bytes; a
    /// pointer precedes the pointers below it.
    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        for (left, right) in zip(lhs.tokens, rhs.tokens) {
            let order = compare(left, right)
            if order != 0 { return order < 0 }
        }
        return lhs.tokens.count < rhs.tokens.count
    }

    /// Negative, zero or positive as `left` sorts before, with or after `right`.
    private static func compare(_ left: String, _ right: String) -> Int {
        if let a = index(left), let b = index(right), a != b { return a < b ? -1 : 1 }
        if left.utf8.elementsEqual(right.utf8) { return 0 }
        return left.utf8.lexicographicallyPrecedes(right.utf8) ? -1 : 1
    }

    /// The token's value when it is a short run of ASCII digits.
    private static func index(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.count <= 18,
              token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int(token)
    }
}
