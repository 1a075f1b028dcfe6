/// The text of a theme file and the name it goes by.
///
/// The built-in themes ship as sources (`ThemeSource.builtIn`): the files in the
/// repository's `themes/` folder, compiled in byte for byte at build time, so the console
/// can write them out for an operator to copy and edit.
public struct ThemeSource: Sendable, Hashable {
    /// The file's name, such as `dark.yaml`.
    public var fileName: String
    /// The file's YAML text.
    public var text: String

    /// A source named `fileName` holding `text`.
    public init(fileName: String, text: String) {
        self.fileName = fileName
        self.text = text
    }

    /// The theme the text describes; errors name `fileName`.
    public func parse() throws(ThemeError) -> Theme {
        try ThemeParser.parse(text, source: fileName)
    }
}
