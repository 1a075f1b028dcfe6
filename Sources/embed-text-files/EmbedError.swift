/// Why `embed-text-files` wrote nothing: a bad command line or an input it cannot embed.
struct EmbedError: Error {
    /// One line for the build log, naming the file or argument at fault.
    var message: String

    /// An error saying `message`.
    init(_ message: String) {
        self.message = message
    }
}
