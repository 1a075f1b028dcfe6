import Foundation

extension QuietHours {
    /// When `instant` falls inside the window in `timeZone`, the instant the window ends;
    /// otherwise nil.
    ///
    /// Works in local wall-clock time: the window ends at the first instant after `instant`
    /// at which the local clock shows a time outside it. So a window crossing midnight ends
    /// on the next local day; on a day when the clock jumps forward over the end time the
    /// window ends when the clock lands (the first instant at or after the end that exists);
    /// when the clock falls back and the end time occurs twice, the window ends at its first
    /// occurrence after `instant` (the second one when `instant` is in the repeated stretch
    /// after the first has passed). A jump that carries the clock out of the window before
    /// the end time (backwards, on a fall-back night) also ends it. The result is always
    /// later than `instant`, and the local clock shows a time outside the window there.
    public func end(ofWindowContaining instant: Timestamp, in timeZone: TimeZone) -> Timestamp? {
        // Foundation's `Calendar.nextDate(after:matching:)` is not used on purpose: with
        // offsets that change by other than an hour (Australia/Lord_Howe ±30 min,
        // Pacific/Chatham at 02:45) it lands an hour late or a whole day late. Between two
        // offset transitions the local clock runs in step with UTC, so the end is found by
        // arithmetic, one constant-offset stretch at a time.
        var cursor = instant.millisecondsSinceEpoch
        guard contains(minuteOfDay: Self.localMinuteOfDay(cursor, in: timeZone)) else { return nil }
        let day: Int64 = 86_400_000
        let endOfDay = Int64(endMinute) * 60_000
        // Each pass either returns or moves past one offset transition; real zones change
        // offset at most a few times a year, so a handful of passes always suffices.
        for _ in 0..<8 {
            let offset = Self.offsetMilliseconds(at: cursor, in: timeZone)
            let local = Self.saturating(cursor, offset)
            // The next local time of day equal to the end (inside means the clock is not
            // within the end minute now, so it is strictly ahead).
            let midnight = Self.saturating(local, -Self.floorMod(local, day))
            var exitLocal = Self.saturating(midnight, endOfDay)
            if exitLocal <= local { exitLocal = Self.saturating(exitLocal, day) }
            let exit = Self.saturating(exitLocal, -offset)
            let after = Timestamp(millisecondsSinceEpoch: cursor).date
            let transition = timeZone.nextDaylightSavingTimeTransition(after: after)
                .map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
            guard let transition, transition > cursor, transition <= exit else {
                return Timestamp(millisecondsSinceEpoch: exit)
            }
            // The offset changes before the clock reaches the end: the window ends at the
            // transition if the clock lands outside it, otherwise continue from there.
            cursor = transition
            if !contains(minuteOfDay: Self.localMinuteOfDay(cursor, in: timeZone)) {
                return Timestamp(millisecondsSinceEpoch: cursor)
            }
        }
        return nil
    }

    /// The UTC offset of `timeZone` at `milliseconds` since the epoch, in milliseconds.
    private static func offsetMilliseconds(at milliseconds: Int64, in timeZone: TimeZone) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Timestamp(millisecondsSinceEpoch: milliseconds).date)) * 1000
    }

    /// The local minute of the day (0–1439) at `milliseconds` since the epoch.
    private static func localMinuteOfDay(_ milliseconds: Int64, in timeZone: TimeZone) -> Int {
        let local = saturating(milliseconds, offsetMilliseconds(at: milliseconds, in: timeZone))
        return Int(floorMod(local, 86_400_000) / 60_000)
    }

    /// `value + delta`, pinned to the ends of the range instead of overflowing.
    private static func saturating(_ value: Int64, _ delta: Int64) -> Int64 {
        let (sum, overflow) = value.addingReportingOverflow(delta)
        return overflow ? (delta > 0 ? .max : .min) : sum
    }

    private static func floorMod(_ value: Int64, _ modulus: Int64) -> Int64 {
        let remainder = value % modulus
        return remainder < 0 ? remainder + modulus : remainder
    }
}
