import DeckCore
import Testing
@testable import DeckUI

/// Every way a theme file can be wrong gives one line naming the file, line and key.
@Suite struct ThemeParserErrorTests {
    static func failure(_ yaml: String, source: String = "t.yaml") -> ThemeError? {
        do {
            _ = try ThemeParser.parse(yaml, source: source)
            return nil
        } catch {
            return error
        }
    }

    /// Each case: the file's text and the exact message.
    static let cases: [(String, String)] = [
        // The document as a whole.
        ("", "t.yaml:1: the file is empty; expected a mapping with name, palette and roles"),
        ("# nothing but a comment\n", "t.yaml:1: the file is empty; expected a mapping with name, palette and roles"),
        ("- dark\n- light\n", "t.yaml:1: expected a mapping with name, palette and roles, found a list"),
        ("just words\n", "t.yaml:1: expected a mapping with name, palette and roles, found 'just words'"),
        ("# a comment\npalette:\n  fg: 1\n", "t.yaml:2: name: missing; every theme needs a name"),
        ("name: [dark]\n", "t.yaml:1: name: expected the theme's name, found a list"),
        ("palette: {}\nname:\n", "t.yaml:2: name: expected the theme's name, found nothing"),
        ("name: \"two\\nlines\"\n", "t.yaml:1: name: expected a name of one line and at most 64 characters"),
        ("name: x\ncolours: {}\n", "t.yaml:2: colours: unknown key (expected name, palette, roles)"),
        ("name: x\n? [a, b]\n: 1\n", "t.yaml:2: expected a plain name as key, found a list"),
        // The palette.
        ("name: x\npalette: [1, 2]\n",
         "t.yaml:2: palette: expected a mapping of colour names to colours, found a list"),
        ("name: x\npalette:\n  fg: 256\n", "t.yaml:3: palette.fg: colour '256' is out of range 0-255"),
        ("name: x\npalette:\n  fg: -1\n", "t.yaml:3: palette.fg: colour '-1' is out of range 0-255"),
        ("name: x\npalette:\n  fg: 99999999999999999999999\n",
         "t.yaml:3: palette.fg: colour '99999999999999999999999' is out of range 0-255"),
        ("name: x\npalette:\n  ok: 1\n  danger: \"#ff5f5\"\n",
         "t.yaml:4: palette.danger: bad hex colour '#ff5f5' (expected \"#rrggbb\")"),
        ("name: x\npalette:\n  danger: \"#gg0000\"\n",
         "t.yaml:3: palette.danger: bad hex colour '#gg0000' (expected \"#rrggbb\")"),
        ("name: x\npalette:\n  danger: #ff5f5f\n",
         "t.yaml:3: palette.danger: missing colour (a hex colour must be quoted: \"#rrggbb\")"),
        ("name: x\npalette:\n  fg: [1]\n",
         "t.yaml:3: palette.fg: expected a colour (0-255, an ANSI name, default or \"#rrggbb\"), found a list"),
        ("name: x\npalette:\n  fg: { r: 1 }\n",
         "t.yaml:3: palette.fg: expected a colour (0-255, an ANSI name, default or \"#rrggbb\"), found a mapping"),
        ("name: x\npalette:\n  fg: purple\n",
         "t.yaml:3: palette.fg: unknown colour 'purple' (expected 0-255, an ANSI name, default or \"#rrggbb\")"),
        // The roles.
        ("name: x\nroles: text\n", "t.yaml:2: roles: expected a mapping of roles to styles, found 'text'"),
        ("name: x\nroles:\n  text: {}\n  tableheader: {}\n",
         "t.yaml:4: roles.tableheader: unknown role 'tableheader'; did you mean 'tableHeader'?"),
        ("name: x\nroles:\n  sparkle: {}\n", "t.yaml:3: roles.sparkle: unknown role 'sparkle'"),
        ("name: x\nroles:\n  header: bold\n",
         "t.yaml:3: roles.header: expected a mapping like { fg: ..., bg: ..., attrs: [...] }, found 'bold'"),
        ("name: x\nroles:\n  header:\n  text: {}\n",
         "t.yaml:3: roles.header: expected a mapping like { fg: ..., bg: ..., attrs: [...] }, found nothing"),
        ("name: x\nroles:\n  header: [bold]\n",
         "t.yaml:3: roles.header: expected a mapping like { fg: ..., bg: ..., attrs: [...] }, found a list"),
        ("name: x\nroles:\n  header: { fg: 1, colour: 2 }\n",
         "t.yaml:3: roles.header.colour: unknown key (expected fg, bg, attrs)"),
        ("name: x\nroles:\n  header:\n    fg: 1\n    attrs: [bold, blink]\n",
         "t.yaml:5: roles.header.attrs: unknown attribute 'blink' (expected bold, dim, italic, underline, reverse)"),
        ("name: x\nroles:\n  header:\n    attrs:\n      - bold\n      - Bold\n",
         "t.yaml:6: roles.header.attrs: unknown attribute 'Bold' (expected bold, dim, italic, underline, reverse)"),
        ("name: x\nroles:\n  header: { attrs: [[bold]] }\n",
         "t.yaml:3: roles.header.attrs: expected an attribute name, found a list"),
        ("name: x\nroles:\n  header: { attrs: { bold: true } }\n",
         "t.yaml:3: roles.header.attrs: expected a list like [bold, underline], found a mapping"),
        ("name: x\nroles:\n  header: { fg: 300 }\n", "t.yaml:3: roles.header.fg: colour '300' is out of range 0-255"),
        ("name: x\nroles:\n  header: { bg: \"#12\" }\n",
         "t.yaml:3: roles.header.bg: bad hex colour '#12' (expected \"#rrggbb\")"),
        ("name: x\nroles:\n  header: { fg: }\n",
         "t.yaml:3: roles.header.fg: missing colour (a hex colour must be quoted: \"#rrggbb\")"),
        ("name: x\nroles:\n  header: { fg: [1] }\n",
         "t.yaml:3: roles.header.fg: expected a colour (0-255, an ANSI name, default or \"#rrggbb\"), found a list"),
        ("name: x\nroles:\n  header:\n    fg: ink\n",
         "t.yaml:4: roles.header.fg: unknown palette colour 'ink'"),
    ]

