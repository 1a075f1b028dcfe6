import DeckCore
import Testing

@Suite("RiskTier")
struct RiskTierTests {
    @Test("parses every tier name, in any case",
          arguments: [("low", RiskTier.low), ("MEDIUM", .medium), ("High", .high), ("critical", .critical), ("CrItIcAl", .critical)])
    func parses(text: String, tier: RiskTier) throws {
        #expect(try RiskTier.parse(text) == tier)
    }

    @Test("refuses unknown names", arguments: ["", "severe", "low ", " high", "med", "lowest", "1", "l\u{1B}ow"])
    func rejects(text: String) {
        let error = #expect(throws: InvalidInput.self) { try RiskTier.parse(text) }
        #expect(error?.message.contains("low, medium, high, critical") == true)
        #expect(error?.message.contains("\u{1B}") == false)
    }

    @Test("tiers are ordered low < medium < high < critical")
    func ordering() {
        #expect(RiskTier.low < .medium)
        #expect(RiskTier.medium < .high)
        #expect(RiskTier.high < .critical)
        #expect(!(RiskTier.critical < .low))
        #expect(!(RiskTier.high < .high))
        #expect([RiskTier.critical, .low, .high, .medium].sorted() == [.low, .medium, .high, .critical])
        #expect(RiskTier.allCases.max() == .critical)
        #expect(RiskTier.allCases.min() == .low)
        #expect(RiskTier.allCases.filter { $0 > .medium } == [.high, .critical])
    }

    @Test("description is the stored name", arguments: RiskTier.allCases)
    func description(tier: RiskTier) throws {
        #expect(tier.description == tier.rawValue)
        #expect(try RiskTier.parse(tier.description) == tier)
    }
}
