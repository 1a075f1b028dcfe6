import Foundation

/// A point in time with millisecond precision, as OpsDeck stores it everywhere.
///
/// Storage adapters keep integer milliseconds since the Unix epoch, so a value written and
/// read back is exactly equal; `Date` would round-trip through a `Double` and drift.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64

    /// A timestamp from raw milliseconds since the epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// A timestamp from a `Date`, truncated to the millisecond.
    public init(_ date: Date) {
        self.millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The same instant as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

    /// This instant moved by a number of milliseconds (negative moves back), saturating at
    /// the ends of the range instead of wrapping.
    public func adding(milliseconds: Int64) -> Timestamp {
        let (sum, overflow) = millisecondsSinceEpoch.addingReportingOverflow(milliseconds)
        guard overflow else { return Timestamp(millisecondsSinceEpoch: sum) }
        return Timestamp(millisecondsSinceEpoch: milliseconds > 0 ? .max : .min)
    }

    /// This instant moved by a number of seconds; NaN moves nothing, huge values saturate.
    public func adding(seconds: Double) -> Timestamp {
        let milliseconds = (seconds * 1000).rounded()
        if milliseconds.isNaN { return self }
        if milliseconds >= 9.2e18 { return Timestamp(millisecondsSinceEpoch: .max) }
        if milliseconds <= -9.2e18 { return Timestamp(millisecondsSinceEpoch: .min) }
        return adding(milliseconds: Int64(milliseconds))
    }

    /// The `run_at` of an envelope held by a drift alert: 9999-12-31T23:59:59.999Z, later than
    /// any real instant, so a held envelope is never due (and needs no index of its own to be
    /// passed over) until its release sets a real time.
    public static let held = Timestamp(millisecondsSinceEpoch: 253_402_300_799_999)

    /// Milliseconds from `other` to `self` (positive when `self` is later).
    public func milliseconds(since other: Timestamp) -> Int64 {
        millisecondsSinceEpoch &- other.millisecondsSinceEpoch
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-26T15:47:53.120Z`.
    public var iso8601: String {
        var seconds = millisecondsSinceEpoch.quotientAndRemainder(dividingBy: 1000)
        if seconds.remainder < 0 { seconds = (seconds.quotient - 1, seconds.remainder + 1000) }
        var time = time_t(seconds.quotient)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(seconds.remainder))
    }

    public var description: String { iso8601 }

    public init(from decoder: any Decoder) throws {
        millisecondsSinceEpoch = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSinceEpoch)
    }
}
