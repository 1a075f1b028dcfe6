/// The one place untrusted text is made safe to print on a terminal.
///
/// Tenant names, arguments, results, provider errors and audit payloads come from outside.
/// Printed raw, an `ESC` could move the cursor, recolour the screen or retitle the window.
/// Every C0 control, `DEL`, every C1 control and the bidirectional overrides are shown as
/// visible escapes instead; everything else passes unchanged.
public enum TerminalText {
    /// `text` with every control character replaced by a visible escape (`\x1b`, `\n`, …).
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            for escaped in escape(scalar).unicodeScalars { out.append(escaped) }
        }
        return String(out)
    }

    /// True when the scalar must never reach a terminal as is.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            if scalar.value <= 0xFF { return "\\x" + hex(scalar.value, width: 2) }
            return "\\u{" + hex(scalar.value, width: 4) + "}"
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
