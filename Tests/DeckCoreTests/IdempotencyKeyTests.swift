import DeckCore
import Foundation
import Testing

@Suite("IdempotencyKey")
struct IdempotencyKeyTests {
    static func isLowerHex(_ character: Character) -> Bool { "0123456789abcdef".contains(character) }

    @Test("generates lowercase UUIDv7 text: 8-4-4-4-12, version 7, RFC variant")
    func format() throws {
        var rng = SplitMix64(seed: 7)
        for offset in stride(from: Int64(0), to: 5_000_000, by: 50_000) {
            let key = IdempotencyKey.generate(at: Fixture.at(offset), using: &rng)
            let characters = Array(key)
            #expect(characters.count == 36)
            #expect([8, 13, 18, 23].allSatisfy { characters[$0] == "-" })
            #expect(characters.enumerated().allSatisfy { [8, 13, 18, 23].contains($0.offset) || Self.isLowerHex($0.element) })
            #expect(characters[14] == "7", "version nibble")
            #expect("89ab".contains(characters[19]), "variant bits 10")
            let uuid = try #require(UUID(uuidString: key))
            #expect(uuid.uuidString.lowercased() == key)
        }
    }

    @Test("the first 48 bits are the instant's milliseconds, big-endian")
    func timestampPrefix() {
        var rng = SplitMix64(seed: 1)
        let instant = Timestamp(millisecondsSinceEpoch: 0x0123_4567_89AB)
        let key = IdempotencyKey.generate(at: instant, using: &rng)
        #expect(key.hasPrefix("01234567-89ab-7"))
        let epoch = IdempotencyKey.generate(at: Timestamp(millisecondsSinceEpoch: 0), using: &rng)
        #expect(epoch.hasPrefix("00000000-0000-7"))
        let now = IdempotencyKey.generate(at: Fixture.now, using: &rng)
        let hex = String(Fixture.now.millisecondsSinceEpoch, radix: 16)
        let expected = String(repeating: "0", count: 12 - hex.count) + hex
        #expect(now.replacingOccurrences(of: "-", with: "").hasPrefix(expected))
    }

    @Test("keys sort by creation time")
    func timeOrdered() {
        var rng = SplitMix64(seed: 3)
        let instants = (0..<200).map { Fixture.at(Int64($0) * 1) }
        let keys = instants.map { IdempotencyKey.generate(at: $0, using: &rng) }
        #expect(keys == keys.sorted())
        #expect(Set(keys).count == keys.count)
    }

    @Test("the same generator state gives the same key; fresh randomness gives another")
    func deterministic() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        let first = IdempotencyKey.generate(at: Fixture.now, using: &a)
        #expect(first == IdempotencyKey.generate(at: Fixture.now, using: &b))
        #expect(first != IdempotencyKey.generate(at: Fixture.now, using: &a))
        #expect(IdempotencyKey.generate(at: Fixture.now) != IdempotencyKey.generate(at: Fixture.now))
    }

    @Test("all 74 random bits vary")
    func randomBitsVary() {
        var rng = SplitMix64(seed: 9)
        var seen = Array(repeating: Set<Character>(), count: 36)
        for _ in 0..<500 {
            for (index, character) in IdempotencyKey.generate(at: Fixture.now, using: &rng).enumerated() {
                seen[index].insert(character)
            }
        }
        // Positions 15-17 and 20-35 are fully random hex digits; 19 is one of 8, 9, a, b.
        for index in [15, 16, 17] + Array(20..<36) where index != 23 {
            #expect(seen[index].count == 16, "position \(index)")
        }
        #expect(seen[19] == ["8", "9", "a", "b"])
    }
}