    @Test(arguments: cases)
    func errorMessage(yaml: String, expected: String) throws {
        let error = try #require(Self.failure(yaml))
        #expect(error.description == expected)
        #expect(!error.description.contains("\n"))
    }

    /// The example from the format's description, word for word.
    @Test func unknownPaletteColourNamesTheLineAndKey() throws {
        let yaml = """
            name: dark
            palette:
              fg: 252
              accent: 81
            roles:
              text: {}
              selection: { fg: black, bg: acent }
            """
        let error = try #require(Self.failure(yaml, source: "dark.yaml"))
        #expect(error.description == "dark.yaml:7: roles.selection.bg: unknown palette colour 'acent'")
        #expect(error == ThemeError(source: "dark.yaml", line: 7, key: "roles.selection.bg",
                                    message: "unknown palette colour 'acent'"))
    }

    @Test(arguments: [
        ("name: x\nroles: [\n", 3),                    // an unclosed flow list
        ("name: x\n  roles: {}\n", 2),                 // bad indentation
        ("name: x\npalette:\n  fg: 'open\n", 4),       // an unclosed quote
        ("name: x\nroles: *nowhere\n", 2),             // an undefined alias
        ("name: x\n---\nname: y\n", 2),                // two documents
        ("name: x\nname: y\n", 1),                     // a duplicated key
        ("name: x\npalette:\n  fg: 1\n  fg: 2\n", 3),  // a duplicated key further in
    ])
    func notYAML(yaml: String, line: Int) throws {
        let error = try #require(Self.failure(yaml))
        #expect(error.line == line, "\(error)")
        #expect(error.key == nil)
        #expect(error.description.hasPrefix("t.yaml:\(line): not valid YAML: "), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test func yamlSyntaxErrorsCarryLibyamlsContextAndProblem() throws {
        let error = try #require(Self.failure("name: x\npalette:\n  fg: 'open\n"))
        #expect(error.description == "t.yaml:4: not valid YAML: while scanning a quoted scalar, found unexpected end of stream")
    }

    @Test func duplicateKeysAreNamed() throws {
        let error = try #require(Self.failure("name: x\npalette:\n  fg: 1\n  fg: 2\n"))
        #expect(error.description == "t.yaml:3: not valid YAML: duplicate key 'fg'")
    }

    @Test func controlCharactersNeverBreakTheLine() throws {
        let keyError = try #require(Self.failure("name: x\n\"bad\\nkey\": 1\n", source: "evil\nname.yaml"))
        #expect(keyError.description == "evil\\u{a}name.yaml:2: expected a plain name as key, found 'bad\\u{a}key'")
        let valueError = try #require(Self.failure("name: x\npalette:\n  fg: \"a\\u0085b\\u2028c\\td\"\n"))
        #expect(!valueError.description.contains { $0.isNewline })
        #expect(valueError.description.contains("'a\\u{85}b\\u{2028}c\\u{9}d'"))
        let nul = try #require(Self.failure("name: x\u{0}\n"))
        #expect(nul.description.hasPrefix("t.yaml:1: not valid YAML: "), "\(nul)")
    }

    @Test func longValuesAreCut() throws {
        let long = String(repeating: "x", count: 500)
        let error = try #require(Self.failure("name: x\nroles:\n  text: { fg: \(long) }\n"))
        #expect(error.description == "t.yaml:3: roles.text.fg: unknown palette colour '\(String(repeating: "x", count: 40))...'")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for text in [String(repeating: "[", count: 20_000), String(repeating: "{a: ", count: 5_000),
                     "name: x\nroles:\n  text:\n" + String(repeating: "- ", count: 5_000) + "x\n"] {
            #expect(Self.failure(text) != nil)
        }
    }

    // MARK: Garbage

    /// Random bytes, random YAML-ish fragments and random edits of the shipped files:
    /// the parser either returns a theme or a one-line error, and never crashes.
    @Test func randomGarbageNeverCrashes() {
        var random = Xoshiro256(seed: 0x7EE7_5EED)
        let fragments = [
            "name:", "palette:", "roles:", "text:", "header:", "selection:", "fg:", "bg:", "attrs:",
            "{", "}", "[", "]", "- ", ": ", ", ", "? ", "&a ", "*a", "&b ", "*b", "!!str ", "!!int ", "!tag ",
            "\"#ff0000\"", "'x'", "\"", "'", "#", "|", ">", "---", "...", "%YAML 1.1", "%TAG ! x",
            "bold", "reverse", "blink", "252", "256", "-1", "0x10", "~", "null", "default", "bright-red",
            "\n", "\n  ", "\n    ", "  ", "\t", "\r", "\u{0}", "\u{FEFF}", "é", "🎨", "\\", "<<: *a",
        ]
        let seeds = ThemeSource.builtIn.map(\.text)
        var parsed = 0
        for round in 0..<3_000 {
            var text: String
            switch round % 3 {
            case 0:
                let bytes = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                text = String(decoding: bytes, as: UTF8.self)
            case 1:
                text = (0..<Int.random(in: 0...60, using: &random)).map { _ in fragments.randomElement(using: &random)! }.joined()
            default:
                var scalars = Array(seeds.randomElement(using: &random)!.unicodeScalars)
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    let at = Int.random(in: 0...scalars.count, using: &random)
                    let fragment = Array(fragments.randomElement(using: &random)!.unicodeScalars)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: scalars.insert(contentsOf: fragment, at: at)
                    case 1: if at < scalars.count { scalars.remove(at: at) }
                    default: scalars.replaceSubrange(at..<min(scalars.count, at + fragment.count), with: fragment)
                    }
                }
                var edited = String.UnicodeScalarView()
                edited.append(contentsOf: scalars)
                text = String(edited)
            }
            if let error = Self.failure(text, source: "g.yaml") {
                #expect(error.description.hasPrefix("g.yaml"))
                #expect(!error.description.contains { $0.isNewline }, "round \(round): \(error)")
                if let line = error.line { #expect(line >= 1) }
            } else {
                parsed += 1
            }
        }
        #expect(parsed > 0, "some edits of the shipped files still parse")
    }
}
