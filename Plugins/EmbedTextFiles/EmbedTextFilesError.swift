/// Why the plugin planned no command: a target it has no folder for, or a folder it cannot list.
struct EmbedTextFilesError: Error, CustomStringConvertible {
    /// One line for the build log.
    var description: String

    /// An error saying `description`.
    init(_ description: String) {
        self.description = description
    }
}
