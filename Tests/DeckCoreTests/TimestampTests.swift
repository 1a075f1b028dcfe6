import DeckCore
import Foundation
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test("ISO 8601 in UTC with three-digit milliseconds", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1, "1970-01-01T00:00:00.001Z"),
        (12, "1970-01-01T00:00:00.012Z"),
        (120, "1970-01-01T00:00:00.120Z"),
        (999, "1970-01-01T00:00:00.999Z"),
        (1_000, "1970-01-01T00:00:01.000Z"),
        (1_700_000_000_123, "2023-11-14T22:13:20.123Z"),
        (1_790_000_000_000, "2026-09-21T14:13:20.000Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        // Before 1970: the milliseconds count forward from the previous whole second.
        (-1, "1969-12-31T23:59:59.999Z"),
        (-999, "1969-12-31T23:59:59.001Z"),
        (-1_000, "1969-12-31T23:59:59.000Z"),
        (-1_001, "1969-12-31T23:59:58.999Z"),
        (-31_536_000_001, "1968-12-31T23:59:59.999Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
    ])
    func iso8601(milliseconds: Int64, text: String) {
        let timestamp = Timestamp(millisecondsSinceEpoch: milliseconds)
        #expect(timestamp.iso8601 == text)
        #expect(timestamp.description == text)
    }

    @Test("ISO 8601 agrees with Foundation's formatter for random instants")
    func iso8601AgreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var rng = SplitMix64(seed: 1970)
        for _ in 0..<500 {
            // 1900...2100
            let milliseconds = Int64(rng.below(6_311_390_400_000)) - 2_208_988_800_000
            let timestamp = Timestamp(millisecondsSinceEpoch: milliseconds)
            let expected = formatter.string(from: timestamp.date)
            // Only the seconds part is compared with Foundation (its fraction may round).
            #expect(timestamp.iso8601.prefix(19) == expected.prefix(19), "\(milliseconds)")
            let fraction = ((milliseconds % 1000) + 1000) % 1000
            #expect(timestamp.iso8601.hasSuffix(String(format: ".%03dZ", fraction)), "\(milliseconds)")
        }
    }

    @Test("adding milliseconds and seconds")
    func adding() {
        let t = Timestamp(millisecondsSinceEpoch: 10_000)
        #expect(t.adding(milliseconds: 5).millisecondsSinceEpoch == 10_005)
        #expect(t.adding(milliseconds: -10_001).millisecondsSinceEpoch == -1)
        #expect(t.adding(seconds: 1.5).millisecondsSinceEpoch == 11_500)
        #expect(t.adding(seconds: -0.25).millisecondsSinceEpoch == 9_750)
        #expect(t.adding(seconds: 0.0004).millisecondsSinceEpoch == 10_000)
        #expect(t.adding(seconds: 0.0006).millisecondsSinceEpoch == 10_001)
        #expect(t.adding(seconds: 86_400).millisecondsSinceEpoch == 86_410_000)
        #expect(t.adding(milliseconds: 0) == t)
    }

    @Test("milliseconds(since:) is the signed difference")
    func difference() {
        let a = Timestamp(millisecondsSinceEpoch: 1_000)
        let b = Timestamp(millisecondsSinceEpoch: 4_500)
        #expect(b.milliseconds(since: a) == 3_500)
        #expect(a.milliseconds(since: b) == -3_500)
        #expect(a.milliseconds(since: a) == 0)
        #expect(a.adding(milliseconds: b.milliseconds(since: a)) == b)
    }

    @Test("comparison follows the milliseconds")
    func comparison() {
        let early = Timestamp(millisecondsSinceEpoch: -5)
        let zero = Timestamp(millisecondsSinceEpoch: 0)
        let late = Timestamp(millisecondsSinceEpoch: 5)
        #expect(early < zero && zero < late)
        #expect(late > early)
        #expect(!(zero < zero))
        #expect(zero <= zero)
        #expect(zero == Timestamp(millisecondsSinceEpoch: 0))
        #expect(zero != late)
        #expect([late, early, zero].sorted() == [early, zero, late])
        #expect(max(early, late) == late)
        #expect(Set([zero, Timestamp(millisecondsSinceEpoch: 0), late]).count == 2)
    }

    @Test("conversion from Date truncates to the millisecond, downwards")
    func fromDate() {
        #expect(Timestamp(Date(timeIntervalSince1970: 1.2345)).millisecondsSinceEpoch == 1_234)
        #expect(Timestamp(Date(timeIntervalSince1970: 1.9999)).millisecondsSinceEpoch == 1_999)
        #expect(Timestamp(Date(timeIntervalSince1970: -0.0005)).millisecondsSinceEpoch == -1)
        #expect(Timestamp(Date(timeIntervalSince1970: 0)).millisecondsSinceEpoch == 0)
        let t = Timestamp(millisecondsSinceEpoch: 1_790_000_000_123)
        #expect(Timestamp(t.date) == t)
        #expect(t.date.timeIntervalSince1970 == 1_790_000_000.123)
    }

    @Test("Codable stores integer milliseconds")
    func codable() throws {
        let t = Timestamp(millisecondsSinceEpoch: -42)
        let data = try JSONEncoder().encode([t])
        #expect(String(decoding: data, as: UTF8.self) == "[-42]")
        #expect(try JSONDecoder().decode([Timestamp].self, from: data) == [t])
    }

    @Test("moving by non-finite or huge amounts saturates instead of trapping or wrapping")
    func saturation() {
        let start = Timestamp(millisecondsSinceEpoch: 1_000)
        #expect(start.adding(seconds: .nan) == start)
        #expect(start.adding(seconds: .infinity).millisecondsSinceEpoch == .max)
        #expect(start.adding(seconds: -.infinity).millisecondsSinceEpoch == .min)
        #expect(start.adding(seconds: 1e300).millisecondsSinceEpoch == .max)
        #expect(start.adding(milliseconds: .max).millisecondsSinceEpoch == .max)
        #expect(Timestamp(millisecondsSinceEpoch: -5).adding(milliseconds: .min).millisecondsSinceEpoch == .min)
        #expect(start.adding(milliseconds: -2_000).millisecondsSinceEpoch == -1_000)
    }
}
