import DeckCore
import Testing
@testable import DeckUI

@Suite("Buffer: the one place text reaches the grid")
struct BufferTests {
    @Test("plain text lands cell by cell and reports its width")
    func plain() {
        var buffer = Buffer(width: 10, height: 2)
        let written = buffer.write("hello", x: 2, y: 1)
        #expect(written == 5)
        #expect(buffer.lines() == ["", "  hello"])
    }

    @Test("text is clipped at maxWidth and at the right edge")
    func clipping() {
        var buffer = Buffer(width: 8, height: 1)
        #expect(buffer.write("abcdefghij", x: 3, y: 0) == 5)
        #expect(buffer.lines() == ["   abcde"])
        var narrow = Buffer(width: 8, height: 1)
        #expect(narrow.write("abcdefghij", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(narrow.lines() == ["abc"])
    }

    @Test("every C0 control, DEL and every C1 control is shown escaped, never raw", arguments: Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F))
    func controlRanges(value: Int) throws {
        let scalar = try #require(Unicode.Scalar(value))
        var buffer = Buffer(width: 40, height: 1)
        buffer.write("a" + String(Character(scalar)) + "b", x: 0, y: 0)
        let line = buffer.lines()[0]
        #expect(!line.unicodeScalars.contains(scalar), "U+\(String(value, radix: 16)) reached the grid raw")
        #expect(line.hasPrefix("a\\") && line.hasSuffix("b"), "\(line)")
        for cell in buffer.cells {
            #expect(!cell.symbol.unicodeScalars.contains(where: TerminalText.needsEscape))
        }
    }

    @Test("ESC, CR and the bidirectional overrides are escaped visibly")
    func namedEscapes() {
        var buffer = Buffer(width: 60, height: 1)
        buffer.write("x\u{1b}[2Jy\rz\u{202E}w", x: 0, y: 0)
        #expect(buffer.lines() == ["x\\x1b[2Jy\\rz\\u{202e}w"])
    }

    @Test("a wide character takes two cells; the second is a continuation the backend skips")
    func wide() {
        var buffer = Buffer(width: 10, height: 1)
        #expect(buffer.write("日本x", x: 0, y: 0) == 5)
        #expect(buffer[0, 0].symbol == "日" && buffer[0, 0].width == 2)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].symbol == "本")
        #expect(buffer[4, 0].symbol == "x")
        #expect(buffer.lines() == ["日本x"])
    }

    @Test("a wide character that would straddle the limit becomes a space")
    func wideAtEdge() {
        var buffer = Buffer(width: 3, height: 1)
        #expect(buffer.write("a日本", x: 0, y: 0) == 3)
        #expect(buffer.lines(trimmingTrailingSpaces: false) == ["a日"])
        var clipped = Buffer(width: 4, height: 1)
        clipped.write("ab日", x: 0, y: 0, maxWidth: 3)
        #expect(clipped[2, 0].symbol == " ")
        #expect(clipped[3, 0].symbol == " " && !clipped[3, 0].isContinuation)
    }

    @Test("combining marks join the character before them and take no column")
    func combining() {
        var buffer = Buffer(width: 6, height: 1)
        #expect(buffer.write("e\u{301}x", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].symbol == "e\u{301}")
        #expect(buffer[1, 0].symbol == "x")
    }

    @Test("emoji with presentation selector are two columns wide")
    func emoji() {
        #expect(TextWidth.of("✅") == 2)
        #expect(TextWidth.of("❤️") == 2)
        #expect(TextWidth.of("a") == 1)
        #expect(TextWidth.of("\u{301}") == 0)
        #expect(TextWidth.of("한국어") == 6)
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteWide() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("日本", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.lines() == [" x本"])
        #expect(!buffer[0, 0].isContinuation && buffer[0, 0].width == 1)
    }

    @Test("writes outside the buffer are ignored")
    func outside() {
        var buffer = Buffer(width: 3, height: 1)
        #expect(buffer.write("abc", x: 0, y: 5) == 0)
        #expect(buffer.write("abc", x: 7, y: 0) == 0)
        buffer[9, 9] = Cell(symbol: "z")
        #expect(buffer.lines() == [""])
    }

    @Test("styles are kept per cell; apply lays a style over and fill blanks")
    func styles() {
        var buffer = Buffer(width: 4, height: 1)
        let red = Style(foreground: .red)
        buffer.write("ab", x: 0, y: 0, style: red)
        buffer.apply(Style(attributes: .bold), to: Rect(x: 1, y: 0, width: 3, height: 1))
        #expect(buffer[0, 0].style == red)
        #expect(buffer[1, 0].style == Style(foreground: .red, attributes: .bold))
        buffer.fill(Rect(x: 0, y: 0, width: 1, height: 1), style: Style(background: .blue))
        #expect(buffer[0, 0].symbol == " " && buffer[0, 0].style.background == .blue)
    }

    @Test("256-colour entries degrade to the nearest of 8 on an 8-colour terminal")
    func degrade() {
        #expect(Color.indexed(196).degraded(toColors: 8) == .red)
        #expect(Color.indexed(46).degraded(toColors: 8) == .green)
        #expect(Color.indexed(21).degraded(toColors: 8) == .blue)
        #expect(Color.indexed(9).degraded(toColors: 8) == .red)
        #expect(Color.indexed(232).degraded(toColors: 8) == .black)
        #expect(Color.indexed(255).degraded(toColors: 8) == .white)
        #expect(Color.indexed(196).degraded(toColors: 256) == .indexed(196))
        #expect(Color.default.degraded(toColors: 8) == .default)
    }
}
