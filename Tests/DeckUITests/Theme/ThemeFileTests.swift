import Foundation
import Testing
@testable import DeckUI

/// The shipped files in `themes/`, their texts compiled in at build time and what each
/// theme promises.
@Suite struct ThemeFileTests {
    /// The repository's `themes/` folder, found from this file's path.
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Theme
        .deletingLastPathComponent()  // DeckUITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .appendingPathComponent("themes")

    static func fileText(_ name: String) throws -> String {
        let data = try Data(contentsOf: themesDirectory.appendingPathComponent(name))
        return try #require(String(validating: data, as: UTF8.self))
    }

    static let shippedFiles = ["dark.yaml", "light.yaml", "high-contrast.yaml", "monochrome.yaml"]

    @Test func theFolderHoldsExactlyTheBuiltInFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path)
            .filter { $0.hasSuffix(".yaml") }
        #expect(names.sorted() == Self.shippedFiles.sorted())
        #expect(ThemeSource.builtIn.map(\.fileName) == Self.shippedFiles)
        // The EmbedTextFiles plugin compiled in every file of the folder, sorted by name.
        #expect(BuiltInThemeFiles.files.map(\.name) == names.sorted())
    }

    @Test(arguments: shippedFiles)
    func eachShippedFileParsesAndSetsEveryRole(file: String) throws {
        let theme = try ThemeParser.parse(try Self.fileText(file), source: file)
        #expect(theme.name + ".yaml" == file)
        let missing = Role.allCases.filter { theme.styles[$0] == nil }
        #expect(missing.isEmpty, "\(file) leaves out \(missing)")
    }

    /// The text generated at build time (BuiltInThemeFiles, by embed-text-files) is the file
    /// on disk byte for byte, final newline included.
    @Test(arguments: ThemeSource.builtIn)
    func generatedTextIsByteIdenticalToTheFile(source: ThemeSource) throws {
        let data = try Data(contentsOf: Self.themesDirectory.appendingPathComponent(source.fileName))
        #expect(Array(source.text.utf8) == Array(data),
                "the text compiled in for themes/\(source.fileName) differs from the file")
    }

    @Test func builtInsParseAndBackTheThemeStatics() throws {
        let parsed = try ThemeSource.builtIn.map { try $0.parse() }
        #expect(ThemeCatalog.builtIn == parsed)
        #expect(parsed.map(\.name) == ["dark", "light", "high-contrast", "monochrome"])
        #expect(Theme.dark == parsed[0])
        #expect(Theme.light == parsed[1])
        #expect(Theme.highContrast == parsed[2])
        #expect(Theme.monochrome == parsed[3])
        #expect(ThemeCatalog.defaultThemeName == Theme.dark.name)
    }

    /// `dark.yaml` is the former Swift `Theme.dark`, value for value.
    @Test func darkKeepsTheFormerSwiftValues() {
        let expected: [Role: Style] = [
            .text: Style(),
            .muted: Style(foreground: .indexed(245)),
            .header: Style(foreground: .indexed(252), background: .indexed(236), attributes: .bold),
            .title: Style(foreground: .indexed(81), attributes: .bold),
            .border: Style(foreground: .indexed(240)),
            .tableHeader: Style(foreground: .indexed(250), attributes: [.bold, .underline]),
            .selection: Style(foreground: .indexed(16), background: .indexed(117)),
            .marked: Style(foreground: .indexed(214), attributes: .bold),
            .tabActive: Style(foreground: .indexed(16), background: .indexed(81), attributes: .bold),
            .tabInactive: Style(foreground: .indexed(250), background: .indexed(238)),
            .statusBar: Style(foreground: .indexed(250), background: .indexed(236)),
            .key: Style(foreground: .indexed(81), attributes: .bold),
            .flashInfo: Style(foreground: .indexed(114), attributes: .bold),
            .flashError: Style(foreground: .indexed(203), attributes: .bold),
            .dialog: Style(foreground: .indexed(252), background: .indexed(237)),
            .input: Style(foreground: .indexed(229)),
            .good: Style(foreground: .indexed(114)),
            .active: Style(foreground: .indexed(81)),
            .waiting: Style(foreground: .indexed(250)),
            .attention: Style(foreground: .indexed(221), attributes: .bold),
            .bad: Style(foreground: .indexed(203), attributes: .bold),
            .removed: Style(foreground: .indexed(203)),
            .added: Style(foreground: .indexed(114)),
            .chart: Style(foreground: .indexed(75)),
        ]
        #expect(Theme.dark.styles == expected)
    }

    /// On a white background every role's text is readable: a WCAG contrast ratio of at
    /// least 4.5 (3 for frame lines), the terminal's default foreground taken as black and
    /// its default background as white. So no light grey on white.
    @Test func lightIsReadableOnAWhiteBackground() {
        for role in Role.allCases {
            let style = Theme.light.style(role)
            let foreground = Self.rgb(style.foreground, default: (0, 0, 0))
            let background = Self.rgb(style.background, default: (255, 255, 255))
            let ratio = Self.contrast(foreground, background)
            let needed = role == .border ? 3.0 : 4.5
            #expect(ratio >= needed, "light \(role): contrast \(ratio) < \(needed)")
            #expect(!style.attributes.contains(.dim), "light \(role) is dim")
        }
    }

    @Test func highContrastUsesOnlyTheSixteenANSIColours() {
        for role in Role.allCases {
            let style = Theme.highContrast.style(role)
            for color in [style.foreground, style.background] {
                if case .indexed(let index) = color { #expect(index < 16, "high-contrast \(role) uses \(index)") }
            }
        }
        #expect(Theme.highContrast.style(.selection).attributes.contains(.reverse))
        #expect(Theme.highContrast.style(.bad).attributes.contains(.bold))
    }

    @Test func monochromeHasNoColoursAndTellsRolesApartByAttributes() {
        for role in Role.allCases {
            let style = Theme.monochrome.style(role)
            #expect(style.foreground == .default && style.background == .default, "monochrome \(role) has a colour")
        }
        #expect(Theme.monochrome.style(.selection).attributes == .reverse)
        #expect(Theme.monochrome.style(.header).attributes == [.bold, .reverse])
        #expect(Theme.monochrome.style(.bad).attributes == [.bold, .underline])
        #expect(Theme.monochrome.style(.attention).attributes == .bold)
        #expect(Theme.monochrome.style(.muted).attributes == .dim)
        #expect(Theme.monochrome.withoutColor() == Theme.monochrome)
    }

    // MARK: Colour arithmetic for the contrast check

    /// A colour's RGB: xterm's values for 0–15, the cube and ramp for the rest.
    static func rgb(_ color: Color, default fallback: (Int, Int, Int)) -> (Int, Int, Int) {
        guard case .indexed(let index) = color else { return fallback }
        let ansi: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        return index < 16 ? ansi[Int(index)] : Color.rgb(ofPaletteIndex: index)
    }

    static func luminance(_ rgb: (Int, Int, Int)) -> Double {
        func channel(_ value: Int) -> Double {
            let c = Double(value) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(rgb.0) + 0.7152 * channel(rgb.1) + 0.0722 * channel(rgb.2)
    }

    static func contrast(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
