import Foundation

/// Points stderr at a file while the console owns the terminal, and back afterwards.
///
/// Curses keeps a model of the screen; a stray line on stderr would land in the middle of it
/// and stay until the next full repaint. Log lines and a crash report go to the file instead
/// (kept when not empty, and named on stderr once the terminal is back).
final class ConsoleLog {
    let path: String
    private let saved: Int32
    private var restored = false

    init(path: String?) throws {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        self.path = path ?? "\(directory)/opsdeck-console-\(getpid()).log"
        let fd = open(self.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CLIError(.badInput, "cannot write the log file \(self.path): \(String(cString: strerror(errno)))") }
        saved = dup(STDERR_FILENO)
        dup2(fd, STDERR_FILENO)
        close(fd)
    }

    /// Gives stderr back to the terminal; removes the file when nothing was written and it was
    /// not asked for by name.
    func restore() {
        guard !restored else { return }
        restored = true
        dup2(saved, STDERR_FILENO)
        close(saved)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size == 0 {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            Self.say("opsdeck: console log: \(path)")
        }
    }

    deinit { restore() }

    /// Writes one line to stderr, ignoring failure: after SIGHUP the terminal may be gone
    /// (`write` then fails with EIO), and the stop goes on regardless.
    static func say(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
