import DeckCore

/// A deterministic timeline of changes to the simulated world: accounts that connect,
/// activate or expire, tools that gain versions, change schemas, appear, disappear or are
/// deprecated.
///
/// Each event sits at an offset from the script's start instant. The world at an instant
/// is the base world (a `SimulatedProvider`'s catalog and accounts) with every event at or
/// before that instant applied, in offset order, ties in the order they were given. That
/// makes the world a pure function of (base world, script, instant): the same instant
/// always shows the same world, and an earlier instant shows the earlier world again, so
/// warm scans (an account becoming ACTIVE) and catalog drift can be produced on demand
/// by stepping a `ManualClock`.
public struct SimulationScript: Sendable, Hashable {
    /// The events in the order they apply: by offset, ties in the order given.
    public private(set) var events: [Event]

    /// A script of these events, in any order; they are sorted stably by offset.
    public init(_ events: [Event]) {
        self.events = events.enumerated()
            .sorted { ($0.element.offsetMilliseconds, $0.offset) < ($1.element.offsetMilliseconds, $1.offset) }
            .map(\.element)
    }

    /// A script that changes nothing: the base world at every instant, but with the
    /// provider's catalog enforced on `execute` (an unknown tool is a 404).
    public static let empty = SimulationScript([])

    /// This script followed by `other`'s events (sorted again; at equal offsets this
    /// script's events come first).
    public func appending(_ other: SimulationScript) -> SimulationScript {
        SimulationScript(events + other.events)
    }

    /// How many events have happened `elapsedMilliseconds` after the start: those whose
    /// offset is at most the elapsed time (negative elapsed times are before the start).
    public func appliedCount(atMilliseconds elapsedMilliseconds: Int64) -> Int {
        firstIndex { $0.offsetMilliseconds > elapsedMilliseconds }
    }

    /// How many events have happened at `now` for a script started at `start`.
    ///
    /// Compares instants (`start` + offset, saturating) rather than subtracting, so
    /// instants at the far ends of the range never wrap around.
    public func appliedCount(start: Timestamp, now: Timestamp) -> Int {
        firstIndex { start.adding(milliseconds: $0.offsetMilliseconds) > now }
    }

    /// The world `elapsedMilliseconds` after the start: `base` with every event at or
    /// before that offset applied.
    public func world(from base: World, atMilliseconds elapsedMilliseconds: Int64) -> World {
        world(from: base, applying: appliedCount(atMilliseconds: elapsedMilliseconds))
    }

    /// The world at `now` for a script started at `start`.
    public func world(from base: World, start: Timestamp, now: Timestamp) -> World {
        world(from: base, applying: appliedCount(start: start, now: now))
    }

    /// `base` with the first `count` events applied (all of them when `count` is larger).
    public func world(from base: World, applying count: Int) -> World {
        var world = base
        for event in events.prefix(max(0, count)) {
            event.change.apply(to: &world)
        }
        return world
    }

    /// The index of the first event matching `isLater`, which must be false for a prefix of
    /// `events` and true for the rest (offsets are sorted): a binary search.
    private func firstIndex(where isLater: (Event) -> Bool) -> Int {
        var low = 0
        var high = events.count
        while low < high {
            let middle = (low + high) / 2
            if isLater(events[middle]) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    // MARK: - Stable hashing

    /// 64 well-mixed bits from a seed and some text: FNV-1a over the UTF-8 bytes of each part
    /// (with a separator, so `["ab", "c"]` and `["a", "bc"]` differ), finished with SplitMix64.
    ///
    /// Unlike `Hasher`, the result is the same in every process, which is what lets ids
    /// derived from user ids and seeds be compared across runs.
    static func stableHash(seed: UInt64 = 0, _ parts: [String]) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            state = (state ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        return SimulationHash.mix(SimulationHash.mix(seed) ^ state)
    }

    /// `value` as lowercase hexadecimal, zero-padded to `digits` and cut to its last `digits`.
    static func hex(_ value: UInt64, digits: Int = 16) -> String {
        let text = String(value, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - text.count)) + text
        return String(padded.suffix(digits))
    }
}
