import DeckCore
import Testing

@Suite("EnvelopeAudit")
struct EnvelopeAuditTests {
    /// The audit action of every transition, written out by hand.
    static let actions: [TransitionKind: String?] = [
        .approve: "approved", .discard: "discarded", .retry: "retried", .claim: "claimed", .renewLease: nil,
        .succeed: "succeeded", .scheduleRetry: "retry_scheduled", .fail: "failed", .release: "released",
        .expireLease: "lease_expired", .expireLeaseInDoubt: "in_doubt", .holdForApproval: "held_for_approval",
        .deferRun: "deferred", .reject: "rejected",
    ]

    /// The payload keys beyond `from`, `to` and `attempts` for the fixture transitions.
    static let extraKeys: [TransitionKind: Set<String>] = [
        .approve: [], .discard: [], .retry: [], .claim: ["lease_expires_at"], .renewLease: [],
        .succeed: ["external_id", "result_truncated"], .scheduleRetry: ["run_at", "error"], .fail: ["error"],
        .release: [], .expireLease: ["lease_owner", "run_at"], .expireLeaseInDoubt: ["lease_owner", "in_doubt"],
        .holdForApproval: ["reason"], .deferRun: ["run_at", "reason"], .reject: ["reason"],
    ]

    static let source: [TransitionKind: EnvelopeStatus] = [
        .approve: .awaitingApproval, .discard: .pending, .retry: .dead, .claim: .pending, .renewLease: .running,
        .succeed: .running, .scheduleRetry: .running, .fail: .running, .release: .running, .expireLease: .running,
        .expireLeaseInDoubt: .running, .holdForApproval: .pending, .deferRun: .pending, .reject: .pending,
    ]

    @Test("submitted row: tool, risk and status")
    func submitted() throws {
        let draft = try EnvelopeDraft(tenantID: Fixture.tenant, toolSlug: "GMAIL_DELETE_MESSAGE")
        let envelope = EnvelopeLifecycle.submit(draft, id: 77, idempotencyKey: "k", at: Fixture.now)
        let entry = EnvelopeAudit.submitted(envelope, actor: "agent-1")
        #expect(entry.action == "submitted")
        #expect(entry.category == .envelope)
        #expect(entry.tenantID == Fixture.tenant)
        #expect(entry.envelopeID == 77)
        #expect(entry.actor == "agent-1")
        #expect(entry.payload == ["tool": "GMAIL_DELETE_MESSAGE", "risk": "high", "status": "pending"])
    }

    @Test("submitted row of a scheduled envelope carries run_at")
    func submittedScheduled() throws {
        let draft = try EnvelopeDraft(tenantID: Fixture.tenant, toolSlug: "GMAIL_SEND_EMAIL", runAt: Fixture.at(60_000))
        let envelope = EnvelopeLifecycle.submit(draft, id: 1, idempotencyKey: "k", at: Fixture.now)
        let entry = EnvelopeAudit.submitted(envelope, actor: "agent-1")
        #expect(entry.payload["run_at"] == .integer(Fixture.at(60_000).millisecondsSinceEpoch))
        #expect(Set(try #require(entry.payload.objectValue).keys) == ["tool", "risk", "status", "run_at"])

        let past = try EnvelopeDraft(tenantID: Fixture.tenant, toolSlug: "GMAIL_SEND_EMAIL", runAt: Fixture.at(-60_000))
        let backdated = EnvelopeAudit.submitted(EnvelopeLifecycle.submit(past, id: 2, idempotencyKey: "k", at: Fixture.now), actor: "a")
        #expect(backdated.payload["run_at"] == nil)
    }

