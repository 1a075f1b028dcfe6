import DeckCore
import Foundation
import Testing

// Expected instants are derived by hand from the zone rules (checked against `zdump -v`,
// which reads the tz database without Foundation) and written as UTC ISO-8601 text: local
// wall time minus the UTC offset in force at that instant. They are never computed with
// Calendar, so the tests do not repeat the implementation's reasoning.
//
// Offsets and transitions used (2026 unless noted):
// - Europe/Berlin: CET +01:00, CEST +02:00. Spring forward Sun 29 Mar at 01:00Z (02:00 CET
//   → 03:00 CEST, 02:00–02:59 never shown). Fall back Sun 25 Oct at 01:00Z (03:00 CEST →
//   02:00 CET, 02:00–02:59 shown twice: first 00:00Z–01:00Z, again 01:00Z–02:00Z).
// - America/New_York: EST −05:00, EDT −04:00. Spring Sun 8 Mar at 07:00Z (02:00 → 03:00).
//   Fall Sun 1 Nov at 06:00Z (02:00 EDT → 01:00 EST, 01:00–01:59 twice).
// - Asia/Kolkata: +05:30 all year.
// - Australia/Lord_Howe: +10:30 standard, +11:00 summer (a 30-minute shift). Fall back Sun
//   5 Apr at 15:00Z on the 4th (02:00 → 01:30, 01:30–01:59 twice). Spring Sun 4 Oct at
//   15:30Z on the 3rd (02:00 → 02:30, 02:00–02:29 never shown).
// - Pacific/Chatham: +12:45 standard, +13:45 summer. Fall back Sun 5 Apr at 14:00Z on the
//   4th (03:45 → 02:45, 02:45–03:44 twice). Spring Sun 27 Sep at 14:00Z on the 26th
//   (02:45 → 03:45, 02:45–03:44 never shown).
// - America/Sao_Paulo: −03:00 all year since 2019; in 2018 DST began Sun 4 Nov at 03:00Z
//   (00:00 −03 → 01:00 −02: local midnight to 00:59 never shown).
// - America/Santiago: −04:00 winter, −03:00 summer. Spring Sun 6 Sep at 04:00Z (Sat 24:00
//   → Sun 01:00). Fall Sun 5 Apr at 03:00Z (Sat 24:00 −03 → Sat 23:00 −04, 23:00–23:59 twice).
// - Pacific/Apia, 2011: skipped Friday 30 Dec entirely: Thu 29 Dec 23:59:59 −10:00 was
//   followed by Sat 31 Dec 00:00 +14:00 at 2011-12-30T10:00Z.

/// The instant of a UTC ISO-8601 text such as `2026-03-29T01:00:00Z` (optionally with
/// milliseconds).
private func utc(_ text: String) -> Timestamp {
    let formatter = ISO8601DateFormatter()
    if text.contains(".") { formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds] }
    guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
    return Timestamp(millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1000).rounded()))
}

private func zone(_ identifier: String) -> TimeZone {
    guard let zone = TimeZone(identifier: identifier) else { fatalError("tz database lacks \(identifier)") }
    return zone
}

private func window(_ text: String) -> QuietHours {
    do { return try QuietHours(parsing: text) } catch { fatalError("bad test window \(text)") }
}

/// One hand-derived case: in `zone`, with `window`, at `now` → `end` (nil = not quiet).
struct WindowCase: Sendable, CustomTestStringConvertible {
    var zone: String
    var window: String
    var now: String
    var end: String?
    var why: String

    init(_ zone: String, _ window: String, _ now: String, _ end: String?, _ why: String) {
        self.zone = zone
        self.window = window
        self.now = now
        self.end = end
        self.why = why
    }

    var testDescription: String { "\(zone) \(window) at \(now): \(why)" }
}

@Suite("QuietHours.end(ofWindowContaining:in:)")
struct QuietHoursWindowTests {
    @Test("the ISO helper agrees with literal epoch milliseconds")
    func helperSanity() {
        // 2026-03-29T01:00:00Z: 20 541 days after 1970-01-01 (56 years incl. 14 leap days =
        // 20 454 days to 2026-01-01, plus 31 + 28 + 28 days) = 1 774 742 400 s, + 3 600 s.
        #expect(utc("2026-03-29T01:00:00Z").millisecondsSinceEpoch == 1_774_746_000_000)
        #expect(utc("1970-01-01T07:00:00Z").millisecondsSinceEpoch == 25_200_000)
        #expect(utc("1970-01-01T00:00:00.001Z").millisecondsSinceEpoch == 1)
    }

