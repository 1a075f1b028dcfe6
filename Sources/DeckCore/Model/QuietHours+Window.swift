import Foundation

extension QuietHours {
    /// When `instant` falls inside the window in `timeZone`, the instant the window ends;
    /// otherwise nil.
    ///
    /// Works in local wall-clock time: a window crossing midnight ends on the next local
    /// day; on a day when the clock jumps forward over the end time the window ends when
    /// the clock lands (the first instant at or after the end that exists); when the clock
    /// falls back and the end time occurs twice, the window ends at its first occurrence.
    public func end(ofWindowContaining instant: Timestamp, in timeZone: TimeZone) -> Timestamp? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = instant.date
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        guard contains(minuteOfDay: minute) else { return nil }
        let match = DateComponents(hour: endMinute / 60, minute: endMinute % 60, second: 0)
        guard let end = calendar.nextDate(after: date, matching: match, matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward)
        else { return nil }
        return Timestamp(end)
    }
}
