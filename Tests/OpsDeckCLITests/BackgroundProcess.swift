import Foundation
import Synchronization

/// An `opsdeck` process running beside the test: started, signalled, and awaited without
/// blocking a thread.
final class BackgroundProcess: Sendable {
    private let process: Process
    /// The exit status once known, and who waits for it.
    private final class ExitState: Sendable {
        let state = Mutex<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))
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
            let waiters = exit.state.withLock { state -> [CheckedContinuation<Int32, Never>] in
                state.status = finished.terminationStatus
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: finished.terminationStatus) }
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
    func status() async -> Int32 {
        await withCheckedContinuation { continuation in
            let known = exit.state.withLock { state -> Int32? in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
    }

    /// True once the process has ended.
    var hasEnded: Bool { exit.state.withLock { $0.status != nil } }

    /// What the process wrote.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}
