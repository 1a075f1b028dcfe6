/// The command line of `embed-text-files`: where to write, the enum to declare, what to embed.
struct Invocation: Sendable, Equatable {
    /// How the tool is run, printed after an error.
    static let usage = "usage: embed-text-files --output <file.swift> --enum <Name> [--extension <ext>] <file or folder>..."

    /// The Swift file to write; it is replaced whole.
    var outputPath: String
    /// The name of the enum the Swift file declares.
    var enumName: String
    /// The files to embed and the folders whose files to embed, in the order given (the
    /// output sorts the files by name).
    var inputPaths: [String]
    /// The extension, without the dot, of the files a folder contributes; nil for all of them.
    var fileExtension: String?

    /// The invocation `arguments` (without the program's name) describe.
    ///
    /// `--output` and `--enum` are required and `--extension` optional, each at most once;
    /// every other argument is an input file or folder, and `--` ends the options so an
    /// input may start with a dash.
    init(arguments: [String]) throws(EmbedError) {
        var outputPath: String?
        var enumName: String?
        var fileExtension: String?
        var inputPaths: [String] = []
        var remaining = arguments[...]
        var optionsEnded = false
        while let argument = remaining.popFirst() {
            if optionsEnded || !argument.hasPrefix("-") {
                inputPaths.append(argument)
                continue
            }
            switch argument {
            case "--":
                optionsEnded = true
            case "--output", "--enum", "--extension":
                guard let value = remaining.popFirst() else { throw EmbedError("\(argument) needs a value") }
                let previous: String?
                switch argument {
                case "--output": (previous, outputPath) = (outputPath, value)
                case "--enum": (previous, enumName) = (enumName, value)
                default: (previous, fileExtension) = (fileExtension, value)
                }
                guard previous == nil else { throw EmbedError("\(argument) given twice") }
            default:
                throw EmbedError("unknown option \(argument)")
            }
        }
        guard let outputPath else { throw EmbedError("no --output") }
        guard let enumName else { throw EmbedError("no --enum") }
        guard Self.isIdentifier(enumName) else { throw EmbedError("--enum \(enumName) is not a Swift type name") }
        self.outputPath = outputPath
        self.enumName = enumName
        self.inputPaths = inputPaths
        self.fileExtension = fileExtension
    }

    /// Whether `name` is a plain Swift identifier: ASCII letters, digits and underscores,
    /// not starting with a digit.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
        }
    }
}
