import DeckCore
import Foundation
import Testing

@Suite("byte writers of the hot encoders")
struct ByteWritingTests {
    @Test("appendDecimal writes the bytes String(value) has, and decimalLength counts them",
          arguments: [Int64.min, .min + 1, -1_000_000_007, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1_796_561_213_749, .max - 1, .max])
    func decimals(_ value: Int64) {
        var out: [UInt8] = [UInt8(ascii: "x")]
        out.appendDecimal(value)
        #expect(String(decoding: out, as: UTF8.self) == "x" + String(value))
        #expect([UInt8].decimalLength(of: value) == String(value).utf8.count)
    }

    @Test("appendDecimal over random values")
    func randomDecimals() {
        var generator = Xoshiro256(seed: 7)
        for _ in 0..<2_000 {
            let value = Int64(bitPattern: generator.next()) >> Int64(generator.next() % 63)
            var out: [UInt8] = []
            out.appendDecimal(value)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }

    @Test("appendUTF8 copies native and bridged strings alike")
    func utf8() {
        var out: [UInt8] = []
        out.appendUTF8("tenant-ä-🙂")
        out.appendUTF8(NSString(string: "·bridged") as String)
        #expect(String(decoding: out, as: UTF8.self) == "tenant-ä-🙂·bridged")
    }

    @Test("UTF8Order.precedes is the byte order of UTF-8 (not String's <)")
    func order() {
        let words = ["", "a", "A", "aa", "ab", "b", "é", "e\u{301}", "z", "Z", "\u{212A}", "K", "🙂", "\u{FFFF}", "ä", "a\u{0}"]
        for left in words {
            for right in words {
                #expect(UTF8Order.precedes(left, right) == left.utf8.lexicographicallyPrecedes(right.utf8), "\(left) \(right)")
            }
        }
    }

    @Test("TenantID: equal ids hash alike; ids differing in any byte are different")
    func tenantIDs() {
        let id = TenantID.random()
        let copy = TenantID(rawValue: String(decoding: Array(id.rawValue.utf8), as: UTF8.self))
        #expect(id == copy)
        #expect(id.hashValue == copy.hashValue)
        // The same length and tail, another head: not equal, even though the hash reads the tail only.
        var bytes = Array(id.rawValue.utf8)
        bytes[0] = bytes[0] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        let other = TenantID(rawValue: String(decoding: bytes, as: UTF8.self))
        #expect(id != other)
        #expect(Set([id, copy, other]).count == 2)
        // Byte equality, as the stores compare ids: canonically equivalent texts are two ids.
        #expect(TenantID(rawValue: "\u{212A}") != TenantID(rawValue: "K"))
        #expect(TenantID(rawValue: "é") != TenantID(rawValue: "e\u{301}"))
        #expect(Set([TenantID(rawValue: "é"), TenantID(rawValue: "e\u{301}")]).count == 2)
        var tenants: [TenantID: Int] = [:]
        for index in 0..<500 { tenants[TenantID.random()] = index }
        #expect(tenants.count == 500)
    }
}
