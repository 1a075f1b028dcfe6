#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import DeckCore
import Synchronization

/// The file in which the simulated external system remembers every action it performed.
///
/// One line per performed action: `<envelope id>\t<idempotency key>\t<attempt>\t<ISO-8601 time>\n`.
/// The file is opened once, lazily, with `O_APPEND|O_CREAT|O_WRONLY`, and each line goes
/// out in a single `write(2)`: appends of that size are atomic, so lines from many tasks
/// and many processes sharing the file never interleave. `write(2)` has returned before
/// `append` does, so the line is in the kernel's page cache and survives the process being
/// killed the moment it answers (not a power cut: there is no `fsync`).
final class SimulatorLedger: Sendable {
    /// Where the ledger lives.
    let path: String
    /// The open descriptor, or -1 before the first use.
    private let descriptor = Mutex<Int32>(-1)

    /// A ledger at `path`; nothing is opened until the first line or `open()`.
    init(path: String) {
        self.path = path
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { _ = close(fd) }
        }
    }

    /// Opens (creating when missing) the file now; a one-line reason when it cannot.
    @discardableResult
    func open() throws(InvalidInput) -> Int32 {
        try descriptor.withLock { fd throws(InvalidInput) -> Int32 in
            if fd >= 0 { return fd }
            let opened = path.withCString { Self.openForAppend($0) }
            guard opened >= 0 else {
                throw InvalidInput("cannot open the simulator ledger \(path): \(Self.lastError())")
            }
            fd = opened
            return opened
        }
    }

    /// Appends one line for a performed action; returns once `write(2)` has completed.
    func append(envelopeID: EnvelopeID, idempotencyKey: String, attempt: Int, at instant: Timestamp)
        throws(ProviderError)
    {
        let fd: Int32
        do {
            fd = try open()
        } catch {
            throw ProviderError(.permanent, error.message)
        }
        var line = Self.line(envelopeID: envelopeID, idempotencyKey: idempotencyKey, attempt: attempt, at: instant)
        // The descriptor stays open while `self` lives, and callers hold `self`: writing
        // outside the lock is safe, and O_APPEND keeps concurrent lines whole.
        let failure: String? = line.withUTF8 { bytes -> String? in
            guard var base = bytes.baseAddress else { return nil }
            var remaining = bytes.count
            while remaining > 0 {
                let written = systemWrite(fd, base, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return Self.lastError()
                }
                base += written
                remaining -= written
            }
            return nil
        }
        if let failure {
            throw ProviderError(.retryable, "cannot write the simulator ledger \(path): \(failure)")
        }
    }

    /// The ledger line for one action; control characters in the key become `?` so a line
    /// always has exactly four tab-separated fields.
    static func line(envelopeID: EnvelopeID, idempotencyKey: String, attempt: Int, at instant: Timestamp) -> String {
        var key = ""
        key.unicodeScalars.append(
            contentsOf: idempotencyKey.unicodeScalars.map { scalar in
                scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar
            })
        return "\(envelopeID.rawValue)\t\(key)\t\(attempt)\t\(instant.iso8601)\n"
    }

    private static func openForAppend(_ path: UnsafePointer<CChar>) -> Int32 {
        while true {
            let fd = systemOpen(path, O_APPEND | O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EINTR { return fd }
        }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

// The C calls under names that the ledger's own `open()` cannot shadow.
private func systemWrite(_ fd: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(fd, buffer, count)
}

private func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
