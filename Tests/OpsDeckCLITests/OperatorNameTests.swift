import Foundation
import Testing

extension SynchronousCLISuites {
    /// Who the audit log says acted: `--operator`, else `$USER`, else "operator".
    @Suite("operator name in the audit log", .timeLimit(.minutes(5)))
    struct OperatorNameTests {
        let sandbox: Sandbox

        init() throws {
            sandbox = try Sandbox(.migrated)
        }

        /// The actor of the last audit row.
        func lastActor() throws -> String? {
            try sandbox.auditTail(["--limit", "1"]).first?.string("actor")
        }

        @Test("--operator names the actor")
        func explicitOperator() throws {
            try sandbox.ok(["tenant", "add", "acme"], operator: "Grace Hopper")
            #expect(try lastActor() == "Grace Hopper")
        }

        @Test("without --operator the actor is $USER")
        func userVariable() throws {
            let run = try sandbox.run(["tenant", "add", "acme"], env: ["USER": "dave"], operator: nil)
            #expect(run.exitCode == 0, "\(run)")
            #expect(try lastActor() == "dave")
        }

        @Test("without --operator or $USER the actor is 'operator'")
        func fallback() throws {
            let run = try sandbox.run(["tenant", "add", "acme"], unsetting: ["USER"], operator: nil)
            #expect(run.exitCode == 0, "\(run)")
            #expect(try lastActor() == "operator")
        }

        @Test("an empty $USER falls back to 'operator' rather than failing every command")
        func emptyUserVariable() throws {
            let read = try sandbox.run(["tenant", "list"], env: ["USER": ""], operator: nil)
            #expect(read.exitCode == 0, "a read-only command must not need an operator name\n\(read)")
            let write = try sandbox.run(["tenant", "add", "acme"], env: ["USER": ""], operator: nil)
            #expect(write.exitCode == 0, "\(write)")
            #expect(try lastActor() == "operator")
        }

        @Test("an empty, over-long, control-character or invisible-character --operator is bad input", arguments: [
            "", String(repeating: "x", count: 101), "eve\u{1b}[2J", "line\nbreak", "al\u{200B}ice", "alice\u{202E}", " ",
        ])
        func invalidOperator(name: String) throws {
            try sandbox.expectRejected(["tenant", "add", "acme"], exitCode: 2, mentioning: ["operator name"], operator: name)
        }
    }
}
