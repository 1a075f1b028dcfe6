import Foundation

/// The themes the console can switch between: the built-in ones, then theme files.
///
/// A theme file whose `name` matches a theme already in the catalog replaces it, so an
/// operator's `dark.yaml` overrides the built-in dark theme. Loading never throws: each bad
/// file becomes a `ThemeError` in the returned list and the good files still load.
public struct ThemeCatalog: Sendable {
    /// The built-in themes, parsed from `ThemeSource.builtIn`: dark, light, high-contrast
    /// and monochrome.
    public static let builtIn: [Theme] = ThemeSource.builtIn.map { source in
        // The embedded sources are constants that the tests parse; they cannot fail.
        try! source.parse()
    }

    /// The name of the theme used when none is chosen.
    public static let defaultThemeName = "dark"

    /// The largest theme file `load(directory:)` reads; a theme is a few kilobytes.
    public static let maximumFileSize = 256 * 1024

    /// Every theme, by name.
    public private(set) var themes: [String: Theme] = [:]

    /// A catalog holding `builtIn` (the built-in themes unless told otherwise).
    public init(builtIn: [Theme] = ThemeCatalog.builtIn) {
        for theme in builtIn { themes[theme.name] = theme }
    }

    /// The theme called `name`, if the catalog has one.
    public func theme(named name: String) -> Theme? {
        themes[name]
    }

    /// The names of all the themes, sorted.
    public var names: [String] {
        themes.keys.sorted()
    }

    /// Adds `theme`, replacing any theme of the same name.
    public mutating func insert(_ theme: Theme) {
        themes[theme.name] = theme
    }

    /// Loads every `*.yaml` file in `directory` (not its subdirectories), in file-name
    /// order, and returns what was wrong with the files that did not load.
    ///
    /// A directory that does not exist holds no themes and is not an error (a user's theme
    /// folder is optional). Two files in the directory with the same theme name: the first
    /// in file-name order wins and the second is reported. Errors name the file by its path.
    public mutating func load(directory: String) -> [ThemeError] {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            return [ThemeError(source: directory, line: nil, key: nil, message: "not a directory")]
        }
        let entries: [String]
        do {
            entries = try files.contentsOfDirectory(atPath: directory)
        } catch {
            return [ThemeError(source: directory, line: nil, key: nil, message: "cannot list the directory")]
        }

        var errors: [ThemeError] = []
        var loadedFrom: [String: String] = [:]  // theme name → the path that defined it here
        for entry in entries.sorted() where entry.hasSuffix(".yaml") && !entry.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
            do throws(ThemeError) {
                let theme = try ThemeCatalog.readTheme(atPath: path)
                if let earlier = loadedFrom[theme.name] {
                    throw ThemeError(source: path, line: nil, key: "name",
                                     message: "theme '\(theme.name)' is already defined by \(earlier)")
                }
                loadedFrom[theme.name] = path
                themes[theme.name] = theme
            } catch {
                errors.append(error)
            }
        }
        return errors
    }

    /// The theme in the file at `path`.
    static func readTheme(atPath path: String) throws(ThemeError) -> Theme {
        func failure(_ message: String) -> ThemeError {
            ThemeError(source: path, line: nil, key: nil, message: message)
        }
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw failure("not a file")
        }
        if let size = (try? files.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > maximumFileSize {
            throw failure("too large for a theme (\(size.intValue) bytes; at most \(maximumFileSize))")
        }
        guard let data = files.contents(atPath: path) else { throw failure("cannot read the file") }
        guard data.count <= maximumFileSize else {
            throw failure("too large for a theme (\(data.count) bytes; at most \(maximumFileSize))")
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw failure("not UTF-8 text") }
        return try ThemeParser.parse(text, source: path)
    }
}
