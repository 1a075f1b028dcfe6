import Foundation
import Synchronization
import Testing

/// An `opsdeck` process running beside the test: started, signalled, and awaited without
/// blocking a thread.
final class BackgroundProcess: Sendable {
    private let process: Process
    /// The exit status once known.
    private final class ExitState: Sendable {
        let state = Mutex<Int32?>(nil)
    }

    private let exit = ExitState()
    let logPath: String

    /// Starts `opsdeck ARGS --db DB`, its output going to a log file in `directory`.
    init(_ args: [String], db: String, directory: URL, name: String) throws {
        logPath = directory.appendingPathComponent("\(name)-\(UUID().uuidString).log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = try CLI.binary()
        process.arguments = args + ["--db", db]
        process.environment = CLI.environment([:])
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        self.process = process
        process.terminationHandler = { [exit] finished in
            exit.state.withLock { $0 = $0 ?? finished.terminationStatus }
        }
        try process.run()
        try? log.close()
    }

    var pid: Int32 { process.processIdentifier }

    /// Sends `signal` (SIGKILL, SIGTERM, …).
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// The exit status (or terminating signal) once the process has ended.
    ///
    /// Waits at most `limit`: then records an issue with the process's log, kills it and
    /// answers -1. If Foundation has not reported the end after 2 s, the process is reaped
    /// here (see `ChildExit`).
    func status(within limit: Duration = .seconds(180)) async -> Int32 {
        let started = ContinuousClock.now
        while true {
            if let status = exit.state.withLock({ $0 }) { return status }
            let waited = ContinuousClock.now - started
            if waited > .seconds(2), let status = ChildExit.reap(pid) {
                exit.state.withLock { $0 = $0 ?? status }
                return status
            }
            if waited > limit {
                Issue.record("process \(pid) (\(process.arguments?.first ?? "")) still running after \(limit); its log:\n\(log)")
                kill(pid, SIGKILL)
                _ = ChildExit.reap(pid)
                return -1
            }
            try? await Task.sleep(for: .milliseconds(waited < .seconds(1) ? 5 : 50))
        }
    }

    /// True once the process has ended.
    var hasEnded: Bool { exit.state.withLock { $0 != nil } }

    /// What the process wrote.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}
