import DeckCore
import Testing

@Suite("EnvelopeLifecycle")
struct EnvelopeLifecycleTests {
    // MARK: - Independent specification

    /// Which statuses each transition may start from, written out by hand from the
    /// documented state machine (not derived from `allowedSources`).
    static let legalSources: [TransitionKind: Set<EnvelopeStatus>] = [
        .approve: [.awaitingApproval],
        .discard: [.awaitingApproval, .pending, .dead],
        .retry: [.dead],
        .claim: [.pending],
        .renewLease: [.running],
        .succeed: [.running],
        .scheduleRetry: [.running],
        .fail: [.running],
        .release: [.running],
        .expireLease: [.running],
        .expireLeaseInDoubt: [.running],
        .holdForApproval: [.pending],
        .deferRun: [.pending],
        .reject: [.pending],
    ]

    /// The name each transition reports in `EnvelopeTransitionError.illegal`.
    static let names: [TransitionKind: String] = [
        .approve: "approve", .discard: "discard", .retry: "retry", .claim: "claim",
        .renewLease: "renew lease", .succeed: "succeed", .scheduleRetry: "schedule retry", .fail: "fail",
        .release: "release", .expireLease: "expire lease", .expireLeaseInDoubt: "expire lease (in doubt)",
        .holdForApproval: "hold for approval", .deferRun: "defer", .reject: "reject",
    ]

    /// The envelope expected after a legal `kind` applied to `source` at `Fixture.now` by "op".
    static func expectedNext(_ kind: TransitionKind, from source: Envelope) -> Envelope {
        var next = source
        next.updatedAt = Fixture.now
        func dropLease() {
            next.leaseOwner = nil
            next.leaseExpiresAt = nil
        }
        switch kind {
        case .approve:
            next.status = .pending
            next.approvedBy = "op"
            next.statusReason = nil
        case .discard:
            next.status = .cancelled
            dropLease()
        case .retry:
            next.status = .pending
            next.attempts = 0
            next.runAt = Fixture.now
            next.inDoubt = false
            next.statusReason = nil
        case .claim:
            next.status = .running
            next.attempts = source.attempts + 1
            next.leaseOwner = Fixture.claimer
            next.leaseExpiresAt = Fixture.at(30_000)
            next.statusReason = nil
        case .renewLease:
            next.leaseExpiresAt = Fixture.at(45_000)
        case .succeed:
            next.status = .succeeded
            next.externalID = "log_123"
            next.result = "{\"ok\":true}"
            next.resultTruncated = true
            next.lastError = nil
            dropLease()
        case .scheduleRetry:
            next.status = .pending
            next.runAt = Fixture.at(5_000)
            next.lastError = "HTTP 503"
            dropLease()
        case .fail:
            next.status = .dead
            next.lastError = "HTTP 400 bad request"
            dropLease()
        case .release:
            next.status = .pending
            next.attempts = source.attempts - 1
            dropLease()
        case .expireLease:
            next.status = .pending
            next.runAt = Fixture.at(10_000)
            next.lastError = "lease expired (worker worker-a stopped answering)"
            dropLease()
        case .expireLeaseInDoubt:
            next.status = .dead
            next.inDoubt = true
            next.lastError = "lease expired while running (worker worker-a); outcome unknown"
            dropLease()
        case .holdForApproval:
            next.status = .awaitingApproval
            next.statusReason = "risk high above autonomy medium"
        case .deferRun:
            next.runAt = Fixture.at(3_600_000)
            next.statusReason = "quiet hours 22:00-07:00"
        case .reject:
            next.status = .dead
            next.statusReason = "toolkit stripe not allowed"
            next.lastError = "toolkit stripe not allowed"
        }
        return next
    }

    // MARK: - The full matrix

    @Test("the specification table covers every transition")
    func tableCoversEveryTransition() {
        #expect(Set(Self.legalSources.keys) == Set(TransitionKind.allCases))
        #expect(Set(Self.names.keys) == Set(TransitionKind.allCases))
    }

