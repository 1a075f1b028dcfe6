import Foundation
import Yams

/// Reads a theme file: a palette of named colours, then the semantic roles mapped onto it.
///
/// ```yaml
/// name: dark
/// palette:
///   fg: 252
///   accent: 81
///   danger: "#ff5f5f"
///   panel: 236
/// roles:
///   text: {}
///   header: { fg: fg, bg: panel, attrs: [bold] }
///   selection: { fg: black, bg: accent }
/// ```
///
/// - `name` (required): the theme's name, one line of at most 64 characters.
/// - `palette` (optional): names for colours. A value is an integer 0–255, an ANSI name
///   (`black red green yellow blue magenta cyan white`, and `bright-black` … `bright-white`
///   for 8–15), `default` (the terminal's own colour), or `"#rrggbb"` (quoted, since an
///   unquoted `#` starts a YAML comment), which becomes the nearest xterm-256 colour.
/// - `roles` (optional): for each `Role` by its raw value, a mapping with `fg` and `bg`
///   (a palette name, or any literal the palette accepts; palette names win) and `attrs`
///   (a list of `bold dim italic underline reverse`). A role left out looks like `text`.
///
/// Anything else is refused with a `ThemeError` naming the line and key. The parser only
/// walks the shapes above, so no input, however deep or strange, makes it crash.
public enum ThemeParser {
    /// The top-level keys a theme file may have.
    static let topLevelKeys = ["name", "palette", "roles"]
    /// The keys a role's mapping may have.
    static let roleKeys = ["fg", "bg", "attrs"]
    /// The attribute names `attrs` accepts, in the order messages list them.
    static let attributeNames: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
    ]
    /// The longest theme name accepted.
    static let maximumNameLength = 64

    /// The theme `yaml` describes; `source` names it in errors (usually the file's name).
    public static func parse(_ yaml: String, source: String) throws(ThemeError) -> Theme {
        var reader = Reader(source: source)
        return try reader.theme(from: yaml)
    }
}

/// One parse: the source name for errors, and the palette once it is read.
private struct Reader {
    let source: String
    var palette: [String: Color] = [:]

    init(source: String) {
        self.source = source
    }

    func error(_ node: Node?, _ key: String?, _ message: String) -> ThemeError {
        ThemeError(source: source, line: node.flatMap(Reader.line(of:)), key: key, message: message)
    }

    static func line(of node: Node) -> Int? {
        guard let line = node.mark?.line, line > 0 else { return nil }
        return line
    }

    // MARK: Document

    mutating func theme(from yaml: String) throws(ThemeError) -> Theme {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw yamlFailure(error, yaml: yaml)
        }
        guard let root, !Reader.isNull(root) else {
            throw ThemeError(source: source, line: 1, key: nil,
                             message: "the file is empty; expected a mapping with name, palette and roles")
        }
        guard let top = root.mapping else {
            throw error(root, nil, "expected a mapping with name, palette and roles, found \(Reader.describe(root))")
        }

