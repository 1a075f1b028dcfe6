import DeckCore
import Testing

@Suite("Contract: objectives, tasks and signals")
struct PlanningContractTests {
    @Test(arguments: StoreKind.allCases)
    func objectivesAreScopedAndTrackProgress(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let store = fixture.store
        let leads = try await store.addObjective(
            ObjectiveDraft(tenantID: acme.id, metric: "qualified_leads", target: 40, horizon: "2026-Q4"), in: .tenant(acme.id), actor: "op")
        let churn = try await store.addObjective(
            ObjectiveDraft(tenantID: globex.id, metric: "churn", target: 2, horizon: "30d"), in: .allTenants, actor: "op")
        #expect(try await store.objectives(in: .tenant(acme.id)) == [leads])
        #expect(try await store.objectives(in: .allTenants).map(\.id) == [leads.id, churn.id])
        fixture.clock.advance(seconds: 3)
        let progressed = try await store.recordProgress(10, for: leads.id, in: .tenant(acme.id))
        #expect(progressed.current == 10)
        #expect(progressed.progress == 0.25)
        #expect(progressed.updatedAt == fixture.clock.now())
        await #expect(throws: StoreError.notFound("objective \(churn.id)")) {
            try await store.recordProgress(1, for: churn.id, in: .tenant(acme.id))
        }
        await #expect(throws: StoreError.notFound("tenant \(globex.id)")) {
            try await store.addObjective(
                ObjectiveDraft(tenantID: globex.id, metric: "m", target: 1, horizon: "h"), in: .tenant(acme.id), actor: "op")
        }
        #expect(try await store.objectives(in: .tenant(globex.id)).first?.current == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func tasksCollectEvidenceFromTheirOwnTenantOnly(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let store = fixture.store
        let objective = try await store.addObjective(
            ObjectiveDraft(tenantID: acme.id, metric: "m", target: 1, horizon: "h"), in: .allTenants, actor: "op")
        let task = try await store.addTask(
            TaskDraft(tenantID: acme.id, objectiveID: objective.id, title: "Follow up with warm leads"), in: .tenant(acme.id),
            actor: "agent")
        await #expect(throws: StoreError.notFound("objective \(objective.id)")) {
            try await store.addTask(
                TaskDraft(tenantID: globex.id, objectiveID: objective.id, title: "steal"), in: .allTenants, actor: "agent")
        }
        let now = fixture.clock.now()
        let signals = try await store.addSignals([
            SignalDraft(tenantID: acme.id, toolkit: "gmail", toolSlug: "GMAIL_LIST_MESSAGES", source: .warmScan, payload: ["n": 3], observedAt: now),
            SignalDraft(tenantID: acme.id, toolkit: "slack", toolSlug: "SLACK_LIST_CHANNELS", source: .trickleRefresh, payload: [], observedAt: now),
        ], in: .tenant(acme.id))
        let foreign = try await store.addSignals(
            [SignalDraft(tenantID: globex.id, toolkit: "gmail", toolSlug: "GMAIL_LIST_MESSAGES", source: .warmScan, payload: nil, observedAt: now)],
            in: .allTenants)
        var updated = try await store.attachEvidence([signals[1].id, signals[0].id, signals[1].id], to: task.id, in: .tenant(acme.id))
        #expect(updated.evidence == [signals[1].id, signals[0].id])
        updated = try await store.attachEvidence([signals[0].id], to: task.id, in: .allTenants)
        #expect(updated.evidence == [signals[1].id, signals[0].id])
        await #expect(throws: StoreError.notFound("signal \(foreign[0].id)")) {
            try await store.attachEvidence([foreign[0].id], to: task.id, in: .allTenants)
        }
        await #expect(throws: StoreError.notFound("task \(task.id)")) {
            try await store.attachEvidence([foreign[0].id], to: task.id, in: .tenant(globex.id))
        }
        #expect(try await store.task(task.id, in: .tenant(acme.id))?.title == "Follow up with warm leads")
        #expect(try await store.task(task.id, in: .tenant(globex.id)) == nil)
        #expect(try await store.task(TaskID(999), in: .allTenants) == nil)
        let moved = try await store.setTaskState(.inProgress, for: task.id, in: .tenant(acme.id), actor: "agent")
        #expect(moved.state == .inProgress)
        #expect(try await store.tasks(in: .tenant(acme.id), state: .inProgress) == [moved])
        #expect(try await store.tasks(in: .tenant(acme.id), state: .done).isEmpty)
        #expect(try await store.tasks(in: .tenant(globex.id), state: nil).isEmpty)
        let actions = try await store.auditEvents(AuditQuery(categories: [.task], order: .oldestFirst), in: .allTenants).items
        #expect(actions.map(\.action) == ["added", "state_changed"])
    }

    @Test(arguments: StoreKind.allCases)
    func signalsPaginateAndFilterByToolkit(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let now = fixture.clock.now()
        let drafts = (0..<11).map { index in
            SignalDraft(
                tenantID: acme.id, toolkit: index % 2 == 0 ? "gmail" : "slack", toolSlug: "X_LIST", source: .warmScan,
                payload: ["i": .integer(Int64(index))], observedAt: now)
        }
        let stored = try await fixture.store.addSignals(drafts, in: .tenant(acme.id))
        var seen: [SignalID] = []
        var cursor: SignalID?
        repeat {
            let page = try await fixture.store.signals(SignalQuery(toolkit: "gmail", order: .oldestFirst, after: cursor, limit: 2), in: .allTenants)
            seen += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == stored.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.id))
        let newest = try await fixture.store.signals(SignalQuery(limit: 3), in: .tenant(acme.id))
        #expect(newest.items.map(\.id) == stored.suffix(3).reversed().map(\.id))
        #expect(newest.items.first?.payload == ["i": 10])
    }
}
