import Foundation
import Testing

extension SynchronousCLISuites {
    /// Input an adversarial or careless operator types: each gets one clear line and a non-zero
    /// exit, and changes nothing.
    @Suite("hostile and careless input", .timeLimit(.minutes(5)))
    struct HostileInputTests {
        let sandbox: Sandbox

        init() throws {
            sandbox = try Sandbox(ExitCodeTests.seed)
        }

        @Test("a negative number for a numeric option is named as such, not 'Missing value'", arguments: [
            ["worker", "--concurrency", "-5", "--drain"], ["envelope", "list", "--limit", "-3"], ["audit", "tail", "--limit", "-1"],
            ["snapshot", "--width", "-80"],
        ])
        func negativeNumbers(args: [String]) throws {
            let run = try sandbox.expectRejected(args, exitCode: 2, mentioning: ["a negative number is not allowed here"])
            #expect(!run.stderr.contains("Missing value"), "\(run)")
        }

        @Test("snapshot --detail of a row that does not exist fails with one line instead of printing a frame")
        func snapshotOfAMissingDetail() throws {
            let run = try sandbox.expectRejected(["snapshot", "--view", "outbox", "--detail", "99999"], exitCode: 1, mentioning: ["99999", "not found"])
            #expect(run.stdout.isEmpty)
        }

        @Test("guardrails set with no option changes nothing and writes no audit row")
        func guardrailsSetWithoutOptions() throws {
            try sandbox.expectRejected(["guardrails", "set", "acme"], exitCode: 2, mentioning: ["nothing to change"])
        }

        @Test("--json escapes C1, bidi and DEL characters as \\uXXXX; the stored value is unchanged")
        func jsonEscapesTerminalControls() throws {
            let plan = "a\u{85}b\u{202E}c\u{7F}d"
            let run = try sandbox.ok(["tenant", "add", "initech", "--plan", plan, "--json"])
            #expect(!run.stdout.unicodeScalars.contains { $0 == "\u{85}" || $0 == "\u{202E}" || $0 == "\u{7F}" }, "\(run)")
            #expect(run.stdout.contains(#""plan": "a\u0085b\u202ec\u007fd""#), "\(run)")
            #expect(try run.json().string("plan") == plan)
            let tail = try sandbox.ok(["audit", "tail", "--json", "-l", "1"])
            #expect(tail.stdout.contains(#"\u202e"#) && !tail.stdout.unicodeScalars.contains("\u{202E}"), "\(tail)")
        }

        @Test("time zone abbreviations and offsets are refused; IANA Area/Location names and UTC are taken", arguments: [
            ("EST", false), ("GMT+5", false), ("CET", false), ("UTC", true), ("Europe/Berlin", true), ("America/New_York", true),
        ])
        func timeZones(zone: String, accepted: Bool) throws {
            let args = ["tenant", "add", "z-\(zone.replacingOccurrences(of: "/", with: "-"))", "--timezone", zone]
            if accepted {
                try sandbox.ok(args)
            } else {
                try sandbox.expectRejected(args, exitCode: 2, mentioning: ["time zone"])
            }
        }

        @Test("arguments over 1 MiB and an over-long tone are refused, nothing stored")
        func sizeLimits() throws {
            let big = try sandbox.write("big.json", #"{"a": ""# + String(repeating: "x", count: 1 << 20) + #""}"#)
            try sandbox.expectRejected(
                ["envelope", "submit", "--tenant", "acme", "--tool", "GMAIL_X", "--args", "@" + big], exitCode: 2, mentioning: ["KiB"])
            try sandbox.expectRejected(
                ["guardrails", "set", "acme", "--tone", String(repeating: "polite ", count: 400)], exitCode: 2, mentioning: ["--tone"])
        }

        @Test("an argument that is not valid UTF-8 is refused, not stored with U+FFFD in its place")
        func invalidUTF8Argument() throws {
            let before = try sandbox.snapshot()
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", "\"$0\" --db \"$1\" tenant add \"$(printf 'ac\\377me')\"", try CLI.binary().path, sandbox.db]
            let errors = Pipe()
            shell.standardError = errors
            shell.standardOutput = FileHandle.nullDevice
            try shell.run()
            let status = ChildExit.wait(shell, limit: .seconds(120))
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(status == 2, "\(stderr)")
            #expect(stderr.hasPrefix("opsdeck: error: argument") && stderr.contains("not valid UTF-8"), "\(stderr)")
            #expect(try sandbox.snapshot() == before)
        }

        @Test("envelope submit --file - reads JSON lines from standard input")
        func fileFromStandardInput() throws {
            let run = try sandbox.ok(
                ["envelope", "submit", "--file", "-", "--json"],
                stdin: #"{"tenant": "acme", "tool": "GMAIL_SEND_EMAIL", "args": {"n": 1}}"# + "\n"
                    + #"{"tenant": "acme", "tool": "SLACK_SEND_MESSAGE"}"# + "\n")
            #expect(try run.json().int("submitted") == 2, "\(run)")
        }
    }
}
