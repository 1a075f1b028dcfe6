import DeckCore
import DeckUI
import Testing

@Suite("Console: telemetry scope and time axis")
struct TelemetryScopeTests {
    typealias F = ConsoleFixture

    static func frame(_ seconds: Int64, attempts: Double) -> TelemetryFrame {
        TelemetryFrame(takenAt: F.later(seconds), attempts: attempts, failures: 0, conflicts: 0, throughput: 1)
    }

    @Test("the DLQ series never mixes scopes: a change of tenant starts it again, the rates go on")
    func dlqSeriesFollowsTheScope() {
        var history = TelemetryHistory()
        for second in 0..<5 { history.record(Self.frame(Int64(second), attempts: Double(second * 10)), dlqSize: 40) }
        #expect(history.dlq == [40, 40, 40, 40])
        #expect(history.attempts.count == 4)
        history.record(Self.frame(5, attempts: 50), dlqSize: 3, scope: .tenant(F.acmeID))
        #expect(history.dlq == [3], "only acme's samples")
        #expect(history.dlqScope == .tenant(F.acmeID))
        #expect(history.attempts.count == 5, "workers' rates are all tenants' whatever the scope")
        #expect(history.times.last == F.later(5))
    }

    @Test("the screen says what each figure covers and draws a time axis under the sparklines")
    func screenStatesScopeAndAxis() {
        var state = F.state(.telemetry, width: 120, height: 40)
        var screen = F.text(state)
        #expect(screen.contains("workers: all tenants"))
        #expect(screen.contains("Rates/s (all tenants), DLQ"))
        #expect(screen.contains("DLQ (all)"))
        let axis = screen.components(separatedBy: "\n").first { $0.contains("└-") }
        #expect(axis?.contains("now") == true)
        #expect(axis?.contains("└-28s") == true, "the oldest of the 29 rate samples was taken 28 s before now")
        F.press(&state, .character(":"))
        F.type(&state, "tenant acme")
        F.press(&state, .enter)
        screen = F.text(state)
        #expect(screen.contains("DLQ: acme"))
        #expect(screen.contains("DLQ acme"))
    }
}
