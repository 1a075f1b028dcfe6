import Foundation
import Testing

/// A database built once per test process through the CLI, then copied into every test's
/// sandbox: each test still owns its own file, but the setup processes run only once.
///
/// Declare one as a `static let` (built lazily, once, by whichever test needs it first);
/// `values` carries what the build learned, such as tenant ids.
struct Template: Sendable {
    /// The built database file, checkpointed: no -wal beside it.
    private let path: String?
    private let failure: String?
    private let values: [String: String]

    /// Builds the template in a scratch sandbox with `build`, which returns named values.
    init(_ name: String, build: (Sandbox) throws -> [String: String] = { _ in [:] }) {
        do {
            let scratch = try Sandbox()
            let values = try build(scratch)
            // The sqlite3 CLI is the last connection to close: it checkpoints the WAL into
            // the main file and removes it, so copying the one file copies everything.
            let check = try scratch.sqlite("PRAGMA integrity_check")
            guard check.exitCode == 0, check.stdout == "ok\n" else { throw TemplateError(message: "\(check)") }
            let target = try Self.root().appendingPathComponent("\(name)-\(UUID().uuidString).sqlite").path
            try FileManager.default.copyItem(atPath: scratch.db, toPath: target)
            (self.path, self.failure, self.values) = (target, nil, values)
        } catch {
            (self.path, self.failure, self.values) = (nil, "template '\(name)' could not be built: \(error)", [:])
        }
    }

    /// Copies the database to `db`.
    func copy(to db: String) throws {
        guard let path else { throw TemplateError(message: failure ?? "template missing") }
        try FileManager.default.copyItem(atPath: path, toPath: db)
    }

    /// A value the build returned.
    func value(_ key: String) throws -> String {
        guard let value = values[key] else { throw TemplateError(message: failure ?? "template has no value '\(key)'") }
        return value
    }

    struct TemplateError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// One directory per test process for all templates, removed when the process exits.
    private static let rootResult: Result<URL, TemplateError> = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("opsdeck-cli-templates-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            return .failure(TemplateError(message: "cannot create \(url.path): \(error)"))
        }
        atexit { if case .success(let url) = Template.rootResult { try? FileManager.default.removeItem(at: url) } }
        return .success(url)
    }()

    private static func root() throws -> URL { try rootResult.get() }

    /// A migrated database with no rows.
    static let migrated = Template("migrated") { sandbox in
        try sandbox.migrate()
        return [:]
    }
}
