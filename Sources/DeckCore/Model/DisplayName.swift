import Foundation

/// The rules for names people read and tell apart: tenant names and operator names.
///
/// A name is kept in Unicode NFC, and refused when it could pass for another: invisible
/// format characters (zero-width space and joiners, word joiner, byte-order mark, bidi
/// controls), control characters, blank names, spaces at either end, or a leading combining
/// mark. Two names are the same name when their `lookalikeKey`s match: compatibility
/// forms folded (NFKC) and case ignored, so `ACME` and `acme` cannot both be tenants.
public enum DisplayName {
    /// `name` in NFC, or why it is refused; `what` names it in the error ("tenant name").
    public static func validate(_ name: String, what: String) throws(InvalidInput) -> String {
        let normalized = name.precomposedStringWithCanonicalMapping
        guard !normalized.isEmpty, normalized.count <= 100 else {
            throw InvalidInput("\(what) must be 1 to 100 characters")
        }
        let shown = TerminalText.sanitize(name)
        if let scalar = normalized.unicodeScalars.first(where: { TerminalText.needsEscape($0) || $0.properties.generalCategory == .format }) {
            let code = String(format: "U+%04X", scalar.value)
            throw InvalidInput("\(what) '\(shown)' contains an invisible or control character (\(code))")
        }
        if normalized.allSatisfy(\.isWhitespace) { throw InvalidInput("\(what) must not be blank") }
        if normalized.first!.isWhitespace || normalized.last!.isWhitespace {
            throw InvalidInput("\(what) '\(shown)' starts or ends with a space")
        }
        if let first = normalized.unicodeScalars.first, first.properties.generalCategory == .nonspacingMark
            || first.properties.generalCategory == .enclosingMark || first.properties.generalCategory == .spacingMark {
            throw InvalidInput("\(what) '\(shown)' starts with a combining mark")
        }
        return normalized
    }

    /// What two names must not share: NFKC, lower-cased.
    public static func lookalikeKey(_ name: String) -> String {
        name.precomposedStringWithCompatibilityMapping.lowercased()
    }
}
