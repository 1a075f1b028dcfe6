import Foundation
import Testing

extension SynchronousCLISuites {
    @Suite("shell completions", .timeLimit(.minutes(5)))
    struct CompletionTests {
        @Test("completion scripts come from the command definitions: every subcommand is in them", arguments: ["bash", "zsh", "fish"])
        func scripts(shell: String) throws {
            let run = try opsdeck(["--generate-completion-script", shell], db: nil)
            #expect(run.exitCode == 0, "\(run)")
            for name in ["envelope", "worker", "scheduler", "snapshot", "demo", "config", "drift", "audit"] {
                #expect(run.stdout.contains(name), "\(shell) script lacks \(name)")
            }
        }
    }
}
