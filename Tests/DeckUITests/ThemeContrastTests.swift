import Testing
@testable import DeckUI

/// Every built-in theme is readable where the console draws it: the WCAG 2 contrast ratio of
/// each role's foreground against the background it actually lands on.
///
/// A role is drawn on three surfaces (`Surface`): on the screen in its own colours (table
/// rows, tabs, bars, key hints, the flash and input lines, a dialog's own text); laid over
/// the header bar (its labels and counts: `Console.writeOver` takes only the span's
/// foreground and attributes); and laid over a dialog (`Dialog.render`: `Style.patched`, so a
/// role's own background would win). Checking roles alone misses the second and third: the
/// light theme once drew the header's "OpsDeck" and running count in the header's own blue.
///
/// Thresholds, lowest first:
/// - 1.5:1 for `.border`. Frame lines are decoration (panels are told apart by their titles
///   and places), so they must show, not be read; WCAG 1.4.11 asks nothing of decoration.
///   The dark theme's subdued frames are 2.9:1 on black and 1.6:1 on its dialogs.
/// - 3:1 for `.chart`, whose bars and sparklines are graphics (WCAG 1.4.11), and for a span
///   laid over the header or a dialog: a short label, count or key, set apart and mostly
///   bold. 3:1 is the least ISO 9241-3 asks of text on a display. The dark theme's muted
///   labels on its header (3.8) and dialog (3.3) and its red on the header (4.4) sit here.
/// - 4.5:1, WCAG 2's AA level for body text (1.4.3), for every other role in its own
///   colours.
///
/// Colours are the xterm palette (`ThemeFileTests.rgb`: xterm's defaults for 0–15, the cube
/// and grey ramp for 16–255). A role's `default` colour is the terminal's own, taken from
/// the terminal its theme is written for (`terminals`); a style whose colours are both
/// `default` is the terminal's own pair, not the theme's, and is skipped, so the
/// monochrome theme, which has no colours, checks nothing here.
@Suite struct ThemeContrastTests {
    typealias RGB = (Int, Int, Int)

    /// The colours a terminal shows for `default`.
    struct Terminal: Sendable {
        var foreground: RGB
        var background: RGB

        /// A dark terminal: xterm's white (colour 7) on black.
        static let dark = Terminal(foreground: (229, 229, 229), background: (0, 0, 0))
        /// A light terminal: xterm's own default, black on white.
        static let light = Terminal(foreground: (0, 0, 0), background: (255, 255, 255))
    }

    /// The terminal each built-in theme is written for, as its file's first line says.
    static let terminals: [String: Terminal] = [
        "dark": .dark, "light": .light, "high-contrast": .dark, "monochrome": .dark,
    ]

    /// Where a role is drawn, and so which background it meets.
    enum Surface: String, CaseIterable {
        /// The screen: the role in its own colours, the terminal's where it leaves one out.
        case screen
        /// The header bar (`Console.renderHeader`); its `.text` spans are `.header` itself.
        case header
        /// A dialog (`Dialog.render` and the confirmation in `Console.render`); its `.text`
        /// spans are `.dialog` itself.
        case dialog

        /// The roles drawn on this surface.
        var roles: [Role] {
            switch self {
            case .screen: Role.allCases
            case .header: [.title, .muted, .good, .attention, .active, .bad]
            case .dialog: [.border, .title, .muted, .key, .input]
            }
        }

        /// The style `role` is drawn in here.
        func style(_ role: Role, in theme: Theme) -> Style {
            let own = theme.style(role)
            switch self {
            case .screen: return own
            case .header: return theme.style(.header).patched(with: Style(foreground: own.foreground, attributes: own.attributes))
            case .dialog: return theme.style(.dialog).patched(with: own)
            }
        }
    }

    /// The least contrast `role` needs on `surface` (see the type's documentation).
    static func needed(_ role: Role, on surface: Surface) -> Double {
        switch role {
        case .border: 1.5
        case .chart: 3
        default: surface == .screen ? 4.5 : 3
        }
    }

    @Test(arguments: ThemeCatalog.builtIn.map(\.name))
    func everyRoleIsReadableOnEverySurfaceItIsDrawnOn(themeName: String) throws {
        let theme = try #require(ThemeCatalog().theme(named: themeName))
        let terminal = try #require(Self.terminals[themeName], "say which terminal \(themeName) is written for")
        for surface in Surface.allCases {
            for role in surface.roles {
                let style = surface.style(role, in: theme)
                guard let ratio = Self.contrast(of: style, on: terminal) else { continue }
                let needed = Self.needed(role, on: surface)
                let message = """
                    \(themeName): \(role.rawValue) on the \(surface.rawValue): \(Self.describe(style)) is \
                    \(Self.format(ratio)):1, needs \(Self.format(needed)):1
                    """
                #expect(ratio >= needed, Comment(rawValue: message))
            }
        }
    }

