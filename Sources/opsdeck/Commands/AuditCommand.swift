import ArgumentParser
import DeckCore
import DeckPostgres
import DeckStore
import Foundation

/// `opsdeck audit tail|verify|keygen|checkpoint`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read, verify and anchor the append-only audit log.",
        discussion: """
            The log is a SHA-256 hash chain; anyone who can write the database file could \
            rewrite it and every hash after. Signed checkpoints close that gap: keep a key \
            (audit keygen) where the database's writers cannot read it, sign checkpoints with it \
            (audit checkpoint, or worker/scheduler --checkpoint-key), and audit verify \
            --public-key then detects deleted, truncated or re-hashed rows at or before the last \
            checkpoint. Rows after it are protected by the chain alone.
            """,
        subcommands: [Tail.self, Verify.self, Keygen.self, Checkpoint.self]
    )
}

extension AuditCommand {
    struct Tail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the latest audit rows, oldest of them first.")

        @OptionGroup var global: GlobalOptions
        @Option(name: [.short, .long], help: "How many rows (1-10000).") var limit = 20
        @Option(help: "Only this tenant's rows (id or name).") var tenant: String?
        @Option(help: "Only this category (repeat or comma-separate).") var category: [String] = []
        @Option(help: "Only rows about this envelope.") var envelope: Int64?
        @Flag(help: "Print JSON lines, one row per line.") var json = false

