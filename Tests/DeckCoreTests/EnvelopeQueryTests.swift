import DeckCore
import Testing

@Suite("EnvelopeQuery")
struct EnvelopeQueryTests {
    @Test("defaults: everything, newest first, 100 rows")
    func defaults() {
        let query = EnvelopeQuery()
        #expect(query.statuses == nil && query.toolSlug == nil && query.risks == nil && query.inDoubt == nil)
        #expect(query.order == .newestFirst)
        #expect(query.after == nil)
        #expect(query.limit == 100)
        for status in EnvelopeStatus.allCases { #expect(query.matches(Fixture.envelope(status))) }
    }

    @Test("the limit is clamped to 1...10,000", arguments: [(0, 1), (-5, 1), (1, 1), (500, 500), (10_000, 10_000), (10_001, 10_000), (Int.max, 10_000), (Int.min, 1)])
    func limit(requested: Int, effective: Int) {
        #expect(EnvelopeQuery(limit: requested).limit == effective)
    }

    @Test("status filter")
    func statuses() {
        let query = EnvelopeQuery(statuses: [.dead, .running])
        #expect(query.matches(Fixture.envelope(.dead)))
        #expect(query.matches(Fixture.envelope(.running)))
        #expect(!query.matches(Fixture.envelope(.pending)))
        #expect(!EnvelopeQuery(statuses: []).matches(Fixture.envelope(.pending)), "an empty set matches nothing")
    }

    @Test("tool, risk and in-doubt filters")
    func otherFilters() {
        let envelope = Fixture.envelope(.pending)  // GMAIL_SEND_EMAIL, medium, not in doubt
        #expect(EnvelopeQuery(toolSlug: "GMAIL_SEND_EMAIL").matches(envelope))
        #expect(!EnvelopeQuery(toolSlug: "GMAIL_LIST_MESSAGES").matches(envelope))
        #expect(EnvelopeQuery(risks: [.medium, .high]).matches(envelope))
        #expect(!EnvelopeQuery(risks: [.low]).matches(envelope))
        #expect(EnvelopeQuery(inDoubt: false).matches(envelope))
        #expect(!EnvelopeQuery(inDoubt: true).matches(envelope))
        let doubtful = Fixture.envelope(.dead)  // in doubt
        #expect(EnvelopeQuery(inDoubt: true).matches(doubtful))
        #expect(!EnvelopeQuery(inDoubt: false).matches(doubtful))
    }

    @Test("all filters must pass together; the cursor is not a filter")
    func combined() {
        let envelope = Fixture.envelope(.dead)
        #expect(EnvelopeQuery(statuses: [.dead], toolSlug: "GMAIL_SEND_EMAIL", risks: [.medium], inDoubt: true, after: 1).matches(envelope))
        #expect(!EnvelopeQuery(statuses: [.dead], toolSlug: "GMAIL_SEND_EMAIL", risks: [.high], inDoubt: true).matches(envelope))
    }
}
