import DeckCore
import Logging
import ServiceLifecycle

/// Signs an audit checkpoint every `interval` while a worker or scheduler runs, and once
/// more when it stops (it is listed first in the service group, so it stops last, after the
/// worker's final outcomes are written).
///
/// A failure never stops the process: it is logged once per change of message, with the
/// number of attempts it repeated for.
public struct AuditCheckpointService: Service {
    let interval: Duration
    let checkpoint: @Sendable () async throws -> AuditCheckpointOutcome
    let logger: Logger

    public init(
        interval: Duration, logger: Logger, checkpoint: @escaping @Sendable () async throws -> AuditCheckpointOutcome
    ) {
        self.interval = interval
        self.logger = logger
        self.checkpoint = checkpoint
    }

    public func run() async throws {
        var log = FailureLog()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            if Task.isCancelled { break }
            await once(&log, final: Task.isShuttingDownGracefully)
        }
    }

    /// The last failure message and how often it repeated since it was logged.
    struct FailureLog {
        var message: String?
        var repeats = 0
    }

    private func once(_ log: inout FailureLog, final: Bool) async {
        let message: String?
        do {
            switch try await checkpoint() {
            case .written(let written):
                let level: Logger.Level = final || log.message != nil ? .info : .debug
                logger.log(level: level, "audit checkpoint signed", metadata: [
                    "rows": "\(written.rows)", "head": "\(written.headHash)",
                ])
                message = nil
            case .unchanged:
                message = nil
            case .broken(let failure):
                message = "audit log does not match its checkpoints; not signing: row \(failure.id): \(failure.reason)"
            }
        } catch {
            message = "audit checkpoint failed: \(error)"
        }
        guard let message else {
            if log.message != nil { logger.info("audit checkpoints resumed", metadata: ["failed_attempts": "\(log.repeats)"]) }
            log = FailureLog()
            return
        }
        if message == log.message {
            log.repeats += 1
        } else {
            logger.error("\(message)", metadata: log.message == nil ? [:] : ["previous_failure_attempts": "\(log.repeats)"])
            log = FailureLog(message: message, repeats: 1)
        }
    }
}
