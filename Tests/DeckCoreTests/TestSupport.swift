import DeckCore

// Shared fixtures for the DeckCore tests: a deterministic PRNG, envelope builders and a
// case-iterable stand-in for `EnvelopeTransition` (whose cases carry values).

/// SplitMix64: tiny, fast, deterministic. Every random test seeds it explicitly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<upperBound`.
    mutating func below(_ upperBound: Int) -> Int { Int(next() % UInt64(upperBound)) }

    /// True with probability `1 / oneIn`.
    mutating func chance(_ oneIn: Int) -> Bool { below(oneIn) == 0 }
}

/// The fixed "now" of lifecycle tests and instants relative to it.
enum Fixture {
    static let now = Timestamp(millisecondsSinceEpoch: 1_790_000_000_000)
    static let tenant = TenantID(rawValue: "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f")
    static let owner: WorkerID = "worker-a"
    static let stranger: WorkerID = "worker-b"
    static let claimer: WorkerID = "worker-c"

    static func at(_ offsetMilliseconds: Int64) -> Timestamp { now.adding(milliseconds: offsetMilliseconds) }

    /// An envelope in `status` with distinctive values in every field, set up so that every
    /// legal transition's extra preconditions hold at `now` (due, lease expired, owned by
    /// `owner`).
    static func envelope(_ status: EnvelopeStatus) -> Envelope {
        var envelope = Envelope(
            id: 42, tenantID: tenant, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", version: "20250101_00",
            connectedAccountID: "ca_1", taskID: 7, arguments: ["to": "a@example.com"], risk: .medium,
            status: status, attempts: 2, runAt: at(-60_000), lastError: "earlier failure",
            statusReason: "earlier reason", idempotencyKey: "key-1", createdAt: at(-120_000),
            updatedAt: at(-60_000))
        switch status {
        case .running:
            envelope.leaseOwner = owner
            envelope.leaseExpiresAt = at(-1_000)
        case .dead:
            envelope.inDoubt = true
        case .succeeded:
            envelope.externalID = "log_old"
            envelope.result = "{\"old\":true}"
            envelope.lastError = nil
        case .awaitingApproval, .pending, .cancelled:
            break
        }
        return envelope
    }
}

/// One case per `EnvelopeTransition` case, so tests can iterate over all of them.
enum TransitionKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case approve, discard, retry, claim, renewLease, succeed, scheduleRetry, fail, release
    case expireLease, expireLeaseInDoubt, holdForApproval, deferRun, reject

    var description: String { rawValue }

    /// The concrete transition used by the matrix tests (acting as `Fixture.owner` where a
    /// worker is needed; a claim is made by `Fixture.claimer`).
    var transition: EnvelopeTransition {
        switch self {
        case .approve: .approve
        case .discard: .discard
        case .retry: .retry
        case .claim: .claim(worker: Fixture.claimer, leaseExpiresAt: Fixture.at(30_000))
        case .renewLease: .renewLease(worker: Fixture.owner, leaseExpiresAt: Fixture.at(45_000))
        case .succeed: .succeed(worker: Fixture.owner, externalID: "log_123", result: "{\"ok\":true}", resultTruncated: true)
        case .scheduleRetry: .scheduleRetry(worker: Fixture.owner, runAt: Fixture.at(5_000), error: "HTTP 503")
        case .fail: .fail(worker: Fixture.owner, error: "HTTP 400 bad request")
        case .release: .release(worker: Fixture.owner)
        case .expireLease: .expireLease(retryAt: Fixture.at(10_000))
        case .expireLeaseInDoubt: .expireLeaseInDoubt
        case .holdForApproval: .holdForApproval(reason: "risk high above autonomy medium")
        case .deferRun: .deferRun(until: Fixture.at(3_600_000), reason: "quiet hours 22:00-07:00")
        case .reject: .reject(reason: "toolkit stripe not allowed")
        }
    }
}
