import DeckCore
import Testing

@Suite("Xoshiro256")
struct Xoshiro256Tests {
    @Test("the same seed replays the same sequence; different seeds differ")
    func seeded() {
        var first = Xoshiro256(seed: 42)
        var second = Xoshiro256(seed: 42)
        var other = Xoshiro256(seed: 43)
        let a = (0..<100).map { _ in first.next() }
        let b = (0..<100).map { _ in second.next() }
        let c = (0..<100).map { _ in other.next() }
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a).count == 100)
    }

    @Test("draws spread over a range")
    func spread() {
        var random = Xoshiro256(seed: 7)
        var buckets = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 { buckets[Int.random(in: 0..<10, using: &random)] += 1 }
        #expect(buckets.allSatisfy { (850...1150).contains($0) }, "\(buckets)")
    }
}