    static let utcCases: [WindowCase] = [
        .init("UTC", "09:00-17:00", "2026-06-01T12:34:56.789Z", "2026-06-01T17:00:00Z", "inside a same-day window"),
        .init("UTC", "09:00-17:00", "2026-06-01T09:00:00Z", "2026-06-01T17:00:00Z", "the start minute is inside"),
        .init("UTC", "09:00-17:00", "2026-06-01T16:59:59.999Z", "2026-06-01T17:00:00Z", "the last millisecond"),
        .init("UTC", "09:00-17:00", "2026-06-01T17:00:00Z", nil, "the end minute is outside"),
        .init("UTC", "09:00-17:00", "2026-06-01T08:59:59.999Z", nil, "just before the start"),
        .init("UTC", "09:00-17:00", "2026-06-01T23:00:00Z", nil, "evening, outside"),
        .init("UTC", "22:00-07:00", "2026-06-01T23:30:00Z", "2026-06-02T07:00:00Z", "before midnight: ends tomorrow"),
        .init("UTC", "22:00-07:00", "2026-06-02T03:00:00Z", "2026-06-02T07:00:00Z", "after midnight: ends today"),
        .init("UTC", "22:00-07:00", "2026-06-01T22:00:00Z", "2026-06-02T07:00:00Z", "crossing window, start minute"),
        .init("UTC", "22:00-07:00", "2026-06-02T00:00:00Z", "2026-06-02T07:00:00Z", "exactly midnight"),
        .init("UTC", "22:00-07:00", "2026-06-02T07:00:00Z", nil, "crossing window, end minute"),
        .init("UTC", "22:00-07:00", "2026-06-01T21:59:59.999Z", nil, "a millisecond before the start"),
        .init("UTC", "22:00-07:00", "2026-06-01T12:00:00Z", nil, "midday, outside"),
        .init("UTC", "22:00-07:00", "2026-12-31T23:00:00Z", "2027-01-01T07:00:00Z", "across the new year"),
        .init("UTC", "22:00-07:00", "2028-02-28T23:00:00Z", "2028-02-29T07:00:00Z", "into a leap day"),
        .init("UTC", "22:00-07:00", "1969-12-31T23:00:00Z", "1970-01-01T07:00:00Z", "before the epoch (negative ms)"),
        .init("UTC", "23:59-00:00", "2026-06-01T23:59:30Z", "2026-06-02T00:00:00Z", "one-minute window at midnight"),
        .init("UTC", "00:00-23:59", "2026-06-01T00:00:00Z", "2026-06-01T23:59:00Z", "a window of 23 h 59 min"),
    ]

    @Test("UTC", arguments: utcCases)
    func inUTC(_ example: WindowCase) { check(example) }

