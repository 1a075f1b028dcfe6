import DeckCore
import DeckEngine

/// The instant every telemetry test clock starts at (a whole second).
let telemetryStart = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)

/// True when `actual` is within HdrHistogram's 3-significant-digit precision (0.1 %) of `expected`.
func withinHistogramPrecision(_ actual: Double, _ expected: Double) -> Bool {
    abs(actual - expected) <= abs(expected) * 0.001
}

/// A registry on a manual clock at ``telemetryStart``.
func makeTelemetryRegistry(
    throughputLabels: Set<String> = [TelemetryNames.finished]
) -> (TelemetryRegistry, ManualClock) {
    let clock = ManualClock(telemetryStart)
    return (TelemetryRegistry(clock: clock, throughputLabels: throughputLabels), clock)
}
