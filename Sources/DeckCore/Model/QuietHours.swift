/// A daily window, in the tenant's local time, when no envelope may run.
///
/// `22:00-07:00` crosses midnight: quiet from 22:00 until 07:00 the next morning.
public struct QuietHours: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Minutes after local midnight when the window opens (0–1439).
    public var startMinute: Int
    /// Minutes after local midnight when the window closes (0–1439), exclusive.
    public var endMinute: Int

    /// A window from `startMinute` to `endMinute`; both within a day and different.
    public init(startMinute: Int, endMinute: Int) throws(InvalidInput) {
        guard (0..<1440).contains(startMinute), (0..<1440).contains(endMinute) else {
            throw InvalidInput("quiet hours must lie within 00:00 and 23:59")
        }
        guard startMinute != endMinute else {
            throw InvalidInput("quiet hours start and end must differ")
        }
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Parses `HH:MM-HH:MM` (24-hour clock).
    public init(parsing text: String) throws(InvalidInput) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.minute(of: parts[0]), let end = Self.minute(of: parts[1]) else {
            throw InvalidInput("quiet hours '\(TerminalText.sanitize(text))' do not parse (expected HH:MM-HH:MM, e.g. 22:00-07:00)")
        }
        try self.init(startMinute: start, endMinute: end)
    }

    /// True when the window runs past midnight.
    public var crossesMidnight: Bool { endMinute < startMinute }

    /// True when a local minute-of-day falls inside the window.
    public func contains(minuteOfDay minute: Int) -> Bool {
        crossesMidnight ? (minute >= startMinute || minute < endMinute) : (minute >= startMinute && minute < endMinute)
    }

    /// `HH:MM-HH:MM`.
    public var description: String { Self.format(startMinute) + "-" + Self.format(endMinute) }

    private static func minute(of text: Substring) -> Int? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces[0].count == 2, pieces[1].count == 2,
              pieces.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(pieces[0]), let minute = Int(pieces[1]), hour < 24, minute < 60
        else { return nil }
        return hour * 60 + minute
    }

    private static func format(_ minute: Int) -> String {
        let hours = minute / 60, minutes = minute % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (minutes < 10 ? "0" : "") + String(minutes)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
