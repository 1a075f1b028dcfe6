import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("databases opsdeck must refuse without touching them", .timeLimit(.minutes(5)))
    struct DatabaseRefusalTests {
        let sandbox: Sandbox

        init() throws { sandbox = try Sandbox() }

        /// Commands that open the database, each harmless on a good one.
        static let commands: [[String]] = [
            ["tenant", "list"],
            ["tenant", "add", "acme"],
            ["guardrails", "show", "acme"],
            ["envelope", "list", "--json"],
            ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_SEND_EMAIL", "--args", "{}"],
            ["envelope", "approve", "1"],
            ["audit", "tail"],
            ["audit", "verify"],
        ]

        /// Runs every command and `migrate` against `db`; each must exit 3 with one error line
        /// containing `fragment`, and leave the file's bytes as they were.
        func expectAllRefused(db: String, mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let before = sandbox.bytes(db)
            for args in Self.commands + [["migrate"]] {
                let run = try sandbox.run(args, db: db)
                expectErrorLine(run, exitCode: 3, mentioning: [fragment], sourceLocation: sourceLocation)
                #expect(sandbox.bytes(db) == before, "file changed by \(run.command)", sourceLocation: sourceLocation)
            }
            expectNoJournalContent(db, sourceLocation: sourceLocation)
        }

        /// A refused open may leave empty -wal/-shm files beside the database, never data in them.
        func expectNoJournalContent(_ db: String, sourceLocation: SourceLocation = #_sourceLocation) {
            for suffix in ["-wal", "-journal"] {
                if let data = sandbox.bytes(db + suffix) {
                    #expect(data.isEmpty, "\(db + suffix) holds \(data.count) bytes", sourceLocation: sourceLocation)
                }
            }
        }

        @Test("a missing database: every command but migrate exits 3 and creates nothing", arguments: commands)
        func missingDatabase(args: [String]) throws {
            let run = try sandbox.run(args)
            expectErrorLine(run, exitCode: 3, mentioning: ["no database at \(sandbox.db)", "opsdeck migrate"])
            let listing = try sandbox.listing()
            #expect(listing.isEmpty, "nothing may be created: \(listing)")
        }

        @Test("migrate into a directory that does not exist exits 3 and creates nothing")
        func missingDirectory() throws {
            let db = sandbox.path("no/such/dir/deck.sqlite")
            let run = try sandbox.run(["migrate"], db: db)
            expectErrorLine(run, exitCode: 3, mentioning: [db])
            #expect(try sandbox.listing().isEmpty)
        }

        @Test("a directory given as --db is refused (exit 3) and left alone")
        func directoryAsDatabase() throws {
            let directory = sandbox.path("a-directory")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            for args in Self.commands + [["migrate"]] {
                let run = try sandbox.run(args, db: directory)
                expectErrorLine(run, exitCode: 3, mentioning: [directory])
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
            #expect(try sandbox.listing() == ["a-directory"])
        }

        @Test("a database file the user may not read is refused (exit 3), unchanged",
              .enabled(if: getuid() != 0, "root reads files whatever their mode"))
        func unreadableFile() throws {
            try Template.migrated.copy(to: sandbox.db)
            let before = sandbox.bytes(sandbox.db)
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: sandbox.db)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: sandbox.db) }
            for args in Self.commands + [["migrate"]] {
                expectErrorLine(try sandbox.run(args), exitCode: 3, mentioning: [sandbox.db])
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: sandbox.db)
            #expect(sandbox.bytes(sandbox.db) == before)
        }

        @Test("a file of random bytes is not an SQLite database: exit 3, bytes unchanged")
        func randomBytes() throws {
            var generator = SystemRandomNumberGenerator()
            let noise = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let db = sandbox.path("noise.sqlite")
            try noise.write(to: URL(fileURLWithPath: db))
            try expectAllRefused(db: db, mentioning: "not an SQLite database")
            #expect(sandbox.bytes(db) == noise)
        }

        @Test("a text file is not an SQLite database either")
        func textFile() throws {
            let db = try sandbox.write("notes.txt", "just some notes\n")
            try expectAllRefused(db: db, mentioning: "not an SQLite database")
        }

        @Test("an SQLite database of another application is refused, unchanged")
        func otherApplication() throws {
            let db = sandbox.path("other.sqlite")
            let made = try sqlite3("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');", db: db)
            #expect(made.exitCode == 0, "\(made)")
            try expectAllRefused(db: db, mentioning: "another application")
            #expect(try sqlite3("SELECT body FROM notes", db: db).stdout == "keep me\n")
        }

        @Test("an SQLite database with another application id is refused, even without tables")
        func otherApplicationID() throws {
            let db = sandbox.path("other-id.sqlite")
            let made = try sqlite3("PRAGMA application_id = 1234; PRAGMA user_version = 1;", db: db)
            #expect(made.exitCode == 0, "\(made)")
            try expectAllRefused(db: db, mentioning: "another application")
        }

        @Test("a database from a newer schema is refused by migrate and every command, unchanged")
        func newerSchema() throws {
            try Template.migrated.copy(to: sandbox.db)
            _ = try sandbox.addTenant("acme")
            try sandbox.sql("INSERT INTO grdb_migrations (identifier) VALUES ('v999_future')")
            let before = try #require(sandbox.bytes(sandbox.db))
            try expectAllRefused(db: sandbox.db, mentioning: "newer schema (v999_future)")
            #expect(sandbox.bytes(sandbox.db) == before)
            let run = try sandbox.run(["migrate"])
            #expect(run.stderr.contains("upgrade opsdeck"), "\(run)")
        }

        @Test("an empty file: migrate turns it into an OpsDeck database; other commands refuse it (exit 3)")
        func emptyFile() throws {
            try sandbox.write("deck.sqlite", "")
            for args in Self.commands {
                let run = try sandbox.run(args)
                expectErrorLine(run, exitCode: 3, mentioning: ["opsdeck migrate"])
                #expect(sandbox.bytes(sandbox.db)?.isEmpty == true, "changed by \(run.command)")
            }
            try sandbox.migrate()
            try sandbox.ok(["tenant", "list"])
        }
    }

    /// A database the user may read but not write (an evidence copy, a read-only mount): every
    /// command that only reads works on it and leaves nothing beside it.
    @Suite("read-only databases", .timeLimit(.minutes(5)))
    struct ReadOnlyDatabaseTests {
        /// Runs `opsdeck ARGS --db DB` as the unprivileged user `nobody` (the tests run as root,
        /// which may write anything); nil when this machine cannot (no setpriv, or the binary is
        /// not reachable by nobody).
        static func runAsNobody(_ args: [String], db: String) throws -> (status: Int32, stdout: String, stderr: String)? {
            guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", try CLI.binary().path, "--db", db] + args
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let status = ChildExit.wait(process, limit: .seconds(120)) ?? -1
            if status == 126 || stderr.contains("Permission denied") && stdout.isEmpty && !stderr.hasPrefix("opsdeck") {
                return nil
            }
            return (status, stdout, stderr)
        }

        @Test("audit verify, envelope list, tenant list and snapshot read a file in a folder they cannot write; no -wal or -shm appears")
        func readOnlyCommandsWork() throws {
            let sandbox = try Sandbox()
            try sandbox.migrate()
            _ = try sandbox.addTenant("acme")
            _ = try sandbox.submit(tenant: "acme")
            _ = try sandbox.sqlite("PRAGMA wal_checkpoint(TRUNCATE)")
            for leftover in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sandbox.db + leftover) }
            guard let verify = try Self.runAsNobody(["audit", "verify"], db: sandbox.db) else {
                print("note: read-only database test not run: this machine cannot run opsdeck as nobody")
                return
            }
            #expect(verify.status == 0, "\(verify)")
            #expect(verify.stdout.contains("audit chain intact: 2 rows"), "\(verify)")
            for args in [["envelope", "list"], ["tenant", "list"], ["snapshot", "--view", "outbox", "--height", "10"]] {
                let run = try #require(try Self.runAsNobody(args, db: sandbox.db))
                #expect(run.status == 0, "\(args): \(run)")
            }
            // A write is refused with one line, and still nothing appears beside the file.
            let write = try #require(try Self.runAsNobody(["tenant", "add", "globex"], db: sandbox.db))
            #expect(write.status == 3 && write.stderr.hasPrefix("opsdeck: error:"), "\(write)")
            #expect(try sandbox.listing().filter { $0.hasPrefix("deck.sqlite") } == ["deck.sqlite"])
        }
    }
}