    static let fixedOffsetCases: [WindowCase] = [
        // Kolkata +05:30: local = UTC + 5 h 30 min.
        .init("Asia/Kolkata", "22:00-07:00", "2026-06-01T17:30:00Z", "2026-06-02T01:30:00Z", "23:00 IST → 07:00 IST next day"),
        .init("Asia/Kolkata", "22:00-07:00", "2026-06-01T16:30:00Z", "2026-06-02T01:30:00Z", "22:00 IST, the start"),
        .init("Asia/Kolkata", "22:00-07:00", "2026-06-02T01:29:59.999Z", "2026-06-02T01:30:00Z", "06:59:59.999 IST"),
        .init("Asia/Kolkata", "22:00-07:00", "2026-06-02T01:30:00Z", nil, "07:00 IST, the end"),
        .init("Asia/Kolkata", "22:00-07:00", "2026-06-01T16:29:00Z", nil, "21:59 IST"),
        .init("Asia/Kolkata", "09:00-17:00", "2026-06-01T03:29:59Z", nil, "08:59:59 IST (04:59 by a whole-hour offset)"),
        .init("Asia/Kolkata", "09:00-17:00", "2026-06-01T03:30:00Z", "2026-06-01T11:30:00Z", "09:00 IST → 17:00 IST"),
        // São Paulo −03:00 (southern hemisphere, no DST since 2019).
        .init("America/Sao_Paulo", "22:00-07:00", "2026-01-16T02:00:00Z", "2026-01-16T10:00:00Z", "23:00 −03 → 07:00 −03"),
        .init("America/Sao_Paulo", "22:00-07:00", "2026-01-16T00:59:00Z", nil, "21:59 −03"),
        .init("America/Sao_Paulo", "09:00-17:00", "2026-07-15T15:00:00Z", "2026-07-15T20:00:00Z", "12:00 −03 in July"),
        // Chatham on an ordinary winter day: +12:45.
        .init("Pacific/Chatham", "22:00-07:00", "2026-06-15T10:15:00Z", "2026-06-15T18:15:00Z", "23:00 +12:45 → 07:00 +12:45"),
        .init("Pacific/Chatham", "22:00-07:00", "2026-06-15T18:15:00Z", nil, "07:00 +12:45, the end"),
        .init("Pacific/Chatham", "22:00-07:00", "2026-06-15T09:14:00Z", nil, "21:59 +12:45"),
        // Berlin and New York on ordinary days, summer and winter offsets.
        .init("Europe/Berlin", "22:00-07:00", "2026-07-15T21:30:00Z", "2026-07-16T05:00:00Z", "23:30 CEST → 07:00 CEST"),
        .init("Europe/Berlin", "22:00-07:00", "2026-07-15T19:59:00Z", nil, "21:59 CEST"),
        .init("Europe/Berlin", "09:00-17:00", "2026-01-15T09:00:00Z", "2026-01-15T16:00:00Z", "10:00 CET → 17:00 CET"),
        .init("America/New_York", "22:00-07:00", "2026-01-15T04:00:00Z", "2026-01-15T12:00:00Z", "23:00 EST → 07:00 EST"),
        .init("America/New_York", "22:00-07:00", "2026-07-15T10:59:00Z", "2026-07-15T11:00:00Z", "06:59 EDT"),
    ]

    @Test("fixed and ordinary offsets", arguments: fixedOffsetCases)
    func ordinaryDays(_ example: WindowCase) { check(example) }

