/// A named mapping of every semantic role to a style.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for `role`; a role the theme leaves out falls back to `.text`, then plain.
    public func style(_ role: Role) -> Style {
        styles[role] ?? styles[.text] ?? .plain
    }

    /// This theme without colours (`NO_COLOR`, monochrome terminals): attributes only, with
    /// reverse video where a role relied on a background colour.
    public func withoutColor() -> Theme {
        var result: [Role: Style] = [:]
        for (role, style) in styles {
            var attributes = style.attributes
            if style.background != .default { attributes.insert(.reverse) }
            result[role] = Style(attributes: attributes)
        }
        return Theme(name: name, styles: result)
    }
}
