import Foundation
import Synchronization

/// Strings read again and again from the claim path's columns — tenant ids, tool slugs,
/// toolkits, worker ids — kept once and handed out again when the same bytes come back.
///
/// A claim reads a window of four times its batch in candidates, each with a 36-byte tenant
/// id and a tool slug: without this, two heap strings per candidate, made and freed within
/// the transaction. The table holds a bounded number of distinct texts (it starts over when
/// half full), so a store with many tenants costs memory in proportion to that bound only.
final class SQLiteTextInterner: Sendable {
    private struct Table {
        var hashes: [UInt64]
        var texts: [String?]
        var count = 0

        init(capacity: Int) {
            hashes = Array(repeating: 0, count: capacity)
            texts = Array(repeating: nil, count: capacity)
        }
    }

    /// Slots in the table (a power of two); it starts over when half are taken.
    static let capacity = 8_192
    /// Texts longer than this are not kept (arguments, results: read once).
    static let longestKept = 64

    /// The process's table (its texts are plain values: sharing them across stores is safe).
    static let shared = SQLiteTextInterner()

    private let table = Mutex(Table(capacity: SQLiteTextInterner.capacity))

    /// The string with these UTF-8 bytes: the kept one when the same bytes were seen before.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= Self.longestKept, bytes.count > 15 else {
            // Up to 15 bytes a Swift string is stored inline: nothing to share.
            return String(decoding: bytes, as: UTF8.self)
        }
        // The first and last eight bytes and the length, mixed (texts over 15 bytes: ids,
        // slugs; the tails of UUIDs are random). Equal hashes are confirmed byte for byte.
        let raw = UnsafeRawBufferPointer(bytes)
        let head = raw.loadUnaligned(as: UInt64.self)
        let tail = raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        var hash = (tail ^ (head &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(bytes.count)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
        return table.withLock { table in
            let mask = Self.capacity - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while let text = table.texts[slot] {
                if table.hashes[slot] == hash, Self.equal(text, bytes) { return text }
                slot = (slot + 1) & mask
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if table.count >= Self.capacity / 2 {
                table = Table(capacity: Self.capacity)
                slot = Int(truncatingIfNeeded: hash) & mask
            }
            table.hashes[slot] = hash
            table.texts[slot] = text
            table.count += 1
            return text
        }
    }

    private static func equal(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let inPlace = text.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == bytes.count && memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        }
        return inPlace ?? text.utf8.elementsEqual(bytes)
    }
}
