import DeckCore
import Testing

@Suite("Contract: outbox")
struct OutboxContractTests {
    @Test(arguments: StoreKind.allCases)
    func searchWordsMatchToolTenantNameAndErrorIgnoringASCIICase(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("Acme-Prod")
        let globex = try await fixture.tenant("globex")
        let gmail = try await fixture.submit(2, for: acme.id, tool: "GMAIL_SEND_EMAIL")
        let slack = try await fixture.submit(1, for: globex.id, tool: "SLACK_SEND_MESSAGE")
        let stripe = try await fixture.submit(1, for: globex.id, tool: "STRIPE_CREATE_REFUND")
        _ = try await fixture.store.apply(
            [EnvelopeChange(stripe[0], .claim(worker: "w", leaseExpiresAt: fixture.clock.now().adding(seconds: 60)))],
            in: .allTenants, actor: "w", mode: .allOrNothing)
        _ = try await fixture.store.apply(
            [EnvelopeChange(stripe[0], .fail(worker: "w", error: "HTTP 429: Rate_limit 100% used"))],
            in: .allTenants, actor: "w", mode: .allOrNothing)
        func ids(_ words: [String], _ scope: TenantScope = .allTenants) async throws -> [EnvelopeID] {
            try await fixture.store.envelopes(EnvelopeQuery(search: words, order: .oldestFirst), in: scope).items.map(\.id)
        }
        #expect(try await ids(["gmail"]) == gmail)
        #expect(try await ids(["send"]) == gmail + slack)
        #expect(try await ids(["acme"]) == gmail, "tenant name, any case")
        #expect(try await ids(["GLOBEX", "slack"]) == slack, "every word must match")
        #expect(try await ids(["rate_limit"]) == stripe, "error text; _ is literal")
        #expect(try await ids(["100%"]) == stripe, "% is literal")
        #expect(try await ids(["r_te"]).isEmpty)
        #expect(try await ids(["send"], .tenant(globex.id)) == slack)
        #expect(try await ids(["nothing-like-this"]).isEmpty)
        #expect(try await fixture.store.envelopeCount(EnvelopeQuery(search: ["send"]), in: .allTenants) == 3)
        #expect(try await fixture.store.envelopeCount(EnvelopeQuery(statuses: [.dead], search: ["429"]), in: .allTenants) == 1)
        #expect(try await fixture.store.envelopeCount(EnvelopeQuery(search: ["send"], limit: 1), in: .tenant(acme.id)) == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func submitStoresPendingEnvelopesWithOneAuditRowEach(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let drafts = [
            try EnvelopeDraft(tenantID: acme.id, toolSlug: "gmail_send_email", arguments: ["to": "a@b.c"]),
            try EnvelopeDraft(
                tenantID: acme.id, toolSlug: "HUBSPOT_CREATE_CONTACT", toolkit: "HubSpot", version: "20251027_00",
                connectedAccountID: "ca_1", risk: .high, idempotencyKey: "k-1",
                runAt: fixture.clock.now().adding(seconds: 60)),
        ]
        let receipt = try await fixture.store.submit(drafts, in: .tenant(acme.id), actor: "agent-7")
        #expect(receipt.duplicates == 0)
        #expect(receipt.ids.count == 2)
        #expect(receipt.ids[0] < receipt.ids[1])

        let first = try #require(try await fixture.store.envelope(receipt.ids[0], in: .allTenants))
        #expect(first.status == .pending)
        #expect(first.toolSlug == "GMAIL_SEND_EMAIL")
        #expect(first.toolkit == "gmail")
        #expect(first.risk == .medium)
        #expect(first.attempts == 0)
        #expect(first.runAt == fixture.clock.now())
        #expect(first.arguments == ["to": "a@b.c"])
        #expect(!first.idempotencyKey.isEmpty)
        let second = try #require(try await fixture.store.envelope(receipt.ids[1], in: .tenant(acme.id)))
        #expect(second.toolkit == "hubspot")
        #expect(second.version == "20251027_00")
        #expect(second.connectedAccountID == "ca_1")
        #expect(second.risk == .high)
        #expect(second.idempotencyKey == "k-1")
        #expect(second.runAt == fixture.clock.now().adding(seconds: 60))

