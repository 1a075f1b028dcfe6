import DeckCore
import Testing

@Suite("TokenBucket")
struct TokenBucketTests {
    let start = Timestamp(millisecondsSinceEpoch: 1_000_000)

    @Test("a full bucket bursts to its capacity, then refills at its rate")
    func burstAndRefill() throws {
        var bucket = try TokenBucket(capacity: 3, refillPerSecond: 0.5, at: start)
        let burst = (0..<4).map { _ in bucket.take(at: start) }
        #expect(burst == [true, true, true, false])
        #expect(bucket.readyAt(after: start) == start.adding(seconds: 2))
        let early = bucket.take(at: start.adding(milliseconds: 1_999))
        let onTime = bucket.take(at: start.adding(seconds: 2))
        #expect(!early && onTime)
        // Refill never overflows the capacity.
        #expect(bucket.available(at: start.adding(seconds: 3_600)) == 3)
    }

    @Test("a 429 empties the bucket and blocks it until the given instant")
    func block() throws {
        var bucket = try TokenBucket(capacity: 5, refillPerSecond: 10, at: start)
        bucket.block(until: start.adding(seconds: 30), at: start)
        #expect(bucket.available(at: start.adding(seconds: 29)) == 0)
        let blocked = bucket.take(at: start.adding(seconds: 29))
        #expect(!blocked)
        #expect(bucket.readyAt(after: start.adding(seconds: 1)) == start.adding(seconds: 30.1))
        let after = bucket.take(at: start.adding(seconds: 31))
        #expect(after)
        #expect(bucket.blockedUntil == nil)
        // A second block never shortens the first.
        bucket.block(until: start.adding(seconds: 100), at: start.adding(seconds: 31))
        bucket.block(until: start.adding(seconds: 50), at: start.adding(seconds: 31))
        #expect(bucket.available(at: start.adding(seconds: 60)) == 0)
    }

    @Test("a full copy starts over", arguments: [0.1, 1.0, 50.0])
    func full(refill: Double) throws {
        var bucket = try TokenBucket(capacity: 2, refillPerSecond: refill, at: start)
        _ = bucket.take(2, at: start)
        let fresh = bucket.full(at: start.adding(seconds: 1))
        #expect(fresh.available(at: start.adding(seconds: 1)) == 2)
    }

    @Test("nonsense capacities and rates are refused", arguments: [(0.0, 1.0), (1.0, 0.0), (-1.0, 1.0), (.nan, 1.0), (1.0, .infinity)])
    func refused(values: (Double, Double)) {
        #expect(throws: InvalidInput.self) { try TokenBucket(capacity: values.0, refillPerSecond: values.1, at: start) }
    }

    @Test("refresh intervals draw within their bounds and spread")
    func refreshInterval() throws {
        var random = SplitMix64(seed: 9)
        let interval = RefreshInterval.trickleDefault
        let waits = (0..<2_000).map { _ in interval.nextRun(after: start, using: &random).milliseconds(since: start) }
        #expect(waits.allSatisfy { (1_800_000...3_600_000).contains($0) })
        #expect(waits.min()! < 1_900_000 && waits.max()! > 3_500_000)
        #expect(throws: InvalidInput.self) { try RefreshInterval(minimumSeconds: 60, maximumSeconds: 30) }
        #expect(throws: InvalidInput.self) { try RefreshInterval(minimumSeconds: 0, maximumSeconds: 30) }
    }

    @Test("risk from Composio's hints and scopes")
    func riskFromHints() {
        #expect(RiskClassifier.classify(slug: "GMAIL_LIST_MESSAGES", tags: ["readOnlyHint"], scopes: ["gmail.readonly"]) == .low)
        #expect(RiskClassifier.classify(slug: "GMAIL_MODIFY_LABELS", tags: ["destructiveHint"], scopes: []) == .high)
        #expect(RiskClassifier.classify(slug: "STRIPE_CREATE_REFUND", tags: ["readOnlyHint"], scopes: []) == .critical)
        #expect(RiskClassifier.classify(slug: "GMAIL_SEND_EMAIL", tags: ["readOnlyHint"], scopes: ["gmail.send"]) == .medium)
        #expect(RiskClassifier.isReadOnly(slug: "SLACK_SEND_MESSAGE", tags: ["readOnlyHint"]))
        #expect(!RiskClassifier.isReadOnly(slug: "GMAIL_LIST_MESSAGES", tags: ["destructiveHint"]))
        #expect(RiskClassifier.isReadOnly(slug: "HUBSPOT_LIST_CONTACTS", tags: []))
        #expect(!RiskClassifier.isReadOnly(slug: "HUBSPOT_CREATE_CONTACT", tags: []))
    }
}
