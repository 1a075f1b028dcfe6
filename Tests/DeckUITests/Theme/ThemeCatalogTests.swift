import Foundation
import Testing
@testable import DeckUI

/// Built-in themes plus theme files from directories.
@Suite struct ThemeCatalogTests {
    /// A fresh directory under the temporary directory, removed after `body`.
    static func withDirectory(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("opsdeck-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        for (name, text) in files {
            try Data(text.utf8).write(to: url.appendingPathComponent(name))
        }
        try body(url.path)
    }

    @Test func builtInCatalog() {
        let catalog = ThemeCatalog()
        #expect(catalog.names == ["dark", "high-contrast", "light", "monochrome"])
        #expect(catalog.theme(named: "dark") == Theme.dark)
        #expect(catalog.theme(named: "monochrome") == Theme.monochrome)
        #expect(catalog.theme(named: "solarized") == nil)
        #expect(catalog.theme(named: ThemeCatalog.defaultThemeName) != nil)
        #expect(ThemeCatalog(builtIn: [Theme.light]).names == ["light"])
        #expect(ThemeCatalog(builtIn: []).names.isEmpty)
    }

    @Test func aFileOverridesTheBuiltInOfTheSameNameAndAddsNewOnes() throws {
        try Self.withDirectory([
            "my-dark.yaml": "name: dark\nroles:\n  text: { fg: 17 }\n",
            "solarized.yaml": "name: solarized\npalette:\n  base: \"#002b36\"\nroles:\n  text: { bg: base }\n",
        ]) { directory in
            var catalog = ThemeCatalog()
            let errors = catalog.load(directory: directory)
            #expect(errors.isEmpty)
            #expect(catalog.names == ["dark", "high-contrast", "light", "monochrome", "solarized"])
            #expect(catalog.theme(named: "dark") == Theme(name: "dark", styles: [.text: Style(foreground: .indexed(17))]))
            #expect(catalog.theme(named: "solarized")?.style(.text).background == .indexed(234))  // grey 28,28,28 beats cube 0,0,95
            #expect(catalog.theme(named: "light") == Theme.light)
        }
    }

    @Test func aBadFileIsReportedAndTheOthersStillLoad() throws {
        try Self.withDirectory([
            "a-good.yaml": "name: good\n",
            "b-bad.yaml": "name: bad\nroles:\n  selection: { fg: black, bg: acent }\n",
            "c-garbage.yaml": "{{{{ ::: \n",
            "d-binary.yaml": "name: \u{0}\n",
            "e-also-good.yaml": "name: also-good\n",
            "notes.txt": "not a theme",
            ".hidden.yaml": "name: hidden\n",
        ]) { directory in
            var catalog = ThemeCatalog()
            let errors = catalog.load(directory: directory)
            #expect(errors.count == 3)
            #expect(errors.first?.description == "\(directory)/b-bad.yaml:3: roles.selection.bg: unknown palette colour 'acent'")
            #expect(errors.map { URL(fileURLWithPath: $0.source).lastPathComponent }
                    == ["b-bad.yaml", "c-garbage.yaml", "d-binary.yaml"])
            #expect(errors.allSatisfy { !$0.description.contains("\n") })
            #expect(catalog.theme(named: "good") != nil)
            #expect(catalog.theme(named: "also-good") != nil)
            #expect(catalog.theme(named: "bad") == nil)
            #expect(catalog.theme(named: "hidden") == nil)
            #expect(catalog.theme(named: "dark") == Theme.dark)
        }
    }

    @Test func twoFilesWithOneNameInOneDirectory() throws {
        try Self.withDirectory([
            "one.yaml": "name: twin\nroles:\n  text: { fg: 1 }\n",
            "two.yaml": "name: twin\nroles:\n  text: { fg: 2 }\n",
        ]) { directory in
            var catalog = ThemeCatalog()
            let errors = catalog.load(directory: directory)
            #expect(errors.map(\.description) == ["\(directory)/two.yaml: name: theme 'twin' is already defined by \(directory)/one.yaml"])
            #expect(catalog.theme(named: "twin")?.style(.text).foreground == .indexed(1))
        }
    }

    @Test func aLaterDirectoryOverridesAnEarlierOne() throws {
        try Self.withDirectory(["t.yaml": "name: site\nroles:\n  text: { fg: 1 }\n"]) { system in
            try Self.withDirectory(["t.yaml": "name: site\nroles:\n  text: { fg: 2 }\n"]) { user in
                var catalog = ThemeCatalog()
                #expect(catalog.load(directory: system).isEmpty)
                #expect(catalog.load(directory: user).isEmpty)
                #expect(catalog.theme(named: "site")?.style(.text).foreground == .indexed(2))
            }
        }
    }

    @Test func unreadableFilesAndOddDirectories() throws {
        var catalog = ThemeCatalog()
        #expect(catalog.load(directory: "/nonexistent/opsdeck-themes-\(UUID().uuidString)").isEmpty)
        try Self.withDirectory(["file.yaml": "name: x\n"]) { directory in
            let file = directory + "/file.yaml"
            #expect(catalog.load(directory: file).map(\.description) == ["\(file): not a directory"])
            // A folder named like a theme, invalid UTF-8, and an oversized file.
            try FileManager.default.createDirectory(atPath: directory + "/folder.yaml", withIntermediateDirectories: false)
            try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: directory + "/latin.yaml"))
            try Data(("name: big\n" + String(repeating: "# padding\n", count: 30_000)).utf8)
                .write(to: URL(fileURLWithPath: directory + "/big.yaml"))
            let errors = catalog.load(directory: directory + "/")
            #expect(errors.map(\.description) == [
                "\(directory)/big.yaml: too large for a theme (300010 bytes; at most \(ThemeCatalog.maximumFileSize))",
                "\(directory)/folder.yaml: not a file",
                "\(directory)/latin.yaml: not UTF-8 text",
            ])
            #expect(catalog.theme(named: "x") != nil)
        }
    }

    @Test func loadingTheShippedFolderReproducesTheBuiltIns() {
        var catalog = ThemeCatalog(builtIn: [])
        #expect(catalog.load(directory: ThemeFileTests.themesDirectory.path).isEmpty)
        #expect(catalog.names == ThemeCatalog().names)
        for theme in ThemeCatalog.builtIn { #expect(catalog.theme(named: theme.name) == theme) }
    }
}
