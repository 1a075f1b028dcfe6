import DeckCore
import Testing

@Suite("ManualClock")
struct ManualClockTests {
    @Test("starts at the given instant, or at the default one")
    func start() {
        #expect(ManualClock().now() == Timestamp(millisecondsSinceEpoch: 1_790_000_000_000))
        #expect(ManualClock(Timestamp(millisecondsSinceEpoch: 5)).now() == Timestamp(millisecondsSinceEpoch: 5))
    }

    @Test("stands still until told to move")
    func standsStill() {
        let clock = ManualClock()
        let first = clock.now()
        #expect(clock.now() == first)
        #expect(clock.now() == first)
    }

    @Test("advance moves by milliseconds or seconds, forwards or backwards")
    func advance() {
        let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 1_000))
        clock.advance(milliseconds: 250)
        #expect(clock.now().millisecondsSinceEpoch == 1_250)
        clock.advance(seconds: 2.5)
        #expect(clock.now().millisecondsSinceEpoch == 3_750)
        clock.advance(milliseconds: -3_750)
        #expect(clock.now().millisecondsSinceEpoch == 0)
        clock.advance(seconds: -0.001)
        #expect(clock.now().millisecondsSinceEpoch == -1)
    }

    @Test("set jumps to an exact instant")
    func set() {
        let clock = ManualClock()
        clock.set(Timestamp(millisecondsSinceEpoch: 42))
        #expect(clock.now() == Timestamp(millisecondsSinceEpoch: 42))
        clock.advance(milliseconds: 1)
        #expect(clock.now() == Timestamp(millisecondsSinceEpoch: 43))
    }

    @Test("is usable as a WallClock from concurrent tasks")
    func concurrent() async {
        let clock = ManualClock(Timestamp(millisecondsSinceEpoch: 0))
        let wall: any WallClock = clock
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 { group.addTask { clock.advance(milliseconds: 1) } }
        }
        #expect(wall.now().millisecondsSinceEpoch == 100)
    }

    @Test("the system clock is near the present")
    func systemClock() {
        // 2024-01-01 .. 2200-01-01: a sanity window, not a timing assertion.
        let now = SystemClock().now().millisecondsSinceEpoch
        #expect(now > 1_704_067_200_000 && now < 7_258_118_400_000)
    }
}
