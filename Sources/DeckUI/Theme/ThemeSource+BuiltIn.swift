extension ThemeSource {
    /// The built-in themes, the default (`dark`) first.
    public static let builtIn: [ThemeSource] = [.dark, .light, .highContrast, .monochrome]

    /// The default theme, for dark terminal backgrounds: `themes/dark.yaml`.
    public static let dark = ThemeSource.embedded("dark.yaml")

    /// The theme for light terminal backgrounds: `themes/light.yaml`.
    public static let light = ThemeSource.embedded("light.yaml")

    /// The 16-colour high-contrast theme: `themes/high-contrast.yaml`.
    public static let highContrast = ThemeSource.embedded("high-contrast.yaml")

    /// Attributes only, no colours: `themes/monochrome.yaml`.
    public static let monochrome = ThemeSource.embedded("monochrome.yaml")

    /// The file `fileName` of the repository's `themes/` folder, as the EmbedTextFiles
    /// plugin compiled it in (`BuiltInThemeFiles`, generated at build time); the built-in
    /// names are constants the tests check against the folder.
    private static func embedded(_ fileName: String) -> ThemeSource {
        guard let file = BuiltInThemeFiles.files.first(where: { $0.name == fileName }) else {
            preconditionFailure("no built-in theme file named \(fileName) in themes/")
        }
        return ThemeSource(fileName: fileName, text: file.text)
    }
}
