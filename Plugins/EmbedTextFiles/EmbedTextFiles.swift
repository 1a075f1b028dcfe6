import Foundation
import PackagePlugin

/// Embeds a folder of text files in a target at build time: `embed-text-files` writes one
/// Swift file declaring an enum that holds each file's name and text, so the texts live in
/// the binary and no resource bundle is needed beside it.
///
/// Which folder and enum belong to which target is `Embedding.byTarget`. The command's
/// inputs are the folder itself, whose modification time changes when a file is added or
/// removed, and each of its files found when the build is planned, so editing one of them
/// reruns the tool; the tool lists the folder again when it runs, so a file added since
/// is embedded too.
///
/// SwiftPM plans a build again only when `Package.swift` or a target's list of files
/// changes, and the folder is in no target. Until it does, a file added since is embedded
/// but later edits to it go unnoticed, and a file removed since stops the build with
/// "missing inputs". Touching `Package.swift` makes it plan again.
@main
struct EmbedTextFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let embedding = Embedding.byTarget[target.name] else {
            throw EmbedTextFilesError("EmbedTextFiles has no folder to embed in target \(target.name); add one to Embedding.byTarget")
        }
        let folder = context.package.directoryURL.appending(path: embedding.folder, directoryHint: .isDirectory)
        let files = try embedding.files(in: folder)
        let output = context.pluginWorkDirectoryURL.appending(path: embedding.enumName + ".swift")
        return [
            .buildCommand(
                displayName: "Embedding the .\(embedding.fileExtension) files in \(target.name) as \(embedding.enumName)",
                executable: try context.tool(named: "embed-text-files").url,
                arguments: [
                    "--output", output.path(percentEncoded: false),
                    "--enum", embedding.enumName,
                    "--extension", embedding.fileExtension,
                    "--", folder.path(percentEncoded: false),
                ],
                inputFiles: [folder] + files,
                outputFiles: [output]
            ),
        ]
    }
}
