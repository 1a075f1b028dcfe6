/// The byte-wise order of strings' UTF-8, in which canonical JSON sorts object keys.
public enum UTF8Order {
    /// Whether `lhs`'s UTF-8 bytes sort before `rhs`'s: compared in place when both strings
    /// are stored contiguously (every native string), else through their UTF-8 views.
    @inlinable
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let inPlace = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right -> Bool in
                let common = Swift.min(left.count, right.count)
                for index in 0..<common where left[index] != right[index] { return left[index] < right[index] }
                return left.count < right.count
            }
        }
        if let inPlace, let result = inPlace { return result }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
