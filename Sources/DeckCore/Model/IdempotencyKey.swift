/// Generated idempotency keys: UUID version 7 text (RFC 9562), time-ordered.
///
/// Keys sort by creation time, so a batch of new envelopes lands at the end of each
/// tenant's key index instead of scattering inserts across all of its pages.
public enum IdempotencyKey {
    /// A fresh UUIDv7 for `instant`, lowercase.
    public static func generate<Generator: RandomNumberGenerator>(at instant: Timestamp, using generator: inout Generator) -> String {
        let milliseconds = UInt64(bitPattern: instant.millisecondsSinceEpoch) & 0xFFFF_FFFF_FFFF
        let randomA = generator.next() as UInt64
        let randomB = generator.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * UInt64(index))) }
        for index in 6..<16 { bytes[index] = UInt8(truncatingIfNeeded: (index < 8 ? randomA : randomB) >> (8 * UInt64(index % 8))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        var text = ""
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text += "-" }
            text += String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    /// A fresh UUIDv7 for `instant` from the system's random source.
    public static func generate(at instant: Timestamp) -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(at: instant, using: &generator)
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")
}