        var name: String?
        var paletteNode: Node?
        var rolesNode: Node?
        var seen: Set<String> = []
        for (keyNode, value) in top {
            let key = try keyName(keyNode, path: nil)
            guard seen.insert(key).inserted else { throw error(keyNode, key, "duplicate key") }
            switch key {
            case "name": name = try themeName(value)
            case "palette": paletteNode = value
            case "roles": rolesNode = value
            default:
                throw error(keyNode, key, "unknown key (expected \(ThemeParser.topLevelKeys.joined(separator: ", ")))")
            }
        }
        guard let name else {
            throw error(root, "name", "missing; every theme needs a name")
        }
        if let paletteNode { try readPalette(paletteNode) }
        var styles: [Role: Style] = [:]
        if let rolesNode { styles = try readRoles(rolesNode) }
        return Theme(name: name, styles: styles)
    }

    func themeName(_ node: Node) throws(ThemeError) -> String {
        guard let text = node.scalar?.string, !Reader.isNull(node),
              !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(node, "name", "expected the theme's name, found \(Reader.describe(node))")
        }
        guard text.count <= ThemeParser.maximumNameLength, ThemeError.singleLine(text) == text else {
            throw error(node, "name",
                        "expected a name of one line and at most \(ThemeParser.maximumNameLength) characters")
        }
        return text
    }

    // MARK: Palette

    mutating func readPalette(_ node: Node) throws(ThemeError) {
        if Reader.isNull(node) { return }
        guard let mapping = node.mapping else {
            throw error(node, "palette", "expected a mapping of colour names to colours, found \(Reader.describe(node))")
        }
        for (keyNode, value) in mapping {
            let name = try keyName(keyNode, path: "palette")
            let path = "palette.\(name)"
            guard palette[name] == nil else { throw error(keyNode, path, "duplicate colour name") }
            guard let text = value.scalar?.string, !Reader.isNull(value) else {
                throw error(value, path, missingOrWrongColour(value))
            }
            switch ThemeColorLiteral(text) {
            case .color(let color): palette[name] = color
            case .outOfRange: throw error(value, path, "colour \(ThemeError.quoted(text)) is out of range 0-255")
            case .badHex: throw error(value, path, Reader.badHexMessage(text))
            case .notALiteral:
                throw error(value, path,
                            "unknown colour \(ThemeError.quoted(text)) (expected 0-255, an ANSI name, default or \"#rrggbb\")")
            }
        }
    }

    // MARK: Roles

    func readRoles(_ node: Node) throws(ThemeError) -> [Role: Style] {
        if Reader.isNull(node) { return [:] }
        guard let mapping = node.mapping else {
            throw error(node, "roles", "expected a mapping of roles to styles, found \(Reader.describe(node))")
        }
        var styles: [Role: Style] = [:]
        for (keyNode, value) in mapping {
            let name = try keyName(keyNode, path: "roles")
            let path = "roles.\(name)"
            guard let role = Role(rawValue: name) else {
                var message = "unknown role \(ThemeError.quoted(name))"
                if let near = Role.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) {
                    message += "; did you mean '\(near.rawValue)'?"
                }
                throw error(keyNode, path, message)
            }
            guard styles[role] == nil else { throw error(keyNode, path, "duplicate role") }
            styles[role] = try readStyle(value, path: path)
        }
        return styles
    }

    func readStyle(_ node: Node, path: String) throws(ThemeError) -> Style {
        guard let mapping = node.mapping else {
            throw error(node, path,
                        "expected a mapping like { fg: ..., bg: ..., attrs: [...] }, found \(Reader.describe(node))")
        }
        var style = Style()
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            let key = try keyName(keyNode, path: path)
            let keyPath = "\(path).\(key)"
            guard seen.insert(key).inserted else { throw error(keyNode, keyPath, "duplicate key") }
            switch key {
            case "fg": style.foreground = try colour(value, path: keyPath)
            case "bg": style.background = try colour(value, path: keyPath)
            case "attrs": style.attributes = try attributes(value, path: keyPath)
            default:
                throw error(keyNode, keyPath, "unknown key (expected \(ThemeParser.roleKeys.joined(separator: ", ")))")
            }
        }
        return style
    }

    func colour(_ node: Node, path: String) throws(ThemeError) -> Color {
        guard let text = node.scalar?.string, !Reader.isNull(node) else {
            throw error(node, path, missingOrWrongColour(node))
        }
        if let named = palette[text] { return named }
        switch ThemeColorLiteral(text) {
        case .color(let color): return color
        case .outOfRange: throw error(node, path, "colour \(ThemeError.quoted(text)) is out of range 0-255")
        case .badHex: throw error(node, path, Reader.badHexMessage(text))
        case .notALiteral: throw error(node, path, "unknown palette colour \(ThemeError.quoted(text))")
        }
    }

    func attributes(_ node: Node, path: String) throws(ThemeError) -> TextAttributes {
        let items: [Node]
        if let sequence = node.sequence {
            items = Array(sequence)
        } else if node.scalar != nil, !Reader.isNull(node) {
            items = [node]  // `attrs: bold` is read as `attrs: [bold]`
        } else {
            throw error(node, path, "expected a list like [bold, underline], found \(Reader.describe(node))")
        }
        var result: TextAttributes = []
        for item in items {
            guard let text = item.scalar?.string, !Reader.isNull(item) else {
                throw error(item, path, "expected an attribute name, found \(Reader.describe(item))")
            }
            guard let attribute = ThemeParser.attributeNames.first(where: { $0.0 == text })?.1 else {
                let known = ThemeParser.attributeNames.map(\.0).joined(separator: ", ")
                throw error(item, path, "unknown attribute \(ThemeError.quoted(text)) (expected \(known))")
            }
            result.insert(attribute)
        }
        return result
    }

    // MARK: Helpers

    /// A mapping key as a name; keys that are lists or mappings are refused.
    func keyName(_ node: Node, path: String?) throws(ThemeError) -> String {
        guard let text = node.scalar?.string else {
            throw error(node, path, "expected a plain name as key, found \(Reader.describe(node))")
        }
        guard ThemeError.singleLine(text) == text, text.count <= 100 else {
            throw error(node, path, "expected a plain name as key, found \(ThemeError.quoted(text))")
        }
        return text
    }

    func missingOrWrongColour(_ node: Node) -> String {
        if Reader.isNull(node) {
            return "missing colour (a hex colour must be quoted: \"#rrggbb\")"
        }
        return "expected a colour (0-255, an ANSI name, default or \"#rrggbb\"), found \(Reader.describe(node))"
    }

    static func badHexMessage(_ text: String) -> String {
        "bad hex colour \(ThemeError.quoted(text)) (expected \"#rrggbb\")"
    }

    /// A YAML null: an empty value, `~` or `null` written without quotes.
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// What a node is, for "found …" in messages.
    static func describe(_ node: Node) -> String {
        if node.mapping != nil { return "a mapping" }
        if node.sequence != nil { return "a list" }
        if isNull(node) { return "nothing" }
        if let text = node.scalar?.string { return ThemeError.quoted(text) }
        return "an alias"
    }

    // MARK: YAML syntax errors

    /// A Yams error as one line: `not valid YAML: <problem>` at the line libyaml reports.
    func yamlFailure(_ failure: any Error, yaml: String) -> ThemeError {
        guard let yamlError = failure as? YamlError else {
            return ThemeError(source: source, line: nil, key: nil,
                              message: "not valid YAML: \(Reader.firstLine(String(describing: failure)))")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's context ("while parsing a flow node") then its problem.
            let words = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
            return ThemeError(source: source, line: mark.line > 0 ? mark.line : nil, key: nil,
                              message: "not valid YAML: \(words.joined(separator: ", "))")
        case .reader(let problem, let offset, _, _):
            return ThemeError(source: source, line: offset.map { Reader.line(atByteOffset: $0, in: yaml) }, key: nil,
                              message: "not valid YAML: \(problem)")
        default:
            // Cases only some Yams versions have, such as 6.x's duplicated keys: the mark
            // and the duplicated names are found by reflection, whatever the case looks like.
            let line = Reader.reflectedMark(in: yamlError).flatMap { $0.line > 0 ? $0.line : nil }
            if let duplicates = Reader.reflectedStrings(labelled: "duplicates", in: yamlError), !duplicates.isEmpty {
                let names = duplicates.map { ThemeError.quoted($0) }.joined(separator: ", ")
                return ThemeError(source: source, line: line, key: nil,
                                  message: "not valid YAML: duplicate key \(names)")
            }
            return ThemeError(source: source, line: line, key: nil,
                              message: "not valid YAML: \(Reader.firstLine(yamlError.description))")
        }
    }

    static func line(atByteOffset offset: Int, in yaml: String) -> Int {
        let prefix = yaml.utf8.prefix(max(0, offset))
        return 1 + prefix.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(whereSeparator: \.isNewline).first ?? "")
    }

    static func reflectedMark(in value: Any, depth: Int = 0) -> Mark? {
        if let mark = value as? Mark { return mark }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let mark = reflectedMark(in: child.value, depth: depth + 1) { return mark }
        }
        return nil
    }

    static func reflectedStrings(labelled label: String, in value: Any, depth: Int = 0) -> [String]? {
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: value).children {
            if child.label == label, let strings = child.value as? [String] { return strings }
            if let found = reflectedStrings(labelled: label, in: child.value, depth: depth + 1) { return found }
        }
        return nil
    }
}
