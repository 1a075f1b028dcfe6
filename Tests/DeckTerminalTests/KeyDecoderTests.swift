import DeckUI
import Testing

@testable import DeckTerminal

/// curses key codes from ncurses's `curses.h` (octal there), kept as literals so the tests
/// also pin the values the decoder relies on.
private enum CursesCode {
    static let down: UInt32 = 0o402
    static let up: UInt32 = 0o403
    static let left: UInt32 = 0o404
    static let right: UInt32 = 0o405
    static let home: UInt32 = 0o406
    static let backspace: UInt32 = 0o407
    static let f0: UInt32 = 0o410
    static let deleteCharacter: UInt32 = 0o512
    static let insertCharacter: UInt32 = 0o513
    static let nextPage: UInt32 = 0o522
    static let previousPage: UInt32 = 0o523
    static let enter: UInt32 = 0o527
    static let backTab: UInt32 = 0o541
    static let end: UInt32 = 0o550
    static let mouse: UInt32 = 0o631
    static let resize: UInt32 = 0o632
}

@Suite("KeyDecoder")
struct KeyDecoderTests {
    private func key(_ code: UInt32) -> Key? { KeyDecoder.decode(code: code, isFunctionKey: true) }
    private func character(_ code: UInt32) -> Key? { KeyDecoder.decode(code: code, isFunctionKey: false) }

    @Test func cursorAndPagingKeys() {
        #expect(key(CursesCode.up) == .up)
        #expect(key(CursesCode.down) == .down)
        #expect(key(CursesCode.left) == .left)
        #expect(key(CursesCode.right) == .right)
        #expect(key(CursesCode.previousPage) == .pageUp)
        #expect(key(CursesCode.nextPage) == .pageDown)
        #expect(key(CursesCode.home) == .home)
        #expect(key(CursesCode.end) == .end)
    }

    @Test func editingKeys() {
        #expect(key(CursesCode.enter) == .enter)
        #expect(key(CursesCode.backTab) == .backTab)
        #expect(key(CursesCode.backspace) == .backspace)
        #expect(key(CursesCode.deleteCharacter) == .delete)
        #expect(character(13) == .enter)
        #expect(character(10) == .enter)
        #expect(character(9) == .tab)
        #expect(character(27) == .escape)
        #expect(character(127) == .backspace)
        #expect(character(8) == .backspace)
    }

    @Test func functionKeysOneToTwelve() {
        for n in 1...12 { #expect(key(CursesCode.f0 + UInt32(n)) == .function(n)) }
        #expect(key(CursesCode.f0) == nil)
        #expect(key(CursesCode.f0 + 13) == nil)
    }

    @Test func controlLetters() {
        #expect(character(3) == .control("c"))
        #expect(character(1) == .control("a"))
        #expect(character(26) == .control("z"))
        #expect(character(19) == .control("s"))
        #expect(character(12) == .control("l"))
    }

    @Test func otherControlCharactersAreIgnored() {
        #expect(character(0) == nil)
        #expect(character(28) == nil)
        #expect(character(31) == nil)
        #expect(character(0x85) == nil)
        #expect(character(0x9B) == nil)
        #expect(character(0xD800) == nil)  // a lone surrogate is no scalar
    }

    @Test func printableCharactersIncludingWideOnes() {
        #expect(character(32) == .character(" "))
        #expect(character(UInt32(("q" as Unicode.Scalar).value)) == .character("q"))
        #expect(character(UInt32(("Q" as Unicode.Scalar).value)) == .character("Q"))
        #expect(character(0xE9) == .character("é"))
        #expect(character(0x5B57) == .character("字"))
        #expect(character(0x1F600) == .character("😀"))
    }

    @Test func theSameNumberIsACharacterUnlessFlaggedAsAKeyCode() {
        // 0o403 is KEY_UP as a key code, "ă" (U+0103) as a character.
        #expect(character(CursesCode.up) == .character("ă"))
        #expect(key(CursesCode.up) == .up)
    }

    @Test func unusedKeyCodesAndNonKeysAreNil() {
        #expect(key(CursesCode.insertCharacter) == nil)
        #expect(key(CursesCode.mouse) == nil)
        #expect(key(CursesCode.resize) == nil)
    }
}
