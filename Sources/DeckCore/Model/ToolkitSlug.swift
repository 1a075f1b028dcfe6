/// Rules for Composio toolkit slugs (`gmail`) and tool versions (`20250101_00`).
public enum ToolkitSlug {
    /// The toolkit slug lower-cased; refused unless it is 1–64 of `a–z 0–9 _ -`.
    public static func normalize(_ text: String) throws(InvalidInput) -> String {
        let slug = asciiCased(text, upper: false)
        let scalars = slug.unicodeScalars
        guard (1...64).contains(scalars.count),
              scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
        else {
            throw InvalidInput("invalid toolkit '\(TerminalText.sanitize(text))' (expected letters, digits, '_' or '-', like gmail)")
        }
        return slug
    }

    /// True for `latest` and for Composio's `YYYYMMDD_NN` versions.
    public static func isVersion(_ text: String) -> Bool {
        if text == "latest" { return true }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 11, scalars[8] == "_" else { return false }
        return scalars.enumerated().allSatisfy { index, scalar in index == 8 || ("0"..."9").contains(scalar) }
    }

    /// `text` with ASCII letters changed to one case and everything else untouched, so that
    /// no non-ASCII character can case-map into a valid slug (`ſ` → `S`, `K` → `k`).
    static func asciiCased(_ text: String, upper: Bool) -> String {
        let (from, to): (ClosedRange<UInt8>, Int) = upper ? (UInt8(ascii: "a")...UInt8(ascii: "z"), -32) : (UInt8(ascii: "A")...UInt8(ascii: "Z"), 32)
        guard text.utf8.contains(where: from.contains) else { return text }
        return String(decoding: text.utf8.map { from.contains($0) ? UInt8(Int($0) + to) : $0 }, as: UTF8.self)
    }
}
