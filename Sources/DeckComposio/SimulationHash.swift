/// SplitMix64 mixing: the simulator's only source of randomness.
///
/// Every draw is a pure function of its inputs (seed, envelope id, attempt, what is being
/// drawn), so outcomes never depend on call order, timing or concurrency.
enum SimulationHash {
    /// What a draw is for; each purpose gets an independent value from the same inputs.
    enum Stream: UInt64 {
        case outcome = 1
        case variant = 2
        case retryAfter = 3
        case latencyRadius = 4
        case latencyAngle = 5
        case logID = 6
        case resultID = 7
    }

    /// The SplitMix64 finalizer: a bijection that spreads every input bit over the output.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 64 well-mixed bits for one draw.
    static func hash(seed: UInt64, envelope: Int64, attempt: Int, stream: Stream) -> UInt64 {
        var state = mix(seed)
        state = mix(state ^ UInt64(bitPattern: envelope))
        state = mix(state ^ UInt64(bitPattern: Int64(attempt)))
        return mix(state ^ stream.rawValue)
    }

    /// A uniform value in `0..<1` with 53 bits of precision.
    static func unit(_ bits: UInt64) -> Double {
        Double(bits >> 11) * 0x1p-53
    }
}