    @Test("every transition from every status", arguments: TransitionKind.allCases, EnvelopeStatus.allCases)
    func matrix(kind: TransitionKind, status: EnvelopeStatus) throws {
        let source = Fixture.envelope(status)
        let legal = try #require(Self.legalSources[kind]).contains(status)
        if legal {
            let next = try EnvelopeLifecycle.apply(kind.transition, to: source, at: Fixture.now, by: "op")
            let expected = Self.expectedNext(kind, from: source)
            // Field by field first, for readable failures, then the whole value.
            #expect(next.status == expected.status)
            #expect(next.attempts == expected.attempts)
            #expect(next.runAt == expected.runAt)
            #expect(next.leaseOwner == expected.leaseOwner)
            #expect(next.leaseExpiresAt == expected.leaseExpiresAt)
            #expect(next.lastError == expected.lastError)
            #expect(next.inDoubt == expected.inDoubt)
            #expect(next.approvedBy == expected.approvedBy)
            #expect(next.statusReason == expected.statusReason)
            #expect(next.updatedAt == Fixture.now)
            #expect(next == expected)
        } else {
            let name = try #require(Self.names[kind])
            #expect(throws: EnvelopeTransitionError.illegal(transition: name, from: status)) {
                try EnvelopeLifecycle.apply(kind.transition, to: source, at: Fixture.now, by: "op")
            }
        }
    }

    @Test("final statuses accept no transition at all", arguments: [EnvelopeStatus.succeeded, .cancelled])
    func finalStatusesAreFinal(status: EnvelopeStatus) {
        #expect(status.isFinal)
        for kind in TransitionKind.allCases {
            #expect(throws: EnvelopeTransitionError.self) {
                try EnvelopeLifecycle.apply(kind.transition, to: Fixture.envelope(status), at: Fixture.now, by: "op")
            }
        }
    }

    @Test("only succeeded and cancelled are final")
    func isFinal() {
        let final = EnvelopeStatus.allCases.filter(\.isFinal)
        #expect(Set(final) == [.succeeded, .cancelled])
    }

    @Test("illegal beats every other check: a stranger on a pending envelope gets `illegal`")
    func illegalIsCheckedFirst() {
        let pending = Fixture.envelope(.pending)
        #expect(throws: EnvelopeTransitionError.illegal(transition: "succeed", from: .pending)) {
            try EnvelopeLifecycle.apply(
                .succeed(worker: Fixture.stranger, externalID: nil, result: nil, resultTruncated: false),
                to: pending, at: Fixture.now, by: "op")
        }
        var running = Fixture.envelope(.running)
        running.runAt = Fixture.at(60_000)
        #expect(throws: EnvelopeTransitionError.illegal(transition: "claim", from: .running)) {
            try EnvelopeLifecycle.apply(
                .claim(worker: Fixture.claimer, leaseExpiresAt: Fixture.at(-5)), to: running, at: Fixture.now, by: "op")
        }
    }

    // MARK: - Lease ownership

    static let ownerOnly: [TransitionKind] = [.succeed, .fail, .scheduleRetry, .release, .renewLease]

    static func transition(_ kind: TransitionKind, by worker: WorkerID) -> EnvelopeTransition {
        switch kind {
        case .succeed: .succeed(worker: worker, externalID: "x", result: nil, resultTruncated: false)
        case .fail: .fail(worker: worker, error: "boom")
        case .scheduleRetry: .scheduleRetry(worker: worker, runAt: Fixture.at(1_000), error: "boom")
        case .release: .release(worker: worker)
        case .renewLease: .renewLease(worker: worker, leaseExpiresAt: Fixture.at(1_000))
        default: fatalError("not a worker transition: \(kind)")
        }
    }

    @Test("a worker that does not hold the lease is refused", arguments: ownerOnly)
    func notLeaseOwner(kind: TransitionKind) {
        let running = Fixture.envelope(.running)
        #expect(throws: EnvelopeTransitionError.notLeaseOwner(worker: Fixture.stranger, owner: Fixture.owner)) {
            try EnvelopeLifecycle.apply(Self.transition(kind, by: Fixture.stranger), to: running, at: Fixture.now, by: "x")
        }
    }

    @Test("nobody owns a running envelope that has no lease owner", arguments: ownerOnly)
    func notLeaseOwnerWhenUnowned(kind: TransitionKind) {
        var running = Fixture.envelope(.running)
        running.leaseOwner = nil
        #expect(throws: EnvelopeTransitionError.notLeaseOwner(worker: Fixture.owner, owner: nil)) {
            try EnvelopeLifecycle.apply(Self.transition(kind, by: Fixture.owner), to: running, at: Fixture.now, by: "x")
        }
    }

    @Test("the owner is accepted", arguments: ownerOnly)
    func ownerAccepted(kind: TransitionKind) throws {
        let running = Fixture.envelope(.running)
        let next = try EnvelopeLifecycle.apply(Self.transition(kind, by: Fixture.owner), to: running, at: Fixture.now, by: "x")
        #expect(next.updatedAt == Fixture.now)
    }

    @Test("ownership is checked before the time argument")
    func ownershipBeforeTime() {
        let running = Fixture.envelope(.running)
        #expect(throws: EnvelopeTransitionError.notLeaseOwner(worker: Fixture.stranger, owner: Fixture.owner)) {
            try EnvelopeLifecycle.apply(
                .renewLease(worker: Fixture.stranger, leaseExpiresAt: Fixture.at(-1)), to: running, at: Fixture.now, by: "x")
        }
    }

    // MARK: - Lease expiry

    @Test("a lease cannot be declared expired before its expiry", arguments: [TransitionKind.expireLease, .expireLeaseInDoubt])
    func leaseNotExpired(kind: TransitionKind) {
        var running = Fixture.envelope(.running)
        running.leaseExpiresAt = Fixture.at(1)
        #expect(throws: EnvelopeTransitionError.leaseNotExpired(expiresAt: Fixture.at(1))) {
            try EnvelopeLifecycle.apply(kind.transition, to: running, at: Fixture.now, by: "reaper")
        }
    }

    @Test("a lease is expired at exactly its expiry instant", arguments: [TransitionKind.expireLease, .expireLeaseInDoubt])
    func leaseExpiredAtBoundary(kind: TransitionKind) throws {
        var running = Fixture.envelope(.running)
        running.leaseExpiresAt = Fixture.now
        let next = try EnvelopeLifecycle.apply(kind.transition, to: running, at: Fixture.now, by: "reaper")
        #expect(next.leaseOwner == nil)
        #expect(next.leaseExpiresAt == nil)
    }

    @Test("a running envelope without a lease expiry can be reaped; the error names an unknown worker")
    func expireWithoutLease() throws {
        var running = Fixture.envelope(.running)
        running.leaseOwner = nil
        running.leaseExpiresAt = nil
        let retried = try EnvelopeLifecycle.apply(.expireLease(retryAt: Fixture.at(10)), to: running, at: Fixture.now, by: "reaper")
        #expect(retried.status == .pending)
        #expect(retried.lastError?.contains("unknown") == true)
        let doubtful = try EnvelopeLifecycle.apply(.expireLeaseInDoubt, to: running, at: Fixture.now, by: "reaper")
        #expect(doubtful.status == .dead)
        #expect(doubtful.inDoubt)
        #expect(doubtful.lastError?.contains("unknown") == true)
    }

    @Test("expireLease never schedules in the past: run_at is at least now")
    func expireLeaseClampsRunAt() throws {
        let running = Fixture.envelope(.running)
        let next = try EnvelopeLifecycle.apply(.expireLease(retryAt: Fixture.at(-30_000)), to: running, at: Fixture.now, by: "reaper")
        #expect(next.runAt == Fixture.now)
        #expect(next.attempts == running.attempts, "the expired attempt stays counted")
    }

    // MARK: - Due and future instants

    @Test("a claim before run_at is refused with notDue")
    func notDue() {
        var pending = Fixture.envelope(.pending)
        pending.runAt = Fixture.at(1)
        #expect(throws: EnvelopeTransitionError.notDue(runAt: Fixture.at(1))) {
            try EnvelopeLifecycle.apply(
                .claim(worker: Fixture.claimer, leaseExpiresAt: Fixture.at(30_000)), to: pending, at: Fixture.now, by: "w")
        }
    }

    @Test("a claim at exactly run_at is allowed")
    func dueAtBoundary() throws {
        var pending = Fixture.envelope(.pending)
        pending.runAt = Fixture.now
        let next = try EnvelopeLifecycle.apply(
            .claim(worker: Fixture.claimer, leaseExpiresAt: Fixture.at(1)), to: pending, at: Fixture.now, by: "w")
        #expect(next.status == .running)
        #expect(next.leaseExpiresAt == Fixture.at(1))
    }

    @Test("notDue is checked before the lease expiry")
    func notDueBeforeNotInFuture() {
        var pending = Fixture.envelope(.pending)
        pending.runAt = Fixture.at(5)
        #expect(throws: EnvelopeTransitionError.notDue(runAt: Fixture.at(5))) {
            try EnvelopeLifecycle.apply(
                .claim(worker: Fixture.claimer, leaseExpiresAt: Fixture.at(-5)), to: pending, at: Fixture.now, by: "w")
        }
    }

    @Test("instants that must lie in the future are refused at now and before", arguments: [Int64(0), -1, -86_400_000])
    func notInFuture(offset: Int64) {
        let instant = Fixture.at(offset)
        let cases: [(EnvelopeTransition, Envelope)] = [
            (.claim(worker: Fixture.claimer, leaseExpiresAt: instant), Fixture.envelope(.pending)),
            (.renewLease(worker: Fixture.owner, leaseExpiresAt: instant), Fixture.envelope(.running)),
            (.deferRun(until: instant, reason: "r"), Fixture.envelope(.pending)),
        ]
        for (transition, envelope) in cases {
            #expect(throws: EnvelopeTransitionError.notInFuture(instant), "\(transition.name)") {
                try EnvelopeLifecycle.apply(transition, to: envelope, at: Fixture.now, by: "w")
            }
        }
    }

    /// The worker picks a retry time when the attempt fails and writes it with the next
    /// batch; if that time has passed by then, the retry is due at once — never refused,
    /// which would strand the envelope under an expired lease.
    @Test("a retry time already past when written makes the retry due now", arguments: [Int64(0), -1, -86_400_000])
    func retryInThePastIsDueNow(offset: Int64) throws {
        let retried = try EnvelopeLifecycle.apply(
            .scheduleRetry(worker: Fixture.owner, runAt: Fixture.at(offset), error: "e"), to: Fixture.envelope(.running),
            at: Fixture.now, by: "w")
        #expect(retried.status == .pending)
        #expect(retried.runAt == Fixture.now)
    }

    @Test("one millisecond in the future is enough")
    func oneMillisecondIsFuture() throws {
        let soon = Fixture.at(1)
        _ = try EnvelopeLifecycle.apply(.claim(worker: Fixture.claimer, leaseExpiresAt: soon), to: Fixture.envelope(.pending), at: Fixture.now, by: "w")
        _ = try EnvelopeLifecycle.apply(.renewLease(worker: Fixture.owner, leaseExpiresAt: soon), to: Fixture.envelope(.running), at: Fixture.now, by: "w")
        _ = try EnvelopeLifecycle.apply(.scheduleRetry(worker: Fixture.owner, runAt: soon, error: "e"), to: Fixture.envelope(.running), at: Fixture.now, by: "w")
        let deferred = try EnvelopeLifecycle.apply(.deferRun(until: soon, reason: "r"), to: Fixture.envelope(.pending), at: Fixture.now, by: "w")
        #expect(deferred.runAt == soon)
    }

    // MARK: - Attempts

    @Test("release gives the attempt back but never goes below zero", arguments: [(3, 2), (1, 0), (0, 0)])
    func releaseAttempts(before: Int, after: Int) throws {
        var running = Fixture.envelope(.running)
        running.attempts = before
        let next = try EnvelopeLifecycle.apply(.release(worker: Fixture.owner), to: running, at: Fixture.now, by: "w")
        #expect(next.attempts == after)
        #expect(next.runAt == running.runAt, "a released envelope is due again at once")
    }

    @Test("succeed without external id or result clears them")
    func succeedWithNothing() throws {
        var running = Fixture.envelope(.running)
        running.externalID = "stale"
        running.result = "stale"
        running.resultTruncated = true
        let next = try EnvelopeLifecycle.apply(
            .succeed(worker: Fixture.owner, externalID: nil, result: nil, resultTruncated: false), to: running, at: Fixture.now, by: "w")
        #expect(next.externalID == nil)
        #expect(next.result == nil)
        #expect(next.resultTruncated == false)
    }

    // MARK: - Submit and whole journeys

    @Test("submit makes a pending envelope due at the draft's run_at or now")
    func submit() throws {
        let draft = try EnvelopeDraft(tenantID: Fixture.tenant, toolSlug: "gmail_send_email", arguments: ["to": "x"])
        let envelope = EnvelopeLifecycle.submit(draft, id: 9, idempotencyKey: "k-9", at: Fixture.now)
        #expect(envelope.id == 9)
        #expect(envelope.tenantID == Fixture.tenant)
        #expect(envelope.toolSlug == "GMAIL_SEND_EMAIL")
        #expect(envelope.toolkit == "gmail")
        #expect(envelope.arguments == ["to": "x"])
        #expect(envelope.risk == .medium)
        #expect(envelope.status == .pending)
        #expect(envelope.attempts == 0)
        #expect(envelope.runAt == Fixture.now)
        #expect(envelope.idempotencyKey == "k-9")
        #expect(envelope.createdAt == Fixture.now)
        #expect(envelope.updatedAt == Fixture.now)
        #expect(envelope.leaseOwner == nil && envelope.leaseExpiresAt == nil)
        #expect(envelope.lastError == nil && envelope.statusReason == nil && envelope.approvedBy == nil)
        #expect(!envelope.inDoubt)

        let later = try EnvelopeDraft(tenantID: Fixture.tenant, toolSlug: "GMAIL_SEND_EMAIL", runAt: Fixture.at(60_000))
        #expect(EnvelopeLifecycle.submit(later, id: 10, idempotencyKey: "k", at: Fixture.now).runAt == Fixture.at(60_000))
    }

    @Test("a held envelope is approved, retried after an error, and succeeds")
    func journey() throws {
        let draft = try EnvelopeDraft(tenantID: Fixture.tenant, toolSlug: "STRIPE_CREATE_REFUND")
        var envelope = EnvelopeLifecycle.submit(draft, id: 1, idempotencyKey: "k", at: Fixture.now)
        var now = Fixture.now
        func step(_ transition: EnvelopeTransition, by actor: String = "w") throws {
            now = now.adding(milliseconds: 1_000)
            envelope = try EnvelopeLifecycle.apply(transition, to: envelope, at: now, by: actor)
        }
        try step(.holdForApproval(reason: "critical"))
        #expect(envelope.status == .awaitingApproval)
        try step(.approve, by: "alice")
        #expect(envelope.approvedBy == "alice")
        #expect(envelope.statusReason == nil)
        try step(.claim(worker: "w1", leaseExpiresAt: now.adding(seconds: 60)))
        #expect(envelope.attempts == 1)
        try step(.scheduleRetry(worker: "w1", runAt: now.adding(seconds: 30), error: "HTTP 503"))
        #expect(envelope.status == .pending)
        #expect(throws: EnvelopeTransitionError.notDue(runAt: envelope.runAt)) {
            try EnvelopeLifecycle.apply(.claim(worker: "w2", leaseExpiresAt: now.adding(seconds: 90)), to: envelope, at: now, by: "w2")
        }
        now = envelope.runAt
        try step(.claim(worker: "w2", leaseExpiresAt: now.adding(seconds: 60)))
        #expect(envelope.attempts == 2)
        #expect(envelope.lastError == "HTTP 503")
        try step(.renewLease(worker: "w2", leaseExpiresAt: now.adding(seconds: 120)))
        try step(.succeed(worker: "w2", externalID: "log_1", result: "{}", resultTruncated: false))
        #expect(envelope.status == .succeeded)
        #expect(envelope.lastError == nil)
        #expect(envelope.approvedBy == "alice")
        #expect(envelope.attempts == 2)
        #expect(envelope.updatedAt == now)
    }

    @Test("a dead in-doubt envelope retried by an operator starts over")
    func retryFromInDoubt() throws {
        var envelope = Fixture.envelope(.running)
        envelope = try EnvelopeLifecycle.apply(.expireLeaseInDoubt, to: envelope, at: Fixture.now, by: "reaper")
        #expect(envelope.status == .dead && envelope.inDoubt)
        let later = Fixture.at(5_000)
        envelope = try EnvelopeLifecycle.apply(.retry, to: envelope, at: later, by: "alice")
        #expect(envelope.status == .pending)
        #expect(envelope.attempts == 0)
        #expect(envelope.runAt == later)
        #expect(!envelope.inDoubt)
        _ = try EnvelopeLifecycle.apply(.claim(worker: "w", leaseExpiresAt: later.adding(seconds: 1)), to: envelope, at: later, by: "w")
    }

    // MARK: - Errors

    @Test("error descriptions name what went wrong")
    func errorDescriptions() {
        #expect(EnvelopeTransitionError.illegal(transition: "renew lease", from: .pending).description
            == "cannot renew lease an envelope that is pending")
        #expect(EnvelopeTransitionError.notLeaseOwner(worker: "w2", owner: nil).description.contains("none"))
        #expect(EnvelopeTransitionError.notLeaseOwner(worker: "w2", owner: "w1").description.contains("w1"))
        #expect(EnvelopeTransitionError.notDue(runAt: Timestamp(millisecondsSinceEpoch: 0)).description
            .contains("1970-01-01T00:00:00.000Z"))
    }
}
