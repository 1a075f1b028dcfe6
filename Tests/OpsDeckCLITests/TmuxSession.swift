import Foundation
import Testing

/// A console running in a real terminal: a private tmux server (its own socket), keys sent
/// with `send-keys`, the screen read with `capture-pane -p`.
final class TmuxSession {
    let socket = "opsdeck-test-\(UUID().uuidString.prefix(8))"
    let name = "console"

    static var tmux: URL? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].map(URL.init(fileURLWithPath:))
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Starts `command` (a shell command line) in a `width`×`height` terminal.
    init(command: String, width: Int, height: Int, directory: URL) throws {
        let run = try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "-c", directory.path, command])
        guard run.exitCode == 0 else { throw TmuxError("tmux new-session failed: \(run)") }
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    /// Runs one tmux command and waits for it with `waitpid`. Not Foundation's `Process`:
    /// the first call forks the tmux server, and `Process` then never notices the client's
    /// exit (it stays a zombie and the test hangs).
    @discardableResult
    func tmux(_ arguments: [String]) throws -> CLIRun {
        guard let tmux = Self.tmux else { throw TmuxError("tmux is not installed (apt-get install -y tmux)") }
        let argv = [tmux.path, "-L", socket, "-f", "/dev/null"] + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let environment = CLI.environment(["TERM": "xterm-256color"]).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        let spawned = posix_spawn(&pid, tmux.path, &actions, nil, cArguments, cEnvironment)
        guard spawned == 0 else { throw TmuxError("cannot start tmux: errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return CLIRun(
            command: argv.joined(separator: " "), exitCode: exited ? (status >> 8) & 0xff : -1, stdout: text, stderr: "",
            signalled: !exited)
    }

    /// Types keys as tmux names them (`Enter`, `Escape`, `j`), or literal text with `literal`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// The screen as text.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name]).stdout
    }

    /// Waits (up to `seconds`) until the screen satisfies `predicate`; returns that screen.
    @discardableResult
    func waitFor(
        _ what: String, seconds: Double = 15, sourceLocation: SourceLocation = #_sourceLocation,
        _ predicate: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxError("timed out waiting for \(what)")
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("'\(text)'", seconds: seconds, sourceLocation: sourceLocation) { $0.contains(text) }
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
