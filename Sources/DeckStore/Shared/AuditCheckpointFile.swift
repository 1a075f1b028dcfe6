import DeckCore
import Foundation

/// A file of signed audit checkpoints, one JSON line each, appended to and never rewritten.
///
/// Several processes (workers, schedulers, `audit checkpoint`) may append to one file: each
/// takes an exclusive `flock` for the read, check and append, and writes its line with one
/// `write` followed by `fsync`.
public struct AuditCheckpointFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The file named by `--checkpoints`, else the default beside the database:
    /// `<database>.checkpoints`.
    public init(_ path: String?, database: String) { self.init(path: path ?? database + ".checkpoints") }

    /// A line of the file that is not a checkpoint.
    public struct BadLine: Error, Sendable, Hashable {
        public var line: Int
        public var reason: String
    }

    /// Every checkpoint in file order; the first malformed line otherwise. A missing file is
    /// an error, an empty one an empty list.
    public func read() throws -> [AuditCheckpoint] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInput("cannot read checkpoint file \(path): \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")")
        }
        return try Self.parse(data)
    }

    static func parse(_ data: Data) throws(BadLine) -> [AuditCheckpoint] {
        var checkpoints: [AuditCheckpoint] = []
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if line.isEmpty, index == lines.count - 1 { break }
            do { checkpoints.append(try AuditCheckpoint(line: String(decoding: line, as: UTF8.self))) } catch {
                throw BadLine(line: index + 1, reason: error.message)
            }
        }
        return checkpoints
    }

    /// Signs and appends a checkpoint of `store`'s log as it is now, unless no row was added
    /// since this key's last checkpoint in the file.
    ///
    /// Only the rows after that checkpoint are read; the row it names must still carry its
    /// head hash. A log that fails this is not signed (`.broken`). Lines signed by other keys
    /// are kept and ignored: this key cannot vouch for them.
    public func append(
        store: some AuditLogger, key: AuditSigningKey, now: @Sendable () -> Timestamp
    ) async throws -> AuditCheckpointOutcome {
        let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw fileError("open") }
        defer { close(descriptor) }
        try await lock(descriptor)
        let contents = try readAll(descriptor)
        let checkpoints: [AuditCheckpoint]
        do { checkpoints = try Self.parse(contents) } catch {
            throw InvalidInput("checkpoint file \(path) line \(error.line) is not a checkpoint (\(error.reason)): not signing after it")
        }
        let publicKey = key.publicKey
        let last = checkpoints.last { publicKey.signed($0) }
        switch try await store.auditChainHead(resumingAt: last) {
        case .broken(let failure, _):
            return .broken(failure)
        case .intact(let rows, let head):
            if let last, last.rows == Int64(rows) { return .unchanged(last) }
            let checkpoint = try key.checkpoint(rows: Int64(rows), headHash: head, at: now())
            var line = Array((checkpoint.line + "\n").utf8)
            if let end = contents.last, end != UInt8(ascii: "\n") { line.insert(UInt8(ascii: "\n"), at: 0) }
            guard Glibc.write(descriptor, line, line.count) == line.count else { throw fileError("write") }
            guard fsync(descriptor) == 0 else { throw fileError("sync") }
            return .written(checkpoint)
        }
    }

    /// Takes the file's exclusive lock without blocking a thread (the holder awaits its
    /// store read while it holds it): retried every 5 ms for up to 10 s.
    private func lock(_ descriptor: Int32) async throws {
        for _ in 0..<2_000 {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
            guard errno == EWOULDBLOCK || errno == EINTR else { throw fileError("lock") }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw StoreError.unavailable("checkpoint file \(path) stayed locked by another signer for 10 s")
    }

    private func readAll(_ descriptor: Int32) throws -> Data {
        do {
            return try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readToEnd() ?? Data()
        } catch {
            throw fileError("read")
        }
    }

    private func fileError(_ operation: String) -> StoreError {
        .unavailable("cannot \(operation) checkpoint file \(path): \(String(cString: strerror(errno)))")
    }
}
