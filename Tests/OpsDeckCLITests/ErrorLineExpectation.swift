import Testing

/// A refusal as the CLI contract wants it: exit `exitCode`, nothing on stdout, and exactly
/// one line on stderr, `opsdeck: error: …`, containing each of `fragments`.
func expectErrorLine(
    _ run: CLIRun, exitCode: Int32, mentioning fragments: [String] = [], stdoutMayHaveText: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(!run.signalled, "\(run)", sourceLocation: sourceLocation)
    #expect(run.exitCode == exitCode, "\(run)", sourceLocation: sourceLocation)
    let lines = run.stderrLines
    #expect(lines.count == 1, "stderr must be exactly one line\n\(run)", sourceLocation: sourceLocation)
    #expect(run.stderr.hasSuffix("\n"), "\(run)", sourceLocation: sourceLocation)
    #expect(lines.first?.hasPrefix("opsdeck: error: ") == true, "\(run)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(run.stderr.contains(fragment), "stderr should mention '\(fragment)'\n\(run)", sourceLocation: sourceLocation)
    }
    if !stdoutMayHaveText {
        #expect(run.stdout.isEmpty, "\(run)", sourceLocation: sourceLocation)
    }
}
