/// A terminal colour: the terminal's own default, or an entry of the 256-colour palette.
///
/// Entries 0–7 are the classic ANSI colours every colour terminal has; 8–15 their bright
/// variants; 16–231 the 6×6×6 cube; 232–255 the grey ramp. A backend on an 8-colour
/// terminal degrades with `degraded(toColors:)`.
public enum Color: Sendable, Hashable {
    /// The terminal's default foreground or background.
    case `default`
    /// An entry of the xterm 256-colour palette.
    case indexed(UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)

    /// The nearest colour a terminal with `colors` colours can show (8, 16 or 256).
    public func degraded(toColors colors: Int) -> Color {
        guard case .indexed(let index) = self else { return self }
        if colors >= 256 || Int(index) < colors { return self }
        if index < 16 { return .indexed(index - 8) }
        let (r, g, b) = Color.rgb(ofPaletteIndex: index)
        return .indexed(Color.nearestANSI(r: r, g: g, b: b))
    }

    /// The RGB value of a palette entry 16–255 (the xterm cube and grey ramp).
    static func rgb(ofPaletteIndex index: UInt8) -> (Int, Int, Int) {
        if index >= 232 {
            let level = 8 + Int(index - 232) * 10
            return (level, level, level)
        }
        let cube = Int(index) - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    }

    /// The ANSI colour 0–7 whose hue is nearest: each channel is on when above half.
    static func nearestANSI(r: Int, g: Int, b: Int) -> UInt8 {
        let maxChannel = max(r, g, b)
        if maxChannel < 64 { return 0 }
        let threshold = max(maxChannel / 2, 64)
        let red = r >= threshold ? 1 : 0
        let green = g >= threshold ? 2 : 0
        let blue = b >= threshold ? 4 : 0
        return UInt8(red | green | blue)
    }
}
