/// The result text stored on a succeeded envelope, cut to a size limit.
public enum ResultText {
    /// `text` cut to at most `limit` UTF-8 bytes on a character boundary, and whether it was cut.
    public static func truncate(_ text: String, limit: Int) -> (text: String, truncated: Bool) {
        guard text.utf8.count > limit else { return (text, false) }
        var cut = ""
        cut.reserveCapacity(limit)
        var used = 0
        for character in text {
            let size = character.utf8.count
            guard used + size <= limit else { break }
            cut.append(character)
            used += size
        }
        return (cut, true)
    }
}
