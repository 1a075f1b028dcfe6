import Foundation

// embed-text-files --output <file.swift> --enum <Name> [--extension <ext>] <file or folder>...
//
// Writes one Swift file that declares `enum <Name>` holding the name and the text of each
// input file, in file-name order, so a target can carry data files inside its binary
// without resource bundles. A folder stands for its files (with the extension, if given),
// listed when the tool runs. The EmbedTextFiles build tool plugin runs it.

/// Prints `message` to standard error, for the build log, and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("embed-text-files: \(message)\n".utf8))
    exit(1)
}

let invocation: Invocation
do {
    invocation = try Invocation(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error.message)\n\(Invocation.usage)")
}

do {
    let files = try EmbeddedFile.files(at: invocation.inputPaths, fileExtension: invocation.fileExtension)
    let source = try EmbeddedFilesSource(enumName: invocation.enumName, files: files)
    do {
        try Data(source.text.utf8).write(to: URL(fileURLWithPath: invocation.outputPath), options: .atomic)
    } catch {
        throw EmbedError("cannot write \(invocation.outputPath): \(error.localizedDescription)")
    }
} catch let error as EmbedError {
    fail(error.message)
} catch {
    fail("\(error)")
}
