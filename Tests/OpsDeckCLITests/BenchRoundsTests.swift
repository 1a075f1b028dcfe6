import Testing

@testable import DeckBench

/// `bench worker --rounds N`: the median of each ratio over the rounds.
@Suite("worker benchmark rounds")
struct BenchRoundsTests {
    @Test("the median of each ratio: the middle value, or the mean of the middle two; a ratio only some rounds measured")
    func medians() {
        let rounds: [[String: Double]] = [
            ["worker / schema loop": 0.71, "5000 tenants / 50 tenants": 0.92],
            ["worker / schema loop": 0.66, "5000 tenants / 50 tenants": 0.72, "worker / huey": 8.0],
            ["worker / schema loop": 0.80, "5000 tenants / 50 tenants": 0.89],
            ["worker / schema loop": 0.75, "5000 tenants / 50 tenants": 0.75, "worker / huey": 6.0],
            ["worker / schema loop": 0.79, "5000 tenants / 50 tenants": 0.97],
        ]
        let medians = BenchCommand.Worker.medians(rounds)
        #expect(medians["worker / schema loop"] == 0.75)
        #expect(medians["5000 tenants / 50 tenants"] == 0.89)
        #expect(medians["worker / huey"] == 7.0)
        #expect(medians.count == 3)
        #expect(BenchCommand.Worker.medians([]).isEmpty)
    }
}
