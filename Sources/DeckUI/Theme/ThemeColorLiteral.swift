/// The literal ways a theme file can write a colour, and what reading one gave.
///
/// A literal is an integer 0–255, an ANSI name (`black` … `white` are 0–7,
/// `bright-black` … `bright-white` are 8–15), `default`, or `#rrggbb`, which becomes the
/// nearest xterm-256 colour (`Color.nearest(red:green:blue:)`).
enum ThemeColorLiteral: Sendable, Hashable {
    /// The text is a colour.
    case color(Color)
    /// The text is an integer outside 0–255.
    case outOfRange
    /// The text starts with `#` but is not six hex digits.
    case badHex
    /// The text is none of the literal forms (perhaps a palette name).
    case notALiteral

    /// The ANSI colour names, in palette order: index 0–7, then `bright-` 8–15.
    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Reads `text` as a colour literal.
    init(_ text: String) {
        if text == "default" {
            self = .color(.default)
        } else if let index = ThemeColorLiteral.ansiNames.firstIndex(of: text) {
            self = .color(.indexed(UInt8(index)))
        } else if text.hasPrefix("bright-"),
                  let index = ThemeColorLiteral.ansiNames.firstIndex(of: String(text.dropFirst(7))) {
            self = .color(.indexed(UInt8(8 + index)))
        } else if text.hasPrefix("#") {
            self = ThemeColorLiteral.hex(text.utf8.dropFirst())
        } else if ThemeColorLiteral.isInteger(text) {
            if let value = Int(text), (0...255).contains(value) {
                self = .color(.indexed(UInt8(value)))
            } else {
                self = .outOfRange
            }
        } else {
            self = .notALiteral
        }
    }

    /// An optional sign then ASCII digits: an integer, however large.
    private static func isInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if let first = digits.first, first == "-" || first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Six hex digits (either case) as the nearest xterm-256 colour.
    private static func hex(_ digits: Substring.UTF8View) -> ThemeColorLiteral {
        guard digits.count == 6 else { return .badHex }
        var value = 0
        for byte in digits {
            guard let digit = hexValue(byte) else { return .badHex }
            value = value * 16 + digit
        }
        return .color(Color.nearest(
            red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF)))
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