    /// The same promise checked on what is drawn: every visible character of every view, a
    /// confirmation dialog, the help screen and a bad filter typed and entered, at 200×50 so the
    /// header shows all its counts. A cell does not know its role, so text needs the lower
    /// 3:1 and frame lines 1.5:1. Reports each row and style once, with the frames it is in.
    @Test(arguments: ThemeCatalog.builtIn.map(\.name))
    func everyCharacterOnScreenIsReadable(themeName: String) throws {
        let theme = try #require(ThemeCatalog().theme(named: themeName))
        let terminal = try #require(Self.terminals[themeName], "say which terminal \(themeName) is written for")
        var failures: [String] = []  // a row and style below the threshold, in the order first seen
        var found: [String: (frame: String, characters: String, frames: Int)] = [:]
        for (frame, state) in Self.frames() {
            let buffer = Console.render(state, theme: theme)
            var keys: [String] = []
            var characters: [String: String] = [:]
            for y in 0..<buffer.height {
                for x in 0..<buffer.width {
                    let cell = buffer[x, y]
                    guard !cell.isContinuation, cell.symbol != " ",
                          let ratio = Self.contrast(of: cell.style, on: terminal) else { continue }
                    let isFrameLine = cell.symbol.unicodeScalars.allSatisfy { (0x2500...0x257F).contains($0.value) }
                    let needed = isFrameLine ? 1.5 : 3
                    guard ratio < needed else { continue }
                    let key = "row \(y): \(Self.describe(cell.style)) is \(Self.format(ratio)):1, needs \(Self.format(needed)):1"
                    if characters[key] == nil { keys.append(key) }
                    characters[key, default: ""] += cell.symbol
                }
            }
            for key in keys {
                if found[key] == nil {
                    failures.append(key)
                    found[key] = (frame, characters[key] ?? "", 1)
                } else {
                    found[key]?.frames += 1
                }
            }
        }
        for key in failures {
            guard let first = found[key] else { continue }
            let more = first.frames > 1 ? " and \(first.frames - 1) more" : ""
            Issue.record(Comment(rawValue: "\(themeName), \(key): \"\(first.characters)\" (in \(first.frame)\(more))"))
        }
    }

    @Test func contrastArithmeticMatchesWCAG() {
        #expect(ThemeFileTests.contrast((0, 0, 0), (255, 255, 255)) == 21)
        #expect(ThemeFileTests.contrast((25, 50, 75), (25, 50, 75)) == 1)
        // #767676 is the lightest grey with AA contrast on white: 4.54:1.
        #expect(Self.format(ThemeFileTests.contrast((118, 118, 118), (255, 255, 255))) == "4.54")
        #expect(ThemeFileTests.rgb(.indexed(244), default: (0, 0, 0)) == (128, 128, 128))
        #expect(ThemeFileTests.rgb(.indexed(25), default: (0, 0, 0)) == (0, 95, 175))
        #expect(ThemeFileTests.rgb(.blue, default: (0, 0, 0)) == (0, 0, 238))
    }

    @Test func reverseVideoSwapsTheColoursAndTheTerminalsOwnPairIsSkipped() throws {
        let reversed = Style(foreground: .indexed(231), attributes: .reverse)
        let (foreground, background) = try #require(Self.colours(of: reversed, on: .dark))
        #expect(foreground == (0, 0, 0) && background == (255, 255, 255))
        #expect(Self.colours(of: Style(attributes: [.bold, .reverse]), on: .light) == nil)
    }

    // MARK: Helpers

    /// The frames `everyCharacterOnScreenIsReadable` renders, by name.
    static func frames() -> [(String, ConsoleState)] {
        typealias F = ConsoleFixture
        var frames = ConsoleViewKind.allCases.map { ("\($0)", F.state($0, width: 200, height: 50)) }
        var confirm = F.state(.dlq, width: 200, height: 50)
        F.press(&confirm, .character(" "), .character(" "), .character("d"))
        frames.append(("confirmation", confirm))
        var help = F.state(.outbox, width: 200, height: 50)
        F.press(&help, .character("?"))
        frames.append(("help", help))
        var input = F.state(.outbox, width: 200, height: 50)
        F.press(&input, .character("/"))
        F.type(&input, "status:bogus")
        frames.append(("a bad filter typed", input))
        var entered = input
        F.press(&entered, .enter)
        frames.append(("a bad filter entered", entered))
        return frames
    }

    /// The foreground and background `style` shows on `terminal` (after reverse video), or
    /// nil when both are the terminal's own.
    static func colours(of style: Style, on terminal: Terminal) -> (RGB, RGB)? {
        guard style.foreground != .default || style.background != .default else { return nil }
        let foreground = ThemeFileTests.rgb(style.foreground, default: terminal.foreground)
        let background = ThemeFileTests.rgb(style.background, default: terminal.background)
        return style.attributes.contains(.reverse) ? (background, foreground) : (foreground, background)
    }

    /// The contrast ratio of `style` on `terminal`, or nil when both colours are the terminal's.
    static func contrast(of style: Style, on terminal: Terminal) -> Double? {
        colours(of: style, on: terminal).map { ThemeFileTests.contrast($0.0, $0.1) }
    }

    /// "25 on 231", "default on 236 reversed".
    static func describe(_ style: Style) -> String {
        func name(_ color: Color) -> String {
            if case .indexed(let index) = color { return "\(index)" }
            return "default"
        }
        let reversed = style.attributes.contains(.reverse) ? " reversed" : ""
        return "\(name(style.foreground)) on \(name(style.background))\(reversed)"
    }

    /// A ratio to two decimals: "4.54".
    static func format(_ ratio: Double) -> String {
        let hundredths = Int((ratio * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
