import DeckConsole
import DeckCore
import DeckStore
import DeckUI
import Foundation
import OpsDeckTestSupport
import Testing

/// Whole console sessions — runtime, loader, store-backed source and the update/render loop —
/// over an in-memory store and a scripted terminal: what the tmux tests do, without a terminal.
@Suite("console sessions over a scripted terminal", .timeLimit(.minutes(2)))
struct ConsoleSessionTests {
    /// Two tenants; acme has two pending envelopes (one critical), beta one.
    static func world() async throws -> (InMemoryStore, Tenant, [EnvelopeID]) {
        let store = InMemoryStore()
        let acme = try await store.addTenant(TenantDraft(name: "acme", timeZone: "UTC", maxRunning: 2), actor: "test")
        let beta = try await store.addTenant(TenantDraft(name: "beta", timeZone: "UTC", maxRunning: 2), actor: "test")
        var ids = try await store.submit(
            [
                try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_DELETE_CHANNEL", arguments: ["channel": "ops"], risk: .critical),
                try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", arguments: ["to": "a@example.com"]),
            ], in: .tenant(acme.id), actor: "agent"
        ).ids
        ids += try await store.submit(
            [try EnvelopeDraft(tenantID: beta.id, toolSlug: "GMAIL_SEND_EMAIL", arguments: [:])], in: .tenant(beta.id), actor: "agent"
        ).ids
        return (store, acme, ids)
    }

    static func run(_ store: InMemoryStore, _ terminal: ScriptedTerminal, readOnly: Bool = false) async throws -> Int32? {
        let state = ConsoleState(
            operatorName: "alice", databaseLabel: "memory", engineLabel: "observe", readOnly: readOnly, width: 120,
            height: 30, now: SystemClock().now())
        let runtime = ConsoleRuntime(
            source: StoreConsoleSource(store: store, telemetry: { _, now in TelemetryFrame(takenAt: now) }), state: state,
            themes: ThemeCatalog(), noColor: false, mouse: false,
            openTerminal: { _ in terminal },
            // The loader on threads of its own: other suites keep the shared pool busy.
            taskExecutor: DedicatedExecutor())
        return try await DedicatedExecutor.run { try await runtime.run() }
    }

    @Test("an operator opens the outbox, discards the critical envelope after confirming, and quits")
    func discardSession() async throws {
        let (store, _, ids) = try await Self.world()
        let terminal = ScriptedTerminal(script: [
            .waitFor("Tenants", seconds: 30),
            .press(.character("4")),
            .waitFor("SLACK_DELETE_CHANNEL", seconds: 30),
            .press(.down), .press(.down),  // rows newest first: 3, 2, 1 — the critical one
            .press(.character("d")),
            // The dialog names the row the operator chose; only then is it confirmed.
            .waitFor("Discard envelope #1?", seconds: 30),
            .press(.character("y")),
            .waitFor("cancelled", seconds: 30),
            .press(.character("Q")),
        ])
        let signal = try await Self.run(store, terminal)
        #expect(terminal.timeouts.isEmpty, "\(terminal.timeouts)")
        #expect(signal == nil, "Q quits without a signal")
        #expect(terminal.isShutDown)
        #expect(try await store.envelope(ids[0], in: .allTenants)?.status == .cancelled)
        let history = try await store.auditEvents(AuditQuery(envelopeID: ids[0], limit: 10), in: .allTenants).items
        #expect(history.contains { $0.action == "discarded" && $0.actor == "alice" }, "\(history.map(\.action))")
        // Nothing else was touched.
        #expect(try await store.envelope(ids[1], in: .allTenants)?.status == .pending)
        #expect(try await store.envelope(ids[2], in: .allTenants)?.status == .pending)
    }

    @Test("a read-only session refuses the approve key and changes nothing; a signal stops it")
    func readOnlySession() async throws {
        let (store, _, ids) = try await Self.world()
        let before = try await store.auditEvents(AuditQuery(limit: 100), in: .allTenants).items.count
        let terminal = ScriptedTerminal(script: [
            .press(.character("4")),
            .waitFor("SLACK_DELETE_CHANNEL", seconds: 30),
            .press(.down), .press(.down),
            .press(.character("d")),
            .waitFor("actions are disabled", seconds: 30),
            .terminate(SIGTERM),
        ])
        let signal = try await Self.run(store, terminal, readOnly: true)
        #expect(terminal.timeouts.isEmpty, "\(terminal.timeouts)")
        #expect(signal == SIGTERM)
        #expect(try await store.envelope(ids[0], in: .allTenants)?.status == .pending)
        #expect(try await store.auditEvents(AuditQuery(limit: 100), in: .allTenants).items.count == before)
    }

    @Test("a change made by another writer appears without a key press; a resize redraws at the new size")
    func liveUpdateAndResize() async throws {
        let (store, acme, _) = try await Self.world()
        let terminal = ScriptedTerminal(script: [
            .press(.character("4")),
            .waitFor("3 envelopes", seconds: 30),
            // It arrives above the pinned selection: counted, not slid under the cursor.
            .waitFor("▲ 1 newer", seconds: 30),
            .press(.character("g")),
            .waitFor("HUBSPOT_CREATE_CONTACT", seconds: 30),
            .resize(width: 80, height: 24),
            .waitFor("HUBSPOT_CREATE…", seconds: 30),  // the narrow layout cuts the slug
            .press(.character("Q")),
        ])
        Task(executorPreference: DedicatedExecutor()) {
            // Another writer submits once the operator has seen the three envelopes.
            let deadline = ContinuousClock.now + .seconds(30)
            while !terminal.screen.contains("3 envelopes"), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            _ = try await store.submit(
                [try EnvelopeDraft(tenantID: acme.id, toolSlug: "HUBSPOT_CREATE_CONTACT", arguments: [:])], in: .tenant(acme.id),
                actor: "agent")
        }
        _ = try await Self.run(store, terminal)
        #expect(terminal.timeouts.isEmpty, "\(terminal.timeouts)")
        #expect(terminal.screen.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(terminal.screen)")
    }
}
