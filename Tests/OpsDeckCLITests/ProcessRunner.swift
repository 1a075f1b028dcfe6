import Foundation

/// Runs a program to completion with its streams going through files.
///
/// Files rather than pipes: nothing can deadlock on a full pipe buffer, however much the
/// child writes, and a child started concurrently by another test cannot inherit the write
/// end of one of our pipes and keep it open.
enum ProcessRunner {
    static func run(
        _ executable: URL, _ arguments: [String], stdin: Data?, environment: [String: String], directory: URL?
    ) throws -> CLIRun {
        let files = FileManager.default
        let scratch = files.temporaryDirectory.appendingPathComponent("opsdeck-cli-io-\(UUID().uuidString)")
        try files.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: scratch) }

        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        let inURL = scratch.appendingPathComponent("stdin")
        try (stdin ?? Data()).write(to: inURL)
        _ = files.createFile(atPath: outURL.path, contents: nil)
        _ = files.createFile(atPath: errURL.path, contents: nil)

        let input = try FileHandle(forReadingFrom: stdin == nil ? URL(fileURLWithPath: "/dev/null") : inURL)
        let output = try FileHandle(forWritingTo: outURL)
        let errors = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            try? input.close()
            try? output.close()
            try? errors.close()
            throw error
        }
        let status = ChildExit.wait(process, limit: .seconds(600))
        try? input.close()
        try? output.close()
        try? errors.close()

        let command = ([executable.path] + arguments).map(quote).joined(separator: " ")
        return CLIRun(
            command: command, exitCode: status ?? -1,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            signalled: status == nil || (!process.isRunning && process.terminationReason == .uncaughtSignal))
    }

    /// Shell-style quoting, for messages only.
    private static func quote(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_./=:@,".unicodeScalars.contains($0)
        }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
