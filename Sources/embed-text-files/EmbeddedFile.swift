import Foundation

/// One input file: its name without the folder, and its whole text.
struct EmbeddedFile: Sendable, Equatable {
    /// The file's last path component, such as `dark.yaml`.
    var name: String
    /// The file's text, exactly as its bytes decode as UTF-8.
    var text: String

    /// A file named `name` holding `text`.
    init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The files at `paths`: a file as itself, a folder as its files (not its subfolders,
    /// hidden files left out) whose extension is `fileExtension`, or all of them if nil.
    static func files(at paths: [String], fileExtension: String?) throws(EmbedError) -> [EmbeddedFile] {
        var files: [EmbeddedFile] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw EmbedError("no file or folder at \(path)")
            }
            guard isDirectory.boolValue else {
                files.append(try EmbeddedFile(contentsOfFile: path))
                continue
            }
            let folder = URL(fileURLWithPath: path, isDirectory: true)
            let entries: [URL]
            do {
                entries = try FileManager.default.contentsOfDirectory(
                    at: folder, includingPropertiesForKeys: [.isDirectoryKey], options: .skipsHiddenFiles)
            } catch {
                throw EmbedError("cannot list \(path): \(error.localizedDescription)")
            }
            for entry in entries where fileExtension.map({ entry.pathExtension == $0 }) ?? true {
                guard (try? entry.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory != true else { continue }
                files.append(try EmbeddedFile(contentsOfFile: entry.path))
            }
        }
        return files
    }

    /// The file at `path`, which must be UTF-8 text.
    init(contentsOfFile path: String) throws(EmbedError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EmbedError("cannot read \(path): \(error.localizedDescription)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw EmbedError("\(path) is not UTF-8 text")
        }
        self.init(name: URL(fileURLWithPath: path).lastPathComponent, text: text)
    }
}
