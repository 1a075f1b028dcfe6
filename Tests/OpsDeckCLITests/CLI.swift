import Foundation

/// Where the `opsdeck` binary under test is, and how to run it and `sqlite3`.
enum CLI {
    /// `$OPSDECK_BIN`, else `opsdeck` beside the running test executable.
    ///
    /// Under `swift test` on Linux the tests run in `.build/<triple>/<config>/OpsDeckPackageTests.xctest`,
    /// an executable beside `opsdeck`: `/proc/self/exe`, `CommandLine.arguments[0]` and
    /// `Bundle.main.bundleURL` (that directory itself) all lead there. On macOS the tests
    /// live in an `.xctest` bundle inside the build directory. `swift test` builds
    /// `opsdeck` first: the test target depends on the executable target.
    static let located: (url: URL?, tried: [String]) = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["OPSDECK_BIN"], !explicit.isEmpty {
            return (URL(fileURLWithPath: explicit), [explicit])
        }
        var directories: [URL] = []
        #if os(Linux)
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        #endif
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let first = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        var seen = Set<String>()
        let candidates = directories.map { $0.appendingPathComponent("opsdeck") }.filter { seen.insert($0.path).inserted }
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return (found, candidates.map(\.path))
    }()

    /// The `opsdeck` binary; throws naming the places tried when it is not there.
    static func binary() throws -> URL {
        guard let url = located.url, FileManager.default.isExecutableFile(atPath: url.path) else {
            throw LocateError(
                message: "opsdeck binary not found (set OPSDECK_BIN); tried: " + located.tried.joined(separator: ", "))
        }
        return url
    }

    /// `$SQLITE3_BIN`, else /usr/bin/sqlite3.
    static var sqlite3: URL {
        let path = ProcessInfo.processInfo.environment["SQLITE3_BIN"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/bin/sqlite3"
        return URL(fileURLWithPath: path)
    }

    /// The user every child process runs as unless a test says otherwise.
    static let defaultUser = "cli-test-user"

    /// The environment of a child: ours without `OPSDECK_DB`, `USER` fixed, then `overrides`,
    /// then `unsetting` removed.
    static func environment(_ overrides: [String: String], unsetting: Set<String> = []) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["OPSDECK_DB"] = nil
        environment["USER"] = defaultUser
        environment["TERM"] = "dumb"
        // No configuration file from the machine running the tests.
        environment["OPSDECK_CONFIG"] = nil
        environment["XDG_CONFIG_HOME"] = "/nonexistent/opsdeck-test-config"
        for (key, value) in overrides { environment[key] = value }
        for key in unsetting { environment[key] = nil }
        return environment
    }

    struct LocateError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// Runs `opsdeck ARGS --db DB` as a real process and waits for it.
///
/// `--db` is appended after `args` (every subcommand takes the global options). `stdin` is
/// fed to the process when given, else it reads /dev/null.
func opsdeck(
    _ args: [String], db: String?, stdin: String? = nil, env: [String: String] = [:], unsetting: Set<String> = [],
    directory: URL? = nil
) throws -> CLIRun {
    let arguments = args + (db.map { ["--db", $0] } ?? [])
    return try ProcessRunner.run(
        try CLI.binary(), arguments, stdin: stdin.map { Data($0.utf8) },
        environment: CLI.environment(env, unsetting: unsetting), directory: directory)
}

/// Runs `sqlite3 -bail DB SQL` (the statements in one argument) and waits for it. It waits up
/// to 10 s for a lock, as OpsDeck's own connections do: tests read databases that live
/// workers are writing, and a busy writer must not read as a failure.
func sqlite3(_ sql: String, db: String) throws -> CLIRun {
    try ProcessRunner.run(
        CLI.sqlite3, ["-bail", "-cmd", ".timeout 10000", db, sql], stdin: nil, environment: CLI.environment([:]), directory: nil)
}
