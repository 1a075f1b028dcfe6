import Testing
@testable import DeckUI

/// What a well-formed theme file means.
@Suite struct ThemeParserTests {
    @Test func theExampleFromTheFormatDescription() throws {
        let theme = try ThemeParser.parse("""
            name: dark
            palette:
              fg: 252
              accent: 81
              danger: "#ff5f5f"
              panel: 236
            roles:
              text: {}
              header: { fg: fg, bg: panel, attrs: [bold] }
              selection: { fg: black, bg: accent }
              bad: { fg: danger }
            """, source: "dark.yaml")
        #expect(theme.name == "dark")
        #expect(theme.styles == [
            .text: Style(),
            .header: Style(foreground: .indexed(252), background: .indexed(236), attributes: .bold),
            .selection: Style(foreground: .black, background: .indexed(81)),
            .bad: Style(foreground: .indexed(203)),
        ])
        // Roles left out fall back to text.
        #expect(theme.style(.chart) == Style())
    }

    @Test func paletteValuesInEveryLiteralForm() throws {
        let theme = try ThemeParser.parse("""
            name: literals
            palette:
              zero: 0
              top: 255
              quoted: "42"
              black: black
              white: white
              darkgrey: bright-black
              brightwhite: bright-white
              magenta: bright-magenta
              none: default
              red: "#ff0000"
              upper: "#FF0000"
            roles:
              text: { fg: zero, bg: top }
              muted: { fg: quoted }
              header: { fg: black, bg: white }
              title: { fg: darkgrey, bg: brightwhite }
              border: { fg: magenta, bg: none }
              bad: { fg: red, bg: upper }
            """, source: "t.yaml")
        #expect(theme.style(.text) == Style(foreground: .indexed(0), background: .indexed(255)))
        #expect(theme.style(.muted).foreground == .indexed(42))
        #expect(theme.style(.header) == Style(foreground: .indexed(0), background: .indexed(7)))
        #expect(theme.style(.title) == Style(foreground: .indexed(8), background: .indexed(15)))
        #expect(theme.style(.border) == Style(foreground: .indexed(13), background: .default))
        #expect(theme.style(.bad) == Style(foreground: .indexed(196), background: .indexed(196)))
    }

    @Test func rolesTakeLiteralsDirectlyAndPaletteNamesWin() throws {
        let theme = try ThemeParser.parse("""
            name: direct
            palette:
              red: 203        # a palette name shadows the ANSI name
            roles:
              text: { fg: 250, bg: default }
              muted: { fg: bright-black }
              bad: { fg: red, bg: "#00ff00" }
              good: { fg: green }
            """, source: "t.yaml")
        #expect(theme.style(.text) == Style(foreground: .indexed(250)))
        #expect(theme.style(.muted).foreground == .indexed(8))
        #expect(theme.style(.bad) == Style(foreground: .indexed(203), background: .indexed(46)))
        #expect(theme.style(.good).foreground == .green)
    }

    @Test func allANSINames() throws {
        let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        for (index, name) in names.enumerated() {
            let theme = try ThemeParser.parse(
                "name: n\nroles:\n  text: { fg: \(name), bg: bright-\(name) }\n", source: "t.yaml")
            #expect(theme.style(.text) == Style(foreground: .indexed(UInt8(index)), background: .indexed(UInt8(8 + index))))
        }
    }

    /// Hex colours become the nearest entry of the cube (16–231) or the grey ramp (232–255),
    /// by RGB distance; a tie goes to the lower index.
    @Test(arguments: [
        ("#ff0000", 196),  // cube (5,0,0)
        ("#00ff00", 46),
        ("#0000ff", 21),
        ("#000000", 16),   // the cube's black beats grey 232 (8,8,8)
        ("#ffffff", 231),  // the cube's white beats grey 255 (238,238,238)
        ("#808080", 244),  // grey 244 is exactly 128,128,128; the cube's nearest, 102 (135,135,135), is 147 away
        ("#5f87af", 67),   // exactly cube (1,2,3)
        ("#ff5f5f", 203),  // exactly cube (5,1,1)
        ("#121212", 233),  // exactly grey 233
        ("#0a0a0a", 232),  // 2 from grey 232 (8), 10 from cube black
        ("#fe0101", 196),  // near, not exact
        ("#afd7ff", 153),
    ])
    func hexToNearestIndex(hex: String, index: Int) throws {
        let theme = try ThemeParser.parse("name: h\nroles:\n  text: { fg: \"\(hex)\" }\n", source: "t.yaml")
        #expect(theme.style(.text).foreground == .indexed(UInt8(index)))
    }

    @Test func nearestAgreesWithTheCubeAndRampForEveryEntry() {
        for index in UInt8(16)...UInt8(255) {
            let (r, g, b) = Color.rgb(ofPaletteIndex: index)
            let nearest = Color.nearest(red: UInt8(r), green: UInt8(g), blue: UInt8(b))
            guard case .indexed(let found) = nearest else { Issue.record("default for \(index)"); continue }
            // The cube and the ramp share no colour, so each entry is its own nearest.
            #expect(found == index)
        }
    }

    @Test func attributes() throws {
        let theme = try ThemeParser.parse("""
            name: a
            roles:
              text: { attrs: [] }
              header: { attrs: [bold, dim, italic, underline, reverse] }
              title: { attrs: [bold, bold] }
              key: { attrs: underline }
              bad:
                fg: red
                attrs:
                  - bold
                  - reverse
            """, source: "t.yaml")
        #expect(theme.style(.text).attributes == [])
        #expect(theme.style(.header).attributes == [.bold, .dim, .italic, .underline, .reverse])
        #expect(theme.style(.title).attributes == .bold)
        #expect(theme.style(.key).attributes == .underline)
        #expect(theme.style(.bad) == Style(foreground: .red, attributes: [.bold, .reverse]))
    }

    @Test func paletteAndRolesAreOptionalAndMayComeInAnyOrder() throws {
        #expect(try ThemeParser.parse("name: bare\n", source: "t.yaml") == Theme(name: "bare", styles: [:]))
        #expect(try ThemeParser.parse("name: bare\npalette:\nroles:\n", source: "t.yaml").styles.isEmpty)
        let theme = try ThemeParser.parse("""
            roles:
              text: { fg: ink }
            palette:
              ink: 17
            name: late
            """, source: "t.yaml")
        #expect(theme == Theme(name: "late", styles: [.text: Style(foreground: .indexed(17))]))
    }

    @Test func anchorsAndAliasesWork() throws {
        let theme = try ThemeParser.parse("""
            name: aliased
            roles:
              header: &band { fg: 252, bg: 236, attrs: [bold] }
              statusBar: *band
            """, source: "t.yaml")
        #expect(theme.style(.statusBar) == theme.style(.header))
        #expect(theme.style(.statusBar) == Style(foreground: .indexed(252), background: .indexed(236), attributes: .bold))
    }

    @Test func everyRoleIsAddressableByItsRawValue() throws {
        var yaml = "name: all\nroles:\n"
        for (offset, role) in Role.allCases.enumerated() { yaml += "  \(role.rawValue): { fg: \(offset) }\n" }
        let theme = try ThemeParser.parse(yaml, source: "t.yaml")
        for (offset, role) in Role.allCases.enumerated() {
            #expect(theme.styles[role] == Style(foreground: .indexed(UInt8(offset))))
        }
    }
}