        let audit = try await fixture.store.auditEvents(AuditQuery(categories: [.envelope], order: .oldestFirst), in: .tenant(acme.id))
        #expect(audit.items.map(\.action) == ["submitted", "submitted"])
        #expect(audit.items.map(\.envelopeID) == receipt.ids.map { Optional($0) })
        #expect(audit.items.allSatisfy { $0.actor == "agent-7" })
        #expect(audit.items[1].payload["run_at"] == .integer(second.runAt.millisecondsSinceEpoch))
    }

    @Test(arguments: StoreKind.allCases)
    func idempotencyKeysDeduplicatePerTenant(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let draft = try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE", idempotencyKey: "same")
        let first = try await fixture.store.submit([draft, draft], in: .allTenants, actor: "agent")
        #expect(first.duplicates == 1)
        #expect(first.ids[0] == first.ids[1])
        let again = try await fixture.store.submit([draft], in: .tenant(acme.id), actor: "agent")
        #expect(again.ids == [first.ids[0]])
        #expect(again.duplicates == 1)
        let other = try await fixture.store.submit(
            [try EnvelopeDraft(tenantID: globex.id, toolSlug: "SLACK_SEND_MESSAGE", idempotencyKey: "same")],
            in: .tenant(globex.id), actor: "agent")
        #expect(other.duplicates == 0)
        #expect(other.ids[0] != first.ids[0])
        #expect(try await fixture.store.statusCounts(in: .allTenants) == [.pending: 2])
        let submitted = try await fixture.store.auditEvents(AuditQuery(categories: [.envelope]), in: .allTenants)
        #expect(submitted.items.count == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func aKeyReusedForADifferentRequestIsRefusedAndStoresNothing(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let original = try EnvelopeDraft(
            tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", arguments: ["to": "a@example.com", "n": 1], idempotencyKey: "k-9")
        let id = try await fixture.store.submit([original], in: .allTenants, actor: "agent").ids[0]
        // The same request, its arguments spaced and ordered differently: a duplicate.
        let respaced = try EnvelopeDraft(
            tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", argumentsJSON: try JSONObjectText(validating: #"{ "n": 1, "to": "a@example.com" }"#),
            idempotencyKey: "k-9")
        #expect(try await fixture.store.submit([respaced], in: .allTenants, actor: "agent") == SubmitReceipt(ids: [id], duplicates: 1))
        let before = try await fixture.store.auditEvents(AuditQuery(limit: 100), in: .allTenants).items.count
        let critical = try EnvelopeDraft(
            tenantID: acme.id, toolSlug: "SLACK_DELETE_ALL", arguments: [:], risk: .critical, idempotencyKey: "k-9")
        let fresh = try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", idempotencyKey: "k-10")
        await #expect(throws: StoreError.conflict(
            "idempotency key 'k-9' was already used for envelope \(id.rawValue) with a different request "
                + "(tool GMAIL_SEND_EMAIL, not SLACK_DELETE_ALL); use a new key")) {
            try await fixture.store.submit([fresh, critical], in: .allTenants, actor: "agent")
        }
        var otherArguments = original
        otherArguments.argumentsJSON = JSONObjectText(["to": "b@example.com", "n": 1])
        await #expect(throws: StoreError.self) {
            try await fixture.store.submit([otherArguments], in: .allTenants, actor: "agent")
        }
        // Twice in one submission with different requests: refused too.
        let first = try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_SEND_EMAIL", idempotencyKey: "k-11")
        let second = try EnvelopeDraft(tenantID: acme.id, toolSlug: "GMAIL_DELETE_MESSAGE", idempotencyKey: "k-11")
        await #expect(throws: StoreError.conflict(
            "idempotency key 'k-11' was already used for an earlier line of this submission with a different request "
                + "(tool GMAIL_SEND_EMAIL, not GMAIL_DELETE_MESSAGE); use a new key")) {
            try await fixture.store.submit([first, second], in: .allTenants, actor: "agent")
        }
        #expect(try await fixture.store.statusCounts(in: .allTenants) == [.pending: 1], "nothing else was stored")
        #expect(try await fixture.store.auditEvents(AuditQuery(limit: 100), in: .allTenants).items.count == before)
    }

    @Test(arguments: StoreKind.allCases)
    func aRefusedSubmissionStoresNothing(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let auditBefore = try await fixture.store.auditEvents(AuditQuery(limit: 1000), in: .allTenants).items.count
        let good = try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE")
        let ghost = TenantID.random()
        await #expect(throws: StoreError.notFound("tenant \(ghost)")) {
            try await fixture.store.submit(
                [good, try EnvelopeDraft(tenantID: ghost, toolSlug: "SLACK_SEND_MESSAGE")], in: .allTenants, actor: "a")
        }
        await #expect(throws: StoreError.notFound("tenant \(globex.id)")) {
            try await fixture.store.submit(
                [good, try EnvelopeDraft(tenantID: globex.id, toolSlug: "SLACK_SEND_MESSAGE")], in: .tenant(acme.id),
                actor: "a")
        }
        await #expect(throws: StoreError.notFound("task 99")) {
            try await fixture.store.submit(
                [good, try EnvelopeDraft(tenantID: acme.id, toolSlug: "SLACK_SEND_MESSAGE", taskID: 99)], in: .allTenants,
                actor: "a")
        }
        #expect(try await fixture.store.statusCounts(in: .allTenants).isEmpty)
        #expect(try await fixture.store.auditEvents(AuditQuery(limit: 1000), in: .allTenants).items.count == auditBefore)
    }

    @Test(arguments: StoreKind.allCases)
    func listingFiltersAndPaginatesWithoutGapsOrOverlap(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let globex = try await fixture.tenant("globex")
        let acmeIDs = try await fixture.submit(23, for: acme.id)
        let globexIDs = try await fixture.submit(7, for: globex.id, tool: "GMAIL_DELETE_MESSAGE")
        let store = fixture.store

        for order in ListOrder.allCases {
            var seen: [EnvelopeID] = []
            var cursor: EnvelopeID?
            repeat {
                let page = try await store.envelopes(EnvelopeQuery(order: order, after: cursor, limit: 4), in: .tenant(acme.id))
                #expect(page.items.count <= 4)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == (order == .oldestFirst ? acmeIDs : acmeIDs.reversed()))
        }
        let exact = try await store.envelopes(EnvelopeQuery(limit: 7), in: .tenant(globex.id))
        #expect(exact.items.count == 7)
        #expect(exact.nextCursor == nil)

        let deletes = try await store.envelopes(EnvelopeQuery(toolSlug: "GMAIL_DELETE_MESSAGE", limit: 100), in: .allTenants)
        #expect(Set(deletes.items.map(\.id)) == Set(globexIDs))
        let high = try await store.envelopes(EnvelopeQuery(risks: [.high], limit: 100), in: .allTenants)
        #expect(Set(high.items.map(\.id)) == Set(globexIDs))
        #expect(try await store.envelopes(EnvelopeQuery(statuses: [.dead]), in: .allTenants).items.isEmpty)
        #expect(try await store.envelopes(EnvelopeQuery(inDoubt: true), in: .allTenants).items.isEmpty)
        #expect(try await store.statusCounts(in: .tenant(globex.id)) == [.pending: 7])
        #expect(try await store.statusCounts(in: .allTenants) == [.pending: 30])
    }

    @Test(arguments: StoreKind.allCases)
    func operatorTransitionsAreAllOrNothingAndAudited(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let ids = try await fixture.submit(3, for: acme.id)
        let store = fixture.store
        fixture.clock.advance(seconds: 1)

        // approve on pending envelopes is illegal: nothing changes.
        await #expect(throws: StoreError.transition(ids[1], .illegal(transition: "approve", from: .pending))) {
            try await store.apply(.approve, to: [ids[1], ids[0]], in: .allTenants, actor: "alice", mode: .allOrNothing)
        }
        // one missing id among good ones: nothing changes.
        await #expect(throws: StoreError.notFound("envelope 999")) {
            try await store.apply(.discard, to: [ids[0], 999], in: .allTenants, actor: "alice", mode: .allOrNothing)
        }
        #expect(try await store.statusCounts(in: .allTenants) == [.pending: 3])

        let report = try await store.apply(.discard, to: [ids[0], ids[2], ids[0]], in: .tenant(acme.id), actor: "alice", mode: .allOrNothing)
        #expect(report.applied.map(\.id) == [ids[0], ids[2]])
        #expect(report.applied.allSatisfy { $0.status == .cancelled && $0.updatedAt == fixture.clock.now() })
        #expect(try await store.envelope(ids[2], in: .allTenants)?.status == .cancelled)
        let audit = try await store.auditEvents(AuditQuery(categories: [.envelope], limit: 2), in: .allTenants).items
        #expect(audit.map(\.action) == ["discarded", "discarded"])
        #expect(audit.map(\.actor) == ["alice", "alice"])
        #expect(audit[0].payload == ["from": "pending", "to": "cancelled", "attempts": 0])

        let skipping = try await store.apply(.retry, to: [ids[1], 12345], in: .allTenants, actor: "bob", mode: .skipIneligible)
        #expect(skipping.applied.isEmpty)
        #expect(skipping.skipped.map(\.id) == [ids[1], 12345])
        #expect(skipping.skipped[1].reason == "not found")
    }

    @Test(arguments: StoreKind.allCases)
    func theWholeLifecycleRoundTripsThroughTheStore(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let id = try #require(try await fixture.submit(1, for: acme.id, risk: .critical).first)
        let store = fixture.store
        let worker: WorkerID = "w-1"
        func step(_ transition: EnvelopeTransition, by actor: String = "w-1") async throws -> Envelope {
            fixture.clock.advance(seconds: 1)
            return try #require(try await store.apply(transition, to: [id], in: .allTenants, actor: actor, mode: .allOrNothing).applied.first)
        }
        var envelope = try await step(.holdForApproval(reason: "risk critical above autonomy medium"))
        #expect(envelope.status == .awaitingApproval)
        #expect(try await store.envelopes(EnvelopeQuery(statuses: [.awaitingApproval]), in: .allTenants).items == [envelope])
        #expect(envelope.statusReason == "risk critical above autonomy medium")
        envelope = try await step(.approve, by: "alice")
        #expect(envelope.approvedBy == "alice")
        envelope = try await step(.claim(worker: worker, leaseExpiresAt: fixture.clock.now().adding(seconds: 60)))
        #expect(envelope.status == .running)
        #expect(envelope.attempts == 1)
        #expect(envelope.leaseOwner == worker)
        envelope = try await step(.scheduleRetry(worker: worker, runAt: fixture.clock.now().adding(seconds: 30), error: "HTTP 503"))
        #expect(envelope.status == .pending)
        #expect(envelope.lastError == "HTTP 503")
        #expect(envelope.leaseOwner == nil)
        fixture.clock.advance(seconds: 30)
        envelope = try await step(.claim(worker: worker, leaseExpiresAt: fixture.clock.now().adding(seconds: 60)))
        #expect(envelope.attempts == 2)
        fixture.clock.advance(seconds: 120)
        envelope = try await step(.expireLeaseInDoubt, by: "rescuer")
        #expect(envelope.status == .dead)
        #expect(envelope.inDoubt)
        #expect(try await store.envelopes(EnvelopeQuery(statuses: [.dead]), in: .allTenants).items == [envelope])
        #expect(try await store.envelopes(EnvelopeQuery(statuses: [.dead], inDoubt: true), in: .tenant(acme.id)).items == [envelope])
        #expect(try await store.envelopes(EnvelopeQuery(statuses: [.awaitingApproval]), in: .allTenants).items.isEmpty)
        envelope = try await step(.retry, by: "alice")
        #expect(envelope.status == .pending)
        #expect(envelope.attempts == 0)
        #expect(!envelope.inDoubt)
        envelope = try await step(.claim(worker: worker, leaseExpiresAt: fixture.clock.now().adding(seconds: 60)))
        envelope = try await step(
            .succeed(worker: worker, externalID: "log_123", result: "{\"ok\":true}", resultTruncated: false))
        #expect(envelope.status == .succeeded)
        #expect(envelope.externalID == "log_123")
        #expect(try await store.envelope(id, in: .allTenants) == envelope)

        let history = try await store.auditEvents(AuditQuery(envelopeID: id, order: .oldestFirst), in: .tenant(acme.id)).items
        #expect(history.map(\.action) == [
            "submitted", "held_for_approval", "approved", "claimed", "retry_scheduled", "claimed", "in_doubt", "retried",
            "claimed", "succeeded",
        ])
        #expect(history.map(\.actor) == ["agent", "w-1", "alice", "w-1", "w-1", "w-1", "rescuer", "alice", "w-1", "w-1"])
        #expect(try await store.verifyAuditChain().isIntact)
    }

    @Test(arguments: StoreKind.allCases)
    func renewingALeaseWritesNoAuditRow(_ kind: StoreKind) async throws {
        let fixture = try await StoreFixture.make(kind)
        defer { fixture.cleanUp() }
        let acme = try await fixture.tenant("acme")
        let id = try #require(try await fixture.submit(1, for: acme.id).first)
        let now = fixture.clock.now()
        _ = try await fixture.store.apply(
            .claim(worker: "w", leaseExpiresAt: now.adding(seconds: 10)), to: [id], in: .allTenants, actor: "w", mode: .allOrNothing)
        let before = try await fixture.store.auditEvents(AuditQuery(limit: 100), in: .allTenants).items.count
        let renewed = try await fixture.store.apply(
            .renewLease(worker: "w", leaseExpiresAt: now.adding(seconds: 40)), to: [id], in: .allTenants, actor: "w",
            mode: .allOrNothing)
        #expect(renewed.applied.first?.leaseExpiresAt == now.adding(seconds: 40))
        #expect(try await fixture.store.auditEvents(AuditQuery(limit: 100), in: .allTenants).items.count == before)
        await #expect(throws: StoreError.transition(id, .notLeaseOwner(worker: "other", owner: "w"))) {
            try await fixture.store.apply(
                .fail(worker: "other", error: "x"), to: [id], in: .allTenants, actor: "other", mode: .allOrNothing)
        }
    }
}
