import DeckCore
import Testing

/// The plans every store executes: transitions, finished executions, submissions, keyset pages.
@Suite("store plans")
struct StorePlanTests {
    // MARK: TransitionPlan.applying

    @Test("changes of one envelope chain: one write from the first state to the last, a step each")
    func chainedChanges() throws {
        let pending = Fixture.envelope(.pending)
        let plan = try TransitionPlan.applying(
            [EnvelopeChange(pending.id, .claim(worker: Fixture.owner, leaseExpiresAt: Fixture.at(60_000))),
             EnvelopeChange(pending.id, .succeed(worker: Fixture.owner, externalID: "log_1", result: nil, resultTruncated: false))],
            to: [pending.id: pending], mode: .allOrNothing, at: Fixture.now, by: "w")
        #expect(plan.steps.map(\.after.status) == [.running, .succeeded])
        #expect(plan.steps[1].before.status == .running)
        #expect(plan.writes.count == 1)
        #expect(plan.writes[0].before == pending)
        #expect(plan.writes[0].after.status == .succeeded)
        #expect(plan.report.applied.map(\.status) == [.running, .succeeded])
        #expect(plan.skipped.isEmpty)
    }

    @Test("all or nothing throws for a missing envelope or an illegal transition; skipping reports them")
    func modes() throws {
        let dead = Fixture.envelope(.dead)
        let missing = EnvelopeID(999)
        #expect(throws: StoreError.self) {
            try TransitionPlan.applying([EnvelopeChange(missing, .approve)], to: [:], mode: .allOrNothing, at: Fixture.now, by: "op")
        }
        #expect(throws: StoreError.self) {
            try TransitionPlan.applying([EnvelopeChange(dead.id, .approve)], to: [dead.id: dead], mode: .allOrNothing, at: Fixture.now, by: "op")
        }
        let plan = try TransitionPlan.applying(
            [EnvelopeChange(missing, .approve), EnvelopeChange(dead.id, .approve), EnvelopeChange(dead.id, .discard)],
            to: [dead.id: dead], mode: .skipIneligible, at: Fixture.now, by: "op")
        #expect(plan.skipped.map(\.id) == [missing, dead.id])
        #expect(plan.skipped[0].reason == "not found")
        #expect(plan.steps.map(\.after.status) == [.cancelled])
        #expect(plan.writes.count == 1)
    }

    // MARK: TransitionPlan.finishing

    @Test("finishing: only outcomes still leased to the worker, once each; a lost lease is reported")
    func finishing() {
        let mine = Fixture.envelope(.running)
        var other = Fixture.envelope(.running)
        other.id = 43
        other.leaseOwner = Fixture.stranger
        var lost = Fixture.envelope(.running)
        lost.id = 44
        let succeed = EnvelopeTransition.succeed(worker: Fixture.owner, externalID: "log_9", result: nil, resultTruncated: false)
        let plan = TransitionPlan.finishing(
            [ExecutionOutcome(mine, succeed), ExecutionOutcome(other, succeed), ExecutionOutcome(mine, succeed),
             ExecutionOutcome(lost, succeed)],
            worker: Fixture.owner, at: Fixture.now)
        #expect(plan.steps.map(\.after.id) == [mine.id, lost.id])
        #expect(plan.skipped.map(\.id) == [other.id, mine.id])
        let confirmed = plan.confirmingWritten([mine.id])
        #expect(confirmed.steps.map(\.after.id) == [mine.id])
        #expect(confirmed.writes.map(\.after.id) == [mine.id])
        #expect(confirmed.skipped.last == TransitionReport.Skipped(id: lost.id, reason: TransitionPlan.leaseLost))
        #expect(confirmed.report.applied.map(\.status) == [.succeeded])
    }

    // MARK: SubmitPlan

    private func draft(_ tool: String = "GMAIL_SEND_EMAIL", key: String? = nil, risk: RiskTier? = nil, to: String = "a") throws -> EnvelopeDraft {
        try EnvelopeDraft(tenantID: Fixture.tenant, toolSlug: tool, arguments: ["to": .string(to)], risk: risk, idempotencyKey: key)
    }

    @Test("submission: catalog risk for drafts without a tier, consecutive ids, keys reused within and across submissions")
    func submission() throws {
        var stored = Fixture.envelope(.succeeded)
        stored.idempotencyKey = "k-old"
        stored.toolSlug = "GMAIL_SEND_EMAIL"
        stored.argumentsJSON = try draft().argumentsJSON
        stored.connectedAccountID = nil
        stored.taskID = nil
        stored.version = nil
        stored.risk = .critical
        var catalogReads = 0
        let drafts = [try draft(key: "k1"), try draft(risk: .low), try draft(key: "k1"), try draft(key: "k-old"), try draft("SLACK_SEND_MESSAGE")]
        let plan = try SubmitPlan.plan(
            drafts, keys: ["k1", "g1", "k1", "k-old", "g2"], firstID: 100,
            catalogRisk: { _, tool in
                catalogReads += 1
                return tool == "GMAIL_SEND_EMAIL" ? .critical : nil
            },
            stored: { _, key in key == "k-old" ? stored : nil })
        #expect(catalogReads == 2)  // once per tool
        #expect(plan.drafts.map(\.risk) == [.critical, .low, .critical, .critical, drafts[4].risk])
        #expect(plan.ids == [100, 101, 100, stored.id, 102])
        #expect(plan.fresh == [0, 1, 4])
        #expect(plan.receipt.duplicates == 2)
        #expect(plan.envelope(1, at: Fixture.now).id == 101)
    }

    @Test("a key reused for another request refuses the submission: within it, or against the stored envelope")
    func reusedKeys() throws {
        #expect(throws: StoreError.self) {
            try SubmitPlan.plan(
                [try draft(key: "k", to: "a"), try draft(key: "k", to: "b")], keys: ["k", "k"], firstID: 1,
                catalogRisk: { _, _ in nil }, stored: { _, _ in nil })
        }
        let stored = Fixture.envelope(.pending)
        #expect(throws: StoreError.self) {
            try SubmitPlan.plan(
                [try draft(key: "key-1")], keys: ["key-1"], firstID: 1, catalogRisk: { _, _ in nil }, stored: { _, _ in stored })
        }
    }

    // MARK: KeysetWindow

    struct Row: Identifiable, Sendable, Equatable { var id: Int }

    @Test("keyset window: pages over ids both ways end to end, and the bounds a SQL store uses", arguments: ListOrder.allCases)
    func keyset(_ order: ListOrder) {
        let rows = (1...23).map { Row(id: $0 * 2) }
        var seen: [Int] = []
        var cursor: Int?
        var pages = 0
        repeat {
            let window = KeysetWindow(order: order, after: cursor, limit: 5)
            #expect(window.fetchLimit == 6)
            #expect(window.keyComparison == (cursor == nil ? nil : (order == .newestFirst ? "<" : ">")))
            let page = window.page(scanning: rows)
            seen += page.items.map(\.id)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 10
        #expect(seen == (order == .newestFirst ? rows.map(\.id).reversed() : rows.map(\.id)))
        #expect(pages == 5)
        #expect(KeysetWindow<Int>(order: .newestFirst, after: nil, limit: 1).sortDirection == "DESC")
        #expect(KeysetWindow<Int>(order: .oldestFirst, after: 7, limit: 1).admits(8))
        #expect(!KeysetWindow<Int>(order: .oldestFirst, after: 7, limit: 1).admits(7))
    }
}
