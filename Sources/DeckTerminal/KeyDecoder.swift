import CNCursesw
import DeckUI

/// Turns what `wget_wch` returned into a `Key`, without a terminal.
///
/// `wget_wch` yields either a character (`OK`) or a curses key code (`KEY_CODE_YES`); the
/// same number means different things in each case (259 is `KEY_UP` or "ă"), hence
/// `isFunctionKey`. `KEY_MOUSE` and `KEY_RESIZE` are not keys: the terminal handles them
/// before asking here, and this returns nil for them.
public enum KeyDecoder {
    /// The key for `code`, a curses key code when `isFunctionKey`, else a character
    /// (`wint_t`); nil for anything the console does not use.
    public static func decode(code: UInt32, isFunctionKey: Bool) -> Key? {
        isFunctionKey ? decodeKeyCode(Int32(truncatingIfNeeded: code)) : decodeCharacter(code)
    }

    private static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    private static func decodeCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 0...31, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }
}
