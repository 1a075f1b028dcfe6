import DeckCore
import Foundation

/// Reads how long Composio asks callers to wait, from a response's headers.
///
/// `retry-after-ms` (milliseconds) wins when it is a valid number, as in Composio's own
/// clients; otherwise `Retry-After` is either delta-seconds or an HTTP-date, measured from
/// the injected clock's now (a date in the past means "now": 0). Anything unreadable,
/// negative or not finite is nil, and the engine falls back to its own backoff.
enum ComposioRetryAfter {
    /// Seconds to wait, or nil when neither header says.
    static func seconds(retryAfter: String?, retryAfterMilliseconds: String?, now: Timestamp) -> Double? {
        if let text = retryAfterMilliseconds?.trimmingCharacters(in: .whitespaces),
            let milliseconds = Double(text), milliseconds.isFinite, milliseconds >= 0
        {
            return milliseconds / 1000
        }
        guard let text = retryAfter?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text) {
            return seconds.isFinite && seconds >= 0 ? seconds : nil
        }
        guard let date = httpDate(text) else { return nil }
        return max(0, Double(Timestamp(date).milliseconds(since: now)) / 1000)
    }

    /// An HTTP-date in any of the three forms RFC 9110 accepts: IMF-fixdate
    /// (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and
    /// asctime (`Sun Nov  6 08:49:37 1994`).
    static func httpDate(_ text: String) -> Date? {
        // DateFormatter is not Sendable; a 429 is rare enough to build one per call.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: collapsed) { return date }
        }
        return nil
    }
}
