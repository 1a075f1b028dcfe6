import DeckCore
import Foundation
import Testing

@Suite("QuietHours")
struct QuietHoursTests {
    @Test("parses a window that crosses midnight")
    func crossingMidnight() throws {
        let quiet = try QuietHours(parsing: "22:00-07:00")
        #expect(quiet.startMinute == 22 * 60)
        #expect(quiet.endMinute == 7 * 60)
        #expect(quiet.crossesMidnight)
        #expect(quiet.description == "22:00-07:00")
    }

    @Test("parses a window within one day")
    func sameDay() throws {
        let quiet = try QuietHours(parsing: "09:30-17:45")
        #expect(quiet.startMinute == 570)
        #expect(quiet.endMinute == 1065)
        #expect(!quiet.crossesMidnight)
        #expect(quiet.description == "09:30-17:45")
    }

    @Test("accepts the extremes of the day", arguments: ["00:00-23:59", "23:59-00:00", "00:01-00:00", "12:00-12:01"])
    func extremes(text: String) throws {
        #expect(try QuietHours(parsing: text).description == text)
    }

    @Test("contains(minuteOfDay:) across midnight: start inclusive, end exclusive",
          arguments: [(1320, true), (1439, true), (0, true), (419, true), (420, false), (1319, false), (720, false)])
    func containsCrossing(minute: Int, inside: Bool) throws {
        #expect(try QuietHours(parsing: "22:00-07:00").contains(minuteOfDay: minute) == inside)
    }

    @Test("contains(minuteOfDay:) within a day: start inclusive, end exclusive",
          arguments: [(570, true), (1064, true), (800, true), (1065, false), (569, false), (0, false), (1439, false)])
    func containsSameDay(minute: Int, inside: Bool) throws {
        #expect(try QuietHours(parsing: "09:30-17:45").contains(minuteOfDay: minute) == inside)
    }

    @Test("a window and its complement split every minute of the day")
    func complement() throws {
        let night = try QuietHours(parsing: "22:00-07:00")
        let day = try QuietHours(parsing: "07:00-22:00")
        for minute in 0..<1440 {
            #expect(night.contains(minuteOfDay: minute) != day.contains(minuteOfDay: minute), "minute \(minute)")
        }
        #expect((0..<1440).filter { night.contains(minuteOfDay: $0) }.count == 9 * 60)
    }

    static let invalid = [
        "25:00-07:00", "24:00-07:00", "22:00-24:00", "22:60-07:00", "22:00-07:99",
        "7:00-8:00", "07:00-8:00", "070:00-08:00", "07:0-08:00",
        "22:00", "22:00-", "-07:00", "22:00-07:00-08:00", "",
        "22:00-22:00", "00:00-00:00",
        "aa:bb-cc:dd", "22:00 - 07:00", " 22:00-07:00", "22:00-07:00\n", "22.00-07.00", "2200-0700",
        "+1:00-07:00", "-1:00-07:00", "２２:００-０７:００", "٢٢:٠٠-٠٧:٠٠", "22:00–07:00",
    ]

    @Test("refuses malformed windows", arguments: invalid)
    func rejects(text: String) {
        let error = #expect(throws: InvalidInput.self) { try QuietHours(parsing: text) }
        #expect(error?.message.contains("\n") == false, "messages are one line")
    }

    @Test("the error message shows the input sanitized")
    func sanitizedMessage() {
        let error = #expect(throws: InvalidInput.self) { try QuietHours(parsing: "\u{1B}[2J") }
        #expect(error?.message.contains(#"\x1b[2J"#) == true)
        #expect(error?.message.contains("\u{1B}") == false)
    }

    @Test("the minute initializer checks range and difference",
          arguments: [(-1, 60), (60, -1), (1440, 60), (60, 1440), (300, 300)])
    func minuteInitializerRejects(start: Int, end: Int) {
        #expect(throws: InvalidInput.self) { try QuietHours(startMinute: start, endMinute: end) }
    }

    @Test("the minute initializer accepts valid minutes")
    func minuteInitializer() throws {
        let quiet = try QuietHours(startMinute: 0, endMinute: 1439)
        #expect(quiet.description == "00:00-23:59")
        #expect(try QuietHours(startMinute: 65, endMinute: 605).description == "01:05-10:05")
    }

    @Test("Codable uses the HH:MM-HH:MM text")
    func codable() throws {
        let quiet = try QuietHours(parsing: "22:00-07:00")
        let data = try JSONEncoder().encode([quiet])
        #expect(String(decoding: data, as: UTF8.self) == #"["22:00-07:00"]"#)
        #expect(try JSONDecoder().decode([QuietHours].self, from: data) == [quiet])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([QuietHours].self, from: Data(#"["22:00"]"#.utf8)) }
    }
}
