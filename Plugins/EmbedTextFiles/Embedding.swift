import Foundation

/// A folder of the package whose files one target embeds, and the enum that holds them.
struct Embedding: Sendable {
    /// What each target the plugin is applied to embeds, by target name.
    static let byTarget: [String: Embedding] = [
        // ThemeSource.builtIn: the built-in themes, `themes/*.yaml`.
        "DeckUI": Embedding(folder: "themes", fileExtension: "yaml", enumName: "BuiltInThemeFiles"),
        // PostgresMigrator: the PostgreSQL schema's migrations and roles, `db/postgres/*.sql`.
        "DeckPostgres": Embedding(folder: "db/postgres", fileExtension: "sql", enumName: "PostgresSchemaText"),
    ]

    /// The folder, relative to the package's root.
    var folder: String
    /// The extension of the files to embed, without the dot; other files are left out.
    var fileExtension: String
    /// The name of the generated enum (and of its Swift file).
    var enumName: String

    /// The files in `folder` that embed-text-files embeds: those ending in `fileExtension`,
    /// not in subfolders, hidden files left out.
    func files(in folder: URL) throws -> [URL] {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(
                at: folder, includingPropertiesForKeys: [.isDirectoryKey], options: .skipsHiddenFiles)
        } catch {
            throw EmbedTextFilesError("cannot list \(folder.path(percentEncoded: false)): \(error.localizedDescription)")
        }
        return entries
            .filter { $0.pathExtension == fileExtension }
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory != true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