    @Test("submittedPayloadText is the canonical text of the submitted payload",
          arguments: ["GMAIL_SEND_EMAIL", "A", "STRIPE_CREATE_REFUND", "X_1_2"], RiskTier.allCases)
    func submittedPayloadText(slug: String, risk: RiskTier) throws {
        let draft = try EnvelopeDraft(tenantID: Fixture.tenant, toolSlug: slug, risk: risk)
        let envelope = EnvelopeLifecycle.submit(draft, id: 1, idempotencyKey: "k", at: Fixture.now)
        let digest = String(repeating: "0f", count: 32)
        let expected = EnvelopeAudit.submitted(envelope, actor: "a", argumentsSHA256: digest).payload.canonicalText
        #expect(Array(EnvelopeAudit.submittedPayloadText(toolSlug: draft.toolSlug, risk: risk, argumentsSHA256: digest).utf8)
            == Array(expected.utf8))
    }

    @Test("every transition's row: action name and payload keys", arguments: TransitionKind.allCases)
    func transitioned(kind: TransitionKind) throws {
        let before = Fixture.envelope(try #require(Self.source[kind]))
        let after = try EnvelopeLifecycle.apply(kind.transition, to: before, at: Fixture.now, by: "actor-1")
        let entry = EnvelopeAudit.transitioned(kind.transition, from: before, to: after, actor: "actor-1")
        let action = try #require(Self.actions[kind])
        #expect(kind.transition.auditAction == action)
        guard let action else {
            #expect(entry == nil, "lease renewal writes no row")
            return
        }
        let row = try #require(entry)
        #expect(row.action == action)
        #expect(row.category == .envelope)
        #expect(row.tenantID == after.tenantID)
        #expect(row.envelopeID == after.id)
        #expect(row.actor == "actor-1")
        let payload = try #require(row.payload.objectValue)
        #expect(Set(payload.keys) == Set(["from", "to", "attempts"]).union(try #require(Self.extraKeys[kind])))
        #expect(payload["from"] == .string(before.status.rawValue))
        #expect(payload["to"] == .string(after.status.rawValue))
        #expect(payload["attempts"] == .integer(Int64(after.attempts)))
    }

    @Test("payload values of the detailed rows")
    func payloadValues() throws {
        func row(_ kind: TransitionKind) throws -> [String: JSONValue] {
            let before = Fixture.envelope(try #require(Self.source[kind]))
            let after = try EnvelopeLifecycle.apply(kind.transition, to: before, at: Fixture.now, by: "a")
            return try #require(EnvelopeAudit.transitioned(kind.transition, from: before, to: after, actor: "a")?.payload.objectValue)
        }
        let ms = { (offset: Int64) in JSONValue.integer(Fixture.at(offset).millisecondsSinceEpoch) }
        #expect(try row(.claim)["lease_expires_at"] == ms(30_000))
        #expect(try row(.claim)["attempts"] == 3)
        #expect(try row(.succeed)["external_id"] == "log_123")
        #expect(try row(.succeed)["result_truncated"] == true)
        #expect(try row(.scheduleRetry)["run_at"] == ms(5_000))
        #expect(try row(.scheduleRetry)["error"] == "HTTP 503")
        #expect(try row(.fail)["error"] == "HTTP 400 bad request")
        #expect(try row(.expireLease)["lease_owner"] == "worker-a")
        #expect(try row(.expireLease)["run_at"] == ms(10_000))
        #expect(try row(.expireLeaseInDoubt)["lease_owner"] == "worker-a")
        #expect(try row(.expireLeaseInDoubt)["in_doubt"] == true)
        #expect(try row(.expireLeaseInDoubt)["to"] == "dead")
        #expect(try row(.holdForApproval)["reason"] == "risk high above autonomy medium")
        #expect(try row(.deferRun)["run_at"] == ms(3_600_000))
        #expect(try row(.deferRun)["reason"] == "quiet hours 22:00-07:00")
        #expect(try row(.reject)["reason"] == "toolkit stripe not allowed")
        #expect(try row(.retry)["attempts"] == 0)
        #expect(try row(.release)["attempts"] == 1)
    }

    @Test("succeed without external id and untruncated writes only the basic keys")
    func plainSuccess() throws {
        let before = Fixture.envelope(.running)
        let transition = EnvelopeTransition.succeed(worker: Fixture.owner, externalID: nil, result: "x", resultTruncated: false)
        let after = try EnvelopeLifecycle.apply(transition, to: before, at: Fixture.now, by: "w")
        let payload = try #require(EnvelopeAudit.transitioned(transition, from: before, to: after, actor: "w")?.payload.objectValue)
        #expect(Set(payload.keys) == ["from", "to", "attempts"])
    }

    @Test("an expired lease without an owner records lease_owner null")
    func unownedLease() throws {
        var before = Fixture.envelope(.running)
        before.leaseOwner = nil
        for transition in [EnvelopeTransition.expireLease(retryAt: Fixture.at(1)), .expireLeaseInDoubt] {
            let after = try EnvelopeLifecycle.apply(transition, to: before, at: Fixture.now, by: "reaper")
            let payload = try #require(EnvelopeAudit.transitioned(transition, from: before, to: after, actor: "reaper")?.payload)
            #expect(payload["lease_owner"] == .null)
        }
    }

    @Test("the payload is canonical JSON that parses back")
    func payloadIsJSON() throws {
        let before = Fixture.envelope(.running)
        let transition = EnvelopeTransition.fail(worker: Fixture.owner, error: "line\nbreak \"quoted\" \u{1B}")
        let after = try EnvelopeLifecycle.apply(transition, to: before, at: Fixture.now, by: "w")
        let payload = try #require(EnvelopeAudit.transitioned(transition, from: before, to: after, actor: "w")?.payload)
        #expect(try JSONValue(parsing: payload.canonicalText) == payload)
        #expect(payload.canonicalText.hasPrefix(#"{"attempts":2,"error":"line\nbreak"#))
    }
}