    static let springForwardCases: [WindowCase] = [
        // Berlin 29 Mar: 01:59:59.999 CET (00:59:59.999Z) is followed by 03:00 CEST (01:00Z).
        .init("Europe/Berlin", "01:00-02:30", "2026-03-29T00:15:00Z", "2026-03-29T01:00:00Z",
              "01:15 CET; 02:30 never shows, the window ends when the clock lands at 03:00 CEST"),
        .init("Europe/Berlin", "01:00-02:30", "2026-03-29T00:59:59.999Z", "2026-03-29T01:00:00Z",
              "last millisecond before the jump"),
        .init("Europe/Berlin", "01:00-02:30", "2026-03-29T01:00:00Z", nil, "03:00 CEST is past the end"),
        .init("Europe/Berlin", "01:00-02:30", "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "01:00 CET, the start"),
        .init("Europe/Berlin", "22:00-02:30", "2026-03-28T22:00:00Z", "2026-03-29T01:00:00Z",
              "crossing midnight into the skipped hour: 23:00 CET → lands at 03:00 CEST"),
        .init("Europe/Berlin", "01:00-04:00", "2026-03-29T00:30:00Z", "2026-03-29T02:00:00Z",
              "window contains the skipped hour: 01:30 CET → 04:00 CEST"),
        .init("Europe/Berlin", "01:00-04:00", "2026-03-29T01:10:00Z", "2026-03-29T02:00:00Z", "03:10 CEST → 04:00 CEST"),
        .init("Europe/Berlin", "02:15-05:00", "2026-03-29T01:10:00Z", "2026-03-29T03:00:00Z",
              "start skipped, 03:10 CEST is inside → 05:00 CEST"),
        .init("Europe/Berlin", "02:15-05:00", "2026-03-29T00:59:00Z", nil, "01:59 CET, before a start that never shows"),
        .init("Europe/Berlin", "02:00-02:45", "2026-03-29T00:59:00Z", nil, "whole window skipped: 01:59 CET"),
        .init("Europe/Berlin", "02:00-02:45", "2026-03-29T01:00:00Z", nil, "whole window skipped: 03:00 CEST"),
        .init("Europe/Berlin", "22:00-07:00", "2026-03-28T22:00:00Z", "2026-03-29T05:00:00Z",
              "night window on the short night: 23:00 CET → 07:00 CEST (8 h)"),
        // New York 8 Mar: 01:59:59 EST (06:59:59Z) → 03:00 EDT (07:00Z).
        .init("America/New_York", "01:00-02:30", "2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z", "01:30 EST → lands 03:00 EDT"),
        .init("America/New_York", "22:00-07:00", "2026-03-08T04:00:00Z", "2026-03-08T11:00:00Z", "23:00 EST → 07:00 EDT"),
        // Lord Howe 4 Oct: 01:59:59 +10:30 (15:29:59Z on the 3rd) → 02:30 +11 (15:30Z).
        .init("Australia/Lord_Howe", "01:00-02:15", "2026-10-03T15:15:00Z", "2026-10-03T15:30:00Z",
              "01:45 +10:30; 02:15 never shows, lands at 02:30 +11 (30-minute jump)"),
        .init("Australia/Lord_Howe", "01:00-02:45", "2026-10-03T15:15:00Z", "2026-10-03T15:45:00Z",
              "01:45 +10:30 → 02:45 +11, after the jump"),
        .init("Australia/Lord_Howe", "01:00-02:30", "2026-10-03T15:15:00Z", "2026-10-03T15:30:00Z",
              "end exactly where the clock lands"),
        .init("Australia/Lord_Howe", "22:00-07:00", "2026-10-03T11:30:00Z", "2026-10-03T20:00:00Z",
              "22:00 +10:30 → 07:00 +11 (8 h 30 min)"),
        // Chatham 27 Sep: 02:44:59 +12:45 (13:59:59Z on the 26th) → 03:45 +13:45 (14:00Z).
        .init("Pacific/Chatham", "02:00-03:00", "2026-09-26T13:45:00Z", "2026-09-26T14:00:00Z",
              "02:30 +12:45; 03:00 never shows, lands at 03:45 +13:45"),
        .init("Pacific/Chatham", "02:00-04:00", "2026-09-26T13:45:00Z", "2026-09-26T14:15:00Z", "02:30 +12:45 → 04:00 +13:45"),
        .init("Pacific/Chatham", "02:00-03:45", "2026-09-26T13:45:00Z", "2026-09-26T14:00:00Z", "end exactly at the landing"),
        // São Paulo 2018 and Santiago 2026: the skipped hour is local midnight.
        .init("America/Sao_Paulo", "23:00-00:30", "2018-11-04T02:30:00Z", "2018-11-04T03:00:00Z",
              "23:30 −03; 00:30 never shows, lands at 01:00 −02"),
        .init("America/Sao_Paulo", "22:00-07:00", "2018-11-04T02:30:00Z", "2018-11-04T09:00:00Z", "23:30 −03 → 07:00 −02"),
        .init("America/Santiago", "23:00-00:30", "2026-09-06T03:30:00Z", "2026-09-06T04:00:00Z",
              "23:30 −04; 00:30 never shows, lands at 01:00 −03"),
        .init("America/Santiago", "22:00-07:00", "2026-09-06T03:30:00Z", "2026-09-06T10:00:00Z", "23:30 −04 → 07:00 −03"),
        // Apia skipped a whole calendar day.
        .init("Pacific/Apia", "22:00-07:00", "2011-12-30T09:30:00Z", "2011-12-30T17:00:00Z",
              "Thu 23:30 −10 → Sat 07:00 +14 (Friday never happened)"),
    ]

    @Test("spring forward", arguments: springForwardCases)
    func springForward(_ example: WindowCase) { check(example) }

    static let fallBackCases: [WindowCase] = [
        // Berlin 25 Oct: 02:30 is shown at 00:30Z (CEST) and again at 01:30Z (CET).
        .init("Europe/Berlin", "01:00-02:30", "2026-10-24T23:30:00Z", "2026-10-25T00:30:00Z",
              "01:30 CEST → the first 02:30 (CEST)"),
        .init("Europe/Berlin", "01:00-02:30", "2026-10-25T00:10:00Z", "2026-10-25T00:30:00Z",
              "02:10 CEST, first pass → the first 02:30"),
        .init("Europe/Berlin", "01:00-02:30", "2026-10-25T00:30:00Z", nil, "the first 02:30 is outside"),
        .init("Europe/Berlin", "01:00-02:30", "2026-10-25T00:45:00Z", nil, "02:45 CEST is outside"),
        .init("Europe/Berlin", "01:00-02:30", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z",
              "02:00 CET: the clock fell back into the window; ends at the second 02:30"),
        .init("Europe/Berlin", "01:00-02:30", "2026-10-25T01:10:00Z", "2026-10-25T01:30:00Z",
              "02:10 CET, repeated hour after the first 02:30 passed → the next 02:30, not tomorrow's"),
        .init("Europe/Berlin", "01:00-02:30", "2026-10-25T01:30:00Z", nil, "the second 02:30 is outside"),
        .init("Europe/Berlin", "01:00-04:00", "2026-10-25T00:15:00Z", "2026-10-25T03:00:00Z",
              "window contains the repeated hour: 02:15 CEST → 04:00 CET"),
        .init("Europe/Berlin", "01:00-04:00", "2026-10-25T01:15:00Z", "2026-10-25T03:00:00Z", "02:15 CET → 04:00 CET"),
        .init("Europe/Berlin", "02:00-03:00", "2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z",
              "02:30 CEST: the clock goes from 02:59:59 CEST back to 02:00 CET, still inside, until 03:00 CET"),
        .init("Europe/Berlin", "02:45-03:30", "2026-10-25T00:50:00Z", "2026-10-25T01:00:00Z",
              "02:50 CEST: the jump back to 02:00 CET leaves the window before 03:30"),
        .init("Europe/Berlin", "02:45-03:30", "2026-10-25T01:00:00Z", nil, "02:00 CET is outside 02:45-03:30"),
        .init("Europe/Berlin", "02:45-03:30", "2026-10-25T01:50:00Z", "2026-10-25T02:30:00Z", "02:50 CET → 03:30 CET"),
        .init("Europe/Berlin", "22:00-07:00", "2026-10-24T21:00:00Z", "2026-10-25T06:00:00Z",
              "night window on the long night: 23:00 CEST → 07:00 CET (10 h)"),
        // New York 1 Nov: 01:30 is shown at 05:30Z (EDT) and at 06:30Z (EST).
        .init("America/New_York", "00:00-01:30", "2026-11-01T05:10:00Z", "2026-11-01T05:30:00Z", "01:10 EDT → first 01:30"),
        .init("America/New_York", "00:00-01:30", "2026-11-01T05:45:00Z", nil, "01:45 EDT is outside"),
        .init("America/New_York", "00:00-01:30", "2026-11-01T06:10:00Z", "2026-11-01T06:30:00Z", "01:10 EST → second 01:30"),
        .init("America/New_York", "22:00-07:00", "2026-11-01T03:00:00Z", "2026-11-01T12:00:00Z", "23:00 EDT → 07:00 EST"),
        // Lord Howe 5 Apr: 01:45 is shown at 14:45Z (+11) and at 15:15Z (+10:30) on the 4th.
        .init("Australia/Lord_Howe", "00:00-01:45", "2026-04-04T14:00:00Z", "2026-04-04T14:45:00Z", "01:00 +11 → first 01:45"),
        .init("Australia/Lord_Howe", "00:00-01:45", "2026-04-04T14:50:00Z", nil, "01:50 +11 is outside"),
        .init("Australia/Lord_Howe", "00:00-01:45", "2026-04-04T15:00:00Z", "2026-04-04T15:15:00Z",
              "01:30 +10:30: fell back into the window → second 01:45"),
        .init("Australia/Lord_Howe", "00:00-01:45", "2026-04-04T15:05:00Z", "2026-04-04T15:15:00Z",
              "01:35 +10:30 → second 01:45, not the next day's"),
        .init("Australia/Lord_Howe", "22:00-07:00", "2026-04-04T11:00:00Z", "2026-04-04T20:30:00Z", "22:00 +11 → 07:00 +10:30"),
        // Chatham 5 Apr: 03:00 is shown at 13:15Z (+13:45) and at 14:15Z (+12:45) on the 4th.
        .init("Pacific/Chatham", "01:00-03:00", "2026-04-04T12:15:00Z", "2026-04-04T13:15:00Z", "02:00 +13:45 → first 03:00"),
        .init("Pacific/Chatham", "01:00-03:00", "2026-04-04T13:30:00Z", nil, "03:15 +13:45 is outside"),
        .init("Pacific/Chatham", "01:00-03:00", "2026-04-04T14:05:00Z", "2026-04-04T14:15:00Z", "02:50 +12:45 → second 03:00"),
        // Santiago 5 Apr: Sat 23:59:59 −03 (02:59:59Z) → Sat 23:00 −04 (03:00Z).
        .init("America/Santiago", "23:00-00:30", "2026-04-05T02:30:00Z", "2026-04-05T04:30:00Z",
              "23:30 −03; back to 23:00 −04 (inside) → 00:30 −04"),
        .init("America/Santiago", "23:00-00:30", "2026-04-05T03:30:00Z", "2026-04-05T04:30:00Z", "23:30 −04 → 00:30 −04"),
    ]

    @Test("fall back", arguments: fallBackCases)
    func fallBack(_ example: WindowCase) { check(example) }

    private func check(_ example: WindowCase, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = window(example.window).end(ofWindowContaining: utc(example.now), in: zone(example.zone))
        #expect(result == example.end.map(utc), "\(example.why)", sourceLocation: sourceLocation)
    }

    /// The local minute of the day by Calendar components (the tests' independent view).
    private static func localMinute(_ instant: Timestamp, _ calendar: Calendar) -> Int {
        let parts = calendar.dateComponents([.hour, .minute], from: instant.date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    @Test("random instants: nil exactly outside; otherwise the end of the quiet stretch",
          arguments: ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
                      "Pacific/Chatham", "America/Santiago"])
    func randomized(zoneName: String) {
        var random = SplitMix64(seed: zoneName.utf8.reduce(0x51E7_0000) { $0 &* 31 &+ UInt64($1) })
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone(zoneName)
        // 2026, densely around the transitions (March/April, Sep/Oct/Nov) and anywhere.
        let year2026 = utc("2026-01-01T00:00:00Z").millisecondsSinceEpoch
        let hotSpots = ["2026-03-08T06:00:00Z", "2026-03-29T00:00:00Z", "2026-04-04T12:00:00Z",
                        "2026-09-06T02:00:00Z", "2026-09-26T12:00:00Z", "2026-10-03T14:00:00Z",
                        "2026-10-25T00:00:00Z", "2026-11-01T05:00:00Z"].map { utc($0).millisecondsSinceEpoch }
        var quietCount = 0
        for _ in 0..<300 {
            let start = random.below(1440)
            var end = random.below(1440)
            if end == start { end = (end + 1) % 1440 }
            let quiet = try! QuietHours(startMinute: start, endMinute: end)
            let base = random.chance(2) ? hotSpots[random.below(hotSpots.count)] : year2026 + Int64(random.below(365)) * 86_400_000
            let now = Timestamp(millisecondsSinceEpoch: base + Int64(random.below(4 * 3_600_000)))
            let inside = quiet.contains(minuteOfDay: Self.localMinute(now, calendar))
            let result = quiet.end(ofWindowContaining: now, in: calendar.timeZone)
            #expect((result != nil) == inside, "\(quiet) at \(now)")
            guard let result else { continue }
            quietCount += 1
            #expect(result > now)
            #expect(result.milliseconds(since: now) <= 26 * 3_600_000, "a window lasts under a day (+ a DST hour)")
            #expect(!quiet.contains(minuteOfDay: Self.localMinute(result, calendar)), "outside at the end")
            #expect(quiet.contains(minuteOfDay: Self.localMinute(result.adding(milliseconds: -1), calendar)),
                    "inside just before the end: \(quiet) at \(now) → \(result)")
            // The whole stretch from now to the end is quiet (sampled).
            let span = result.milliseconds(since: now)
            for _ in 0..<8 {
                let probe = now.adding(milliseconds: Int64(random.next() % UInt64(span)))
                #expect(quiet.contains(minuteOfDay: Self.localMinute(probe, calendar)), "\(quiet) at \(probe)")
            }
        }
        #expect(quietCount > 30, "the sample reaches inside windows often enough to mean something")
    }
}
