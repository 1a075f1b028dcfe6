import DeckCore
import Foundation
import PostgresNIO
import Testing
@testable import DeckPostgres

/// Objectives, tasks, accounts, signals, schedules and heartbeats on a real server, as the
/// SQLite contract tests check them, plus what row-level security adds: a tenant's scope never
/// sees or changes another tenant's rows, which read as not found.
@Suite("PostgreSQL planning ports (server)", .enabled(if: TestServer.url != nil), .timeLimit(.minutes(5)))
struct PostgresPlanningStoreTests {
    static let now = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)

    static func twoTenants(_ store: PostgresStore) async throws -> (acme: TenantID, globex: TenantID) {
        let tenants = try await store.addTenants([try TenantDraft(name: "acme"), try TenantDraft(name: "globex")], actor: "op")
        return (tenants[0].id, tenants[1].id)
    }

    @Test("objectives: scoped lists oldest first, progress recorded unaudited, other tenants' objectives not found")
    func objectives() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let (acme, globex) = try await Self.twoTenants(store)
            let leads = try await store.addObjective(
                ObjectiveDraft(tenantID: acme, metric: "qualified_leads", target: 40, horizon: "2026-Q4"), in: .tenant(acme), actor: "op")
            let churn = try await store.addObjective(
                ObjectiveDraft(tenantID: globex, metric: "churn", target: 2.5, current: 0.5, horizon: "30d"), in: .allTenants, actor: "op")
            #expect(leads.id.rawValue < churn.id.rawValue)
            #expect(try await store.objectives(in: .tenant(acme)) == [leads])
            #expect(try await store.objectives(in: .tenant(globex)) == [churn])
            #expect(try await store.objectives(in: .allTenants).map(\.id) == [leads.id, churn.id])
            let progressed = try await store.recordProgress(10, for: leads.id, in: .tenant(acme))
            #expect(progressed.current == 10)
            #expect(progressed.progress == 0.25)
            #expect(progressed.updatedAt.millisecondsSinceEpoch >= leads.updatedAt.millisecondsSinceEpoch)
            #expect(try await store.objectives(in: .allTenants).first == progressed)
            await #expect(throws: StoreError.notFound("objective \(churn.id)")) {
                try await store.recordProgress(1, for: churn.id, in: .tenant(acme))
            }
            await #expect(throws: StoreError.notFound("objective \(ObjectiveID(999))")) {
                try await store.recordProgress(1, for: ObjectiveID(999), in: .allTenants)
            }
            await #expect(throws: StoreError.invalid(InvalidInput("objective progress must be a finite number"))) {
                try await store.recordProgress(.nan, for: leads.id, in: .tenant(acme))
            }
            await #expect(throws: StoreError.notFound("tenant \(globex)")) {
                try await store.addObjective(
                    ObjectiveDraft(tenantID: globex, metric: "m", target: 1, horizon: "h"), in: .tenant(acme), actor: "op")
            }
            #expect(try await store.objectives(in: .tenant(globex)).map(\.current) == [0.5])
            let audit = try await store.auditEvents(AuditQuery(categories: [.objective], order: .oldestFirst), in: .allTenants).items
            #expect(audit.map(\.action) == ["added", "added"])
            #expect(audit.map(\.tenantID) == [acme, globex])
            #expect(audit[1].payload["target"] == 2.5)
            #expect(try await store.verifyAuditChain().isIntact)
        }
    }

    @Test("tasks: objective and evidence of the task's own tenant only, states audited, other tenants' tasks not found")
    func tasksAndEvidence() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let (acme, globex) = try await Self.twoTenants(store)
            let objective = try await store.addObjective(
                ObjectiveDraft(tenantID: acme, metric: "m", target: 1, horizon: "h"), in: .allTenants, actor: "op")
            let task = try await store.addTask(
                TaskDraft(tenantID: acme, objectiveID: objective.id, title: "Follow up with warm leads"), in: .tenant(acme),
                actor: "agent")
            #expect(task.evidence.isEmpty && task.state == .planned && task.objectiveID == objective.id)
            await #expect(throws: StoreError.notFound("objective \(objective.id)")) {
                try await store.addTask(TaskDraft(tenantID: globex, objectiveID: objective.id, title: "steal"), in: .allTenants, actor: "agent")
            }
            await #expect(throws: StoreError.notFound("tenant \(globex)")) {
                try await store.addTask(TaskDraft(tenantID: globex, title: "elsewhere"), in: .tenant(acme), actor: "agent")
            }
            let signals = try await store.addSignals([
                SignalDraft(tenantID: acme, toolkit: "gmail", toolSlug: "GMAIL_LIST_MESSAGES", source: .warmScan, payload: ["n": 3], observedAt: Self.now),
                SignalDraft(tenantID: acme, toolkit: "slack", toolSlug: "SLACK_LIST_CHANNELS", source: .trickleRefresh, payload: [], observedAt: Self.now),
            ], in: .tenant(acme))
            let foreign = try await store.addSignals(
                [SignalDraft(tenantID: globex, toolkit: "gmail", toolSlug: "GMAIL_LIST_MESSAGES", source: .warmScan, payload: nil, observedAt: Self.now)],
                in: .allTenants)
            var updated = try await store.attachEvidence([signals[1].id, signals[0].id, signals[1].id], to: task.id, in: .tenant(acme))
            #expect(updated.evidence == [signals[1].id, signals[0].id])
            updated = try await store.attachEvidence([signals[0].id], to: task.id, in: .allTenants)
            #expect(updated.evidence == [signals[1].id, signals[0].id])
            await #expect(throws: StoreError.notFound("signal \(foreign[0].id)")) {
                try await store.attachEvidence([foreign[0].id], to: task.id, in: .allTenants)
            }
            await #expect(throws: StoreError.notFound("signal \(SignalID(999))")) {
                try await store.attachEvidence([SignalID(999)], to: task.id, in: .tenant(acme))
            }
            await #expect(throws: StoreError.notFound("task \(task.id)")) {
                try await store.attachEvidence([foreign[0].id], to: task.id, in: .tenant(globex))
            }
            #expect(try await store.task(task.id, in: .tenant(acme))?.evidence == [signals[1].id, signals[0].id])
            #expect(try await store.task(task.id, in: .tenant(acme))?.title == "Follow up with warm leads")
            #expect(try await store.task(task.id, in: .tenant(globex)) == nil)
            #expect(try await store.task(TaskID(999), in: .allTenants) == nil)
            await #expect(throws: StoreError.notFound("task \(task.id)")) {
                try await store.setTaskState(.dropped, for: task.id, in: .tenant(globex), actor: "agent")
            }
            let moved = try await store.setTaskState(.inProgress, for: task.id, in: .tenant(acme), actor: "agent")
            #expect(moved.state == .inProgress)
            // The same state again: stored, not audited.
            #expect(try await store.setTaskState(.inProgress, for: task.id, in: .allTenants, actor: "agent").state == .inProgress)
            #expect(try await store.tasks(in: .tenant(acme), state: .inProgress).map(\.id) == [moved.id])
            #expect(try await store.tasks(in: .tenant(acme), state: .done).isEmpty)
            #expect(try await store.tasks(in: .tenant(globex), state: nil).isEmpty)
            let other = try await store.addTask(TaskDraft(tenantID: globex, title: "theirs", state: .blocked), in: .tenant(globex), actor: "agent")
            #expect(try await store.tasks(in: .allTenants, state: nil).map(\.id) == [task.id, other.id])
            #expect(try await store.tasks(in: .tenant(acme), state: nil).map(\.id) == [task.id])
            let actions = try await store.auditEvents(AuditQuery(categories: [.task], order: .oldestFirst), in: .allTenants).items
            #expect(actions.map(\.action) == ["added", "state_changed", "added"])
            #expect(actions[1].payload["from"] == "planned" && actions[1].payload["to"] == "in_progress")
            #expect(try await store.verifyAuditChain().isIntact)
        }
    }

    @Test("signals: keyset pages both ways, filtered by toolkit; a batch naming a tenant out of scope stores nothing")
    func signalsPaginate() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let (acme, globex) = try await Self.twoTenants(store)
            let nested: JSONValue = ["a", nil, true]
            let drafts = (0..<11).map { (index: Int) -> SignalDraft in
                let account: ConnectedAccountID? = index == 0 ? "ca_1" : nil
                let payload: JSONValue = .object(["i": .integer(Int64(index)), "x": .number(1.5), "s": nested])
                return SignalDraft(
                    tenantID: acme, connectedAccountID: account, toolkit: index % 2 == 0 ? "gmail" : "slack",
                    toolSlug: "X_LIST", source: .warmScan, payload: payload, observedAt: Self.now.adding(seconds: Double(index)))
            }
            let stored = try await store.addSignals(drafts, in: .tenant(acme))
            #expect(stored.map(\.id) == stored.map(\.id).sorted())
            #expect(Set(stored.map(\.id)).count == 11)
            for order in ListOrder.allCases {
                var seen: [SignalID] = []
                var cursor: SignalID?
                repeat {
                    let page = try await store.signals(SignalQuery(toolkit: "gmail", order: order, after: cursor, limit: 2), in: .allTenants)
                    seen += page.items.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil
                let gmail = stored.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.id)
                #expect(seen == (order == .oldestFirst ? gmail : Array(gmail.reversed())))
            }
            let newest = try await store.signals(SignalQuery(limit: 3), in: .tenant(acme))
            #expect(newest.items == Array(stored.suffix(3).reversed()))
            #expect(newest.items.first?.payload == .object(["i": 10, "x": 1.5, "s": nested]))
            #expect(try await store.signals(SignalQuery(order: .oldestFirst, limit: 1), in: .tenant(acme)).items.first == stored[0])
            // One draft of a tenant the scope does not admit: not found, and nothing of the batch stored.
            await #expect(throws: StoreError.notFound("tenant \(globex)")) {
                try await store.addSignals([
                    SignalDraft(tenantID: acme, toolkit: "gmail", toolSlug: "X", source: .warmScan, payload: 1, observedAt: Self.now),
                    SignalDraft(tenantID: globex, toolkit: "gmail", toolSlug: "X", source: .warmScan, payload: 2, observedAt: Self.now),
                ], in: .tenant(acme))
            }
            #expect(try await store.signals(SignalQuery(limit: 100), in: .allTenants).items.count == 11)
            #expect(try await store.signals(SignalQuery(limit: 100), in: .tenant(globex)).items.isEmpty)
            #expect(try await store.addSignals([], in: .tenant(acme)).isEmpty)
            // Ids come from the sequence, not max(id) + 1 of the tenant's rows: a second tenant's ids follow.
            let theirs = try await store.addSignals(
                [SignalDraft(tenantID: globex, toolkit: "slack", toolSlug: "X", source: .trickleRefresh, payload: [:], observedAt: Self.now)],
                in: .tenant(globex))
            #expect(theirs[0].id.rawValue > stored.last!.id.rawValue)
            #expect(try await store.signals(SignalQuery(limit: 100), in: .tenant(globex)).items == theirs)
        }
    }

    @Test("signals: U+0000 in a payload's strings and keys is stored as U+FFFD; the rest of the batch is stored as given")
    func nulInPayloads() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let (acme, _) = try await Self.twoTenants(store)
            let clean: JSONValue = ["subject": "hello", "n": 2]
            let drafts = [
                SignalDraft(tenantID: acme, toolkit: "gmail", toolSlug: "X", source: .warmScan, payload: clean, observedAt: Self.now),
                SignalDraft(
                    tenantID: acme, toolkit: "gmail", toolSlug: "X", source: .warmScan,
                    payload: ["body": "a\u{0}b", "k\u{0}": ["\u{0}"], "k\u{FFFD}": "kept"], observedAt: Self.now),
            ]
            let stored = try await store.addSignals(drafts, in: .tenant(acme))
            #expect(stored[0].payload == clean)
            #expect(stored[1].payload == ["body": "a\u{FFFD}b", "k\u{FFFD}": "kept"])
            let read = try await store.signals(SignalQuery(order: .oldestFirst), in: .tenant(acme)).items
            #expect(read == stored)
            // Text columns of provider answers follow the same rule.
            let account = ConnectedAccount(
                id: "ca_nul", tenantID: acme, provider: "gmail", status: .failed, statusReason: "bad\u{0}token",
                scopes: ["x\u{0}"], createdAt: Self.now, updatedAt: Self.now)
            _ = try await store.saveAccount(account, in: .tenant(acme), actor: "sync")
            let saved = try await store.account("ca_nul", in: .tenant(acme))
            #expect(saved?.statusReason == "bad\u{FFFD}token" && saved?.scopes == ["x\u{FFFD}"])
            try await store.saveSchedule(
                Schedule(tenantID: acme, job: .trickleRefresh, category: "email", nextRunAt: Self.now, lastOutcome: "500: \u{0}", updatedAt: Self.now),
                in: .tenant(acme))
            #expect(try await store.schedules(in: .tenant(acme)).first?.lastOutcome == "500: \u{FFFD}")
        }
    }

    @Test("accounts: previous status returned, changes audited, an id of another tenant is a conflict in every scope")
    func accounts() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let (acme, globex) = try await Self.twoTenants(store)
            var account = ConnectedAccount(
                id: "ca_1", tenantID: acme, provider: "gmail", status: .initiated, scopes: ["gmail.readonly"],
                createdAt: Self.now, updatedAt: Self.now)
            #expect(try await store.saveAccount(account, in: .tenant(acme), actor: "sync") == nil)
            account.status = .active
            #expect(try await store.saveAccount(account, in: .tenant(acme), actor: "sync") == .initiated)
            #expect(try await store.saveAccount(account, in: .tenant(acme), actor: "sync") == .active)
            let stolen = ConnectedAccount(id: "ca_1", tenantID: globex, provider: "gmail", status: .active, createdAt: Self.now, updatedAt: Self.now)
            for scope in [TenantScope.allTenants, .tenant(globex)] {
                await #expect(throws: StoreError.conflict("connected account ca_1 belongs to another tenant")) {
                    try await store.saveAccount(stolen, in: scope, actor: "sync")
                }
            }
            await #expect(throws: StoreError.notFound("tenant \(globex)")) {
                try await store.saveAccount(stolen, in: .tenant(acme), actor: "sync")
            }
            #expect(try await store.account("ca_1", in: .tenant(globex)) == nil)
            let stored = try #require(try await store.account("ca_1", in: .tenant(acme)))
            #expect(stored.tenantID == acme && stored.status == .active && stored.scopes == ["gmail.readonly"])
            #expect(stored.lastScanAt == nil)
            try await store.markScanned("ca_1", at: Self.now.adding(seconds: 9), in: .tenant(acme))
            #expect(try await store.account("ca_1", in: .allTenants)?.lastScanAt == Self.now.adding(seconds: 9))
            await #expect(throws: StoreError.notFound("connected account ca_1")) {
                try await store.markScanned("ca_1", at: Self.now, in: .tenant(globex))
            }
            await #expect(throws: StoreError.notFound("connected account nope")) {
                try await store.markScanned("nope", at: Self.now, in: .allTenants)
            }
            // A save without a scan time keeps the stored one.
            #expect(try await store.saveAccount(account, in: .allTenants, actor: "sync") == .active)
            #expect(try await store.account("ca_1", in: .tenant(acme))?.lastScanAt == Self.now.adding(seconds: 9))
            // By tenant, then id in byte order ("CA_2" before "ca_1").
            let upper = ConnectedAccount(id: "CA_2", tenantID: acme, provider: "slack", status: .active, createdAt: Self.now, updatedAt: Self.now)
            let theirs = ConnectedAccount(id: "ca_0", tenantID: globex, provider: "slack", status: .expired, createdAt: Self.now, updatedAt: Self.now)
            _ = try await store.saveAccount(upper, in: .tenant(acme), actor: "sync")
            _ = try await store.saveAccount(theirs, in: .tenant(globex), actor: "sync")
            let byTenant = [acme, globex].sorted { $0.rawValue < $1.rawValue }
            let expected: [ConnectedAccountID] = byTenant.flatMap { $0 == acme ? ["CA_2", "ca_1"] : ["ca_0"] as [ConnectedAccountID] }
            #expect(try await store.accounts(in: .allTenants, status: nil).map(\.id) == expected)
            #expect(try await store.accounts(in: .allTenants, status: .active).map(\.id) == ["CA_2", "ca_1"])
            #expect(try await store.accounts(in: .tenant(globex), status: nil).map(\.id) == ["ca_0"])
            #expect(try await store.accounts(in: .tenant(globex), status: .active).isEmpty)
            #expect(try await store.accounts(in: .allTenants, status: .failed).isEmpty)
            let audit = try await store.auditEvents(AuditQuery(categories: [.account], order: .oldestFirst), in: .allTenants).items
            #expect(audit.map(\.action) == ["connected", "status_changed", "connected", "connected"])
            #expect(audit[1].payload["from"] == "INITIATED")
            #expect(try await store.auditEvents(AuditQuery(categories: [.account]), in: .tenant(globex)).items.count == 1)
            #expect(try await store.verifyAuditChain().isIntact)
        }
    }

    @Test("schedules: listed and due by next run, replaced on save; another tenant's scope neither sees nor saves them")
    func schedules() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let (acme, globex) = try await Self.twoTenants(store)
            let now = Self.now
            let crm = Schedule(tenantID: acme, job: .trickleRefresh, category: "crm", nextRunAt: now.adding(seconds: 60), updatedAt: now)
            let mail = Schedule(tenantID: acme, job: .trickleRefresh, category: "email", nextRunAt: now.adding(seconds: 30), updatedAt: now)
            let drift = Schedule(tenantID: globex, job: .driftCheck, category: "", nextRunAt: now.adding(seconds: 45), updatedAt: now)
            for schedule in [crm, mail, drift] { try await store.saveSchedule(schedule, in: .allTenants) }
            #expect(try await store.schedules(in: .allTenants) == [mail, drift, crm])
            #expect(try await store.dueSchedules(at: now.adding(seconds: 50), limit: 10, in: .allTenants) == [mail, drift])
            #expect(try await store.dueSchedules(at: now.adding(seconds: 50), limit: 1, in: .allTenants) == [mail])
            #expect(try await store.dueSchedules(at: now.adding(seconds: 50), limit: 0, in: .allTenants) == [mail])
            #expect(try await store.dueSchedules(at: now.adding(seconds: 90), limit: 10, in: .tenant(globex)) == [drift])
            #expect(try await store.dueSchedules(at: now.adding(seconds: 10), limit: 10, in: .allTenants).isEmpty)
            var ran = mail
            ran.lastRunAt = now.adding(seconds: 31)
            ran.nextRunAt = now.adding(seconds: 2000)
            ran.lastOutcome = "ok: 3 signals"
            try await store.saveSchedule(ran, in: .tenant(acme))
            #expect(try await store.schedules(in: .tenant(acme)) == [crm, ran])
            #expect(try await store.schedules(in: .tenant(globex)) == [drift])
            await #expect(throws: StoreError.notFound("tenant \(acme)")) {
                try await store.saveSchedule(crm, in: .tenant(globex))
            }
            // Same next run: by tenant, then job and category in byte order.
            let a = Schedule(tenantID: acme, job: .trickleRefresh, category: "b", nextRunAt: now, updatedAt: now)
            let b = Schedule(tenantID: acme, job: .trickleRefresh, category: "B", nextRunAt: now, updatedAt: now)
            let c = Schedule(tenantID: acme, job: .accountSync, category: "", nextRunAt: now, updatedAt: now)
            for schedule in [a, b, c] { try await store.saveSchedule(schedule, in: .tenant(acme)) }
            #expect(try await store.dueSchedules(at: now, limit: 10, in: .tenant(acme)) == [c, b, a])
        }
    }

    @Test("heartbeats: replaced by worker id, listed since an instant, expired ones removed and named")
    func heartbeats() async throws {
        try await PostgresServerTests.withStore { store, _ in
            let now = Self.now
            let old = WorkerHeartbeat(id: "w-old", host: "h", pid: 1, startedAt: now, lastSeenAt: now)
            var live = WorkerHeartbeat(id: "w-live", host: "h", pid: 2, startedAt: now, lastSeenAt: now, telemetry: ["attempts": 1])
            try await store.recordHeartbeat(old)
            try await store.recordHeartbeat(live)
            live.lastSeenAt = now.adding(seconds: 10)
            live.telemetry = ["attempts": 9, "p99_ms": 12.5, "labels": ["a": "b"]]
            live.pid = 3
            try await store.recordHeartbeat(live)
            #expect(try await store.heartbeats(seenSince: now.adding(seconds: 5)) == [live])
            #expect(try await store.heartbeats(seenSince: now).map(\.id) == ["w-live", "w-old"])
            #expect(try await store.removeHeartbeats(seenBefore: now.adding(seconds: 5)) == ["w-old"])
            #expect(try await store.removeHeartbeats(seenBefore: now.adding(seconds: 5)).isEmpty)
            #expect(try await store.heartbeats(seenSince: now).map(\.id) == ["w-live"])
            try await store.removeHeartbeat("w-live")
            try await store.removeHeartbeat("w-never")
            #expect(try await store.heartbeats(seenSince: now).isEmpty)
        }
    }

    @Test("isolation: every read in a tenant's scope returns only its rows; every write to another tenant's row is not found")
    func isolation() async throws {
        try await PostgresServerTests.withStore { store, pool in
            let (acme, globex) = try await Self.twoTenants(store)
            var objectiveIDs: [TenantID: ObjectiveID] = [:]
            var taskIDs: [TenantID: TaskID] = [:]
            var signalIDs: [TenantID: SignalID] = [:]
            for tenant in [acme, globex] {
                let scope = TenantScope.tenant(tenant)
                objectiveIDs[tenant] = try await store.addObjective(
                    ObjectiveDraft(tenantID: tenant, metric: "m", target: 1, horizon: "h"), in: scope, actor: "op").id
                taskIDs[tenant] = try await store.addTask(TaskDraft(tenantID: tenant, title: "t"), in: scope, actor: "op").id
                signalIDs[tenant] = try await store.addSignals(
                    [SignalDraft(tenantID: tenant, toolkit: "gmail", toolSlug: "X", source: .warmScan, payload: 1, observedAt: Self.now)],
                    in: scope)[0].id
                _ = try await store.saveAccount(
                    ConnectedAccount(
                        id: ConnectedAccountID(rawValue: "ca_\(tenant.rawValue)"), tenantID: tenant, provider: "gmail", status: .active,
                        createdAt: Self.now, updatedAt: Self.now),
                    in: scope, actor: "op")
                try await store.saveSchedule(
                    Schedule(tenantID: tenant, job: .driftCheck, category: "", nextRunAt: Self.now, updatedAt: Self.now), in: scope)
            }
            let (objectives, tasks, signals) = (objectiveIDs, taskIDs, signalIDs)
            for (mine, theirs) in [(acme, globex), (globex, acme)] {
                let scope = TenantScope.tenant(mine)
                #expect(try await store.objectives(in: scope).map(\.tenantID) == [mine])
                #expect(try await store.tasks(in: scope, state: nil).map(\.tenantID) == [mine])
                #expect(try await store.signals(SignalQuery(), in: scope).items.map(\.tenantID) == [mine])
                #expect(try await store.accounts(in: scope, status: nil).map(\.tenantID) == [mine])
                #expect(try await store.schedules(in: scope).map(\.tenantID) == [mine])
                #expect(try await store.dueSchedules(at: Self.now, limit: 10, in: scope).map(\.tenantID) == [mine])
                #expect(try await store.task(tasks[theirs]!, in: scope) == nil)
                #expect(try await store.account(ConnectedAccountID(rawValue: "ca_\(theirs.rawValue)"), in: scope) == nil)
                await #expect(throws: StoreError.notFound("objective \(objectives[theirs]!)")) {
                    try await store.recordProgress(9, for: objectives[theirs]!, in: scope)
                }
                await #expect(throws: StoreError.notFound("task \(tasks[theirs]!)")) {
                    try await store.setTaskState(.done, for: tasks[theirs]!, in: scope, actor: "op")
                }
                await #expect(throws: StoreError.notFound("signal \(signals[theirs]!)")) {
                    try await store.attachEvidence([signals[theirs]!], to: tasks[mine]!, in: scope)
                }
                await #expect(throws: StoreError.notFound("objective \(objectives[theirs]!)")) {
                    try await store.addTask(TaskDraft(tenantID: mine, objectiveID: objectives[theirs]!, title: "x"), in: scope, actor: "op")
                }
                await #expect(throws: StoreError.notFound("connected account ca_\(theirs.rawValue)")) {
                    try await store.markScanned(ConnectedAccountID(rawValue: "ca_\(theirs.rawValue)"), at: Self.now, in: scope)
                }
                await #expect(throws: StoreError.notFound("tenant \(theirs)")) {
                    try await store.saveSchedule(
                        Schedule(tenantID: theirs, job: .driftCheck, category: "", nextRunAt: Self.now.adding(seconds: 1), updatedAt: Self.now),
                        in: scope)
                }
            }
            // Nothing of the other tenant changed.
            #expect(try await store.objectives(in: .allTenants).allSatisfy { $0.current == 0 })
            #expect(try await store.tasks(in: .allTenants, state: nil).allSatisfy { $0.state == .planned && $0.evidence.isEmpty })
            #expect(try await store.accounts(in: .allTenants, status: nil).allSatisfy { $0.lastScanAt == nil })
            #expect(try await store.schedules(in: .allTenants).allSatisfy { $0.nextRunAt == Self.now })
            // Beneath the store: as opsdeck_app with one tenant set, raw SELECTs return only its rows.
            let tables = ["objectives", "tasks", "signals", "connected_accounts", "schedules"]
            let seen = try await pool.transaction(.tenant(acme)) { connection in
                var tenants: Set<String> = []
                for table in tables {
                    for try await tenant in try await connection.query(
                        PostgresQuery(unsafeSQL: "SELECT tenant_id::text FROM \(table)"), logger: pool.logger
                    ).decode(String.self) { tenants.insert(tenant) }
                }
                return tenants
            }
            #expect(seen == [acme.rawValue])
            #expect(try await store.verifyAuditChain().isIntact)
        }
    }
}
