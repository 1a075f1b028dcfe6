import DeckCore
import Foundation
import Testing

/// One test's private directory and database, removed when the test is done.
///
/// Every `run` passes `--db` and (unless told otherwise) `--operator alice`, and starts the
/// process in the sandbox directory, so nothing outside it can be touched.
final class Sandbox: Sendable {
    /// The operator every command acts as unless a test names another.
    static let operatorName = "alice"

    let directory: URL
    /// The database path every command gets.
    let db: String

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("opsdeck-cli-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        db = directory.appendingPathComponent("deck.sqlite").path
    }

    /// A sandbox whose database starts as a copy of `template`.
    convenience init(_ template: Template) throws {
        try self.init()
        try template.copy(to: db)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Running

    /// `opsdeck ARGS --db DB [--operator NAME]` in the sandbox directory.
    func run(
        _ args: [String], db: String? = nil, stdin: String? = nil, env: [String: String] = [:],
        unsetting: Set<String> = [], operator: String? = Sandbox.operatorName
    ) throws -> CLIRun {
        try opsdeck(
            args + (`operator`.map { ["--operator", $0] } ?? []), db: db ?? self.db, stdin: stdin, env: env,
            unsetting: unsetting, directory: directory)
    }

    /// Runs a command that must succeed; records the run when it does not.
    @discardableResult
    func ok(
        _ args: [String], stdin: String? = nil, operator: String? = Sandbox.operatorName,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CLIRun {
        let run = try run(args, stdin: stdin, operator: `operator`)
        #expect(run.exitCode == 0 && !run.signalled, "\(run)", sourceLocation: sourceLocation)
        #expect(run.stderr.isEmpty, "\(run)", sourceLocation: sourceLocation)
        return run
    }

    /// Runs `migrate`, which must succeed.
    func migrate(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ok(["migrate"], sourceLocation: sourceLocation)
    }

    /// Adds a tenant and returns its id (the one line `tenant add` prints).
    func addTenant(_ name: String, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try ok(["tenant", "add", name] + extra, sourceLocation: sourceLocation)
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Submits one envelope and returns its id.
    func submit(
        tenant: String, tool: String = "GMAIL_SEND_EMAIL", args: String = "{}", risk: String? = nil,
        _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Int64 {
        let run = try ok(
            ["envelope", "submit", "--tenant", tenant, "--tool", tool, "--args", args] + (risk.map { ["--risk", $0] } ?? [])
                + extra, sourceLocation: sourceLocation)
        let id = Int64(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(id != nil, "\(run)", sourceLocation: sourceLocation)
        return id ?? -1
    }

    // MARK: - Files

    /// The absolute path of `name` inside the sandbox.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes `text` to `name` in the sandbox and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The bytes of a file, or nil when there is none.
    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The names in the sandbox directory, sorted.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    // MARK: - Looking inside with sqlite3

    /// Runs SQL on the database with the sqlite3 CLI.
    func sqlite(_ sql: String, db: String? = nil) throws -> CLIRun {
        try sqlite3(sql, db: db ?? self.db)
    }

    /// Runs SQL that must succeed and returns its output, trimmed.
    @discardableResult
    func sql(_ sql: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try sqlite(sql)
        #expect(run.exitCode == 0 && run.stderr.isEmpty, "\(run)", sourceLocation: sourceLocation)
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `SELECT count(*) FROM table [WHERE …]`.
    func count(_ table: String, where condition: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let text = try sql(
            "SELECT count(*) FROM \(table)" + (condition.map { " WHERE \($0)" } ?? ""), sourceLocation: sourceLocation)
        return Int(text) ?? -1
    }

    /// The stored status of an envelope.
    func status(of id: Int64) throws -> String {
        try sql("SELECT status FROM outbox WHERE id = \(id)")
    }

    /// The stored tool arguments of an envelope, parsed.
    func storedArguments(_ id: Int64) throws -> JSONValue {
        try JSONValue(parsing: try sql("SELECT envelope FROM outbox WHERE id = \(id)"))
    }

    /// Puts envelopes into `status` behind the CLI's back (there is no worker yet).
    func force(_ status: String, ids: [Int64], set extra: String = "") throws {
        let list = ids.map(String.init).joined(separator: ",")
        try sql("UPDATE outbox SET status = '\(status)'\(extra.isEmpty ? "" : ", " + extra) WHERE id IN (\(list))")
    }

    /// The whole database as SQL text: equal snapshots mean equal contents (WAL included).
    func snapshot(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try sqlite(".dump")
        #expect(run.exitCode == 0 && run.stderr.isEmpty, "\(run)", sourceLocation: sourceLocation)
        return run.stdout
    }

    /// The last audit rows, oldest first, as `audit tail --json` prints them.
    func auditTail(_ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONValue] {
        try ok(["audit", "tail", "--json"] + extra, sourceLocation: sourceLocation).jsonLines()
    }

    // MARK: - Refusals

    /// Runs a command that must be refused: exit `exitCode`, one error line naming every
    /// `mentioning` fragment, nothing on stdout, and the database exactly as before.
    @discardableResult
    func expectRejected(
        _ args: [String], exitCode: Int32, mentioning fragments: [String] = [], stdin: String? = nil,
        env: [String: String] = [:], operator: String? = Sandbox.operatorName,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CLIRun {
        let before = try snapshot(sourceLocation: sourceLocation)
        let run = try run(args, stdin: stdin, env: env, operator: `operator`)
        expectErrorLine(run, exitCode: exitCode, mentioning: fragments, sourceLocation: sourceLocation)
        let after = try snapshot(sourceLocation: sourceLocation)
        #expect(after == before, "database changed by a refused command\n\(run)", sourceLocation: sourceLocation)
        return run
    }
}
