import Foundation
import Testing
import DeckTmux

/// A console running in a real terminal: a private tmux server (its own socket), keys sent
/// with `send-keys`, the screen read with `capture-pane -p`.
final class TmuxSession {
    let driver: TmuxDriver
    var name: String { driver.session }

    /// Starts `command` (a shell command line) in a `width`×`height` terminal.
    init(command: String, width: Int, height: Int, directory: URL) throws {
        guard let driver = TmuxDriver(session: "console") else { throw TmuxError("tmux is not installed (apt-get install -y tmux)") }
        self.driver = driver
        guard driver.start(command, width: width, height: height, directory: directory.path) else {
            throw TmuxError("tmux new-session failed")
        }
    }

    deinit {
        driver.stop()
    }

    /// Runs one tmux command on this session's server.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> CLIRun {
        let output = driver.run(arguments)
        return CLIRun(
            command: "tmux " + arguments.joined(separator: " "), exitCode: output == nil ? 1 : 0, stdout: output ?? "",
            stderr: "", signalled: false)
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
        // One last look, in case this thread was starved past the deadline.
        last = try screen()
        if predicate(last) { return last }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxError("timed out waiting for \(what)")
    }

    /// Returns the screen once the console has handled every key sent before: it opens the
    /// help with `?` and closes it again, and keys are handled in order. A fixed sleep is no
    /// such barrier on a loaded machine. Only for the main views, where `?` opens the help.
    @discardableResult
    func afterKeysHandled(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try send("?")
        try waitFor("the help (opened with ?)", sourceLocation: sourceLocation) { $0.contains("first row (newest)") }
        try send("?")
        return try waitFor("the help closed again", sourceLocation: sourceLocation) { !$0.contains("first row (newest)") }
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
