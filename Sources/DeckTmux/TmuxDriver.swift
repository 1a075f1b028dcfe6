import Foundation

/// Drives a program in a real terminal through a private tmux server: for `opsdeck bench
/// console`, which measures the console as an operator meets it.
public struct TmuxDriver {
    public let tmux: String
    public let socket = "opsdeck-\(UUID().uuidString.prefix(8))"
    public let session: String

    /// nil when tmux is not installed.
    public init?(session: String = "bench") {
        guard let path = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            return nil
        }
        tmux = path
        self.session = session
    }

    /// Runs one tmux command; returns its standard output, or nil when it failed. Waits with
    /// `waitpid` (the first command forks the server, which Foundation's `Process` mishandles).
    @discardableResult
    public func run(_ arguments: [String]) -> String? {
        let argv = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("opsdeck-tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of this process reaches tmux: the server it forks lives on, and would
        // hold every descriptor open here (database connections, pipes) until it exits.
        Self.closeFrom(3, in: &actions)
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        // The first command forks the server, which keeps the signal state it was spawned
        // with: from a dispatch thread (SIGTERM blocked) it ignored `kill-server` and outlived
        // its test with the console still running in it.
        var pid: pid_t = 0
        let spawned = CleanSignalSpawn.withAttributes { attributes in
            posix_spawn(&pid, tmux, &actions, &attributes, cArguments, cEnvironment)
        }
        guard spawned == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { return nil }
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34 and later), looked up at run time:
    /// Swift's Glibc module does not declare it. Without it, descriptors stay inherited.
    private static func closeFrom(_ first: Int32, in actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = Self.closeFromSymbol else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, first)
    }

    private nonisolated(unsafe) static let closeFromSymbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")

    public func start(_ command: String, width: Int, height: Int, directory: String? = nil) -> Bool {
        run(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height)]
            + (directory.map { ["-c", $0] } ?? []) + [command]) != nil
    }

    public func screen() -> String { run(["capture-pane", "-p", "-t", session]) ?? "" }

    public func send(_ keys: String...) { run(["send-keys", "-t", session] + keys) }

    /// The pid of the program started in the pane (the pane's first process).
    public func panePID() -> Int32? {
        run(["list-panes", "-t", session, "-F", "#{pane_pid}"]).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    public func stop() { run(["kill-server"]) }
}