        func run() async throws {
            guard (1...10_000).contains(limit) else { throw CLIError(.badInput, "--limit must be 1 to 10000") }
            let categories = try category.flatMap { $0.split(separator: ",") }
                .map { text throws(InvalidInput) in try AuditCategory.parse(String(text)) }
            let access = try await StoreAccess.open(global, readOnly: true)
            let scope = try await access.scope(tenant)
            let query = AuditQuery(
                categories: categories.isEmpty ? nil : Set(categories), envelopeID: envelope.map { EnvelopeID($0) },
                order: .newestFirst, limit: limit)
            let events = try await access.store.auditEvents(query, in: scope).items.reversed()
            if json {
                for event in events { print(OutputJSON.audit(event).terminalSafeLine) }
                return
            }
            let names = try await access.tenantNames()
            var table = TextTable(["ID", "TIME", "TENANT", "CATEGORY", "ACTION", "ENVELOPE", "ACTOR", "DETAILS"], maxCellWidth: 60)
            for event in events {
                table.add([
                    String(event.id.rawValue), event.createdAt.tableText, event.tenantID.map { names[$0] ?? $0.short } ?? "-",
                    event.category.rawValue, event.action, event.envelopeID.map { String($0.rawValue) } ?? "-", event.actor,
                    event.payload.canonicalText,
                ])
            }
            print(table.text)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the hash chain; exit 0 when intact, 4 naming the first bad row otherwise.",
            discussion: """
                Runs SQLite's integrity check first (exit 3 on a damaged file), then checks every \
                row's hash and link, every submitted envelope's arguments against the SHA-256 its \
                submission recorded, and, with --public-key, the log against every checkpoint in \
                the checkpoint file: each signature must verify, and the row each names must \
                exist and carry the hash it signed.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(
            "Trust checkpoints signed by this key: ed25519:… or a .pub file (repeatable, for rotated keys).",
            valueName: "key"))
        var publicKey: [String] = []
        @Option(help: ArgumentHelp(
            "The checkpoint file (default: the database path plus .checkpoints; needs --public-key).", valueName: "file"))
        var checkpoints: String?
        @Flag(help: "Print the verdict as JSON.") var json = false

        func run() async throws {
            let anchors = try readCheckpoints()
            let access = try await StoreAccess.open(global, readOnly: true)
            switch try await access.store.verifyAuditChain(checkpoints: anchors) {
            case .intact(let rows, let head):
                let last = anchors.max { ($0.rows, $0.at) < ($1.rows, $1.at) }
                if json {
                    var verdict: [String: JSONValue] = ["intact": true, "rows": .integer(Int64(rows)), "head_hash": .string(head)]
                    if let last {
                        verdict["checkpoints"] = .integer(Int64(anchors.count))
                        verdict["anchored_rows"] = .integer(last.rows)
                        verdict["last_checkpoint_at"] = .string(last.at.iso8601)
                    }
                    print(JSONValue.object(verdict).prettyText)
                } else if let last {
                    print("audit chain intact: \(rows) rows, head \(head)")
                    print(
                        "held to \(anchors.count) signed checkpoint\(anchors.count == 1 ? "" : "s"); the last, of \(last.at), "
                            + "covers \(last.rows) rows (\(Int64(rows) - last.rows) rows since are protected by the chain alone)")
                } else {
                    print("audit chain intact: \(rows) rows, head \(head)")
                    let beside = AuditCheckpointFile(nil, database: global.databasePath).path
                    if FileManager.default.fileExists(atPath: beside) {
                        print("not held to \(beside): add --public-key to check its signed checkpoints")
                    }
                }
            case .broken(let failure, let checked):
                if json {
                    print(JSONValue.object([
                        "intact": false, "first_bad_row": .integer(failure.id), "reason": .string(failure.reason),
                        "rows_checked": .integer(Int64(checked)),
                    ]).prettyText)
                }
                throw CLIError(.auditBroken, "audit chain broken at row \(failure.id): \(failure.reason) (\(checked) rows before it are intact)")
            }
        }

        /// The checkpoints to hold the log to, every signature checked; none without --public-key.
        private func readCheckpoints() throws -> [AuditCheckpoint] {
            guard !publicKey.isEmpty else {
                if checkpoints != nil {
                    throw CLIError(
                        .badInput, "--checkpoints needs --public-key: a checkpoint proves nothing until its signature is checked")
                }
                return []
            }
            let keys = try publicKey.map { text throws(InvalidInput) in try AuditPublicKey(argument: text) }
            let file = AuditCheckpointFile(checkpoints, database: global.databasePath)
            let anchors: [AuditCheckpoint]
            do { anchors = try file.read() } catch let bad as AuditCheckpointFile.BadLine {
                throw CLIError(.auditBroken, "checkpoint file \(file.path) line \(bad.line) is not a checkpoint: \(bad.reason)")
            }
            guard !anchors.isEmpty else {
                throw CLIError(.auditBroken, "checkpoint file \(file.path) holds no checkpoint: nothing anchors the log")
            }
            for (index, anchor) in anchors.enumerated() where !keys.contains(where: { $0.signed(anchor) }) {
                let why = keys.contains { $0.text == anchor.publicKey }
                    ? "its signature does not verify: the line was altered" : "it is signed by \(anchor.publicKey), not a key given"
                throw CLIError(.auditBroken, "checkpoint file \(file.path) line \(index + 1): \(why)")
            }
            return anchors
        }
    }

    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an Ed25519 key for signing audit checkpoints; print its public key.",
            discussion: """
                Writes the private key to --out (mode 0600; an existing file is never replaced) \
                and the public key to the same path plus .pub. Keep the private key where the \
                database's other writers cannot read it, and the public key wherever audits run.
                """)

        @Option(help: ArgumentHelp("Where to write the private key.", valueName: "keyfile")) var out: String

        func run() async throws {
            let key = AuditSigningKey.generate()
            try key.save(to: out)
            print(key.publicKey.text)
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a checkpoint of the audit log (rows, head hash, time) and append it to the checkpoint file.",
            discussion: """
                Checks the rows added since this key's last checkpoint in the file (and that the \
                row it names still carries its hash) before signing; a log that fails is not \
                signed (exit 4). With no new rows, nothing is written (exit 0).
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The private key (audit keygen).", valueName: "keyfile")) var key: String
        @Option(help: ArgumentHelp("The checkpoint file (default: the database path plus .checkpoints).", valueName: "file"))
        var checkpoints: String?
        @Flag(help: "Print the checkpoint as JSON.") var json = false

        func run() async throws {
            let signing = try AuditSigningKey.load(path: key)
            if PostgresURL.isPostgres(global.databasePath), checkpoints == nil {
                throw CLIError(.badInput, "on PostgreSQL give --checkpoints FILE (there is no database file to put it beside)")
            }
            let file = AuditCheckpointFile(checkpoints, database: global.databasePath)
            let access = try await StoreAccess.open(global, readOnly: true)
            switch try await file.append(store: access.store, key: signing, now: { SystemClock().now() }) {
            case .written(let checkpoint):
                if json {
                    print(checkpoint.line)
                } else {
                    print("checkpoint signed: \(checkpoint.rows) rows, head \(checkpoint.headHash), at \(checkpoint.at) -> \(file.path)")
                }
            case .unchanged(let last):
                if json {
                    print(last.line)
                } else {
                    print("no rows since the checkpoint of \(last.at) (\(last.rows) rows): nothing written")
                }
            case .broken(let failure):
                throw CLIError(.auditBroken, "not signing: audit chain broken at row \(failure.id): \(failure.reason)")
            }
        }
    }
}
