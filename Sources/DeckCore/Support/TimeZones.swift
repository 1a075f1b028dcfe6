import Foundation
import Synchronization

/// Time zones by IANA name, looked up once: claims evaluate quiet hours for every candidate.
enum TimeZones {
    private static let cache = Mutex<[String: TimeZone?]>([:])

    /// UTC.
    static let utc = TimeZone(secondsFromGMT: 0)!

    /// The zone named `identifier`, or nil when this machine does not know it.
    static func named(_ identifier: String) -> TimeZone? {
        if let known = cache.withLock({ $0[identifier] }) { return known }
        let zone = TimeZone(identifier: identifier)
        cache.withLock { $0[identifier] = zone }
        return zone
    }
}
