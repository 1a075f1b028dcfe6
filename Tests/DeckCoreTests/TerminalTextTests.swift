import DeckCore
import Testing

@Suite("TerminalText")
struct TerminalTextTests {
    /// The escape each dangerous scalar must become, written out independently.
    static func expectedEscape(_ value: UInt32) -> String {
        switch value {
        case 0x0A: return #"\n"#
        case 0x0D: return #"\r"#
        case 0x09: return #"\t"#
        default:
            let digits = Array("0123456789abcdef")
            if value <= 0xFF {
                return #"\x"# + String(digits[Int(value >> 4)]) + String(digits[Int(value & 0xF)])
            }
            let hex = (0..<4).reversed().map { String(digits[Int((value >> (4 * UInt32($0))) & 0xF)]) }.joined()
            return #"\u{"# + hex + "}"
        }
    }

    /// Independent definition of "must never reach a terminal".
    static func isDangerous(_ value: UInt32) -> Bool {
        value <= 0x1F || (0x7F...0x9F).contains(value) || value == 0x200E || value == 0x200F
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    static let dangerous: [UInt32] = Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
        + [0x200E, 0x200F] + Array(0x202A...0x202E) + Array(0x2066...0x2069)

    @Test("every control and bidi override is escaped", arguments: dangerous)
    func escapes(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(TerminalText.needsEscape(scalar))
        let alone = String(Character(scalar))
        #expect(TerminalText.sanitize(alone) == Self.expectedEscape(value))
        let embedded = "ab" + alone + "cd"
        #expect(TerminalText.sanitize(embedded) == "ab" + Self.expectedEscape(value) + "cd")
    }

    @Test("a few escapes spelled out")
    func spelledOut() {
        #expect(TerminalText.sanitize("a\nb") == #"a\nb"#)
        #expect(TerminalText.sanitize("\r\t") == #"\r\t"#)
        #expect(TerminalText.sanitize("\u{0}") == #"\x00"#)
        #expect(TerminalText.sanitize("\u{1B}[31mred\u{1B}[0m") == #"\x1b[31mred\x1b[0m"#)
        #expect(TerminalText.sanitize("\u{7F}") == #"\x7f"#)
        #expect(TerminalText.sanitize("\u{9B}2J") == #"\x9b2J"#)
        #expect(TerminalText.sanitize("\u{85}") == #"\x85"#)
        #expect(TerminalText.sanitize("evil\u{202E}txt.exe") == #"evil\u{202e}txt.exe"#)
        #expect(TerminalText.sanitize("\u{2066}x\u{2069}") == #"\u{2066}x\u{2069}"#)
        #expect(TerminalText.sanitize("\u{200E}\u{200F}") == #"\u{200e}\u{200f}"#)
        #expect(TerminalText.sanitize("\u{1B}]0;title\u{7}") == #"\x1b]0;title\x07"#)
    }

    static let harmless: [String] = [
        "",
        String((UInt8(0x20)...UInt8(0x7E)).map { Character(Unicode.Scalar($0)) }),
        "漢字テスト 한국어 中文",
        "😀👍🏽🇩🇪",
        "👨‍👩‍👧",  // ZWJ U+200D is not a control
        "e\u{301} a\u{308} n\u{303}",
        "\u{A0}\u{A1}ÿ",  // just above the C1 range
        "\u{200D}\u{2028}\u{2029}\u{202F}\u{2065}\u{206A}\u{FEFF}",  // neighbours of the escaped ranges
        "\\x1b is already an escape",
        "tenant \"Acme\" — 100% ✓",
    ]

    @Test("printable text passes unchanged", arguments: harmless)
    func passesUnchanged(text: String) {
        let sanitized = TerminalText.sanitize(text)
        #expect(Array(sanitized.unicodeScalars) == Array(text.unicodeScalars))
        #expect(!text.unicodeScalars.contains(where: TerminalText.needsEscape))
    }

    @Test("needsEscape is false just outside every escaped range",
          arguments: [UInt32(0x20), 0x7E, 0xA0, 0x200D, 0x2010, 0x2029, 0x202F, 0x2065, 0x206A, 0xFFFD, 0x1F600])
    func neighbours(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(!TerminalText.needsEscape(scalar))
    }

    @Test("needsEscape agrees with the specification over the whole BMP")
    func wholeBMP() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TerminalText.needsEscape(scalar) != Self.isDangerous(value) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty)
    }

    @Test("combining characters after an escaped control stay intact")
    func combiningAfterEscape() {
        let sanitized = TerminalText.sanitize("\u{1B}\u{301}x")
        #expect(Array(sanitized.unicodeScalars) == Array(#"\x1b"#.unicodeScalars) + ["\u{301}", "x"])
    }

    @Test("sanitized random text never contains a control scalar and keeps every safe scalar in order")
    func randomText() {
        var rng = SplitMix64(seed: 0x7E57)
        for _ in 0..<2_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<rng.below(20) {
                let value: UInt32 = switch rng.below(4) {
                case 0: UInt32(rng.below(0xA0))
                case 1: Self.dangerous[rng.below(Self.dangerous.count)]
                case 2: UInt32(0x2000 + rng.below(0x80))
                default: UInt32(rng.below(0x11000))
                }
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            let text = String(scalars)
            let sanitized = TerminalText.sanitize(text)
            #expect(!sanitized.unicodeScalars.contains { Self.isDangerous($0.value) }, "\(text.debugDescription)")
            // Rebuild the expected output scalar by scalar.
            let expected = text.unicodeScalars.map { scalar in
                Self.isDangerous(scalar.value) ? Self.expectedEscape(scalar.value) : String(Character(scalar))
            }.joined()
            #expect(Array(sanitized.unicodeScalars) == Array(expected.unicodeScalars))
        }
    }
}
