/// Writers of text into byte buffers for the hot encoders (canonical JSON, the audit row's
/// hashed bytes): decimal integers without an intermediate `String`, and a string's UTF-8
/// copied from its contiguous storage.
extension Array where Element == UInt8 {
    /// Appends `value` in decimal (`-` for negatives), the bytes `String(value)` has.
    @inlinable
    public mutating func appendDecimal(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // An Int64's magnitude has at most 19 digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = digits.count
            repeat {
                index -= 1
                digits[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[index...]))
        }
    }

    /// The number of bytes `appendDecimal(value)` writes.
    @inlinable
    public static func decimalLength(of value: Int64) -> Int {
        var magnitude = value.magnitude
        var length = value < 0 ? 2 : 1
        while magnitude >= 10 {
            magnitude /= 10
            length += 1
        }
        return length
    }

    /// Appends `text`'s UTF-8 bytes, copied at once when the string is stored contiguously
    /// (every native string).
    @inlinable
    public mutating func appendUTF8(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil {
            append(contentsOf: text.utf8)
        }
    }
}
