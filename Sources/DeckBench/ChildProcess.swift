import DeckTmux
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a child with a clean signal state and collects its standard output.
///
/// Foundation's `Process` hands the child the signal mask of the thread that starts it, and
/// the threads of a Swift program block most signals: a child started that way cannot be
/// stopped with SIGTERM (huey's consumer in `peers.sh` then never exits). This spawns with
/// every signal unblocked and at its default disposition, as a shell would.
enum ChildProcess {
    /// Runs `arguments[0]` (a path) with `arguments`; returns its exit status and output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw BenchFailure("cannot create a pipe: \(String(cString: strerror(errno)))") }
        defer { close(fds[0]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let spawned = spawn(arguments, environment: nil, actions: &actions)
        close(fds[1])
        let pid = try spawned.get()
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fds[0], &buffer, buffer.count)
            if count > 0 {
                output.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return (wait(pid), String(decoding: output, as: UTF8.self))
    }

    /// Starts `arguments[0]` with `arguments` and returns at once: standard output and error
    /// go to the file at `outputPath` (created or truncated), `environment` is added to this
    /// process's. Reap it with `wait(_:)`.
    static func start(_ arguments: [String], environment: [String: String], outputPath: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        return try spawn(arguments, environment: environment, actions: &actions).get()
    }

    /// Waits for `pid` to end; its exit status, or 128 + the signal that ended it.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exited = (status & 0x7F) == 0
        return exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// `posix_spawn` with every signal unblocked and at its default disposition.
    private static func spawn(
        _ arguments: [String], environment: [String: String]?, actions: inout posix_spawn_file_actions_t
    ) -> Result<pid_t, BenchFailure> {
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var envp: [UnsafeMutablePointer<CChar>?] = []
        if let environment {
            var merged = ProcessInfo.processInfo.environment
            merged.merge(environment) { _, new in new }
            envp = merged.map { strdup($0.key + "=" + $0.value) } + [nil]
        }
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = CleanSignalSpawn.withAttributes { attributes in
            envp.isEmpty
                ? posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
                : posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        }
        guard spawned == 0 else {
            return .failure(BenchFailure("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))"))
        }
        return .success(pid)
    }
}
