import Foundation
import Testing

extension SynchronousCLISuites {
    /// Exit status by kind, as documented in `opsdeck --help`: 0 success, 1 refused or failed,
    /// 2 bad input, 3 database unusable, 4 audit chain broken.
    @Suite("exit status by kind", .timeLimit(.minutes(5)))
    struct ExitCodeTests {
        let sandbox: Sandbox

        /// acme with envelope 1 (pending).
        static let seed = Template("exit-codes") { sandbox in
            try sandbox.migrate()
            _ = try sandbox.addTenant("acme")
            _ = try sandbox.submit(tenant: "acme")
            return [:]
        }

        init() throws { sandbox = try Sandbox(Self.seed) }

        @Test("the help text documents the exit statuses")
        func documented() throws {
            let run = try opsdeck(["--help"], db: nil, directory: sandbox.directory)
            #expect(run.exitCode == 0, "\(run)")
            #expect(run.stdout.contains("Exit status: 0 success, 1 refused or failed"), "\(run)")
            #expect(run.stdout.contains("2 bad input, 3 database unusable, 4 audit chain broken"), "\(run)")
        }

        @Test("0: success prints on stdout only", arguments: [
            ["tenant", "list"], ["envelope", "list"], ["envelope", "show", "1"], ["audit", "tail"], ["audit", "verify"],
            ["guardrails", "show", "acme"], ["migrate"],
        ])
        func success(args: [String]) throws {
            let run = try sandbox.run(args)
            #expect(run.exitCode == 0, "\(run)")
            #expect(run.stderr.isEmpty, "\(run)")
            #expect(!run.stdout.isEmpty, "\(run)")
        }

        @Test("1: refused — not found, illegal transition, conflict", arguments: [
            (["envelope", "show", "42"], "not found"),
            (["envelope", "approve", "1"], "cannot approve"),
            (["tenant", "add", "acme"], "already taken"),
            (["guardrails", "show", "nobody"], "not found"),
        ])
        func refused(args: [String], fragment: String) throws {
            try sandbox.expectRejected(args, exitCode: 1, mentioning: [fragment])
        }

        @Test("2: bad input — usage errors and invalid values, one line each", arguments: [
            (["envelope", "list", "--status", "nope"], "unknown status"),
            (["envelope", "list", "--limit"], "--limit"),
            (["envelope", "frobnicate"], "frobnicate"),
            (["tenant", "add"], "name"),
            (["tenant", "add", "x", "--max-running", "many"], "--max-running"),
            (["envelope", "show", "one"], "one"),
            (["audit", "tail", "--bogus-flag"], "bogus-flag"),
            (["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_SEND_EMAIL", "--args", "{"], "--args"),
        ])
        func badInput(args: [String], fragment: String) throws {
            try sandbox.expectRejected(args, exitCode: 2, mentioning: [fragment])
        }

        @Test("2: an unknown subcommand is bad input, even with no database option")
        func unknownSubcommand() throws {
            let run = try opsdeck(["launch-missiles"], db: nil, directory: sandbox.directory)
            expectErrorLine(run, exitCode: 2, mentioning: ["launch-missiles"])
            #expect(try sandbox.listing() == ["deck.sqlite"])
        }

        @Test("3: database unusable")
        func database() throws {
            let run = try sandbox.run(["tenant", "list"], db: sandbox.path("absent.sqlite"))
            expectErrorLine(run, exitCode: 3, mentioning: ["no database"])
        }

        @Test("4: audit chain broken")
        func auditBroken() throws {
            try sandbox.sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'eve' WHERE id = 1;")
            expectErrorLine(try sandbox.run(["audit", "verify"]), exitCode: 4, mentioning: ["row 1"])
        }
    }
}
