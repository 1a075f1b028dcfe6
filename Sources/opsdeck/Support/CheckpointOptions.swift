import ArgumentParser
import DeckCore
import DeckEngine
import DeckPostgres
import DeckStore
import Logging

/// `--checkpoint-key`, `--checkpoint-seconds` and `--checkpoints` of the long-running commands.
struct CheckpointOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Sign an audit checkpoint with this key (audit keygen) every --checkpoint-seconds and at exit.", valueName: "keyfile"))
    var checkpointKey: String?
    @Option(help: "Seconds between audit checkpoints (with --checkpoint-key).") var checkpointSeconds = 60.0
    @Option(help: ArgumentHelp("The checkpoint file (default: the database path plus .checkpoints).", valueName: "file"))
    var checkpoints: String?

    /// What signs the checkpoints, read and checked before anything starts.
    struct Signer {
        var key: AuditSigningKey
        var file: AuditCheckpointFile
        var seconds: Double

        /// The service to list first in the group (so it stops last).
        func service(store: any AuditLogger, logger: Logger) -> AuditCheckpointService {
            logger.info("audit checkpoints", metadata: [
                "file": "\(file.path)", "every_seconds": "\(seconds)", "key": "\(key.publicKey.text)",
            ])
            return AuditCheckpointService(interval: .milliseconds(Int64(seconds * 1000)), logger: logger) { [file, key] in
                try await file.append(store: store, key: key, now: { SystemClock().now() })
            }
        }
    }

    /// The signer, or nil without `--checkpoint-key`; a bad key or interval is an error now.
    func signer(databasePath: String) throws -> Signer? {
        guard let checkpointKey else {
            if checkpoints != nil { throw CLIError(.badInput, "--checkpoints needs --checkpoint-key") }
            return nil
        }
        if PostgresURL.isPostgres(databasePath), checkpoints == nil {
            throw CLIError(.badInput, "--checkpoint-key on PostgreSQL needs --checkpoints FILE (there is no database file to put it beside)")
        }
        guard checkpointSeconds.isFinite, checkpointSeconds >= 1, checkpointSeconds <= 86_400 else {
            throw CLIError(.badInput, "--checkpoint-seconds must be 1 to 86400")
        }
        return Signer(
            key: try AuditSigningKey.load(path: checkpointKey),
            file: AuditCheckpointFile(checkpoints, database: databasePath),
            seconds: checkpointSeconds)
    }
}
