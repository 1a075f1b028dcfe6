extension Theme {
    /// The default dark theme (`themes/dark.yaml`), used when no theme is chosen.
    public static let dark = Theme.builtIn("dark")

    /// The theme for light terminal backgrounds (`themes/light.yaml`).
    public static let light = Theme.builtIn("light")

    /// The 16-colour high-contrast theme (`themes/high-contrast.yaml`).
    public static let highContrast = Theme.builtIn("high-contrast")

    /// Attributes only, no colours (`themes/monochrome.yaml`): what snapshots and
    /// `NO_COLOR` use.
    public static let monochrome = Theme.builtIn("monochrome")

    /// This theme under another name.
    func renamed(_ name: String) -> Theme { Theme(name: name, styles: styles) }

    /// The built-in theme called `name`; the built-in names are constants the tests check.
    private static func builtIn(_ name: String) -> Theme {
        guard let theme = ThemeCatalog.builtIn.first(where: { $0.name == name }) else {
            preconditionFailure("no built-in theme named \(name)")
        }
        return theme
    }
}
